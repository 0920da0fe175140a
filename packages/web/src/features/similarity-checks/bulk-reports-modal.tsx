import { InboxOutlined } from '@ant-design/icons'
import { similarityChecks as sc } from '@shuqiao/contracts'
import { Alert, App as AntApp, Button, Modal, Progress, Space, Table, Tag, Typography, Upload } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { urlOf } from '../../api/client.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { postFiles } from '../files/index.ts'
import { BULK_REPORT_OUTCOMES, MAX_BULK_REPORT_NAMES, reportOutcomeColour, uploadChunks } from './logic.ts'
import {
  type BulkReportAnswer,
  type BulkReportFile,
  useReportsPreview,
  useReportsUploaded,
} from './queries.ts'

type Phase =
  | { step: 'pick' }
  | { step: 'checking' }
  | { step: 'ready' }
  | { step: 'uploading'; percent: number; sent: number; total: number }
  | { step: 'done' }

interface Row extends BulkReportFile {
  index: number
}

/**
 * Uploads a service's report PDFs for a whole batch at once. The files picked are first matched
 * by name (a preview: nothing is sent yet), listing for each the thesis it is for or why it is
 * left out; then only the matched files are sent, a few per request, and each row shows what
 * became of its file.
 */
export const BulkReportsModal = ({
  batchId,
  open,
  onClose,
}: {
  batchId: string
  open: boolean
  onClose: () => void
}) => {
  const { t } = useTranslation(['similarityChecks', 'common', 'files'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const preview = useReportsPreview(batchId)
  const uploaded = useReportsUploaded()
  const [phase, setPhase] = useState<Phase>({ step: 'pick' })
  const [picked, setPicked] = useState<File[]>([])
  const [rows, setRows] = useState<Row[]>([])
  const [failure, setFailure] = useState<string>()
  const abort = useRef<(() => void) | undefined>(undefined)

  const reset = () => {
    abort.current?.()
    abort.current = undefined
    setPhase({ step: 'pick' })
    setPicked([])
    setRows([])
    setFailure(undefined)
  }

  const close = () => {
    reset()
    onClose()
  }

  const pick = (files: File[]) => {
    setFailure(undefined)
    if (files.length > MAX_BULK_REPORT_NAMES) {
      setFailure(t('bulkReports.tooMany', { count: MAX_BULK_REPORT_NAMES }))
      return
    }
    setPicked(files)
    setPhase({ step: 'checking' })
    preview.mutate(
      files.map((file) => ({ name: file.name, size: file.size })),
      {
        onSuccess: (answer) => {
          setRows(answer.files.map((row, index) => ({ ...row, index })))
          setPhase({ step: 'ready' })
        },
        onError: (error) => {
          setFailure(errorText(error))
          setPhase({ step: 'pick' })
        },
      },
    )
  }

  const send = (indexes: number[], onProgress: (percent: number) => void) =>
    new Promise<BulkReportAnswer>((resolve, reject) => {
      abort.current = postFiles<BulkReportAnswer>(
        urlOf(sc.uploadBulkReports, { params: { batchId } }),
        indexes.map((index) => ({ file: picked[index]!, name: picked[index]!.name })),
        { onProgress, onDone: resolve, onProblem: reject },
        t('files:upload.network'),
      )
    })

  const apply = async () => {
    const matched = rows.filter((row) => row.outcome === 'matched').map((row) => row.index)
    const chunks = uploadChunks(matched.map((index) => picked[index]!.size)).map((chunk) =>
      chunk.map((at) => matched[at]!),
    )
    const totalBytes = matched.reduce((sum, index) => sum + picked[index]!.size, 0) || 1
    let doneBytes = 0
    let sent = 0
    let attached = 0
    setFailure(undefined)
    try {
      for (const chunk of chunks) {
        const chunkBytes = chunk.reduce((sum, index) => sum + picked[index]!.size, 0)
        setPhase({
          step: 'uploading',
          percent: Math.round((doneBytes / totalBytes) * 100),
          sent,
          total: matched.length,
        })
        const answer = await send(chunk, (percent) =>
          setPhase({
            step: 'uploading',
            percent: Math.round(((doneBytes + (chunkBytes * percent) / 100) / totalBytes) * 100),
            sent,
            total: matched.length,
          }),
        )
        setRows((current) =>
          current.map((row) => {
            const at = chunk.indexOf(row.index)
            return at < 0 || !answer.files[at] ? row : { ...answer.files[at], index: row.index }
          }),
        )
        doneBytes += chunkBytes
        sent += chunk.length
        attached += answer.attached
      }
      void message.success(t('bulkReports.done', { count: attached }))
    } catch (error) {
      setFailure(errorText(error))
    } finally {
      abort.current = undefined
      setPhase({ step: 'done' })
      if (sent > 0) uploaded()
    }
  }

  const counts = BULK_REPORT_OUTCOMES.map((outcome) => ({
    outcome,
    count: rows.filter((row) => row.outcome === outcome).length,
  })).filter(({ count }) => count > 0)
  const toSend = rows.filter((row) => row.outcome === 'matched').length
  const busy = phase.step === 'checking' || phase.step === 'uploading'

  return (
    <Modal
      open={open}
      title={t('bulkReports.title')}
      onCancel={close}
      width={960}
      destroyOnHidden
      maskClosable={!busy}
      footer={
        <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
          {phase.step !== 'pick' && (
            <Button onClick={reset} disabled={phase.step === 'uploading'}>
              {t('bulkReports.again')}
            </Button>
          )}
          <Button onClick={close} data-testid="bulk-reports-close">
            {phase.step === 'done' ? t('common:action.close') : t('common:action.cancel')}
          </Button>
          {phase.step !== 'done' && (
            <Button
              type="primary"
              disabled={phase.step !== 'ready' || toSend === 0}
              loading={phase.step === 'uploading'}
              onClick={() => void apply()}
              data-testid="bulk-reports-apply"
            >
              {t('bulkReports.apply', { count: toSend })}
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="bulk-reports-modal">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('bulkReports.hint')}
        </Typography.Paragraph>
        {phase.step === 'pick' && (
          <div data-testid="bulk-reports-picker">
            <Upload.Dragger
              accept=".pdf,application/pdf"
              multiple
              fileList={[]}
              showUploadList={false}
              beforeUpload={(file, batch) => {
                // Called once per file with the whole selection: take it once.
                if (file === batch[0]) pick(batch)
                return false
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('bulkReports.drag')}</p>
            </Upload.Dragger>
          </div>
        )}
        {phase.step === 'checking' && <Alert type="info" showIcon title={t('bulkReports.checking')} />}
        {phase.step === 'uploading' && (
          <div data-testid="bulk-reports-progress" aria-live="polite">
            <Progress percent={phase.percent} status="active" />
            <Typography.Text type="secondary">
              {t('bulkReports.uploading', { sent: phase.sent, total: phase.total })}
            </Typography.Text>
          </div>
        )}
        {failure && (
          <Alert type="error" showIcon role="alert" title={failure} data-testid="bulk-reports-failure" />
        )}
        {rows.length > 0 && (
          <>
            <Space wrap size={[8, 4]} data-testid="bulk-reports-summary">
              <Typography.Text strong>{t('bulkReports.picked', { count: picked.length })}</Typography.Text>
              {counts.map(({ outcome, count }) => (
                <Tag key={outcome} color={reportOutcomeColour(outcome)}>
                  {t(`bulkReports.outcomes.${outcome}`)} {count}
                </Tag>
              ))}
            </Space>
            <Table<Row>
              size="small"
              rowKey="index"
              dataSource={rows}
              pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 760 }}
              data-testid="bulk-reports-table"
              columns={[
                {
                  title: t('bulkReports.file'),
                  dataIndex: 'name',
                  width: 220,
                  ellipsis: true,
                  render: (name: string) => <span title={name}>{name}</span>,
                },
                {
                  title: t('bulkReports.thesis'),
                  key: 'thesis',
                  width: 260,
                  render: (_: unknown, row) =>
                    row.thesis ? (
                      <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                        <Typography.Text>
                          {row.thesis.authorName}（{row.thesis.readerNumber}）
                        </Typography.Text>
                        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 240, fontSize: 12 }}>
                          {row.thesis.title}
                        </Typography.Text>
                      </Space>
                    ) : (
                      <Typography.Text type="secondary">{row.readerNumber ?? '—'}</Typography.Text>
                    ),
                },
                {
                  title: t('bulkReports.outcome'),
                  key: 'outcome',
                  render: (_: unknown, row) => (
                    <Space orientation="vertical" size={2}>
                      <Space size={4} wrap>
                        <Tag
                          color={reportOutcomeColour(row.outcome)}
                          data-testid={`bulk-report-${row.outcome}`}
                        >
                          {t(`bulkReports.outcomes.${row.outcome}`)}
                        </Tag>
                        {row.replaces && (row.outcome === 'matched' || row.outcome === 'attached') && (
                          <Tag>{t('bulkReports.replaces')}</Tag>
                        )}
                      </Space>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.message}
                      </Typography.Text>
                    </Space>
                  ),
                },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  )
}
