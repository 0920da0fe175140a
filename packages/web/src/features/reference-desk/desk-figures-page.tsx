import { DownloadOutlined } from '@ant-design/icons'
import { referenceDesk } from '@shuqiao/contracts'
import { useQuery } from '@tanstack/react-query'
import { App as AntApp, Button, Card, DatePicker, Space, Statistic, Table } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, urlOf } from '../../api/client.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, useErrorText } from '../../app/page-states.tsx'
import { downloadFrom } from '../requests/download.ts'
import { DESK_KEY } from './queries.ts'
import './reference-desk.css'

type QueueLine = referenceDesk.DeskFigures['byQueue'][number]

const DAY = 'YYYY-MM-DD'

/** Seconds as minutes with one decimal, or a dash when there is nothing to average. */
const minutes = (seconds: number | null) => (seconds === null ? '—' : (seconds / 60).toFixed(1))
/** Seconds as hours with one decimal: tickets are answered in hours, not minutes. */
const hours = (seconds: number | null) => (seconds === null ? '—' : (seconds / 3600).toFixed(1))

/**
 * 咨询统计 Desk figures for the library's admin: questions per queue and per hour of day, time
 * waiting and to the first answer, ratings; CSV and Excel. Hours are the library's local time.
 */
export const DeskFiguresPage = () => {
  const { t } = useTranslation(['referenceDesk', 'referenceTickets'])
  usePageTitle(t('figures.title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  // No range until one is picked: the server then shows the last 30 days up to the library's
  // today, which the browser's clock may put a day off.
  const [range, setRange] = useState<[Dayjs, Dayjs]>()
  const query = range ? { from: range[0].format(DAY), to: range[1].format(DAY) } : {}
  const figures = useQuery({
    queryKey: [...DESK_KEY, 'figures', query],
    queryFn: () => call(referenceDesk.getDeskFigures, { query }),
  })
  const [exporting, setExporting] = useState<string>()
  const exportAs = (table: referenceDesk.FigureTable, format: 'csv' | 'xlsx') => {
    setExporting(`${table}-${format}`)
    // The very days on screen, even if the library's day turned since they were read.
    const shown = figures.data ? { from: figures.data.from, to: figures.data.to } : query
    downloadFrom(
      urlOf(referenceDesk.exportDeskFigures, { query: { ...shown, table, format } }),
      `desk-${table}.${format}`,
    )
      .catch((error: unknown) => void message.error(errorText(error)))
      .finally(() => setExporting(undefined))
  }
  const exportButtons = (table: referenceDesk.FigureTable) => (
    <Space>
      {(['xlsx', 'csv'] as const).map((format) => (
        <Button
          key={format}
          size="small"
          icon={<DownloadOutlined />}
          loading={exporting === `${table}-${format}`}
          onClick={() => exportAs(table, format)}
          data-testid={`figures-export-${table}-${format}`}
        >
          {format === 'xlsx' ? 'Excel' : 'CSV'}
        </Button>
      ))}
    </Space>
  )
  const data = figures.data
  const busiest = Math.max(1, ...(data?.byHour.map((row) => row.total) ?? []))
  const busiestDay = Math.max(1, ...(data?.byDay.map((row) => row.total) ?? []))
  const sourceColumns = (data?.sources ?? []).map((source) => ({
    title: t(`figures.source.${source}`),
    key: source,
    render: (_: unknown, line: { counts: Record<string, number> }) => line.counts[source] ?? 0,
  }))

  return (
    <div data-testid="figures-page">
      <PageHead title={t('figures.title')} intro={t('figures.intro')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          value={range ?? (data ? [dayjs(data.from), dayjs(data.to)] : undefined)}
          allowClear={false}
          onChange={(value) => {
            if (value?.[0] && value[1]) setRange([value[0], value[1]])
          }}
          aria-label={t('figures.range')}
          data-testid="figures-range"
        />
      </Space>
      {figures.isError && <PageError error={figures.error} onRetry={() => void figures.refetch()} />}
      {data && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <Space wrap size={32} data-testid="figures-totals">
              <Statistic title={t('figures.total')} value={data.totals.total} />
              <Statistic title={t('figures.wait')} value={minutes(data.totals.averageWaitSeconds)} />
              <Statistic
                title={t('figures.firstAnswer')}
                value={minutes(data.totals.averageFirstAnswerSeconds)}
              />
              <Statistic
                title={t('figures.rating', { count: data.totals.ratingCount })}
                value={data.totals.ratingAverage ?? '—'}
              />
            </Space>
          </Card>
          <Card size="small" title={t('figures.tickets')}>
            <Space wrap size={32} data-testid="figures-tickets">
              {referenceDesk.TICKET_STATUSES.map((status) => (
                <Statistic
                  key={status}
                  title={t(`referenceTickets:status.${status}`)}
                  value={data.totals.tickets.byStatus[status]}
                  data-testid={`figures-tickets-${status}`}
                />
              ))}
              <Statistic
                title={t('figures.ticketAnswer')}
                value={hours(data.totals.tickets.averageFirstAnswerSeconds)}
              />
            </Space>
          </Card>
          <Card size="small" title={t('figures.byQueue')} extra={exportButtons('queues')}>
            <Table<QueueLine>
              rowKey={(line) => line.queue.id}
              size="small"
              pagination={false}
              scroll={{ x: true }}
              dataSource={data.byQueue}
              data-testid="figures-queues"
              columns={[
                { title: t('figures.queue'), key: 'queue', render: (_, line) => name(line.queue) },
                ...sourceColumns,
                { title: t('figures.total'), dataIndex: 'total' },
                {
                  title: t('figures.wait'),
                  key: 'wait',
                  render: (_, line) => minutes(line.averageWaitSeconds),
                },
                {
                  title: t('figures.firstAnswer'),
                  key: 'answer',
                  render: (_, line) => minutes(line.averageFirstAnswerSeconds),
                },
                {
                  title: t('figures.ratingShort'),
                  key: 'rating',
                  render: (_, line) =>
                    line.ratingAverage === null ? '—' : `${line.ratingAverage} (${line.ratingCount})`,
                },
                {
                  title: t('figures.ticketsOpen'),
                  key: 'tickets-open',
                  render: (_, line) =>
                    line.tickets.byStatus.new + line.tickets.byStatus.open + line.tickets.byStatus.pending,
                },
                {
                  title: t('figures.ticketAnswer'),
                  key: 'ticket-answer',
                  render: (_, line) => hours(line.tickets.averageFirstAnswerSeconds),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('figures.byHour')} extra={exportButtons('hours')}>
            <Table
              rowKey="hour"
              size="small"
              pagination={false}
              dataSource={data.byHour}
              data-testid="figures-hours"
              columns={[
                {
                  title: t('figures.hour'),
                  dataIndex: 'hour',
                  render: (hour: number) => `${String(hour).padStart(2, '0')}:00`,
                  width: 80,
                },
                ...sourceColumns,
                { title: t('figures.total'), dataIndex: 'total', width: 80 },
                {
                  title: '',
                  key: 'bar',
                  render: (_, row) => (
                    <div className="sq-figure-bar" style={{ width: `${(row.total / busiest) * 100}%` }} />
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('figures.byDay')} extra={exportButtons('days')}>
            <Table
              rowKey="day"
              size="small"
              pagination={data.byDay.length > 31 ? { pageSize: 31, showSizeChanger: false } : false}
              dataSource={data.byDay}
              data-testid="figures-days"
              columns={[
                { title: t('figures.day'), dataIndex: 'day', width: 120 },
                ...sourceColumns,
                { title: t('figures.total'), dataIndex: 'total', width: 80 },
                {
                  title: '',
                  key: 'bar',
                  render: (_, row) => (
                    <div className="sq-figure-bar" style={{ width: `${(row.total / busiestDay) * 100}%` }} />
                  ),
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </div>
  )
}
