import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { catalogue } from '@shuqiao/contracts'
import { Alert, Modal, Progress, Space, Typography, Upload } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { urlOf } from '../../api/client.ts'
import { postFile } from '../files/index.ts'
import { importFileProblem, SAMPLE_CSV } from './catalogue-logic.ts'
import { type ImportDetail, useRememberPreview } from './queries.ts'

type Phase = { step: 'idle' } | { step: 'uploading'; percent: number } | { step: 'checking' }

/** A link to the sample export with the documented Chinese headers. */
export const SampleLink = () => {
  const { t } = useTranslation('catalogue')
  return (
    <Typography.Link href={SAMPLE_CSV} download="catalogue-items.csv" data-testid="catalogue-sample">
      <DownloadOutlined /> {t('import.sample')}
    </Typography.Link>
  )
}

/**
 * Uploads one CSV or Excel export to `POST /api/catalogue/imports` with a progress bar, then
 * hands over the stored preview. A file the server cannot take is explained in place (its
 * problem detail names the missing columns or the row limit), and another can be picked.
 */
export const ImportUploadModal = ({
  open,
  onClose,
  onPreview,
}: {
  open: boolean
  onClose: () => void
  onPreview: (detail: ImportDetail) => void
}) => {
  const { t } = useTranslation(['catalogue', 'common'])
  const [phase, setPhase] = useState<Phase>({ step: 'idle' })
  const [problem, setProblem] = useState<string>()
  const abort = useRef<(() => void) | undefined>(undefined)
  const remember = useRememberPreview()
  const busy = phase.step !== 'idle'

  const close = () => {
    abort.current?.()
    abort.current = undefined
    setPhase({ step: 'idle' })
    setProblem(undefined)
    onClose()
  }

  const start = (file: File) => {
    setProblem(undefined)
    const refusal = importFileProblem(file)
    if (refusal) {
      setProblem(t(`import.${refusal}`, { name: file.name }))
      return
    }
    setPhase({ step: 'uploading', percent: 0 })
    abort.current = postFile<ImportDetail>(
      urlOf(catalogue.previewCatalogueImport),
      file,
      file.name,
      {
        onProgress: (percent) =>
          setPhase(percent >= 100 ? { step: 'checking' } : { step: 'uploading', percent }),
        onDone: (detail) => {
          abort.current = undefined
          setPhase({ step: 'idle' })
          remember(detail)
          onPreview(detail)
        },
        onProblem: (refused) => {
          abort.current = undefined
          setPhase({ step: 'idle' })
          setProblem(t('import.failed', { name: file.name, detail: refused.detail }))
        },
      },
      t('import.network'),
    )
  }

  return (
    <Modal
      open={open}
      title={t('import.title')}
      onCancel={close}
      footer={null}
      destroyOnHidden
      width={560}
      data-testid="import-modal"
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('import.intro')}</Typography.Text>
        <div data-testid="import-upload">
          <Upload.Dragger
            accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            maxCount={1}
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              start(file)
              return false
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('import.drag')}</p>
            <p className="ant-upload-hint" style={{ paddingInline: 16 }}>
              {t('import.hint')}
            </p>
          </Upload.Dragger>
        </div>
        {busy && (
          <div data-testid="import-progress" aria-live="polite">
            <Progress
              percent={phase.step === 'uploading' ? phase.percent : 100}
              status="active"
              showInfo={false}
            />
            <Typography.Text type="secondary">
              {phase.step === 'uploading'
                ? t('import.uploading', { percent: phase.percent })
                : t('import.checking')}
            </Typography.Text>
          </div>
        )}
        {problem && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={problem}
            data-testid="import-error"
            closable={{ onClose: () => setProblem(undefined) }}
          />
        )}
        <Space size={16} wrap>
          <SampleLink />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('import.updatesHint')}
          </Typography.Text>
        </Space>
      </Space>
    </Modal>
  )
}
