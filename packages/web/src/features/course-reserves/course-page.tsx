import { ArrowLeftOutlined } from '@ant-design/icons'
import { Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, PageLoading } from '../../app/page-states.tsx'
import { CategoryTag } from './course-parts.tsx'
import { CourseTitlesPanel } from './course-titles-panel.tsx'
import { useCourse, useTerms } from './queries.ts'
import { ReserveItemsPanel } from './reserve-items-panel.tsx'
import './course-reserves.css'

/** One course for staff: what the office said of it, its teachers and accounts, its classes and students. */
export const CoursePage = () => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const { courseId } = useParams()
  const course = useCourse(courseId)
  const terms = useTerms()
  const name = useBilingual()
  usePageTitle(course.data ? `${course.data.code} ${course.data.nameZh}` : t('courses.title'))
  const back = (
    <LinkButton to="/staff/course-reserves" icon={<ArrowLeftOutlined />} data-testid="course-back">
      {t('course.back')}
    </LinkButton>
  )
  if (course.isPending) return <PageLoading />
  if (course.isError)
    return (
      <PageError error={course.error} onRetry={() => void course.refetch()} backTo="/staff/course-reserves" />
    )
  const data = course.data
  const term = terms.data?.items.find((item) => item.id === data.termId)
  const none = t('common:state.none')

  return (
    <div data-testid="course-page">
      <PageHead
        title={`${data.code} ${data.nameZh}`}
        extra={back}
        intro={
          <Space size={8} wrap>
            <CategoryTag category={data.category} />
            {term && <span>{name(term)}</span>}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            data-testid="course-summary"
            items={[
              { key: 'nameEn', label: t('course.nameEn'), children: data.nameEn ?? none },
              {
                key: 'department',
                label: t('course.department'),
                children: data.department ? (
                  name(data.department)
                ) : data.departmentName ? (
                  <Typography.Text type="secondary">
                    {t('course.asWritten', { name: data.departmentName })}
                  </Typography.Text>
                ) : (
                  none
                ),
              },
              {
                key: 'campuses',
                label: t('course.campuses'),
                children: data.campuses.join(t('common:listSeparator')) || none,
              },
              {
                key: 'enrolled',
                label: t('course.enrolled'),
                children: (
                  <span data-testid="course-enrolled">
                    {t('course.enrolledCount', { count: data.enrolmentCount })}
                  </span>
                ),
              },
              { key: 'headcount', label: t('course.headcount'), children: data.headcount ?? none },
            ]}
          />
        </Card>
        <Card size="small" title={t('course.teachers')}>
          <List
            data-testid="course-teachers"
            dataSource={data.teachers}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.noTeachers')} />,
            }}
            renderItem={(teacher) => (
              <List.Item data-testid="course-teacher">
                <Space wrap>
                  <Typography.Text strong>{teacher.name}</Typography.Text>
                  {teacher.staffNumber && (
                    <Typography.Text type="secondary">
                      {t('course.staffNumber', { number: teacher.staffNumber })}
                    </Typography.Text>
                  )}
                </Space>
                {teacher.account ? (
                  <Tag color="success">{t('course.linked', { number: teacher.account.readerNumber })}</Tag>
                ) : (
                  <Tag>{t('course.waiting')}</Tag>
                )}
              </List.Item>
            )}
          />
        </Card>
        <Card size="small" title={`${t('course.classes')} (${data.classNames.length})`}>
          {data.classNames.length === 0 ? (
            <Typography.Text type="secondary">{t('course.noClasses')}</Typography.Text>
          ) : (
            <Space size={[4, 4]} wrap data-testid="course-classes">
              {data.classNames.map((className) => (
                <Tag key={className}>{className}</Tag>
              ))}
            </Space>
          )}
        </Card>
        <Card size="small" title={t('course.titles')}>
          <CourseTitlesPanel courseId={data.id} />
        </Card>
        <Card size="small" title={t('items.title')}>
          <ReserveItemsPanel courseId={data.id} staff />
        </Card>
      </Space>
    </div>
  )
}
