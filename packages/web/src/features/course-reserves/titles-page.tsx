import { ReloadOutlined, SyncOutlined, UploadOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Card, Select, Space, Table, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { SearchBox } from '../../app/search-box.tsx'
import { searchChanger } from '../../app/search-params.ts'
import { useSignedIn } from '../../app/signed-in.ts'
import { useDepartments } from '../libraries/queries.ts'
import { DemandImportModal } from './demand-import-modal.tsx'
import { stillShown } from './fulfilment-logic.ts'
import { useAssignees, useAssignTitles } from './fulfilment-queries.ts'
import { useCourses, useTerms } from './queries.ts'
import { SectionNav } from './section-nav.tsx'
import { chosenTermId, TermSelect } from './term-select.tsx'
import { TitleStatusTag, TitleText } from './title-parts.tsx'
import { TitleProposals } from './title-proposals.tsx'
import { type StaffTitle, type TitleFilters, useMatchAll, useTitles } from './title-queries.ts'
import { TitleWorkDrawer } from './title-work-drawer.tsx'
import { TITLE_STATUSES } from './titles-logic.ts'
import './course-reserves.css'

const pick = <T extends string>(value: string | null, allowed: readonly T[]) =>
  allowed.includes(value as T) ? (value as T) : undefined

/**
 * A term's requested titles for staff: the term's figures, filters (course, department, status,
 * proposals), each title with the courses asking for it and its proposed matches to accept or
 * reject; import a demand list, or match every title again.
 */
export const TitlesPage = () => {
  const { t } = useTranslation(['courseReserves', 'common'])
  usePageTitle(t('titles.title'))
  const me = useSignedIn()
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [search, setSearch] = useSearchParams()
  const change = searchChanger(setSearch)
  const terms = useTerms()
  const departments = useDepartments(me.library?.id)
  const termId = chosenTermId(search.get('term'), terms.data?.items)
  const filters: TitleFilters = {
    termId,
    q: search.get('q') ?? undefined,
    courseId: search.get('course') ?? undefined,
    departmentId: search.get('department') ?? undefined,
    status: pick(search.get('status'), TITLE_STATUSES),
    match: pick(search.get('match'), ['proposed', 'none'] as const),
    assignee: search.get('assignee') ?? undefined,
  }
  const [courseQuery, setCourseQuery] = useState('')
  const [importing, setImporting] = useState(false)
  const [working, setWorking] = useState<string>()
  const [selected, setSelected] = useState<string[]>([])
  const assignees = useAssignees()
  const assignMany = useAssignTitles()
  const courses = useCourses({ termId, q: courseQuery || undefined }, !!termId)
  const list = useTitles(filters, !!termId)
  const matchAll = useMatchAll()
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const summary = list.data?.pages[0]?.summary
  const filtered = !!(
    filters.q ||
    filters.courseId ||
    filters.departmentId ||
    filters.status ||
    filters.match ||
    filters.assignee
  )
  const term = terms.data?.items.find((item) => item.id === termId)

  if (terms.isPending) return <PageLoading />
  if (terms.isError)
    return <PageError error={terms.error} onRetry={() => void terms.refetch()} backTo="/staff" />

  const importButton = (testId: string) =>
    term && (
      <Button
        type="primary"
        icon={<UploadOutlined />}
        onClick={() => setImporting(true)}
        data-testid={testId}
      >
        {t('titles.import')}
      </Button>
    )

  return (
    <div data-testid="titles-page">
      <PageHead
        title={t('titles.title')}
        intro={t('titles.intro')}
        extra={
          <Space wrap>
            <Button
              icon={<SyncOutlined />}
              loading={matchAll.isPending}
              onClick={() =>
                matchAll.mutate(undefined, {
                  onSuccess: (answer) => void message.success(t('titles.matched', answer)),
                  onError: (error) => void message.error(errorText(error)),
                })
              }
              data-testid="titles-match"
            >
              {t('titles.match')}
            </Button>
            {importButton('titles-import-open')}
          </Space>
        }
      />
      <SectionNav current="titles" />
      <Card size="small">
        {summary && (
          <div className="sq-cr-figures" data-testid="titles-summary">
            <Tag>{t('titles.summary.total', { count: summary.total })}</Tag>
            <Tag color="success" data-figure="published">
              {t('titles.summary.published', { count: summary.published })}
            </Tag>
            <Tag
              color="processing"
              data-figure="proposed"
              style={{ cursor: 'pointer' }}
              onClick={() => change({ match: 'proposed', status: undefined })}
            >
              {t('titles.summary.proposed', { count: summary.proposed })}
            </Tag>
            <Tag
              color="warning"
              data-figure="unmatched"
              style={{ cursor: 'pointer' }}
              onClick={() => change({ match: 'none', status: undefined })}
            >
              {t('titles.summary.unmatched', { count: summary.unmatched })}
            </Tag>
          </div>
        )}
        <div className="sq-filters">
          <TermSelect
            value={termId}
            terms={terms.data?.items}
            onChange={(value: string) => change({ term: value, course: undefined })}
            width={240}
            testId="titles-filter-term"
          />
          <SearchBox
            applied={filters.q}
            onApply={(q) => change({ q })}
            label={t('titles.search')}
            maxLength={100}
            width={220}
            testId="titles-search"
          />
          <Select
            allowClear
            showSearch
            filterOption={false}
            onSearch={setCourseQuery}
            placeholder={t('titles.course')}
            aria-label={t('titles.course')}
            value={filters.courseId}
            onChange={(course: string | undefined) => change({ course })}
            options={(courses.data?.pages[0]?.items ?? []).map((course) => ({
              value: course.id,
              label: `${course.code} ${course.nameZh}`,
            }))}
            style={{ width: 220 }}
            data-testid="titles-filter-course"
          />
          <Select
            allowClear
            placeholder={t('titles.department')}
            aria-label={t('titles.department')}
            value={filters.departmentId}
            onChange={(department: string | undefined) => change({ department })}
            options={(departments.data?.items ?? []).map((department) => ({
              value: department.id,
              label: name(department),
            }))}
            style={{ width: 180 }}
            data-testid="titles-filter-department"
          />
          <Select
            allowClear
            placeholder={t('titles.status')}
            aria-label={t('titles.status')}
            value={filters.status}
            onChange={(status: string | undefined) => change({ status })}
            options={TITLE_STATUSES.map((status) => ({ value: status, label: t(`titles.status_${status}`) }))}
            style={{ width: 120 }}
            data-testid="titles-filter-status"
          />
          <Select
            allowClear
            placeholder={t('titles.matchFilter')}
            aria-label={t('titles.matchFilter')}
            value={filters.match}
            onChange={(match: string | undefined) => change({ match })}
            options={[
              { value: 'proposed', label: t('titles.matchProposed') },
              { value: 'none', label: t('titles.matchNone') },
            ]}
            style={{ width: 170 }}
            data-testid="titles-filter-match"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('fulfilment.assigneeFilter')}
            aria-label={t('fulfilment.assigneeFilter')}
            value={filters.assignee}
            onChange={(assignee: string | undefined) => change({ assignee })}
            options={[
              { value: 'me', label: t('fulfilment.assignedToMe') },
              { value: 'none', label: t('fulfilment.unassignedFilter') },
              ...(assignees.data?.items ?? []).map((person) => ({ value: person.id, label: person.name })),
            ]}
            style={{ width: 150 }}
            data-testid="titles-filter-assignee"
          />
          {filtered && (
            <Button
              onClick={() => {
                change({
                  q: undefined,
                  course: undefined,
                  department: undefined,
                  status: undefined,
                  match: undefined,
                  assignee: undefined,
                })
              }}
            >
              {t('titles.clear')}
            </Button>
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            aria-label={t('common:action.refresh')}
            title={t('common:action.refresh')}
          />
        </div>
        {stillShown(selected, rows).length > 0 && (
          <div className="sq-filters" data-testid="titles-bulk">
            <Select
              showSearch
              optionFilterProp="label"
              placeholder={t('fulfilment.bulkAssign', { count: stillShown(selected, rows).length })}
              value={null}
              loading={assignMany.isPending}
              onChange={(assigneeId: string) =>
                assignMany.mutate(
                  {
                    titleIds: stillShown(selected, rows),
                    assigneeId: assigneeId === 'none' ? null : assigneeId,
                  },
                  {
                    onSuccess: (answer) => {
                      void message.success(t('fulfilment.bulkAssigned', { count: answer.assigned }))
                      setSelected([])
                    },
                    onError: (error) => void message.error(errorText(error)),
                  },
                )
              }
              options={[
                ...(assignees.data?.items ?? []).map((person) => ({ value: person.id, label: person.name })),
                { value: 'none', label: t('fulfilment.nobody') },
              ]}
              style={{ width: 260 }}
              data-testid="titles-bulk-assign"
            />
          </div>
        )}
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff" />
        ) : (
          <TitleTable
            rows={rows}
            selected={selected}
            onSelect={setSelected}
            onOpen={setWorking}
            loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
            empty={
              <EmptyHint
                text={filtered ? t('titles.emptyFiltered') : t('titles.empty')}
                action={!filtered && importButton('titles-import-empty')}
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
      <TitleWorkDrawer title={rows.find((row) => row.id === working)} onClose={() => setWorking(undefined)} />
      {term && <DemandImportModal term={term} open={importing} onClose={() => setImporting(false)} />}
    </div>
  )
}

const TitleTable = ({
  rows,
  loading,
  empty,
  selected,
  onSelect,
  onOpen,
}: {
  rows: StaffTitle[]
  loading: boolean
  empty: React.ReactNode
  selected: string[]
  onSelect: (ids: string[]) => void
  onOpen: (id: string) => void
}) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  // Titles with proposals open by default; the librarian may close them.
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set())
  const expandable = (row: StaffTitle) => row.proposals.length > 0 || row.rejectedCount > 0
  const expanded = rows.filter((row) => row.proposals.length > 0 && !closed.has(row.id)).map((row) => row.id)
  return (
    <Table<StaffTitle>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 900 }}
      data-testid="titles-table"
      locale={{ emptyText: empty }}
      rowSelection={{ selectedRowKeys: selected, onChange: (keys) => onSelect(keys.map(String)) }}
      expandable={{
        rowExpandable: expandable,
        expandedRowKeys: expanded,
        onExpand: (open, row) =>
          setClosed((before) => {
            const next = new Set(before)
            if (open) next.delete(row.id)
            else next.add(row.id)
            return next
          }),
        expandedRowRender: (row) => <TitleProposals title={row} />,
      }}
      columns={[
        {
          title: t('titles.column.title'),
          key: 'title',
          render: (_, row) => <TitleText title={row} />,
        },
        {
          title: t('titles.column.courses'),
          key: 'courses',
          width: 220,
          render: (_, row) => (
            <Space size={[4, 4]} wrap>
              {row.courses.map((course) => (
                <Link
                  key={course.id}
                  to={`/staff/course-reserves/courses/${course.id}`}
                  title={course.nameZh}
                >
                  <Tag className="sq-cr-code">{course.code}</Tag>
                </Link>
              ))}
            </Space>
          ),
        },
        {
          title: t('titles.column.status'),
          key: 'status',
          width: 170,
          render: (_, row) => (
            <Space orientation="vertical" size={2}>
              <TitleStatusTag status={row.status} channel={row.channel} />
              {row.link && (
                <Typography.Link
                  href={row.link.url}
                  target="_blank"
                  rel="noopener noreferrer"
                  style={{ fontSize: 12 }}
                >
                  {row.link.platform}
                </Typography.Link>
              )}
            </Space>
          ),
        },
        {
          title: t('titles.column.proposals'),
          key: 'proposals',
          width: 130,
          render: (_, row) =>
            row.proposals.length > 0 ? (
              <Tag color="processing" data-testid="title-proposal-count">
                {t('titles.proposalCount', { count: row.proposals.length })}
              </Tag>
            ) : (
              <Typography.Text type="secondary">{t('titles.noProposal')}</Typography.Text>
            ),
        },
        {
          title: t('fulfilment.column'),
          key: 'assignee',
          width: 150,
          render: (_, row) => (
            <Space orientation="vertical" size={2}>
              <span data-testid="title-assignee">
                {row.assignee?.name ?? (
                  <Typography.Text type="secondary">{t('fulfilment.nobody')}</Typography.Text>
                )}
              </span>
              <Button size="small" onClick={() => onOpen(row.id)} data-testid="title-work-open">
                {t('fulfilment.open')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  )
}
