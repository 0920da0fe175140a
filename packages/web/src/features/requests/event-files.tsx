import { PaperClipOutlined } from '@ant-design/icons'
import { files } from '@shuqiao/contracts'
import { useQueries } from '@tanstack/react-query'
import { Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { call } from '../../api/client.ts'
import { FileLink } from '../files/index.ts'

/** The files attached to one timeline event, as download links with their names and sizes. */
export const EventFiles = ({ fileIds }: { fileIds: string[] }) => {
  const { t } = useTranslation('requests')
  const metas = useQueries({
    queries: fileIds.map((fileId) => ({
      queryKey: ['file-meta', fileId],
      queryFn: () => call(files.getFileMeta, { params: { fileId } }),
      staleTime: Number.POSITIVE_INFINITY,
      retry: false,
    })),
  })
  return (
    <Space
      orientation="vertical"
      size={2}
      style={{ display: 'flex', marginTop: 4 }}
      data-testid="timeline-files"
    >
      {fileIds.map((fileId, index) => {
        const meta = metas[index]
        if (meta?.data) return <FileLink key={fileId} file={meta.data} />
        return (
          <Typography.Text key={fileId} type="secondary" style={{ fontSize: 13 }}>
            <PaperClipOutlined /> {meta?.isError ? t('files.unavailable') : t('files.loading')}
          </Typography.Text>
        )
      })}
    </Space>
  )
}
