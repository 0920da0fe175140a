import { PaperClipOutlined } from '@ant-design/icons'
import { files } from '@shuqiao/contracts'
import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { urlOf } from '../../api/client.ts'
import { formatFileSize } from './file-size.ts'

export interface FileLinkProps {
  /** The file as the API describes it; `size` is shown when given. */
  file: Pick<files.FileInfo, 'id' | 'name'> & { size?: number }
}

/**
 * A plain link that downloads a file through `GET /api/files/:fileId`. The browser sends the
 * session cookie and saves the file under the name the server gives it; a file the reader may
 * not see answers 404 like one that does not exist.
 */
export const FileLink = ({ file }: FileLinkProps) => {
  const { t, i18n } = useTranslation('files')
  return (
    <Typography.Link
      href={urlOf(files.downloadFile, { params: { fileId: file.id } })}
      download={file.name}
      aria-label={t('download.label', { name: file.name })}
    >
      <PaperClipOutlined /> {file.name}
      {file.size !== undefined && (
        <Typography.Text type="secondary"> ({formatFileSize(file.size, i18n.language)})</Typography.Text>
      )}
    </Typography.Link>
  )
}
