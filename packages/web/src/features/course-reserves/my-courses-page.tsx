import { BookOutlined, ReadOutlined, RightOutlined } from '@ant-design/icons'
import { Alert, Card, Empty, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageError, PageLoading } from '../../app/page-states.tsx'
import { CategoryTag } from './course-parts.tsx'
import { type MyCourses, useMyCourses } from './queries.ts'
import './course-reserves.css'

type MyCourse = MyCourses['enrolled'][number]

/** 我的课程 on a phone: this term's courses, their teachers, and (later) their materials. */
export const MyCoursesPage = () => {
  const { t } = useTranslation(['courseReserves', 'common'])
  usePageTitle(t('mine.title'))
  const mine = useMyCourses()
  const name = useBilingual()
  if (mine.isPending) return <PageLoading />
  if (mine.isError) return <PageError error={mine.error} onRetry={() => void mine.refetch()} />
  const { term, enrolled, teaching } = mine.data

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="my-courses-page">
      <div>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('mine.title')}
        </Typography.Title>
        {term && (
          <Typography.Text type="secondary" data-testid="my-courses-term">
            {name(term)}
          </Typography.Text>
        )}
      </div>
      {!term ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('mine.noTerm')}
          data-testid="my-courses-no-term"
        />
      ) : enrolled.length === 0 && teaching.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('mine.empty')}
          data-testid="my-courses-empty"
        />
      ) : (
        <>
          {teaching.length > 0 && (
            <CourseList title={t('mine.teaching')} courses={teaching} testId="my-courses-teaching" teaching />
          )}
          {enrolled.length > 0 && (
            <CourseList
              title={teaching.length > 0 ? t('mine.enrolled') : undefined}
              courses={enrolled}
              testId="my-courses-enrolled"
            />
          )}
        </>
      )}
    </Space>
  )
}

const CourseList = ({
  title,
  courses,
  testId,
  teaching = false,
}: {
  title?: string | undefined
  courses: MyCourse[]
  testId: string
  teaching?: boolean
}) => (
  <section data-testid={testId}>
    {title && <Typography.Title level={5}>{title}</Typography.Title>}
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {courses.map((course) => (
        <MyCourseCard key={course.id} course={course} teaching={teaching} />
      ))}
    </Space>
  </section>
)

const MyCourseCard = ({ course, teaching }: { course: MyCourse; teaching: boolean }) => {
  const { t, i18n } = useTranslation(['courseReserves', 'common'])
  const title = i18n.language === 'en' && course.nameEn ? course.nameEn : course.nameZh
  return (
    <Card size="small" className="sq-cr-my-course" data-testid="my-course" data-course-code={course.code}>
      <div className="sq-cr-my-course-head">
        <span className="sq-cr-my-course-name">{title}</span>
        <CategoryTag category={course.category} />
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        <span className="sq-cr-code">{course.code}</span>
        {course.departmentName && ` · ${course.departmentName}`}
      </Typography.Text>
      <Typography.Text style={{ fontSize: 13 }} data-testid="my-course-teachers">
        {course.teachers.length > 0
          ? t('mine.teachers', { names: course.teachers.join(t('common:listSeparator')) })
          : t('mine.noTeachers')}
      </Typography.Text>
      {teaching && (
        <Link to={`/my-courses/${course.id}`} className="sq-cr-my-course-open" data-testid="my-course-open">
          <BookOutlined />
          <span>
            <strong>{t('mine.openCourse')}</strong>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('mine.openCourseHint')}
            </Typography.Text>
          </span>
          <RightOutlined />
        </Link>
      )}
      {!teaching && course.materialCount > 0 && (
        <Link
          to={`/my-courses/${course.id}`}
          className="sq-cr-my-course-open"
          data-testid="my-course-materials-open"
        >
          <ReadOutlined />
          <span>
            <strong>{t('items.reader.openMaterials', { count: course.materialCount })}</strong>
          </span>
          <RightOutlined />
        </Link>
      )}
      {!teaching && course.materialCount === 0 && (
        <Alert
          type="info"
          showIcon
          icon={<ReadOutlined />}
          title={t('mine.noMaterials')}
          data-testid="my-course-no-materials"
        />
      )}
    </Card>
  )
}
