import { InboxOutlined, UploadOutlined } from '@ant-design/icons'
import { files } from '@shuqiao/contracts'
import { Alert, Button, Space, Typography, Upload, type UploadFile, type UploadProps } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatFileSize } from './file-size.ts'
import { sendFile } from './upload-request.ts'

type FileInfo = files.FileInfo

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024

/** Files that count against `maxCount`: uploaded or on their way, not failed ones. */
const kept = (list: UploadFile[]) => list.filter((item) => item.status !== 'error').length

export interface FileUploadProps {
  /** Every file the server has accepted and the reader has not removed, after each change. */
  onChange?: (uploaded: FileInfo[]) => void
  /** Kinds offered in the file picker (default: what `POST /api/files` takes). The server still decides from the content. */
  kinds?: readonly files.FileKind[]
  /** Refuse larger files before sending them (default 20 MiB, the server's default; the server enforces its own). */
  maxBytes?: number
  /** How many files the list may hold (default 5); the trigger hides when it is full. */
  maxCount?: number
  /** A drop area instead of a button, for pages where uploading is the main task. */
  dragger?: boolean
  disabled?: boolean
  'data-testid'?: string
}

/**
 * Uploads files to `POST /api/files`, one request per file, with a progress bar each, and
 * shows the server's own reason (its problem `detail`, in the reader's language) when it
 * refuses one. Uploaded files stay private to the uploader until the module the form posts to
 * attaches them by id, so pass `onChange`'s ids along with the form. Uncontrolled: give it a
 * new `key` to clear it. Usable as an antd `Form.Item` child; the item's value is then the
 * accepted `FileInfo[]`.
 */
export const FileUpload = ({
  onChange,
  kinds = files.ATTACHMENT_KINDS,
  maxBytes = DEFAULT_MAX_BYTES,
  maxCount = 5,
  dragger = false,
  disabled = false,
  'data-testid': testId,
}: FileUploadProps) => {
  const { t, i18n } = useTranslation('files')
  const [fileList, setFileList] = useState<UploadFile<FileInfo>[]>([])
  const [problem, setProblem] = useState<string>()
  const reported = useRef('')
  const size = formatFileSize(maxBytes, i18n.language)
  const kindNames = kinds.map((kind) => t(`kinds.${kind}`)).join(t('upload.separator'))

  const report = (list: UploadFile<FileInfo>[]) => {
    const done = list.flatMap((item) => (item.status === 'done' && item.response ? [item.response] : []))
    const key = done.map((file) => file.id).join()
    if (key === reported.current) return
    reported.current = key
    onChange?.(done)
  }

  const props: UploadProps<FileInfo> = {
    fileList,
    disabled,
    multiple: maxCount > 1,
    accept: kinds.flatMap((kind) => files.FILE_KINDS[kind].extensions).join(','),
    beforeUpload: (file, batch) => {
      setProblem(undefined)
      if (kept(fileList) + batch.indexOf(file) >= maxCount) {
        setProblem(t('upload.tooMany', { count: maxCount }))
        return Upload.LIST_IGNORE
      }
      if (file.size <= maxBytes) return true
      setProblem(t('upload.tooLarge', { name: file.name, size }))
      return Upload.LIST_IGNORE
    },
    customRequest: ({ file, onProgress, onSuccess, onError }) => {
      const blob = file as File
      const abort = sendFile(
        blob,
        blob.name,
        {
          onProgress: (percent) => onProgress?.({ percent }),
          onDone: (info) => onSuccess?.(info),
          onProblem: (refusal) => {
            setProblem(t('upload.failed', { name: blob.name, detail: refusal.detail }))
            // An ApiProblem's message is its detail, so the failed item's tooltip says the same.
            onError?.(refusal)
          },
        },
        t('upload.network'),
      )
      return { abort }
    },
    onChange: ({ fileList: next }) => {
      setFileList(next)
      report(next)
    },
  }

  const full = kept(fileList) >= maxCount
  const hint = t('upload.hint', { kinds: kindNames, size })

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
      {dragger ? (
        <Upload.Dragger {...props} disabled={disabled || full}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('upload.drag')}</p>
          <p className="ant-upload-hint">{hint}</p>
        </Upload.Dragger>
      ) : (
        <>
          <Upload {...props}>
            {!full && (
              <Button icon={<UploadOutlined />} disabled={disabled}>
                {t('upload.button')}
              </Button>
            )}
          </Upload>
          <Typography.Text type="secondary">{hint}</Typography.Text>
        </>
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={problem}
          closable={{ onClose: () => setProblem(undefined) }}
        />
      )}
    </Space>
  )
}
