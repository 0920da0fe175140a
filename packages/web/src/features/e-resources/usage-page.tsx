import { DownloadOutlined, FileExcelOutlined, FileTextOutlined, ReloadOutlined } from '@ant-design/icons'
import { eResources, type ResponseOf } from '@shuqiao/contracts'
import { App as AntApp, Button, Card, DatePicker, Space, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { urlOf } from '../../api/client.ts'
import { downloadText, toCsv } from '../../app/csv.ts'
import { todayIn } from '../../app/dates.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { downloadFrom } from '../requests/download.ts'
import { useMyLibraryTimeZone } from '../session/queries.ts'
import { everyDay, type UsageByResource, usageByResource, usageRows } from './e-resources-logic.ts'
import { useResourceUsage } from './queries.ts'
import { useResourceName, useRouteLabel } from './resource-parts.tsx'
import { StaffTabs } from './staff-tabs.tsx'
import { defaultReportMonths, MAX_REPORT_MONTHS, reportRangeProblem } from './staff-tools-logic.ts'
import './e-resources.css'

/** Clicks per day as bars, the busiest day full height; each bar says its day and count. */
const DayBars = ({ days }: { days: { day: string; clicks: number }[] }) => {
  const { t } = useTranslation('eResources')
  const highest = Math.max(0, ...days.map((day) => day.clicks))
  const most = Math.max(1, highest)
  return (
    <figure style={{ margin: 0 }} data-testid="usage-chart">
      <div className="sq-res-bars" role="img" aria-label={t('usage.perDay')}>
        {days.map((day) => (
          <div
            key={day.day}
            className={`sq-res-bar${day.clicks === 0 ? ' zero' : ''}`}
            style={{ height: `${day.clicks === 0 ? 2 : Math.max(4, (day.clicks / most) * 100)}%` }}
            title={`${day.day}: ${t('usage.clicks', { count: day.clicks })}`}
            data-day={day.day}
            data-clicks={day.clicks}
          />
        ))}
      </div>
      <div className="sq-res-bars-axis">
        <span>{days[0]?.day}</span>
        <span>{highest > 0 ? t('usage.most', { count: highest }) : ''}</span>
        <span>{days[days.length - 1]?.day}</span>
      </div>
    </figure>
  )
}

/**
 * 月度报表: the monthly roll-up laid out like COUNTER's Database Report, for a span of months, as
 * Excel or TSV built by the server. It counts link clicks only, and says so.
 */
const MonthlyReport = ({ timeZone }: { timeZone: string | undefined }) => {
  const { t } = useTranslation(['eResources', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [months, setMonths] = useState<[Dayjs, Dayjs]>(() => {
    const span = defaultReportMonths(todayIn(timeZone))
    return [dayjs(`${span.from}-01`), dayjs(`${span.to}-01`)]
  })
  const [busy, setBusy] = useState<'xlsx' | 'tsv'>()
  const from = months[0].format('YYYY-MM')
  const to = months[1].format('YYYY-MM')
  const problem = reportRangeProblem(from, to)
  const download = (format: 'xlsx' | 'tsv') => {
    setBusy(format)
    downloadFrom(
      urlOf(eResources.resourceUsageReport, { query: { from, to, format } }),
      `${t('report.fileName')}-${from}-${to}.${format}`,
    )
      .catch((error: unknown) => void message.error(errorText(error)))
      .finally(() => setBusy(undefined))
  }
  return (
    <Card size="small" style={{ marginTop: 16 }} data-testid="usage-report">
      <h2 className="sq-res-section-title">{t('report.title')}</h2>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('report.hint')}
      </Typography.Paragraph>
      <div className="sq-filters" style={{ marginBottom: 0 }}>
        <DatePicker.RangePicker
          picker="month"
          value={months}
          allowClear={false}
          onChange={(value) => {
            if (value?.[0] && value[1]) setMonths([value[0], value[1]])
          }}
          status={problem ? 'error' : undefined}
          aria-label={t('report.months')}
          data-testid="usage-report-months"
        />
        <Button
          icon={<FileExcelOutlined />}
          loading={busy === 'xlsx'}
          disabled={!!problem || busy !== undefined}
          onClick={() => download('xlsx')}
          data-testid="usage-report-xlsx"
        >
          {t('report.xlsx')}
        </Button>
        <Button
          icon={<FileTextOutlined />}
          loading={busy === 'tsv'}
          disabled={!!problem || busy !== undefined}
          onClick={() => download('tsv')}
          data-testid="usage-report-tsv"
        >
          {t('report.tsv')}
        </Button>
      </div>
      {problem && (
        <Typography.Text
          type="danger"
          style={{ display: 'block', marginTop: 4 }}
          data-testid="usage-report-problem"
        >
          {problem === 'too_long'
            ? t('report.tooLong', { max: MAX_REPORT_MONTHS })
            : t('report.endsBeforeStart')}
        </Typography.Text>
      )}
    </Card>
  )
}

type GuideVisits = ResponseOf<typeof eResources.resourceUsage>['guides'][number]

/** Visits of each guide's short address over the period, beside the clicks (R6). */
const GuideVisitsTable = ({ guides, loading }: { guides: GuideVisits[]; loading: boolean }) => {
  const { t, i18n } = useTranslation('eResources')
  const english = i18n.language.startsWith('en')
  return (
    <div>
      <Typography.Text strong>{t('usage.guideVisits')}</Typography.Text>{' '}
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('usage.guideVisitsHint')}
      </Typography.Text>
      <Table<GuideVisits>
        rowKey="guideId"
        size="small"
        loading={loading}
        dataSource={guides}
        pagination={guides.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        style={{ marginTop: 8 }}
        data-testid="usage-guides"
        locale={{ emptyText: <EmptyHint text={t('usage.guidesEmpty')} /> }}
        columns={[
          {
            title: t('usage.guide'),
            key: 'title',
            render: (_, row) => (
              <Link to={`/guides/${row.code}`}>{english && row.titleEn ? row.titleEn : row.titleZh}</Link>
            ),
          },
          {
            title: t('usage.visits'),
            dataIndex: 'visits',
            align: 'right',
            width: 110,
            render: (value: number) => <Typography.Text strong>{value}</Typography.Text>,
          },
        ]}
      />
    </div>
  )
}

/** 使用统计: clicks through /go per resource and route over a period, with a chart and CSV. */
export const UsagePage = () => {
  const { t } = useTranslation(['eResources', 'common'])
  usePageTitle(t('usage.title'))
  const timeZone = useMyLibraryTimeZone()
  const routeLabel = useRouteLabel()
  const nameOf = useResourceName()
  // The last 30 days, today included, in the library's days (the server counts days where it is).
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const today = dayjs(todayIn(timeZone))
    return [today.subtract(29, 'day'), today]
  })
  const from = range[0].format('YYYY-MM-DD')
  const to = range[1].format('YYYY-MM-DD')
  const usage = useResourceUsage(from, to)
  const table = useMemo(() => usageByResource(usage.data?.items ?? []), [usage.data])
  const days = useMemo(() => everyDay(usage.data?.days ?? [], from, to), [usage.data, from, to])
  const total = table.resources.reduce((sum, row) => sum + row.total, 0)

  const exportCsv = () =>
    downloadText(
      `${t('usage.title')}-${from}-${to}.csv`,
      toCsv(
        usageRows(table, {
          header: [t('usage.resource'), t('usage.total')],
          route: routeLabel,
          name: (row) => nameOf(row),
        }),
      ),
    )

  return (
    <div data-testid="usage-page">
      <PageHead title={t('staff.title')} intro={t('usage.intro')} />
      <StaffTabs current="/staff/resources/usage" />
      <Card size="small">
        <div className="sq-filters">
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(value) => {
              if (value?.[0] && value[1]) setRange([value[0], value[1]])
            }}
            aria-label={t('usage.period')}
            data-testid="usage-range"
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void usage.refetch()}
            loading={usage.isFetching && !usage.isPending}
            aria-label={t('common:action.refresh')}
            title={t('common:action.refresh')}
          />
          <Button
            icon={<DownloadOutlined />}
            onClick={exportCsv}
            disabled={table.resources.length === 0}
            data-testid="usage-export-csv"
          >
            {t('usage.exportCsv')}
          </Button>
        </div>
        {usage.isError ? (
          <PageError error={usage.error} onRetry={() => void usage.refetch()} backTo="/staff/resources" />
        ) : (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <div>
              <Typography.Text strong>{t('usage.perDay')}</Typography.Text>{' '}
              <Typography.Text type="secondary" data-testid="usage-total">
                {t('usage.totalClicks', { count: total })}
              </Typography.Text>
              <DayBars days={days} />
            </div>
            <Table<UsageByResource>
              rowKey="resourceId"
              size="middle"
              loading={usage.isPending || usage.isPlaceholderData}
              dataSource={table.resources}
              pagination={table.resources.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 360 + table.routes.length * 110 }}
              data-testid="usage-table"
              locale={{ emptyText: <EmptyHint text={t('usage.empty')} /> }}
              columns={[
                {
                  title: t('usage.resource'),
                  key: 'name',
                  render: (_, row) => (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text strong>{row.nameZh}</Typography.Text>
                      {row.nameEn && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {row.nameEn}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
                {
                  title: t('usage.total'),
                  dataIndex: 'total',
                  align: 'right',
                  width: 100,
                  render: (value: number) => <Typography.Text strong>{value}</Typography.Text>,
                },
                ...table.routes.map((route) => ({
                  title: routeLabel(route),
                  key: route,
                  align: 'right' as const,
                  width: 110,
                  render: (_: unknown, row: UsageByResource) => row.byRoute[route] ?? 0,
                })),
              ]}
            />
            <GuideVisitsTable
              guides={usage.data?.guides ?? []}
              loading={usage.isPending || usage.isPlaceholderData}
            />
          </Space>
        )}
      </Card>
      <MonthlyReport timeZone={timeZone} />
    </div>
  )
}
