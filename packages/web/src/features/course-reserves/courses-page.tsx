import { CalendarOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons'
import { courseImports } from '@shuqiao/contracts'
import { Button, Card, Select, Space, Table, Typography } from 'antd'
import { type ReactNode, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { mayCall } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, PageLoading } from '../../app/page-states.tsx'
import { SearchBox } from '../../app/search-box.tsx'
import { searchChanger } from '../../app/search-params.ts'
import { useSignedIn } from '../../app/signed-in.ts'
import { useDepartments } from '../libraries/queries.ts'
import { useText } from '../requests/request-types.ts'
import { CategoryTag, departmentText } from './course-parts.tsx'
import { ImportModal } from './import-modal.tsx'
import { CATEGORIES, CATEGORY_LABELS } from './logic.ts'
import { type Course, type CourseFilters, useCourses, useTerms } from './queries.ts'
import { SectionNav } from './section-nav.tsx'
import { chosenTermId, TermSelect } from './term-select.tsx'
import './course-reserves.css'

const pickCategory = (value: string | null) =>
  value === 'none' || (CATEGORIES as readonly string[]).includes(value ?? '')
    ? (value as CourseFilters['category'])
    : undefined

/** A term's courses for staff: filter, open one, or import the office's list. */
export const CoursesPage = () => {
  const { t } = useTranslation(['courseReserves', 'common'])
  usePageTitle(t('courses.title'))
  const me = useSignedIn()
  const canImport = mayCall(me, courseImports.importCourses)
  const name = useBilingual()
  const text = useText()
  const navigate = useNavigate()
  const [search, setSearch] = useSearchParams()
  const change = searchChanger(setSearch)
  const terms = useTerms()
  const departments = useDepartments(me.library?.id)
  const termId = chosenTermId(search.get('term'), terms.data?.items)
  const filters: CourseFilters = {
    termId,
    q: search.get('q') ?? undefined,
    teacher: search.get('teacher') ?? undefined,
    departmentId: search.get('department') ?? undefined,
    category: pickCategory(search.get('category')),
  }
  const [importing, setImporting] = useState(false)
  const list = useCourses(filters, !!termId)
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const filtered = !!(filters.q || filters.teacher || filters.departmentId || filters.category)
  const term = terms.data?.items.find((item) => item.id === termId)

  if (terms.isPending) return <PageLoading />
  if (terms.isError)
    return <PageError error={terms.error} onRetry={() => void terms.refetch()} backTo="/staff" />

  const termsLink = (
    <LinkButton to="/staff/course-reserves/terms" icon={<CalendarOutlined />} data-testid="course-terms-link">
      {t('courses.manageTerms')}
    </LinkButton>
  )
  const importButton = canImport && term && (
    <Button
      type="primary"
      icon={<UploadOutlined />}
      onClick={() => setImporting(true)}
      data-testid="course-import-open"
    >
      {t('courses.import')}
    </Button>
  )

  return (
    <div data-testid="courses-page">
      <PageHead
        title={t('courses.title')}
        intro={t('courses.intro')}
        extra={
          <Space wrap>
            {termsLink}
            {importButton}
          </Space>
        }
      />
      <SectionNav current="courses" />
      {terms.data.items.length === 0 ? (
        <Card size="small">
          <EmptyHint text={t('courses.noTerms')} action={termsLink} />
        </Card>
      ) : (
        <Card size="small">
          <div className="sq-filters">
            <TermSelect
              value={termId}
              terms={terms.data.items}
              onChange={(value: string) => change({ term: value })}
              width={260}
              testId="courses-filter-term"
            />
            <SearchBox
              applied={filters.q}
              onApply={(q) => change({ q })}
              label={t('courses.search')}
              maxLength={60}
              width={200}
              testId="courses-search"
            />
            <SearchBox
              applied={filters.teacher}
              onApply={(teacher) => change({ teacher })}
              label={t('courses.teacher')}
              maxLength={60}
              width={200}
              testId="courses-filter-teacher"
            />
            <Select
              allowClear
              placeholder={t('courses.department')}
              aria-label={t('courses.department')}
              value={filters.departmentId}
              onChange={(department: string | undefined) => change({ department })}
              options={(departments.data?.items ?? []).map((department) => ({
                value: department.id,
                label: name(department),
              }))}
              style={{ width: 200 }}
              data-testid="courses-filter-department"
            />
            <Select
              allowClear
              placeholder={t('courses.category')}
              aria-label={t('courses.category')}
              value={filters.category}
              onChange={(category: string | undefined) => change({ category })}
              options={[
                ...CATEGORIES.map((category) => ({
                  value: category,
                  label: text(CATEGORY_LABELS[category]),
                })),
                { value: 'none', label: t('categoryNone') },
              ]}
              style={{ width: 150 }}
              data-testid="courses-filter-category"
            />
            {filtered && (
              <Button
                onClick={() => {
                  change({ q: undefined, teacher: undefined, department: undefined, category: undefined })
                }}
              >
                {t('courses.clear')}
              </Button>
            )}
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void list.refetch()}
              aria-label={t('common:action.refresh')}
              title={t('common:action.refresh')}
            />
          </div>
          {list.isError ? (
            <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff" />
          ) : (
            <CourseTable
              rows={rows}
              loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
              onOpen={(course) => void navigate(`/staff/course-reserves/courses/${course.id}`)}
              empty={
                <EmptyHint
                  text={filtered ? t('courses.emptyFiltered') : t('courses.empty')}
                  action={!filtered && importButton}
                />
              }
            />
          )}
          <div className="sq-load-more">
            {list.hasNextPage ? (
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('common:action.loadMore')}
              </Button>
            ) : (
              rows.length > 0 && (
                <Typography.Text type="secondary">
                  {t('common:table.allShown', { count: rows.length })}
                </Typography.Text>
              )
            )}
          </div>
        </Card>
      )}
      {term && <ImportModal term={term} open={importing} onClose={() => setImporting(false)} />}
    </div>
  )
}

