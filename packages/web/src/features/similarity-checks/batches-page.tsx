import { PlusOutlined, ReloadOutlined } from '@ant-design/icons'
import { similarityChecks } from '@shuqiao/contracts'
import { Button, Card, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { isConsortiumAdmin, mayCall } from '../../app/access.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useText } from '../requests/request-types.ts'
import { useLibraries } from '../session/queries.ts'
import { BatchForm } from './batch-form.tsx'
import { DEGREE_LABELS, DEGREES, progressOf, SERVICE_LABELS, SERVICES } from './logic.ts'
import { type Batch, type BatchFilters, useBatches } from './queries.ts'
import './similarity-checks.css'
import { searchChanger } from '../../app/search-params.ts'

const pick = <T extends string>(value: string | null, allowed: readonly T[]) =>
  value && (allowed as readonly string[]).includes(value) ? (value as T) : undefined

/** Batches of the library (or, for the consortium office, of every member): filter, open, or start one. */
export const BatchesPage = () => {
  const { t } = useTranslation(['similarityChecks', 'common'])
  usePageTitle(t('batches.title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const canCreate = mayCall(me, similarityChecks.createBatch)
  const text = useText()
  const name = useBilingual()
  const navigate = useNavigate()
  const libraries = useLibraries()
  const [search, setSearch] = useSearchParams()
  const filters: BatchFilters = {
    libraryId: search.get('library') ?? undefined,
    degree: pick(search.get('degree'), DEGREES),
    service: pick(search.get('service'), SERVICES),
    state: pick(search.get('state'), ['open', 'done'] as const),
    q: search.get('q') ?? undefined,
  }
  const [query, setQuery] = useState(filters.q ?? '')
  const [creating, setCreating] = useState(false)
  const list = useBatches(filters)
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])
  const filtered = [...search.keys()].length > 0
  const change = searchChanger(setSearch)

  return (
    <div data-testid="similarity-batches-page">
      <PageHead
        title={t('batches.title')}
        intro={t('batches.intro')}
        extra={
          canCreate && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="similarity-batch-new"
            >
              {t('batches.new')}
            </Button>
          )
        }
      />
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
            placeholder={t('batches.search')}
            aria-label={t('batches.search')}
            maxLength={60}
            style={{ width: 240 }}
            data-testid="similarity-batches-search"
          />
          {consortium && (
            <Select
              allowClear
              placeholder={t('filter.library')}
              aria-label={t('filter.library')}
              value={filters.libraryId}
              onChange={(library: string | undefined) => change({ library })}
              options={(libraries.data?.items ?? []).map((library) => ({
                value: library.id,
                label: name(library),
              }))}
              style={{ width: 200 }}
              data-testid="similarity-batches-filter-library"
            />
          )}
          <Select
            allowClear
            placeholder={t('filter.degree')}
            aria-label={t('filter.degree')}
            value={filters.degree}
            onChange={(degree: string | undefined) => change({ degree })}
            options={DEGREES.map((degree) => ({ value: degree, label: text(DEGREE_LABELS[degree]) }))}
            style={{ width: 110 }}
            data-testid="similarity-batches-filter-degree"
          />
          <Select
            allowClear
            placeholder={t('filter.service')}
            aria-label={t('filter.service')}
            value={filters.service}
            onChange={(service: string | undefined) => change({ service })}
            options={SERVICES.map((service) => ({ value: service, label: text(SERVICE_LABELS[service]) }))}
            style={{ width: 220 }}
            data-testid="similarity-batches-filter-service"
          />
          <Select
            allowClear
            placeholder={t('filter.state')}
            aria-label={t('filter.state')}
            value={filters.state}
            onChange={(state: string | undefined) => change({ state })}
            options={[
              { value: 'open', label: t('filter.stateOpen') },
              { value: 'done', label: t('filter.stateDone') },
            ]}
            style={{ width: 120 }}
            data-testid="similarity-batches-filter-state"
          />
          {filtered && (
            <Button
              onClick={() => {
                setQuery('')
                setSearch({}, { replace: true })
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
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff" />
        ) : (
          <>
            <Table<Batch>
              rowKey="id"
              size="middle"
              loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 960 }}
              data-testid="similarity-batches-table"
              rowClassName="sq-sc-row"
              onRow={(row) => ({
                onClick: (event) => {
                  if ((event.target as HTMLElement).closest('a, button')) return
                  void navigate(`/staff/similarity-checks/${row.id}`)
                },
              })}
              locale={{
                emptyText: (
                  <EmptyHint
                    text={filtered ? t('batches.emptyFiltered') : t('batches.empty')}
                    action={
                      !filtered &&
                      canCreate && (
                        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                          {t('batches.new')}
                        </Button>
                      )
                    }
                  />
                ),
              }}
              columns={[
                {
                  title: t('field.name'),
                  dataIndex: 'name',
                  render: (value: string, row) => (
                    <Space orientation="vertical" size={0}>
                      <Link to={`/staff/similarity-checks/${row.id}`} data-testid="similarity-batch-open">
                        {value}
                      </Link>
                      {row.source && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {row.source}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
                ...(consortium
                  ? [
                      {
                        title: t('filter.library'),
                        key: 'library',
                        width: 170,
                        render: (_: unknown, row: Batch) =>
                          name(libraries.data?.items.find((library) => library.id === row.libraryId)),
                      },
                    ]
                  : []),
                {
                  title: t('field.degree'),
                  dataIndex: 'degree',
                  width: 72,
                  render: (degree: Batch['degree']) => text(DEGREE_LABELS[degree]),
                },
                {
                  title: t('field.service'),
                  key: 'service',
                  width: 150,
                  render: (_, row) =>
                    row.service === 'other' && row.serviceNote
                      ? row.serviceNote
                      : text(SERVICE_LABELS[row.service]),
                },
                {
                  title: t('field.threshold'),
                  dataIndex: 'thresholdPercent',
                  width: 80,
                  render: (value: number) => `≤ ${value}%`,
                },
                {
                  title: t('batches.progress'),
                  key: 'progress',
                  width: 220,
                  render: (_, row) => (
                    <div>
                      <Progress percent={progressOf(row.counts)} size="small" showInfo={false} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('batches.settled', {
                          done: row.counts.checked + row.counts.withdrawn,
                          total: row.counts.total,
                        })}
                        {row.counts.checked > 0 && (
                          <>
                            {' · '}
                            <span className="sq-sc-pass">
                              {t('verdict.passed')} {row.counts.passed}
                            </span>
                            {' · '}
                            <span className={row.counts.failed ? 'sq-sc-fail' : undefined}>
                              {t('verdict.failed')} {row.counts.failed}
                            </span>
                          </>
                        )}
                      </Typography.Text>
                    </div>
                  ),
                },
                {
                  title: t('field.dueDate'),
                  dataIndex: 'dueDate',
                  width: 130,
                  render: (date: string | null, row) =>
                    !date ? (
                      t('common:state.none')
                    ) : row.overdue ? (
                      <Tag color="error">
                        {date} · {t('batch.overdue')}
                      </Tag>
                    ) : (
                      date
                    ),
                },
              ]}
            />
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
          </>
        )}
      </Card>
      <BatchForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(batch) => void navigate(`/staff/similarity-checks/${batch.id}`)}
      />
    </div>
  )
}
