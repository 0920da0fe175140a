import { App as AntApp, Badge, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { CirculationTabs } from './circulation-tabs.tsx'
import {
  type QuarantinedItem,
  type QuarantineFilter,
  useQuarantine,
  useReleaseFromQuarantine,
} from './queries.ts'
import './circulation.css'

const FILTERS: QuarantineFilter[] = ['all', 'today', 'overdue']

const isFilter = (value: string | null): value is QuarantineFilter =>
  (FILTERS as (string | null)[]).includes(value)

/** 隔离: returned items resting before they go back on the shelf, soonest out first; release one or all due. */
export const QuarantinePage = () => {
  const { t } = useTranslation(['circulation', 'common'])
  usePageTitle(t('quarantine.title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [params, setParams] = useSearchParams()
  const shown = params.get('show')
  const show: QuarantineFilter = isFilter(shown) ? shown : 'all'
  const list = useQuarantine(show)
  const release = useReleaseFromQuarantine()
  const counts = list.data?.counts

  const releaseOne = (item: QuarantinedItem) =>
    release
      .mutateAsync({ itemId: item.id })
      .then(() => void message.success(t('quarantine.released', { title: item.title })))
      .catch((error: unknown) => void message.error(errorText(error)))

  const releaseDue = () =>
    release
      .mutateAsync('due')
      .then((done) => void message.success(t('quarantine.releasedDue', { count: done.released })))
      .catch((error: unknown) => void message.error(errorText(error)))

  return (
    <div data-testid="quarantine-page">
      <PageHead
        title={t('quarantine.title')}
        intro={t('quarantine.intro')}
        extra={
          <Button
            type="primary"
            disabled={!counts?.overdue}
            loading={release.isPending && release.variables === 'due'}
            onClick={() => void releaseDue()}
            data-testid="quarantine-release-due"
          >
            {t('quarantine.releaseDue', { count: counts?.overdue ?? 0 })}
          </Button>
        }
      />
      <CirculationTabs current="/staff/circulation/quarantine" />
      <Card size="small">
        <Space style={{ marginBottom: 12 }}>
          <Segmented<QuarantineFilter>
            value={show}
            onChange={(value) => setParams(value === 'all' ? {} : { show: value }, { replace: true })}
            options={FILTERS.map((filter) => ({
              value: filter,
              label: (
                <span data-testid={`quarantine-filter-${filter}`}>
                  {t(`quarantine.filter.${filter}`)}{' '}
                  <Badge count={counts?.[filter] ?? 0} showZero color="#999" />
                </span>
              ),
            }))}
          />
        </Space>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} backTo="/staff" />
        ) : (
          <Table<QuarantinedItem>
            rowKey="id"
            size="middle"
            loading={list.isPending || (list.isPlaceholderData && list.isFetching)}
            dataSource={list.data?.items ?? []}
            pagination={false}
            data-testid="quarantine-table"
            onRow={(item) => ({ 'data-barcode': item.barcode, 'data-due': String(item.due) }) as object}
            locale={{ emptyText: <EmptyHint text={t(`quarantine.empty.${show}`)} /> }}
            columns={[
              {
                title: t('quarantine.item'),
                key: 'item',
                render: (_, item) => (
                  <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                    <span className="sq-circ-title">{item.title}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {item.barcode}
                      {item.callNumber ? ` · ${item.callNumber}` : ''}
                      {item.location ? ` · ${item.location}` : ''}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('quarantine.until'),
                key: 'until',
                width: 220,
                render: (_, item) => (
                  <Space size={6}>
                    <time dateTime={item.quarantineUntil}>{item.untilLocal}</time>
                    {item.due && <Tag color="green">{t('quarantine.dueTag')}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('quarantine.action'),
                key: 'action',
                width: 150,
                render: (_, item) => (
                  <Button
                    size="small"
                    type={item.due ? 'primary' : 'default'}
                    loading={
                      release.isPending &&
                      typeof release.variables === 'object' &&
                      release.variables.itemId === item.id
                    }
                    onClick={() => void releaseOne(item)}
                    data-testid="quarantine-release"
                  >
                    {t('quarantine.release')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  )
}
