import { ReloadOutlined } from '@ant-design/icons'
import { notifications } from '@shuqiao/contracts'
import { App as AntApp, Button, Card, Grid, Select, Table, Tag, Typography } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../app/dates.ts'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { type DeliveryFilters, useDeliveries, useRetryDelivery } from './queries.ts'

type Delivery = notifications.NoticeDelivery

const SKIP_KEYS = Object.entries(notifications.SKIPPED_BECAUSE) as [
  keyof typeof notifications.SKIPPED_BECAUSE,
  string,
][]

const STATUS_COLOR: Record<notifications.DeliveryStatus, string> = {
  pending: 'processing',
  failed: 'warning',
  sent: 'success',
  dead: 'error',
  skipped: 'default',
}

/** Recent e-mails, robot and webhook posts of a library, with what went wrong and a way to retry. */
export const DeliveriesPanel = ({ libraryId }: { libraryId: string }) => {
  const { t } = useTranslation(['notifications', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [filters, setFilters] = useState<DeliveryFilters>({})
  const deliveries = useDeliveries(libraryId, filters)
  const retry = useRetryDelivery()
  const rows = useMemo(() => deliveries.data?.pages.flatMap((page) => page.items) ?? [], [deliveries.data])
  const filtered = !!filters.status || !!filters.channel
  const wide = Grid.useBreakpoint().md
  /** A skip reason in the reader's words; errors from mail servers and robots as they said them. */
  const problem = (row: Delivery) => {
    if (!row.lastError) return t('common:state.none')
    const known = SKIP_KEYS.find(([, text]) => text === row.lastError)?.[0]
    if (row.status === 'skipped')
      return (
        <Typography.Text type="secondary">{known ? t(`skipped.${known}`) : row.lastError}</Typography.Text>
      )
    return (
      <Typography.Text type={row.status === 'sent' ? 'secondary' : 'danger'}>{row.lastError}</Typography.Text>
    )
  }

  return (
    <Card size="small" title={t('deliveries.title')} data-testid="notice-deliveries">
      <Typography.Paragraph type="secondary">{t('deliveries.intro')}</Typography.Paragraph>
      <div className="sq-filters">
        <Select
          allowClear
          placeholder={t('deliveries.filterStatus')}
          aria-label={t('deliveries.filterStatus')}
          value={filters.status}
          onChange={(status) => setFilters((current) => ({ ...current, status }))}
          options={notifications.DELIVERY_STATUSES.map((status) => ({
            value: status,
            label: t(`status.${status}`),
          }))}
          style={{ width: 160 }}
          data-testid="notice-deliveries-filter-status"
        />
        <Select
          allowClear
          placeholder={t('deliveries.filterChannel')}
          aria-label={t('deliveries.filterChannel')}
          value={filters.channel}
          onChange={(channel) => setFilters((current) => ({ ...current, channel }))}
          options={notifications.DELIVERY_CHANNELS.map((channel) => ({
            value: channel,
            label: t(`channel.${channel}`),
          }))}
          style={{ width: 160 }}
          data-testid="notice-deliveries-filter-channel"
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void deliveries.refetch()}
          aria-label={t('common:action.refresh')}
          title={t('common:action.refresh')}
          data-testid="notice-deliveries-refresh"
        />
      </div>
      {deliveries.isError ? (
        <PageError error={deliveries.error} onRetry={() => void deliveries.refetch()} backTo="/staff" />
      ) : (
        <>
          <Table<Delivery>
            rowKey="id"
            size="middle"
            loading={deliveries.isPending}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 1300 }}
            data-testid="notice-deliveries-table"
            locale={{
              emptyText: (
                <EmptyHint text={filtered ? t('deliveries.emptyFiltered') : t('deliveries.empty')} />
              ),
            }}
            columns={[
              {
                title: t('deliveries.column.createdAt'),
                dataIndex: 'createdAt',
                width: 170,
                render: (at: string) => <time dateTime={at}>{formatDateTime(at)}</time>,
              },
              { title: t('deliveries.column.subject'), dataIndex: 'subject', width: 260, ellipsis: true },
              {
                title: t('deliveries.column.target'),
                key: 'target',
                width: 220,
                render: (_, row) => (
                  <span>
                    <Tag>{t(`channel.${row.channel}`)}</Tag>
                    {row.channel === 'email'
                      ? row.recipient && `${row.recipient.name} (${row.recipient.readerNumber})`
                      : (row.noticeChannel?.name ?? (
                          <Typography.Text type="secondary">{t('deliveries.removedChannel')}</Typography.Text>
                        ))}
                  </span>
                ),
              },
              {
                title: t('deliveries.column.status'),
                dataIndex: 'status',
                width: 110,
                render: (status: notifications.DeliveryStatus) => (
                  <Tag color={STATUS_COLOR[status]}>{t(`status.${status}`)}</Tag>
                ),
              },
              { title: t('deliveries.column.attempts'), dataIndex: 'attempts', width: 70, align: 'end' },
              {
                title: t('deliveries.column.lastError'),
                dataIndex: 'lastError',
                width: 240,
                ellipsis: { showTitle: true },
                render: (_: unknown, row) => problem(row),
              },
              {
                title: t('deliveries.column.nextAttemptAt'),
                dataIndex: 'nextAttemptAt',
                width: 170,
                render: (at: string | null) => (at ? <time dateTime={at}>{formatDateTime(at)}</time> : '—'),
              },
              {
                title: t('common:table.actions'),
                key: 'actions',
                width: 110,
                fixed: wide ? 'right' : undefined,
                render: (_, row) =>
                  row.status === 'failed' || row.status === 'dead' ? (
                    <Button
                      size="small"
                      loading={retry.isPending && retry.variables?.deliveryId === row.id}
                      data-testid="notice-delivery-retry"
                      onClick={() =>
                        retry.mutate(
                          { libraryId, deliveryId: row.id },
                          {
                            onSuccess: () => void message.success(t('deliveries.retried')),
                            onError: (error) => void message.error(errorText(error)),
                          },
                        )
                      }
                    >
                      {t('deliveries.retry')}
                    </Button>
                  ) : null,
              },
            ]}
          />
          {deliveries.hasNextPage && (
            <div className="sq-load-more">
              <Button
                onClick={() => void deliveries.fetchNextPage()}
                loading={deliveries.isFetchingNextPage}
                data-testid="notice-deliveries-load-more"
              >
                {t('common:action.loadMore')}
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  )
}
