import { HistoryOutlined, ReloadOutlined, SyncOutlined } from '@ant-design/icons'
import { type BodyInputOf, linkChecks } from '@shuqiao/contracts'
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { type HTMLAttributes, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { call } from '../../api/client.ts'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { formatDateTime } from '../../app/dates.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { searchChanger } from '../../app/search-params.ts'
import { StaffTabs } from './staff-tabs.tsx'

/*
 * The staff page of link checking (R5): /staff/resources/link-checks?view=broken|needs_person|recent|dismissed
 * &q=&outcome=&flagged=true&mine=true. Queries live here too, so the page is one file.
 */

type Row = linkChecks.LinkCheckRow
type Check = linkChecks.LinkCheck
type View = linkChecks.LinkCheckView
type Run = linkChecks.LinkCheckRun
type LinkOutcome = linkChecks.LinkOutcome

const PAGE_SIZE = 50
const VIEWS = linkChecks.LINK_CHECK_VIEWS

export const OUTCOME_COLOR: Record<LinkOutcome, string> = {
  ok: 'success',
  broken: 'error',
  needs_person: 'warning',
  soft_404: 'magenta',
}

interface Filters {
  view: View
  q?: string | undefined
  outcome?: LinkOutcome | undefined
  flagged?: 'true' | undefined
  mine?: 'true' | undefined
}

// ---- Queries ----

const useLinkChecks = (filters: Filters) =>
  useInfiniteQuery({
    queryKey: ['link-checks', filters],
    queryFn: ({ pageParam }) =>
      call(linkChecks.listLinkChecks, { query: { ...filters, cursor: pageParam, limit: PAGE_SIZE } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

const useHistory = (resourceId: string | undefined) =>
  useInfiniteQuery({
    queryKey: ['link-check-history', resourceId],
    queryFn: ({ pageParam }) =>
      call(linkChecks.resourceLinkChecks, {
        params: { resourceId: resourceId! },
        query: { cursor: pageParam, limit: 30 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!resourceId,
  })

/** The latest runs; looked at every two seconds while one is under way. */
const useRuns = () =>
  useQuery({
    queryKey: ['link-check-runs'],
    queryFn: () => call(linkChecks.listLinkCheckRuns),
    refetchInterval: (query) => (query.state.data?.items[0]?.status === 'running' ? 2_000 : false),
  })

const useInvalidateChecks = () => {
  const queryClient = useQueryClient()
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['link-checks'] }),
      queryClient.invalidateQueries({ queryKey: ['link-check-history'] }),
    ])
}

const useRecheck = () => {
  const invalidate = useInvalidateChecks()
  return useMutation({
    mutationFn: (resourceId: string) => call(linkChecks.recheckResourceLinks, { params: { resourceId } }),
    onSuccess: invalidate,
  })
}

const useDismiss = () => {
  const invalidate = useInvalidateChecks()
  return useMutation({
    mutationFn: ({
      resourceId,
      body,
    }: {
      resourceId: string
      body: BodyInputOf<typeof linkChecks.dismissLinkAlarm>
    }) => call(linkChecks.dismissLinkAlarm, { params: { resourceId }, body }),
    onSuccess: invalidate,
  })
}

const useStartRun = () => {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (scope: 'all' | 'failing') => call(linkChecks.startLinkCheckRun, { body: { scope } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['link-check-runs'] }),
  })
}

// ---- Parts ----

const pick = <T extends string>(value: string | null, allowed: readonly T[]) =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined

/** The resource's name and the checker's sentence in the interface language. */
const useLanguage = () => {
  const { i18n } = useTranslation()
  const english = i18n.language === 'en'
  return {
    name: (row: { nameZh: string; nameEn: string | null }) =>
      english ? (row.nameEn ?? row.nameZh) : row.nameZh,
    message: (check: Check) => (english ? check.messageEn : check.messageZh),
  }
}

export const OutcomeTag = ({ outcome }: { outcome: LinkOutcome }) => {
  const { t } = useTranslation('linkChecks')
  return (
    <Tag color={OUTCOME_COLOR[outcome]} data-outcome={outcome}>
      {t(`outcome.${outcome}`)}
    </Tag>
  )
}

const At = ({ iso }: { iso: string | null }) =>
  iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : <span>—</span>

/** What the latest run did, or that one is under way; tells the lists to reload when it ends. */
const RunStatus = () => {
  const { t } = useTranslation('linkChecks')
  const runs = useRuns()
  const invalidate = useInvalidateChecks()
  const latest: Run | undefined = runs.data?.items[0]
  const previous = useRef<string | undefined>(undefined)
  useEffect(() => {
    const key = latest ? `${latest.id}:${latest.status}` : undefined
    if (previous.current?.endsWith(':running') && key && !key.endsWith(':running')) void invalidate()
    previous.current = key
  }, [latest, invalidate])
  if (runs.isPending || runs.isError) return null
  if (!latest) return <Alert type="info" showIcon title={t('run.never')} data-testid="link-check-run" />
  if (latest.status === 'running')
    return (
      <Alert
        type="info"
        showIcon
        icon={<SyncOutlined spin />}
        title={t('run.running', { startedAt: formatDateTime(latest.startedAt) })}
        data-testid="link-check-run"
        data-status="running"
      />
    )
  if (latest.status === 'failed')
    return (
      <Alert
        type="warning"
        showIcon
        title={t('run.failed', { startedAt: formatDateTime(latest.startedAt) })}
        data-testid="link-check-run"
        data-status="failed"
      />
    )
  return (
    <Alert
      type={latest.broken + latest.soft404 > 0 ? 'warning' : 'success'}
      showIcon
      data-testid="link-check-run"
      data-status="done"
      title={
        <span>
          <Tag>{t(`run.${latest.trigger}`)}</Tag>
          {t('run.last', {
            finishedAt: formatDateTime(latest.finishedAt ?? latest.startedAt),
            resources: latest.resources,
            ok: latest.ok,
            broken: latest.broken,
            soft404: latest.soft404,
            needsPerson: latest.needsPerson,
            flagged: latest.flagged,
          })}
        </span>
      }
    />
  )
}

interface DismissValues {
  days: number
  note?: string
}

const DismissModal = ({ row, onClose }: { row: Row | null; onClose: () => void }) => {
  const { t } = useTranslation(['linkChecks', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const language = useLanguage()
  const dismiss = useDismiss()
  const [form] = Form.useForm<DismissValues>()
  const submit = (values: DismissValues) => {
    if (!row) return
    dismiss.mutate(
      { resourceId: row.resourceId, body: { days: values.days, note: values.note?.trim() || null } },
      {
        onSuccess: (state) => {
          void message.success(
            t('dismiss.done', { date: state.dismissedUntil ? formatDateTime(state.dismissedUntil) : '' }),
          )
          onClose()
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error)) void message.error(errorText(error))
        },
      },
    )
  }
  return (
    <Modal
      open={!!row}
      title={row ? `${t('dismiss.title')} · ${language.name(row)}` : t('dismiss.title')}
      okText={t('dismiss.submit')}
      cancelText={t('common:action.cancel')}
      confirmLoading={dismiss.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'link-dismiss-submit' }}
    >
      <Typography.Paragraph type="secondary">{t('dismiss.hint')}</Typography.Paragraph>
      <Form<DismissValues>
        form={form}
        layout="vertical"
        initialValues={{ days: 7 }}
        onFinish={submit}
        name="link-dismiss"
        data-testid="link-dismiss-form"
      >
        <Form.Item
          name="days"
          label={t('dismiss.days')}
          rules={[{ required: true, type: 'integer', min: 1, max: 90, message: '1–90' }]}
        >
          <InputNumber
            min={1}
            max={90}
            precision={0}
            suffix={t('dismiss.daysUnit')}
            data-testid="link-dismiss-days"
          />
        </Form.Item>
        <Form.Item name="note" label={t('dismiss.note')} rules={[{ max: 500 }]}>
          <Input.TextArea
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 5 }}
            placeholder={t('dismiss.notePlaceholder')}
            data-testid="link-dismiss-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

const HistoryDrawer = ({ resourceId, onClose }: { resourceId: string | undefined; onClose: () => void }) => {
  const { t } = useTranslation(['linkChecks', 'common'])
  const language = useLanguage()
  const phone = !Grid.useBreakpoint().md
  const history = useHistory(resourceId)
  const first = history.data?.pages[0]
  const items = useMemo(() => history.data?.pages.flatMap((page) => page.items) ?? [], [history.data])
  const state = first?.state
  return (
    <Drawer
      open={!!resourceId}
      onClose={onClose}
      size={phone ? '100%' : 720}
      title={first ? `${t('history.title')} · ${language.name(first)}` : t('history.title')}
      destroyOnHidden
      data-testid="link-history-drawer"
    >
      {history.isPending ? (
        <PageLoading rows={6} />
      ) : history.isError ? (
        <PageError error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {state && (
            <Descriptions
              size="small"
              column={1}
              title={t('history.state')}
              data-testid="link-history-state"
              items={[
                {
                  key: 'outcome',
                  label: t('history.lastOutcome'),
                  children: state.lastOutcome ? (
                    <Space size={4} wrap>
                      <OutcomeTag outcome={state.lastOutcome} />
                      <At iso={state.lastCheckedAt} />
                    </Space>
                  ) : (
                    t('history.never')
                  ),
                },
                { key: 'failures', label: t('history.failures'), children: state.consecutiveFailures },
                ...(state.flaggedSince
                  ? [
                      {
                        key: 'flagged',
                        label: t('history.flaggedSince'),
                        children: <At iso={state.flaggedSince} />,
                      },
                    ]
                  : []),
                ...(state.dismissedUntil
                  ? [
                      {
                        key: 'dismissed',
                        label: t('history.dismissedUntil'),
                        children: (
                          <span>
                            <At iso={state.dismissedUntil} />
                            {state.dismissedNote ? ` · ${state.dismissedNote}` : ''}
                          </span>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
          <Table<Check>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={items}
            scroll={{ x: 640 }}
            data-testid="link-history-table"
            locale={{ emptyText: <EmptyHint text={t('history.empty')} /> }}
            columns={[
              {
                title: t('column.checkedAt'),
                dataIndex: 'checkedAt',
                width: 170,
                render: (iso: string) => <At iso={iso} />,
              },
              {
                title: t('column.outcome'),
                dataIndex: 'outcome',
                width: 120,
                render: (outcome: LinkOutcome) => <OutcomeTag outcome={outcome} />,
              },
              {
                title: t('column.reason'),
                key: 'reason',
                render: (_, check) => (
                  <span>
                    {language.message(check)}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                      {check.url}
                    </Typography.Text>
                  </span>
                ),
              },
              {
                title: t('column.status'),
                dataIndex: 'statusCode',
                width: 80,
                render: (code) => code ?? '—',
              },
              { title: t('column.ms'), dataIndex: 'ms', width: 90, align: 'end' },
            ]}
          />
          {history.hasNextPage && (
            <div className="sq-load-more">
              <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
                {t('common:action.loadMore')}
              </Button>
            </div>
          )}
        </Space>
      )}
    </Drawer>
  )
}

// ---- The page ----

/** Broken links, links needing a person, recent checks and dismissed alarms of the librarian's library. */
export const LinkChecksPage = () => {
  const { t } = useTranslation(['linkChecks', 'common'])
  usePageTitle(t('title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const language = useLanguage()
  const wide = Grid.useBreakpoint().md
  const [search, setSearch] = useSearchParams()
  const filters: Filters = {
    view: pick(search.get('view'), VIEWS) ?? 'broken',
    q: search.get('q') ?? undefined,
    outcome: pick(search.get('outcome'), linkChecks.LINK_OUTCOMES),
    flagged: search.get('flagged') === 'true' ? 'true' : undefined,
    mine: search.get('mine') === 'true' ? 'true' : undefined,
  }
  const [query, setQuery] = useState(filters.q ?? '')
  const [dismissing, setDismissing] = useState<Row | null>(null)
  const [historyOf, setHistoryOf] = useState<string | undefined>(undefined)
  const list = useLinkChecks(filters)
  const recheck = useRecheck()
  const startRun = useStartRun()
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const filtered = !!(filters.q || filters.outcome || filters.flagged || filters.mine)

  const change = searchChanger(setSearch)

  const run = (scope: 'all' | 'failing') =>
    startRun.mutate(scope, {
      onSuccess: () => void message.info(t('run.started')),
      onError: (error) => void message.error(errorText(error)),
    })

  const table = (
    <>
      <div className="sq-filters">
        <Input.Search
          allowClear
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onSearch={(value) => change({ q: value.trim() || undefined })}
          placeholder={t('filter.search')}
          aria-label={t('filter.search')}
          style={{ width: 260 }}
          data-testid="link-checks-search"
        />
        {filters.view === 'recent' && (
          <Select
            allowClear
            placeholder={t('filter.outcome')}
            aria-label={t('filter.outcome')}
            value={filters.outcome}
            onChange={(outcome) => change({ outcome })}
            options={linkChecks.LINK_OUTCOMES.map((outcome) => ({
              value: outcome,
              label: t(`outcome.${outcome}`),
            }))}
            style={{ width: 160 }}
            data-testid="link-checks-filter-outcome"
          />
        )}
        {filters.view === 'broken' && (
          <Checkbox
            checked={!!filters.flagged}
            onChange={(event) => change({ flagged: event.target.checked ? 'true' : undefined })}
            data-testid="link-checks-filter-flagged"
          >
            {t('filter.flagged')}
          </Checkbox>
        )}
        <Checkbox
          checked={!!filters.mine}
          onChange={(event) => change({ mine: event.target.checked ? 'true' : undefined })}
          data-testid="link-checks-filter-mine"
        >
          {t('filter.mine')}
        </Checkbox>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void list.refetch()}
          aria-label={t('common:action.refresh')}
          title={t('common:action.refresh')}
          data-testid="link-checks-refresh"
        />
      </div>
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff" />
      ) : (
        <>
          <Table<Row>
            rowKey="id"
            size="middle"
            loading={list.isPending}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1040 }}
            data-testid="link-checks-table"
            onRow={(row) => ({ 'data-resource-id': row.resourceId }) as HTMLAttributes<HTMLElement>}
            locale={{
              emptyText: <EmptyHint text={filtered ? t('empty.filtered') : t(`empty.${filters.view}`)} />,
            }}
            columns={[
              {
                title: t('column.resource'),
                key: 'resource',
                width: 180,
                render: (_, row) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong>{language.name(row)}</Typography.Text>
                    {row.owner && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {row.owner.name}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('column.url'),
                dataIndex: 'url',
                width: 200,
                ellipsis: { showTitle: true },
                render: (url: string) => (
                  <Typography.Link href={url} target="_blank" rel="noopener noreferrer">
                    {url}
                  </Typography.Link>
                ),
              },
              {
                title: t('column.outcome'),
                key: 'outcome',
                width: 130,
                render: (_, row) => (
                  <Space orientation="vertical" size={2}>
                    <Space size={4} wrap>
                      <OutcomeTag outcome={row.outcome} />
                      {row.state.flaggedSince && (
                        <Tag color="red" data-testid="link-flagged">
                          {t('flagged')}
                        </Tag>
                      )}
                    </Space>
                    {row.statusCode !== null && (
                      <Typography.Text
                        type="secondary"
                        style={{ fontSize: 12 }}
                        data-testid="link-status-code"
                      >
                        HTTP {row.statusCode}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('column.reason'),
                key: 'reason',
                width: 240,
                render: (_, row) => (
                  <span>
                    {language.message(row)}
                    {filters.view === 'dismissed' && row.state.dismissedUntil && (
                      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                        {t('history.dismissedUntil')} <At iso={row.state.dismissedUntil} />
                        {row.state.dismissedNote ? ` · ${row.state.dismissedNote}` : ''}
                      </Typography.Text>
                    )}
                  </span>
                ),
              },
              {
                title: t('column.checkedAt'),
                key: 'checkedAt',
                width: 120,
                render: (_, row) => (
                  <Space orientation="vertical" size={0}>
                    <span style={{ fontSize: 13 }}>
                      <At iso={row.checkedAt} />
                    </span>
                    {row.state.consecutiveFailures > 0 && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="link-failures">
                        {t('failuresInRow', { count: row.state.consecutiveFailures })}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: t('common:table.actions'),
                key: 'actions',
                width: 170,
                fixed: wide ? 'right' : undefined,
                render: (_, row) => (
                  <Space size={4} wrap>
                    <Button
                      size="small"
                      icon={<SyncOutlined />}
                      loading={recheck.isPending && recheck.variables === row.resourceId}
                      data-testid="link-recheck"
                      onClick={() =>
                        recheck.mutate(row.resourceId, {
                          onSuccess: (result) =>
                            void message.success(
                              t('recheck.done', {
                                outcome: result.state.lastOutcome
                                  ? t(`outcome.${result.state.lastOutcome}`)
                                  : '—',
                              }),
                            ),
                          onError: (error) => void message.error(errorText(error)),
                        })
                      }
                    >
                      {t('action.recheck')}
                    </Button>
                    {filters.view !== 'dismissed' && row.outcome !== 'ok' && (
                      <Button size="small" onClick={() => setDismissing(row)} data-testid="link-dismiss">
                        {t('action.dismiss')}
                      </Button>
                    )}
                    <Button
                      size="small"
                      type="link"
                      icon={<HistoryOutlined />}
                      onClick={() => setHistoryOf(row.resourceId)}
                      data-testid="link-history"
                    >
                      {t('action.history')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
          {list.hasNextPage && (
            <div className="sq-load-more">
              <Button
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
                data-testid="link-checks-load-more"
              >
                {t('common:action.loadMore')}
              </Button>
            </div>
          )}
        </>
      )}
    </>
  )

  return (
    <div data-testid="link-checks-page">
      <PageHead
        title={t('title')}
        intro={t('intro')}
        extra={
          <Space wrap>
            <Button
              onClick={() => run('failing')}
              loading={startRun.isPending && startRun.variables === 'failing'}
              data-testid="link-run-failing"
            >
              {t('action.runFailing')}
            </Button>
            <Button
              type="primary"
              icon={<SyncOutlined />}
              onClick={() => run('all')}
              loading={startRun.isPending && startRun.variables === 'all'}
              data-testid="link-run-all"
            >
              {t('action.runAll')}
            </Button>
          </Space>
        }
      />
      <StaffTabs current="/staff/resources/link-checks" />
      <div style={{ marginBottom: 16 }}>
        <RunStatus />
      </div>
      <Card size="small">
        <Tabs
          activeKey={filters.view}
          onChange={(key) => change({ view: key, outcome: undefined, flagged: undefined })}
          items={VIEWS.map((view) => ({
            key: view,
            label: <span data-testid={`link-checks-tab-${view}`}>{t(`tab.${view}`)}</span>,
            children: view === filters.view ? table : null,
          }))}
        />
      </Card>
      <DismissModal row={dismissing} onClose={() => setDismissing(null)} />
      <HistoryDrawer resourceId={historyOf} onClose={() => setHistoryOf(undefined)} />
    </div>
  )
}
