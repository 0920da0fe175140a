import { DeleteOutlined, LinkOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Empty, List, Popconfirm, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { TitleAddForm } from './title-add-form.tsx'
import { TitleStatusTag, TitleText } from './title-parts.tsx'
import { type CourseTitle, useCourseTitles, useRemoveTitle } from './title-queries.ts'

/**
 * What a course requires, for its teachers and the library's staff: the form to add titles and
 * the list of them with where each stands and, once matched, its link. Phone first.
 */
export const CourseTitlesPanel = ({ courseId }: { courseId: string }) => {
  const { t } = useTranslation('courseReserves')
  const titles = useCourseTitles(courseId)
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="course-titles">
      <TitleAddForm courseId={courseId} />
      {titles.isPending ? (
        <PageLoading rows={3} />
      ) : titles.isError ? (
        <PageError error={titles.error} onRetry={() => void titles.refetch()} />
      ) : (
        <List
          dataSource={titles.data.items}
          data-testid="course-title-list"
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('addTitle.none')} />,
          }}
          renderItem={(title) => <TitleItem courseId={courseId} title={title} />}
        />
      )}
    </Space>
  )
}

const TitleItem = ({ courseId, title }: { courseId: string; title: CourseTitle }) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const remove = useRemoveTitle(courseId)
  return (
    <List.Item data-testid="course-title" data-title-id={title.id} className="sq-cr-title-item">
      <div className="sq-cr-title-main">
        <TitleText title={title} />
        <Space size={[8, 4]} wrap>
          <TitleStatusTag status={title.status} channel={title.channel} />
          {title.link ? (
            <Typography.Link
              href={title.link.url}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="course-title-link"
            >
              <LinkOutlined /> {t('addTitle.read')} · {title.link.platform}
            </Typography.Link>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('addTitle.waiting')}
            </Typography.Text>
          )}
        </Space>
      </div>
      <Popconfirm
        title={t('addTitle.removeConfirm')}
        okText={t('addTitle.remove')}
        cancelText={t('common:action.cancel')}
        onConfirm={() =>
          remove.mutate(title.id, {
            onSuccess: () => void message.success(t('addTitle.removed')),
            onError: (error) => void message.error(errorText(error)),
          })
        }
      >
        <Button
          type="text"
          icon={<DeleteOutlined />}
          aria-label={t('addTitle.remove')}
          title={t('addTitle.remove')}
          data-testid="course-title-remove"
        />
      </Popconfirm>
    </List.Item>
  )
}
