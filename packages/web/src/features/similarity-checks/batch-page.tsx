import {
  ArrowLeftOutlined,
  DeleteOutlined,
  DownloadOutlined,
  DownOutlined,
  EditOutlined,
  FileExcelOutlined,
  PaperClipOutlined,
  PlusOutlined,
  ReloadOutlined,
  SendOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons'
import { files, similarityChecks as sc } from '@shuqiao/contracts'
import {
  App as AntApp,
  Button,
  Card,
  Dropdown,
  Grid,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd'
import { type Key, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import { urlOf } from '../../api/client.ts'
import { mayCall } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { EmptyHint, PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useText } from '../requests/request-types.ts'
import { useLibraries } from '../session/queries.ts'
import { AddThesisModal } from './add-thesis-modal.tsx'
import { BatchForm } from './batch-form.tsx'
import { BulkReportsModal } from './bulk-reports-modal.tsx'
import { ImportModal } from './import-modal.tsx'
import {
  DEGREE_LABELS,
  SERVICE_LABELS,
  stepsFor,
  THESIS_STATUS_LABELS,
  THESIS_STATUSES,
  THESIS_TRANSITIONS,
  transitionOf,
} from './logic.ts'
import {
  type BatchDetail,
  type Thesis,
  type ThesisFilters,
  useBatch,
  useBulkStep,
  useDeleteBatch,
  useTheses,
} from './queries.ts'
import { StepModal, type StepTarget } from './step-modal.tsx'
import { ThesisDrawer } from './thesis-drawer.tsx'
import { ThesisStatusTag, Verdict } from './thesis-parts.tsx'
import './similarity-checks.css'
import { searchChanger } from '../../app/search-params.ts'

const COUNTS = [
  'total',
  'waiting',
  'submitted',
  'checked',
  'passed',
  'failed',
  'returned',
  'withdrawn',
] as const
type CountKey = (typeof COUNTS)[number]

const pick = <T extends string>(value: string | null, allowed: readonly T[]) =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined

/** Filters live in the address, so a link to "the failed theses of this batch" can be shared. */
const useThesisFilters = () => {
  const [search, setSearch] = useSearchParams()
  const filters: ThesisFilters = {
    status: pick(search.get('status'), THESIS_STATUSES),
    verdict: pick(search.get('verdict'), ['passed', 'failed'] as const),
    department: search.get('department') ?? undefined,
    q: search.get('q') ?? undefined,
  }
  const change = searchChanger(setSearch)
  return {
    filters,
    change,
    reset: () => setSearch({}, { replace: true }),
    filtered: [...search.keys()].length > 0,
  }
}

const countActive = (key: CountKey, filters: ThesisFilters) =>
  key === 'passed' || key === 'failed'
    ? filters.verdict === key
    : key === 'total'
      ? !filters.status && !filters.verdict
      : filters.status === key && !filters.verdict

/** One batch: its counts, its theses with their steps, and the imports and exports around them. */
export const BatchPage = () => {
  const { t } = useTranslation(['similarityChecks', 'common'])
  const { batchId } = useParams()
  const me = useSignedIn()
  const text = useText()
  const name = useBilingual()
  const navigate = useNavigate()
  const { message, modal } = AntApp.useApp()
  const errorText = useErrorText()
  const wide = Grid.useBreakpoint().md ?? true
  const libraries = useLibraries()
  const batch = useBatch(batchId)
  const { filters, change, reset, filtered } = useThesisFilters()
  const [query, setQuery] = useState(filters.q ?? '')
  const theses = useTheses(batchId, filters)
  const rows = useMemo(() => theses.data?.pages.flatMap((page) => page.items) ?? [], [theses.data])
  const [selected, setSelected] = useState<Key[]>([])
  const [step, setStep] = useState<StepTarget>()
  const [openThesis, setOpenThesis] = useState<string>()
  const [importing, setImporting] = useState<'theses' | 'results'>()
  const [editing, setEditing] = useState(false)
  const [adding, setAdding] = useState(false)
  const [bulkReports, setBulkReports] = useState(false)
  const bulk = useBulkStep(batchId ?? '')
  const remove = useDeleteBatch(batchId ?? '')
  usePageTitle(batch.data?.name ?? t('batches.title'))
  const filterKey = JSON.stringify(filters)
  useEffect(() => {
    if (filterKey) setSelected([])
  }, [filterKey])

  if (batch.isPending) return <PageLoading rows={10} />
  if (batch.isError)
    return (
      <PageError error={batch.error} onRetry={() => void batch.refetch()} backTo="/staff/similarity-checks" />
    )
  const data: BatchDetail = batch.data
  const canManage = mayCall(me, sc.transitionThesis) && me.library?.id === data.libraryId
  const counts = data.counts
  const chosen = rows.filter((row) => selected.includes(row.id))
  const bulkSteps = THESIS_TRANSITIONS.filter(
    (move) => 'bulk' in move && chosen.some((row) => (move.from as readonly string[]).includes(row.status)),
  )
  const exportUrl = (format: 'xlsx' | 'csv') =>
    urlOf(sc.exportBatch, { params: { batchId: data.id }, query: { format } })

  const confirmDelete = () =>
    modal.confirm({
      title: t('batch.delete'),
      content: t('batch.deleteConfirm', { name: data.name, count: counts.total }),
      okText: t('batch.delete'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      onOk: () =>
        remove
          .mutateAsync()
          .then(() => {
            void message.success(t('batch.deleted'))
            void navigate('/staff/similarity-checks', { replace: true })
          })
          .catch((error: unknown) => void message.error(errorText(error))),
    })

  const confirmSubmitAll = () =>
    modal.confirm({
      title: t('batch.submitAll'),
      content: t('batch.submitAllConfirm', { count: counts.waiting }),
      okText: text(transitionOf('submit')?.label),
      okButtonProps: { 'data-testid': 'confirm-ok' },
      onOk: () =>
        bulk
          .mutateAsync({ action: 'submit', thesisIds: 'all' })
          .then((result) => void message.success(t('batch.bulkDone', result)))
          .catch((error: unknown) => void message.error(errorText(error))),
    })

  const onCount = (key: CountKey) => {
    setQuery(filters.q ?? '')
    if (key === 'total') change({ status: undefined, verdict: undefined })
    else if (key === 'passed' || key === 'failed') change({ status: undefined, verdict: key })
    else change({ status: key, verdict: undefined })
  }

  const libraryName =
    me.library?.id === data.libraryId
      ? undefined
      : name(libraries.data?.items.find((library) => library.id === data.libraryId))

  return (
    <div data-testid="similarity-batch-page">
      <LinkButton
        to="/staff/similarity-checks"
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ paddingInline: 0 }}
      >
        {t('batch.back')}
      </LinkButton>
      <div className="sq-page-head">
        <Space orientation="vertical" size={4} style={{ minWidth: 0 }}>
          <h1 style={{ margin: 0 }} data-testid="similarity-batch-name">
            {data.name}
          </h1>
          <Space wrap size={[6, 4]}>
            {libraryName && <Tag>{libraryName}</Tag>}
            <Tag color="blue">{text(DEGREE_LABELS[data.degree])}</Tag>
            <Tag>
              {data.service === 'other' && data.serviceNote
                ? data.serviceNote
                : text(SERVICE_LABELS[data.service])}
            </Tag>
            <Tag color="purple" data-testid="similarity-batch-threshold">
              {t('batch.threshold', { percent: data.thresholdPercent })}
            </Tag>
            {data.dueDate && (
              <Tag color={data.overdue ? 'error' : 'default'}>
                {t('batch.due', { date: data.dueDate })}
                {data.overdue && ` · ${t('batch.overdue')}`}
              </Tag>
            )}
            {data.source && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('batch.from', { source: data.source })}
              </Typography.Text>
            )}
          </Space>
        </Space>
        <Space wrap>
          <Dropdown
            menu={{
              items: [
                {
                  key: 'xlsx',
                  icon: <FileExcelOutlined />,
                  label: (
                    <a href={exportUrl('xlsx')} download data-testid="similarity-export-xlsx">
                      {t('batch.exportXlsx')}
                    </a>
                  ),
                },
                {
                  key: 'csv',
                  icon: <DownloadOutlined />,
                  label: (
                    <a href={exportUrl('csv')} download data-testid="similarity-export-csv">
                      {t('batch.exportCsv')}
                    </a>
                  ),
                },
              ],
            }}
          >
            <Button icon={<DownloadOutlined />} data-testid="similarity-export">
              {t('batch.export')} <DownOutlined />
            </Button>
          </Dropdown>
          {canManage && (
            <>
              <Button
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                data-testid="similarity-batch-edit"
              >
                {t('batch.edit')}
              </Button>
              <Button
                icon={<DeleteOutlined />}
                danger
                onClick={confirmDelete}
                data-testid="similarity-batch-delete"
              >
                {wide ? t('batch.delete') : null}
              </Button>
            </>
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              void batch.refetch()
              void theses.refetch()
            }}
            aria-label={t('common:action.refresh')}
            title={t('common:action.refresh')}
          />
        </Space>
      </div>
      {data.notes && (
        <Typography.Paragraph type="secondary" className="sq-sc-note" style={{ marginBottom: 12 }}>
          {data.notes}
        </Typography.Paragraph>
      )}

      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <div className="sq-sc-counts" data-testid="similarity-batch-counts">
          {COUNTS.map((key) => (
            <button
              type="button"
              key={key}
              className={`sq-sc-count${countActive(key, filters) ? ' active' : ''}`}
              onClick={() => onCount(key)}
              data-testid={`similarity-count-${key}`}
            >
              <strong
                className={
                  key === 'failed' && counts.failed
                    ? 'sq-sc-fail'
                    : key === 'passed'
                      ? 'sq-sc-pass'
                      : undefined
                }
              >
                {counts[key]}
              </strong>
              <span>{t(`batch.counts.${key}`)}</span>
            </button>
          ))}
        </div>

        {canManage && (
          <Space wrap>
            <Button
              type="primary"
              icon={<UploadOutlined />}
              onClick={() => setImporting('theses')}
              data-testid="similarity-import-list"
            >
              {t('batch.importList')}
            </Button>
            <Button
              icon={<UploadOutlined />}
              onClick={() => setImporting('results')}
              disabled={counts.total === 0}
              data-testid="similarity-import-results"
            >
              {t('batch.importResults')}
            </Button>
            <Button
              icon={<PaperClipOutlined />}
              onClick={() => setBulkReports(true)}
              disabled={counts.checked === 0}
              data-testid="similarity-bulk-reports"
            >
              {t('bulkReports.button')}
            </Button>
            <Button
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="similarity-add-thesis"
            >
              {t('batch.addThesis')}
            </Button>
            {counts.waiting > 0 && (
              <Button
                icon={<SendOutlined />}
                onClick={confirmSubmitAll}
                loading={bulk.isPending}
                data-testid="similarity-submit-all"
              >
                {t('batch.submitAll')}
              </Button>
            )}
          </Space>
        )}

        <Card size="small">
          <div className="sq-filters">
            <Input.Search
              allowClear
              value={query}
              onChange={(event) => {
                setQuery(event.target.value)
                if (!event.target.value) change({ q: undefined })
              }}
              onSearch={(value) => change({ q: value.trim() || undefined })}
              placeholder={t('filter.search')}
              aria-label={t('filter.search')}
              maxLength={60}
              style={{ width: 260 }}
              data-testid="similarity-theses-search"
            />
            <Select
              allowClear
              placeholder={t('filter.status')}
              aria-label={t('filter.status')}
              value={filters.status}
              onChange={(status: string | undefined) => change({ status })}
              options={THESIS_STATUSES.map((status) => ({
                value: status,
                label: text(THESIS_STATUS_LABELS[status]),
              }))}
              style={{ width: 120 }}
              data-testid="similarity-theses-filter-status"
            />
            <Select
              allowClear
              placeholder={t('filter.verdict')}
              aria-label={t('filter.verdict')}
              value={filters.verdict}
              onChange={(verdict: string | undefined) => change({ verdict })}
              options={[
                { value: 'passed', label: t('verdict.passed') },
                { value: 'failed', label: t('verdict.failed') },
              ]}
              style={{ width: 110 }}
              data-testid="similarity-theses-filter-verdict"
            />
            <Select
              allowClear
              showSearch
              placeholder={t('filter.department')}
              aria-label={t('filter.department')}
              value={filters.department}
              onChange={(department: string | undefined) => change({ department })}
              options={data.departments.map((department) => ({ value: department, label: department }))}
              style={{ width: 220 }}
              data-testid="similarity-theses-filter-department"
            />
            {filtered && (
              <Button
                onClick={() => {
                  setQuery('')
                  reset()
                }}
              >
                {t('filter.clear')}
              </Button>
            )}
          </div>

          {canManage && selected.length > 0 && (
            <div className="sq-sc-bulk" data-testid="similarity-bulk">
              <Typography.Text strong>{t('batch.selected', { count: selected.length })}</Typography.Text>
              {bulkSteps.map((move) => (
                <Button
                  key={move.action}
                  size="small"
                  danger={move.action === 'withdraw'}
                  onClick={() =>
                    setStep({
                      kind: 'many',
                      batchId: data.id,
                      thesisIds: chosen.map((row) => row.id),
                      count: chosen.filter((row) => (move.from as readonly string[]).includes(row.status))
                        .length,
                      action: move.action,
                    })
                  }
                  data-testid={`similarity-bulk-${move.action}`}
                >
                  {text(move.label)}
                </Button>
              ))}
              <Button size="small" type="link" onClick={() => setSelected([])}>
                {t('batch.clearSelection')}
              </Button>
            </div>
          )}

          {theses.isError ? (
            <PageError error={theses.error} onRetry={() => void theses.refetch()} />
          ) : (
            <>
              <Table<Thesis>
                rowKey="id"
                size="middle"
                loading={theses.isPending || (theses.isFetching && theses.isPlaceholderData)}
                dataSource={rows}
                pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
                scroll={{ x: 1300 }}
                data-testid="similarity-theses-table"
                rowClassName="sq-sc-row"
                rowSelection={
                  canManage
                    ? { selectedRowKeys: selected, onChange: setSelected, columnWidth: 40, fixed: wide }
                    : undefined
                }
                onRow={(row) => ({
                  onClick: (event) => {
                    if ((event.target as HTMLElement).closest('.ant-table-selection-column, a, button'))
                      return
                    setOpenThesis(row.id)
                  },
                })}
                locale={{
                  emptyText: (
                    <EmptyHint
                      text={filtered ? t('batch.emptyFiltered') : t('batch.emptyTheses')}
                      action={
                        !filtered &&
                        canManage && (
                          <Button
                            type="primary"
                            icon={<UploadOutlined />}
                            onClick={() => setImporting('theses')}
                          >
                            {t('batch.importList')}
                          </Button>
                        )
                      }
                    />
                  ),
                }}
                columns={[
                  {
                    title: t('field.readerNumber'),
                    dataIndex: 'readerNumber',
                    width: 124,
                    fixed: wide ? 'start' : undefined,
                  },
                  {
                    title: t('field.author'),
                    dataIndex: 'authorName',
                    width: 96,
                    render: (value: string, row) => (
                      <Space size={4}>
                        {value}
                        {!row.account && (
                          <Tooltip title={t('thesis.noAccount')}>
                            <UserOutlined
                              style={{ color: 'rgba(0,0,0,0.3)' }}
                              aria-label={t('thesis.noAccount')}
                            />
                          </Tooltip>
                        )}
                      </Space>
                    ),
                  },
                  { title: t('field.title'), dataIndex: 'title', width: 300, ellipsis: { showTitle: true } },
                  { title: t('field.department'), dataIndex: 'department', width: 160, ellipsis: true },
                  { title: t('field.supervisor'), dataIndex: 'supervisor', width: 84, ellipsis: true },
                  {
                    title: t('field.status'),
                    key: 'status',
                    width: 110,
                    render: (_, row) => <ThesisStatusTag thesis={row} />,
                  },
                  {
                    title: t('field.similarity'),
                    key: 'similarity',
                    width: 120,
                    render: (_, row) => <Verdict thesis={row} />,
                  },
                  {
                    title: t('field.report'),
                    key: 'report',
                    width: 84,
                    align: 'center',
                    render: (_, row) =>
                      row.reportFile && (
                        <Tooltip title={row.reportFile.name}>
                          <a
                            href={urlOf(files.downloadFile, { params: { fileId: row.reportFile.id } })}
                            download={row.reportFile.name}
                            aria-label={row.reportFile.name}
                          >
                            <PaperClipOutlined />
                          </a>
                        </Tooltip>
                      ),
                  },
                  ...(canManage
                    ? [
                        {
                          title: t('common:table.actions'),
                          key: 'actions',
                          width: 150,
                          fixed: wide ? ('end' as const) : undefined,
                          render: (_: unknown, row: Thesis) => {
                            const { main, rest } = stepsFor(row.allowedActions)
                            return (
                              <Space size={4}>
                                {main && (
                                  <Button
                                    size="small"
                                    type={main.action === 'record' ? 'primary' : 'default'}
                                    onClick={() => setStep({ kind: 'one', thesis: row, action: main.action })}
                                    data-testid={`thesis-row-${main.action}`}
                                  >
                                    {text(transitionOf(main.action)?.label)}
                                  </Button>
                                )}
                                {rest.length > 0 && (
                                  <Dropdown
                                    trigger={['click']}
                                    menu={{
                                      items: rest.map((step) => ({
                                        key: step.action,
                                        danger: step.action === 'withdraw',
                                        label: text(transitionOf(step.action)?.label),
                                      })),
                                      onClick: ({ key }) =>
                                        setStep({ kind: 'one', thesis: row, action: key }),
                                    }}
                                  >
                                    <Button
                                      size="small"
                                      aria-label={t('thesis.more')}
                                      data-testid="thesis-row-more"
                                    >
                                      <DownOutlined />
                                    </Button>
                                  </Dropdown>
                                )}
                              </Space>
                            )
                          },
                        },
                      ]
                    : []),
                ]}
              />
              <div className="sq-load-more">
                {theses.hasNextPage ? (
                  <Button onClick={() => void theses.fetchNextPage()} loading={theses.isFetchingNextPage}>
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
      </Space>

      <StepModal target={step} thresholdPercent={data.thresholdPercent} onClose={() => setStep(undefined)} />
      <ThesisDrawer
        thesisId={openThesis}
        canManage={canManage}
        onClose={() => setOpenThesis(undefined)}
        onStep={(thesis, action) => setStep({ kind: 'one', thesis, action })}
      />
      {canManage && (
        <>
          <ImportModal
            batchId={data.id}
            kind={importing ?? 'theses'}
            open={!!importing}
            onClose={() => setImporting(undefined)}
          />
          <BulkReportsModal batchId={data.id} open={bulkReports} onClose={() => setBulkReports(false)} />
          <AddThesisModal batchId={data.id} open={adding} onClose={() => setAdding(false)} />
          <BatchForm open={editing} batch={data} onClose={() => setEditing(false)} />
        </>
      )}
    </div>
  )
}