const CourseTable = ({
  rows,
  loading,
  onOpen,
  empty,
}: {
  rows: Course[]
  loading: boolean
  onOpen: (course: Course) => void
  empty: ReactNode
}) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const name = useBilingual()
  return (
    <Table<Course>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 980 }}
      rowClassName="sq-cr-row"
      data-testid="courses-table"
      onRow={(row) => ({
        onClick: (event) => {
          if ((event.target as HTMLElement).closest('a, button')) return
          onOpen(row)
        },
      })}
      locale={{ emptyText: empty }}
      columns={[
        {
          title: t('courses.column.code'),
          dataIndex: 'code',
          width: 120,
          render: (code: string) => <span className="sq-cr-code">{code}</span>,
        },
        {
          title: t('courses.column.name'),
          dataIndex: 'nameZh',
          render: (value: string, row) => (
            <Space orientation="vertical" size={0}>
              <Link to={`/staff/course-reserves/courses/${row.id}`} data-testid="course-open">
                {value}
              </Link>
              {row.nameEn && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {row.nameEn}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: t('courses.column.category'),
          dataIndex: 'category',
          width: 120,
          render: (category: Course['category']) => <CategoryTag category={category} />,
        },
        {
          title: t('courses.column.department'),
          key: 'department',
          width: 180,
          ellipsis: true,
          render: (_, row) => departmentText(row, name),
        },
        {
          title: t('courses.column.teachers'),
          key: 'teachers',
          width: 200,
          ellipsis: true,
          render: (_, row) =>
            row.teachers.map((teacher) => teacher.name).join(t('common:listSeparator')) ||
            t('common:state.none'),
        },
        {
          title: t('courses.column.classes'),
          key: 'classes',
          width: 70,
          align: 'right',
          render: (_, row) => row.classNames.length,
        },
        {
          title: t('courses.column.enrolled'),
          dataIndex: 'enrolmentCount',
          width: 90,
          align: 'right',
        },
      ]}
    />
  )
}
