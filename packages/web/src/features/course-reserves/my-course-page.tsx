import { ArrowLeftOutlined } from '@ant-design/icons'
import { Card, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageError, PageLoading } from '../../app/page-states.tsx'
import { CategoryTag } from './course-parts.tsx'
import { CourseTitlesPanel } from './course-titles-panel.tsx'
import { useCourse } from './queries.ts'
import { ReaderMaterials } from './reader-materials.tsx'
import { ReserveItemsPanel } from './reserve-items-panel.tsx'
import './course-reserves.css'

/**
 * One course in the reader portal, made for a phone. Its teachers (and staff) add the titles it
 * needs and its reserve items and follow each one; its students see its materials.
 */
export const MyCoursePage = () => {
  const { t, i18n } = useTranslation(['courseReserves', 'common'])
  const { courseId } = useParams()
  const course = useCourse(courseId)
  usePageTitle(course.data ? course.data.nameZh : t('mine.title'))
  const back = (
    <LinkButton
      to="/my-courses"
      icon={<ArrowLeftOutlined />}
      type="link"
      style={{ paddingInline: 0 }}
      data-testid="my-course-back"
    >
      {t('myCourse.back')}
    </LinkButton>
  )
  if (course.isPending) return <PageLoading />
  if (course.isError)
    return <PageError error={course.error} onRetry={() => void course.refetch()} backTo="/my-courses" />
  const data = course.data
  const name = i18n.language === 'en' && data.nameEn ? data.nameEn : data.nameZh

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="my-course-page">
      {back}
      <div>
        <div className="sq-cr-my-course-head">
          <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
            {name}
          </Typography.Title>
          <CategoryTag category={data.category} />
        </div>
        <Typography.Text type="secondary">
          <span className="sq-cr-code">{data.code}</span>
          {data.teachers.length > 0 &&
            ` · ${data.teachers.map((teacher) => teacher.name).join(t('common:listSeparator'))}`}
        </Typography.Text>
      </div>
      {data.viewpoint === 'student' ? (
        <Card size="small" title={t('items.reader.title')}>
          <ReaderMaterials courseId={data.id} />
        </Card>
      ) : (
        <>
          <Card size="small" title={t('myCourse.titles')}>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('myCourse.titlesHint')}
            </Typography.Paragraph>
            <CourseTitlesPanel courseId={data.id} />
          </Card>
          <Card size="small" title={t('items.title')}>
            <ReserveItemsPanel courseId={data.id} staff={data.viewpoint === 'staff'} />
          </Card>
        </>
      )}
    </Space>
  )
}
