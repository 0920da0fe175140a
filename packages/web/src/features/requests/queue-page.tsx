import { BarChartOutlined, MessageOutlined, ReloadOutlined } from '@ant-design/icons'
import { accounts, replyTemplates, requests } from '@shuqiao/contracts'
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Grid,
  Input,
  Segmented,
  Select,
  Space,
  Table,
  Typography,
} from 'antd'
import { type Key, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { isConsortiumAdmin, mayCall } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useDepartments } from '../libraries/queries.ts'
import { useLibraries } from '../session/queries.ts'
import { ExportButtons } from './export-buttons.tsx'
import {
  type QueueFilters,
  queueQuery,
  type ServiceRequest,
  useAssignRequests,
  useColleagues,
  useQueue,
} from './queries.ts'
import { DueDate, StatusTag } from './request-parts.tsx'
import { dateOf, REQUEST_TYPES, requestTypeOf, statusLabelOf, useText } from './request-types.ts'
import './requests.css'
import { searchChanger } from '../../app/search-params.ts'

type Assignee = 'me' | 'unassigned' | 'any'

/** Filters live in the address, so going back from a request finds the queue as it was. */
const useQueueFilters = () => {
  const [search, setSearch] = useSearchParams()
  const type = search.get('type') ?? undefined
  const known = type && requestTypeOf(type) ? type : undefined
  const status = search.get('status') ?? undefined
  const assignee = (search.get('assignee') ?? 'any') as Assignee
  const filters: QueueFilters = {
    type: known,
    status: known && status && requestTypeOf(known)?.statuses[status] ? status : undefined,
    assignee: assignee === 'me' || assignee === 'unassigned' ? assignee : undefined,
    overdue: search.get('overdue') === '1',
    open: search.get('open') !== '0',
    q: search.get('q') ?? undefined,
    libraryId: search.get('library') ?? undefined,
    subject: search.get('subject') ?? undefined,
  }
  const change = searchChanger(setSearch)
  return { filters, assignee, change, reset: () => setSearch({}, { replace: true }), raw: search }
}

