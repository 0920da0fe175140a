import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import { circulationImports } from '@shuqiao/contracts'
import { Alert, Progress, Space, Typography, Upload } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { urlOf } from '../../api/client.ts'
import { postFile } from '../files/index.ts'
import { SAMPLE_FILES } from './circulation-logic.ts'
import type { ImportDetail } from './queries.ts'

type Phase = { step: 'idle' } | { step: 'uploading'; percent: number } | { step: 'checking' }

/** The two sample exports, with the documented Chinese headers. */
export const SampleLinks = () => {
  const { t } = useTranslation('circulation')
  return (
    <Space size={16} wrap>
      <Typography.Link href={SAMPLE_FILES.loans} download="circulation-loans.csv" data-testid="sample-loans">
        <DownloadOutlined /> {t('imports.sampleLoans')}
      </Typography.Link>
      <Typography.Link href={SAMPLE_FILES.fines} download="circulation-fines.csv" data-testid="sample-fines">
        <DownloadOutlined /> {t('imports.sampleFines')}
      </Typography.Link>
    </Space>
  )
}

/** Uploads one export for a dry run, with a progress bar; a file the server refuses is explained in place. */
export const ImportUpload = ({ onPreview }: { onPreview: (detail: ImportDetail) => void }) => {
  const { t } = useTranslation('circulation')
  const [phase, setPhase] = useState<Phase>({ step: 'idle' })
  const [problem, setProblem] = useState<string>()
  const abort = useRef<(() => void) | undefined>(undefined)

  const start = (file: File) => {
    setProblem(undefined)
    setPhase({ step: 'uploading', percent: 0 })
    abort.current = postFile<ImportDetail>(
      urlOf(circulationImports.previewCirculationImport),
      file,
      file.name,
      {
        onProgress: (percent) =>
          setPhase(percent >= 100 ? { step: 'checking' } : { step: 'uploading', percent }),
        onDone: (detail) => {
          setPhase({ step: 'idle' })
          onPreview(detail)
        },
        onProblem: (refused) => {
          setPhase({ step: 'idle' })
          setProblem(t('imports.failed', { name: file.name, detail: refused.detail }))
        },
      },
      t('imports.network'),
    )
  }

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <div data-testid="circulation-import-upload">
        <Upload.Dragger
          accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          showUploadList={false}
          disabled={phase.step !== 'idle'}
          beforeUpload={(file) => {
            start(file)
            return false
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('imports.upload')}</p>
          <p className="ant-upload-hint" style={{ paddingInline: 16 }}>
            {t('imports.hint')}
          </p>
        </Upload.Dragger>
      </div>
      {phase.step !== 'idle' && (
        <div aria-live="polite" data-testid="circulation-import-progress">
          <Progress
            percent={phase.step === 'uploading' ? phase.percent : 100}
            status="active"
            showInfo={false}
          />
          <Typography.Text type="secondary">
            {phase.step === 'uploading'
              ? t('imports.uploading', { percent: phase.percent })
              : t('imports.checking')}
          </Typography.Text>
        </div>
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem}
          data-testid="circulation-import-error"
          closable={{ onClose: () => setProblem(undefined) }}
        />
      )}
      <SampleLinks />
    </Space>
  )
}
