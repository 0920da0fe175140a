import {
  DownloadOutlined,
  DownOutlined,
  EyeOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  ImportOutlined,
  PlusOutlined,
  ReloadOutlined,
} from '@ant-design/icons'
import { eResources } from '@shuqiao/contracts'
import { useQueryClient } from '@tanstack/react-query'
import { Alert, App as AntApp, Button, Card, Dropdown, Input, Select, Space, Table, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { call, urlOf } from '../../api/client.ts'
import { todayIn } from '../../app/dates.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { downloadFrom } from '../requests/download.ts'
import { useMyLibraryTimeZone } from '../session/queries.ts'
import { disciplinesOf, isDisciplineCode, STATUS_ACTIONS } from './e-resources-logic.ts'
import { EzproxyImportModal } from './ezproxy-import-modal.tsx'
import {
  type DirectoryFilters,
  type ResourceStatus,
  type ResourceSummary,
  resourceKey,
  STAFF_PAGE_SIZE,
  useChangeStatus,
  useDirectory,
} from './queries.ts'
import { ResourceDrawer } from './resource-drawer.tsx'
import {
  FreePeriodLine,
  RouteBadges,
  StatusTag,
  useDisciplineList,
  useRouteLabel,
  useSubjectOptions,
} from './resource-parts.tsx'
import { StaffTabs } from './staff-tabs.tsx'
import { routesWithoutPassingTest } from './staff-tools-logic.ts'
import './e-resources.css'
import { searchChanger } from '../../app/search-params.ts'

const isStatus = (value: string | null): value is ResourceStatus =>
  (eResources.RESOURCE_STATUSES as readonly (string | null)[]).includes(value)
const isKind = (value: string | null): value is ResourceSummary['kind'] =>
  (eResources.RESOURCE_KINDS as readonly (string | null)[]).includes(value)

const useStaffParams = () => {
  const [search, setSearch] = useSearchParams()
  const status = search.get('status')
  const kind = search.get('kind')
  const subject = search.get('subject')
  const change = searchChanger(setSearch)
  return {
    q: search.get('q') ?? '',
    status: isStatus(status) ? status : undefined,
    kind: isKind(kind) ? kind : undefined,
    subject: isDisciplineCode(subject) ? subject : undefined,
    change,
  }
}

/** 电子资源: the library's directory as staff keep it, every status, with the way to change each. */
export const StaffResourcesPage = () => {
  const { t, i18n } = useTranslation(['eResources', 'common'])
  const english = i18n.language === 'en'
  usePageTitle(t('staff.title'))
  const { message, modal } = AntApp.useApp()
  const errorText = useErrorText()
  const subjects = useSubjectOptions()
  const disciplineList = useDisciplineList()
  const params = useStaffParams()
  const [typed, setTyped] = useState(params.q)
  const [editing, setEditing] = useState<{ open: boolean; resourceId?: string | undefined }>({ open: false })
  const today = todayIn(useMyLibraryTimeZone())
  const filters: DirectoryFilters = {
    q: params.q || undefined,
    status: params.status,
    kind: params.kind,
    subject: params.subject,
  }
  const list = useDirectory(filters, { pageSize: STAFF_PAGE_SIZE })
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const filtered = !!(params.q || params.status || params.kind || params.subject)
  const changeStatus = useChangeStatus()
  const queryClient = useQueryClient()
  const routeLabel = useRouteLabel()
  const listSeparator = t('common:listSeparator')
  const [exporting, setExporting] = useState(false)
  const [importing, setImporting] = useState<'ezproxy' | 'list' | undefined>()

  /** Routes of a resource in testing that have not passed a test, to mention before publishing it. */
  const untestedOf = async (resource: ResourceSummary) => {
    if (resource.status !== 'testing') return []
    try {
      const detail = await queryClient.fetchQuery({
        queryKey: resourceKey(resource.id),
        queryFn: () => call(eResources.getResource, { params: { resourceId: resource.id } }),
      })
      return routesWithoutPassingTest(detail)
    } catch {
      return []
    }
  }

  const confirmStatus = async (resource: ResourceSummary, status: ResourceStatus) => {
    const untested = status === 'published' ? await untestedOf(resource) : []
    modal.confirm({
      title: t(`staff.confirm.${status}.title`, { name: resource.nameZh }),
      content: (
        <>
          <p style={{ margin: 0 }}>{t(`staff.confirm.${status}.text`)}</p>
          {untested.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              title={t('tests.publishUntested', { routes: untested.map(routeLabel).join(listSeparator) })}
              data-testid="publish-untested"
            />
          )}
        </>
      ),
      okText: t(`staff.action.${status}`),
      okButtonProps: { danger: status === 'expired' || status === 'suspended', 'data-testid': 'confirm-ok' },
      onOk: () =>
        changeStatus
          .mutateAsync({ resourceId: resource.id, status })
          .then((saved) =>
            message.success(
              t('staff.statusChanged', { name: saved.nameZh, status: t(`status.${saved.status}`) }),
            ),
          )
          .catch((error: unknown) => void message.error(errorText(error))),
    })
  }

  const exportAs = (format: 'csv' | 'xlsx') => {
    setExporting(true)
    downloadFrom(
      urlOf(eResources.exportResources, { query: { format } }),
      `${t('export.fileName')}.${format}`,
    )
      .catch((error: unknown) => void message.error(errorText(error)))
      .finally(() => setExporting(false))
  }

  const add = (testId: string) => (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setEditing({ open: true })}
      data-testid={testId}
    >
      {t('staff.add')}
    </Button>
  )

  return (
    <div data-testid="staff-resources-page">
      <PageHead
        title={t('staff.title')}
        intro={t('staff.intro')}
        extra={
          <Space wrap>
            <Button
              icon={<ImportOutlined />}
              onClick={() => setImporting('list')}
              data-testid="list-import-open"
            >
              {t('listImport.open')}
            </Button>
            <Button
              icon={<ImportOutlined />}
              onClick={() => setImporting('ezproxy')}
              data-testid="ezproxy-open"
            >
              {t('ezproxy.open')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'xlsx',
                    icon: <FileExcelOutlined />,
                    label: <span data-testid="resources-export-xlsx">{t('export.xlsx')}</span>,
                  },
                  {
                    key: 'csv',
                    icon: <FileTextOutlined />,
                    label: <span data-testid="resources-export-csv">{t('export.csv')}</span>,
                  },
                ],
                onClick: ({ key }) => exportAs(key === 'csv' ? 'csv' : 'xlsx'),
              }}
            >
              <Button
                icon={<DownloadOutlined />}
                loading={exporting}
                title={t('export.hint')}
                data-testid="resources-export"
              >
                {t('export.button')} <DownOutlined />
              </Button>
            </Dropdown>
            {add('resource-add')}
          </Space>
        }
      />
      <StaffTabs current="/staff/resources" />
      <Card size="small">
        <div className="sq-filters">
          <Input.Search
            allowClear
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value)
              if (!event.target.value) params.change({ q: undefined })
            }}
            onSearch={(value) => params.change({ q: value.trim() || undefined })}
            placeholder={t('staff.search')}
            aria-label={t('staff.search')}
            maxLength={100}
            style={{ width: 280 }}
            data-testid="resources-search"
          />
          <Select
            allowClear
            placeholder={t('staff.filterStatus')}
            aria-label={t('staff.filterStatus')}
            value={params.status}
            onChange={(status: string | undefined) => params.change({ status })}
            options={eResources.RESOURCE_STATUSES.map((status) => ({
              value: status,
              label: t(`status.${status}`),
            }))}
            style={{ width: 130 }}
            data-testid="resources-filter-status"
          />
          <Select
            allowClear
            placeholder={t('staff.filterKind')}
            aria-label={t('staff.filterKind')}
            value={params.kind}
            onChange={(kind: string | undefined) => params.change({ kind })}
            options={eResources.RESOURCE_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
            style={{ width: 150 }}
            data-testid="resources-filter-kind"
          />
          <Select
            allowClear
            placeholder={t('staff.filterSubject')}
            aria-label={t('staff.filterSubject')}
            value={params.subject}
            onChange={(subject: string | undefined) => params.change({ subject })}
            options={subjects}
            style={{ width: 150 }}
            data-testid="resources-filter-subject"
          />
          {filtered && (
            <Button
              onClick={() => {
                setTyped('')
                params.change({ q: undefined, status: undefined, kind: undefined, subject: undefined })
              }}
            >
              {t('directory.clearFilters')}
            </Button>
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            loading={list.isFetching && !list.isFetchingNextPage && !list.isPending}
            aria-label={t('common:action.refresh')}
            title={t('common:action.refresh')}
          />
        </div>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff" />
        ) : (
          <Table<ResourceSummary>
            rowKey="id"
            size="middle"
            loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1060 }}
            data-testid="resources-table"
            locale={{
              emptyText: filtered ? (
                <EmptyHint text={t('staff.emptyFiltered')} />
              ) : (
                <EmptyHint text={t('staff.empty')} action={add('resource-add-empty')} />
              ),
            }}
            columns={[
              {
                title: t('staff.column.name'),
                key: 'name',
                render: (_, row) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Link onClick={() => setEditing({ open: true, resourceId: row.id })} strong>
                      {row.nameZh}
                    </Typography.Link>
                    {row.nameEn && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.nameEn}
                      </Typography.Text>
                    )}
                    {row.vendor && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.vendor}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('staff.column.kind'),
                dataIndex: 'kind',
                width: 110,
                render: (kind: ResourceSummary['kind']) => t(`kind.${kind}`),
              },
              {
                title: t('staff.column.subjects'),
                dataIndex: 'subjects',
                width: 150,
                render: (codes: string[]) => (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {disciplinesOf(codes, disciplineList ?? [])
                      .map((discipline) => (english ? discipline.en : discipline.zh))
                      .join(t('common:listSeparator'))}
                  </Typography.Text>
                ),
              },
              {
                title: t('staff.column.status'),
                dataIndex: 'status',
                width: 200,
                render: (status: ResourceStatus, row) => (
                  <Space orientation="vertical" size={2}>
                    <StatusTag status={status} freeUntil={row.freeUntil} today={today} />
                    {row.freeUntil && <FreePeriodLine resource={row} today={today} />}
                  </Space>
                ),
              },
              {
                title: t('staff.column.routes'),
                dataIndex: 'routes',
                width: 190,
                render: (routes: ResourceSummary['routes']) =>
                  routes.length > 0 ? (
                    <RouteBadges routes={routes} />
                  ) : (
                    <Typography.Text type="warning" style={{ fontSize: 12 }}>
                      {t('staff.noRoutes')}
                    </Typography.Text>
                  ),
              },
              {
                title: t('common:table.actions'),
                key: 'actions',
                width: 190,
                render: (_, row) => {
                  const [next, ...others] = STATUS_ACTIONS[row.status]
                  return (
                    <Space size={4} wrap>
                      <Button
                        size="small"
                        onClick={() => setEditing({ open: true, resourceId: row.id })}
                        data-testid="resource-edit"
                      >
                        {t('common:action.edit')}
                      </Button>
                      {next && (
                        <Button
                          size="small"
                          type={next === 'published' || next === 'testing' ? 'primary' : 'default'}
                          ghost={next === 'published' || next === 'testing'}
                          onClick={() => void confirmStatus(row, next)}
                          data-testid={`resource-action-${next}`}
                        >
                          {t(`staff.action.${next}`)}
                        </Button>
                      )}
                      <Dropdown
                        trigger={['click']}
                        menu={{
                          items: [
                            ...others.map((status) => ({
                              key: status,
                              label: (
                                <span data-testid={`resource-action-${status}`}>
                                  {t(`staff.action.${status}`)}
                                </span>
                              ),
                              danger: status === 'expired',
                            })),
                            ...(others.length > 0 ? [{ type: 'divider' as const }] : []),
                            {
                              key: 'view',
                              icon: <EyeOutlined />,
                              label: (
                                <a href={`/resources/${row.id}`} target="_blank" rel="noopener">
                                  {t('staff.view')}
                                </a>
                              ),
                            },
                          ],
                          onClick: ({ key }) => {
                            if (isStatus(key)) void confirmStatus(row, key)
                          },
                        }}
                      >
                        <Button size="small" aria-label={t('staff.more')} data-testid="resource-more">
                          <DownOutlined />
                        </Button>
                      </Dropdown>
                    </Space>
                  )
                },
              },
            ]}
          />
        )}
        <div className="sq-load-more">
          {list.hasNextPage ? (
            <Button
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              data-testid="resources-load-more"
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
      </Card>
      <EzproxyImportModal
        key={importing ?? 'closed'}
        kind={importing ?? 'ezproxy'}
        open={importing !== undefined}
        onClose={() => setImporting(undefined)}
        onShowDrafts={() => {
          setTyped('')
          params.change({ q: undefined, status: 'draft', kind: undefined, subject: undefined })
        }}
      />
      <ResourceDrawer
        open={editing.open}
        resourceId={editing.resourceId}
        onClose={() => setEditing({ open: false })}
      />
    </div>
  )
}
