import { PlusOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons'
import { Button, Card, Select, Skeleton, Space, Typography } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { useMyRequests } from './queries.ts'
import { DueDate, StatusTag } from './request-parts.tsx'
import { dateOf, REQUEST_TYPES, requestTypeOf, useText } from './request-types.ts'
import './requests.css'

/** The reader's requests, newest first, as cards that fit a phone. */
export const MyRequestsPage = () => {
  const { t } = useTranslation(['requests', 'common'])
  usePageTitle(t('mine.title'))
  const text = useText()
  const [search, setSearch] = useSearchParams()
  const typeFilter = search.get('type') ?? undefined
  const filter = typeFilter && requestTypeOf(typeFilter) ? typeFilter : undefined
  const list = useMyRequests(filter)
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data])

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="my-requests-page">
      <div className="sq-req-card-head" style={{ alignItems: 'center' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('mine.title')}
        </Typography.Title>
        <LinkButton to="/services" type="primary" icon={<PlusOutlined />} data-testid="my-requests-new">
          {t('mine.new')}
        </LinkButton>
      </div>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          allowClear
          placeholder={t('mine.allTypes')}
          aria-label={t('filter.type')}
          value={filter}
          onChange={(value: string | undefined) => setSearch(value ? { type: value } : {}, { replace: true })}
          options={REQUEST_TYPES.map((type) => ({ value: type.code, label: text(type.name) }))}
          style={{ width: '100%' }}
          data-testid="my-requests-filter-type"
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void list.refetch()}
          aria-label={t('common:action.refresh')}
          title={t('common:action.refresh')}
        />
      </Space.Compact>
      {list.isPending ? (
        <div data-testid="page-loading">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyHint
          text={filter ? t('mine.emptyFiltered') : t('mine.empty')}
          action={
            <LinkButton to="/services" type="primary">
              {t('mine.new')}
            </LinkButton>
          }
        />
      ) : (
        <>
          <div className="sq-req-list" data-testid="my-requests-list">
            {rows.map((row) => {
              const type = requestTypeOf(row.type)
              return (
                <Link
                  key={row.id}
                  to={`/requests/${row.id}`}
                  data-testid="my-request-item"
                  data-request-number={row.number}
                >
                  <Card size="small" hoverable>
                    <div className="sq-req-card-head">
                      <Space orientation="vertical" size={2} style={{ minWidth: 0 }}>
                        <Typography.Text strong>{type ? text(type.name) : row.type}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          {row.number}
                        </Typography.Text>
                      </Space>
                      <Space size={6}>
                        <StatusTag type={type} status={row.status} />
                        <RightOutlined style={{ color: 'rgba(0,0,0,0.25)' }} />
                      </Space>
                    </div>
                    <div className="sq-req-meta" style={{ marginTop: 8 }}>
                      <span>
                        {t('field.submitted')} {dateOf(row.submittedAt)}
                      </span>
                      {row.closedAt ? (
                        <span>
                          {t('field.closed')} {dateOf(row.closedAt)}
                        </span>
                      ) : (
                        <span>
                          {t('field.due')} <DueDate date={row.dueDate} overdue={row.overdue} />
                        </span>
                      )}
                    </div>
                  </Card>
                </Link>
              )
            })}
          </div>
          <div className="sq-load-more">
            {list.hasNextPage ? (
              <Button
                onClick={() => void list.fetchNextPage()}
                loading={list.isFetchingNextPage}
                data-testid="my-requests-load-more"
              >
                {t('common:action.loadMore')}
              </Button>
            ) : (
              <Typography.Text type="secondary">
                {t('common:table.allShown', { count: rows.length })}
              </Typography.Text>
            )}
          </div>
        </>
      )}
    </Space>
  )
}
