import { FilePdfOutlined, LinkOutlined } from '@ant-design/icons'
import { Alert, Empty, List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageError, PageLoading } from '../../app/page-states.tsx'
import { useCourseItems } from './reserve-items-queries.ts'

/**
 * A course's materials as its readers see them on a phone: what they can open now, and the
 * titles the library is still working on, each saying why it cannot be opened yet.
 */
export const ReaderMaterials = ({ courseId }: { courseId: string }) => {
  const { t } = useTranslation('courseReserves')
  const items = useCourseItems(courseId)
  if (items.isPending) return <PageLoading rows={3} />
  if (items.isError) return <PageError error={items.error} onRetry={() => void items.refetch()} />
  const { readerItems, waiting } = items.data
  if (readerItems.length === 0 && waiting.length === 0)
    return <Alert type="info" showIcon title={t('items.reader.none')} data-testid="my-course-no-materials" />
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="my-course-materials">
      <List
        dataSource={readerItems}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('items.reader.noneYet')} />,
        }}
        renderItem={(item) => (
          <List.Item data-testid="my-course-material" data-code={item.code}>
            <Link to={`/reserve/${item.code}`} style={{ overflowWrap: 'anywhere' }}>
              {item.kind === 'file' ? <FilePdfOutlined /> : <LinkOutlined />} {item.name}
            </Link>
            {item.kind === 'file' && !item.downloadable && <Tag>{t('items.reader.readOnline')}</Tag>}
          </List.Item>
        )}
      />
      {waiting.length > 0 && (
        <List
          header={<Typography.Text strong>{t('items.reader.waiting')}</Typography.Text>}
          dataSource={waiting}
          data-testid="my-course-waiting"
          renderItem={(title) => (
            <List.Item data-testid="my-course-waiting-title" data-status={title.status}>
              <Space orientation="vertical" size={0}>
                <Typography.Text style={{ overflowWrap: 'anywhere' }}>
                  {title.title ?? title.isbn13}
                  {title.author ? ` / ${title.author}` : ''}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {title.status === 'unavailable'
                    ? t('items.reader.unavailable')
                    : t('items.reader.preparing')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  )
}