/** The requests staff work on: filter, pick several to assign, open one to move it on. */
export const QueuePage = () => {
  const { t } = useTranslation(['requests', 'common', 'templates'])
  usePageTitle(t('queue.title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const admin = mayCall(me, accounts.listAccounts)
  const text = useText()
  const name = useBilingual()
  const navigate = useNavigate()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const libraries = useLibraries()
  const wide = Grid.useBreakpoint().md ?? true
  const { filters, assignee, change, reset, raw } = useQueueFilters()
  const [search, setSearch] = useState(filters.q ?? '')
  const list = useQueue(filters)
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const [selected, setSelected] = useState<Key[]>([])
  const [assignTo, setAssignTo] = useState<string>()
  const assign = useAssignRequests()
  const chosen = rows.filter((row) => selected.includes(row.id))
  const chosenLibraries = [...new Set(chosen.map((row) => row.libraryId))]
  const assignLibrary = chosenLibraries.length === 1 ? chosenLibraries[0] : undefined
  const colleagues = useColleagues(assignLibrary ?? me.library?.id, admin && selected.length > 0)
  const type = filters.type ? requestTypeOf(filters.type) : undefined
  // Subjects are one library's departments: the caller's, or the library a consortium admin picked.
  const subjectLibrary = filters.libraryId ?? me.library?.id
  const subjects = useDepartments(subjectLibrary)
  const libraryName = (id: string) => name(libraries.data?.items.find((library) => library.id === id))
  const filtered = [...raw.keys()].some((key) => key !== 'open') || raw.get('open') === '0'
  const filterKey = raw.toString()
  const backState = { queue: filterKey ? `?${filterKey}` : '' }
  // A selection made under other filters may hold rows no longer shown; start afresh.
  useEffect(() => {
    if (filterKey !== undefined) setSelected([])
  }, [filterKey])

  const doAssign = (assigneeId: string | null, who: string) =>
    assign.mutate(
      { requestIds: chosen.map((row) => row.id), assigneeId },
      {
        onSuccess: (result) => {
          void message.success(
            assigneeId
              ? t('queue.assigned', { count: result.assigned, name: who })
              : t('queue.unassigned', { count: result.assigned }),
          )
          setSelected([])
          setAssignTo(undefined)
        },
        onError: (error) => void message.error(errorText(error)),
      },
    )

  return (
    <div data-testid="staff-requests-page">
      <PageHead
        title={t('queue.title')}
        intro={t('queue.intro')}
        extra={
          <Space wrap>
            <ExportButtons
              contract={requests.exportRequestQueue}
              query={queueQuery(filters)}
              fileStem={t('queue.title')}
              disabled={list.isPending || rows.length === 0}
              testId="requests-export"
            />
            {mayCall(me, replyTemplates.listReplyTemplates) && (
              <LinkButton
                to="/staff/requests/templates"
                icon={<MessageOutlined />}
                data-testid="requests-templates-link"
              >
                {t('templates:title')}
              </LinkButton>
            )}
            <LinkButton
              to="/staff/requests/figures"
              icon={<BarChartOutlined />}
              data-testid="requests-figures-link"
            >
              {t('figures.title')}
            </LinkButton>
          </Space>
        }
      />
      <Card size="small">
        <div className="sq-filters" data-testid="requests-filters">
          <Input.Search
            allowClear
            value={search}
            onChange={(event) => {
              setSearch(event.target.value)
              if (!event.target.value) change({ q: undefined })
            }}
            onSearch={(value) => change({ q: value.trim() || undefined })}
            placeholder={t('queue.search')}
            aria-label={t('queue.search')}
            maxLength={60}
            style={{ width: 220 }}
            data-testid="requests-search"
          />
          {consortium && (
            <Select
              allowClear
              placeholder={t('filter.library')}
              aria-label={t('filter.library')}
              value={filters.libraryId}
              onChange={(library: string | undefined) => change({ library, subject: undefined })}
              options={(libraries.data?.items ?? []).map((library) => ({
                value: library.id,
                label: name(library),
              }))}
              style={{ width: 200 }}
              data-testid="requests-filter-library"
            />
          )}
          <Select
            allowClear
            placeholder={t('filter.type')}
            aria-label={t('filter.type')}
            value={filters.type}
            onChange={(value: string | undefined) => change({ type: value, status: undefined })}
            options={REQUEST_TYPES.map((option) => ({ value: option.code, label: text(option.name) }))}
            style={{ width: 150 }}
            data-testid="requests-filter-type"
          />
          <Select
            allowClear
            placeholder={type ? t('filter.status') : t('filter.statusPickType')}
            aria-label={t('filter.status')}
            disabled={!type}
            value={filters.status}
            onChange={(status: string | undefined) => change({ status })}
            options={Object.keys(type?.statuses ?? {}).map((status) => ({
              value: status,
              label: text(statusLabelOf(type, status)),
            }))}
            style={{ width: 160 }}
            data-testid="requests-filter-status"
          />
          {subjectLibrary && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('subject.filter')}
              aria-label={t('subject.filter')}
              value={filters.subject}
              onChange={(subject: string | undefined) => change({ subject })}
              options={(subjects.data?.items ?? []).map((department) => ({
                value: department.id,
                label: name(department),
              }))}
              style={{ width: 180 }}
              data-testid="requests-filter-subject"
            />
          )}
          <Segmented<Assignee>
            value={assignee}
            onChange={(value) => change({ assignee: value === 'any' ? undefined : value })}
            options={[
              ...(me.library ? [{ value: 'me' as const, label: t('filter.assigneeMe') }] : []),
              { value: 'unassigned', label: t('filter.assigneeNone') },
              { value: 'any', label: t('filter.assigneeAny') },
            ]}
            aria-label={t('filter.assignee')}
            data-testid="requests-filter-assignee"
          />
          <Checkbox
            checked={filters.open}
            onChange={(event) => change({ open: event.target.checked ? undefined : '0' })}
            data-testid="requests-filter-open"
            style={{ alignSelf: 'center' }}
          >
            {t('filter.open')}
          </Checkbox>
          <Checkbox
            checked={filters.overdue}
            onChange={(event) => change({ overdue: event.target.checked ? '1' : undefined })}
            data-testid="requests-filter-overdue"
            style={{ alignSelf: 'center' }}
          >
            {t('filter.overdue')}
          </Checkbox>
          {filtered && (
            <Button
              onClick={() => {
                setSearch('')
                reset()
              }}
            >
              {t('filter.clear')}
            </Button>
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            aria-label={t('common:action.refresh')}
            title={t('common:action.refresh')}
          />
        </div>

        {selected.length > 0 && (
          <div className="sq-req-bulk" data-testid="requests-bulk">
            <Typography.Text strong>{t('queue.selected', { count: selected.length })}</Typography.Text>
            {me.library && (
              <Button
                size="small"
                loading={assign.isPending}
                onClick={() => doAssign(me.id, me.name)}
                data-testid="requests-assign-me"
              >
                {t('queue.assignMe')}
              </Button>
            )}
            <Button
              size="small"
              loading={assign.isPending}
              onClick={() => doAssign(null, '')}
              data-testid="requests-unassign"
            >
              {t('queue.unassign')}
            </Button>
            {admin &&
              (assignLibrary ? (
                <Space.Compact size="small">
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    size="small"
                    placeholder={t('queue.assignTo')}
                    aria-label={t('queue.assignTo')}
                    loading={colleagues.pending}
                    value={assignTo}
                    onChange={setAssignTo}
                    options={colleagues.colleagues.map((colleague) => ({
                      value: colleague.id,
                      label: `${colleague.name} (${colleague.readerNumber})`,
                    }))}
                    style={{ width: 200 }}
                    data-testid="requests-assign-to"
                  />
                  <Button
                    size="small"
                    type="primary"
                    disabled={!assignTo}
                    loading={assign.isPending}
                    onClick={() => {
                      const colleague = colleagues.colleagues.find((candidate) => candidate.id === assignTo)
                      if (colleague) doAssign(colleague.id, colleague.name)
                    }}
                    data-testid="requests-bulk-assign"
                  >
                    {t('queue.assign')}
                  </Button>
                </Space.Compact>
              ) : (
                <Typography.Text type="secondary">{t('queue.oneLibrary')}</Typography.Text>
              ))}
            <Button size="small" type="link" onClick={() => setSelected([])}>
              {t('queue.clearSelection')}
            </Button>
          </div>
        )}

        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff" />
        ) : (
          <>
            <Table<ServiceRequest>
              rowKey="id"
              size="middle"
              loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
              dataSource={rows}
              pagination={false}
              scroll={{ x: consortium ? 1080 : 920 }}
              data-testid="requests-table"
              rowClassName="sq-req-row"
              rowSelection={{
                selectedRowKeys: selected,
                onChange: setSelected,
                columnWidth: 40,
                fixed: wide,
              }}
              onRow={(row) => ({
                onClick: (event) => {
                  const target = event.target as HTMLElement
                  if (target.closest('.ant-table-selection-column, a, button')) return
                  void navigate(`/staff/requests/${row.id}`, { state: backState })
                },
              })}
              locale={{
                emptyText: (
                  <EmptyHint text={filtered || filters.open ? t('queue.emptyFiltered') : t('queue.empty')} />
                ),
              }}
              columns={[
                {
                  title: t('field.number'),
                  dataIndex: 'number',
                  width: 140,
                  fixed: wide ? 'start' : undefined,
                  render: (value: string, row) => (
                    <Link to={`/staff/requests/${row.id}`} state={backState} data-testid="requests-open">
                      {value}
                    </Link>
                  ),
                },
                {
                  title: t('field.type'),
                  dataIndex: 'type',
                  width: 110,
                  render: (code: string) => text(requestTypeOf(code)?.name) || code,
                },
                {
                  title: t('field.reader'),
                  key: 'reader',
                  width: 140,
                  render: (_, row) => (
                    <span>
                      {row.reader.name}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.reader.readerNumber}
                      </Typography.Text>
                    </span>
                  ),
                },
                ...(consortium
                  ? [
                      {
                        title: t('filter.library'),
                        key: 'library',
                        width: 160,
                        render: (_: unknown, row: ServiceRequest) => libraryName(row.libraryId),
                      },
                    ]
                  : []),
                {
                  title: t('field.status'),
                  dataIndex: 'status',
                  width: 120,
                  render: (status: string, row) => (
                    <StatusTag type={requestTypeOf(row.type)} status={status} />
                  ),
                },
                {
                  title: t('field.assignee'),
                  key: 'assignee',
                  width: 110,
                  render: (_, row) =>
                    row.assignee ? (
                      row.assignee.id === me.id ? (
                        <Typography.Text strong>{t('queue.me')}</Typography.Text>
                      ) : (
                        row.assignee.name
                      )
                    ) : (
                      <Typography.Text type="secondary">{t('queue.nobody')}</Typography.Text>
                    ),
                },
                {
                  title: t('field.submittedAt'),
                  dataIndex: 'submittedAt',
                  width: 110,
                  render: (at: string) => <time dateTime={at}>{dateOf(at)}</time>,
                },
                {
                  title: t('field.dueDate'),
                  dataIndex: 'dueDate',
                  width: 140,
                  render: (date: string, row) =>
                    row.closedAt ? (
                      <Typography.Text type="secondary">{date}</Typography.Text>
                    ) : (
                      <DueDate date={date} overdue={row.overdue} />
                    ),
                },
              ]}
            />
            <div className="sq-load-more">
              {list.hasNextPage ? (
                <Button
                  onClick={() => void list.fetchNextPage()}
                  loading={list.isFetchingNextPage}
                  data-testid="requests-load-more"
                >
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
          </>
        )}
      </Card>
    </div>
  )
}
