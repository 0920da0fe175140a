import { ReloadOutlined } from '@ant-design/icons'
import { type ResponseOf, requests } from '@shuqiao/contracts'
import { Button, Card, DatePicker, Select, Space, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isConsortiumAdmin, mayCall } from '../../app/access.ts'
import { todayIn } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useLibraries } from '../session/queries.ts'
import { ExportButtons } from './export-buttons.tsx'
import { FeeWaiverPanel } from './fee-waiver-panel.tsx'
import { useRequestFigures } from './queries.ts'
import { requestTypeOf, useText } from './request-types.ts'
import { TeamsPanel } from './teams-panel.tsx'
import './requests.css'

type Figure = ResponseOf<typeof requests.requestFigures>['items'][number]

const percent = (share: number | null) => (share === null ? null : `${(share * 100).toFixed(1)}%`)

/** How each service did over a period: received, completed, open, overdue, speed, share on time. */
export const FiguresPage = () => {
  const { t } = useTranslation(['requests', 'common'])
  usePageTitle(t('figures.title'))
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const text = useText()
  const name = useBilingual()
  const libraries = useLibraries()
  const timeZone = libraries.data?.items.find((library) => library.id === me.library?.id)?.timeZone
  // This month so far, in the library's days (the server counts days where the library is).
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const today = dayjs(todayIn(timeZone))
    return [today.startOf('month'), today]
  })
  const [libraryId, setLibraryId] = useState<string>()
  const from = range[0].format('YYYY-MM-DD')
  const to = range[1].format('YYYY-MM-DD')
  const figures = useRequestFigures(from, to, libraryId)
  const rows = figures.data?.items ?? []
  const typeName = (code: string) => text(requestTypeOf(code)?.name) || code
  const none = t('common:state.none')

  const total = (key: 'received' | 'completed' | 'open' | 'overdue') =>
    rows.reduce((sum, row) => sum + row[key], 0)

  return (
    <div data-testid="figures-page">
      <PageHead
        title={t('figures.title')}
        intro={t('figures.intro')}
        extra={<LinkButton to="/staff/requests">{t('queue.title')}</LinkButton>}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <div className="sq-filters">
            <DatePicker.RangePicker
              value={range}
              allowClear={false}
              onChange={(value) => {
                if (value?.[0] && value[1]) setRange([value[0], value[1]])
              }}
              aria-label={t('figures.period')}
              data-testid="figures-range"
            />
            {consortium && (
              <Select
                allowClear
                placeholder={t('figures.allLibraries')}
                aria-label={t('filter.library')}
                value={libraryId}
                onChange={setLibraryId}
                options={(libraries.data?.items ?? []).map((library) => ({
                  value: library.id,
                  label: name(library),
                }))}
                style={{ width: 220 }}
                data-testid="figures-library"
              />
            )}
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void figures.refetch()}
              aria-label={t('common:action.refresh')}
              title={t('common:action.refresh')}
            />
            <ExportButtons
              contract={requests.exportRequestFigures}
              query={{ from, to, libraryId }}
              fileStem={`${t('figures.title')}-${from}-${to}`}
              disabled={rows.length === 0}
              testId="figures-export"
            />
          </div>
          {figures.isError ? (
            <PageError
              error={figures.error}
              onRetry={() => void figures.refetch()}
              backTo="/staff/requests"
            />
          ) : (
            <Table<Figure>
              rowKey="type"
              size="middle"
              loading={figures.isPending || figures.isPlaceholderData}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 860 }}
              data-testid="figures-table"
              locale={{ emptyText: <EmptyHint text={t('figures.empty')} /> }}
              columns={[
                { title: t('field.type'), dataIndex: 'type', render: (code: string) => typeName(code) },
                { title: t('figures.received'), dataIndex: 'received', align: 'right', width: 100 },
                { title: t('figures.completed'), dataIndex: 'completed', align: 'right', width: 100 },
                { title: t('figures.open'), dataIndex: 'open', align: 'right', width: 100 },
                {
                  title: t('figures.overdue'),
                  dataIndex: 'overdue',
                  align: 'right',
                  width: 100,
                  render: (value: number) =>
                    value > 0 ? <span className="sq-req-overdue">{value}</span> : value,
                },
                {
                  title: t('figures.median'),
                  dataIndex: 'medianTurnaroundDays',
                  align: 'right',
                  width: 150,
                  render: (value: number | null) =>
                    value === null ? none : t('figures.days', { days: value }),
                },
                {
                  title: t('figures.withinTarget'),
                  dataIndex: 'withinTargetShare',
                  align: 'right',
                  width: 130,
                  render: (value: number | null) => percent(value) ?? none,
                },
              ]}
              summary={() =>
                rows.length > 0 ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>{t('figures.total')}</Typography.Text>
                    </Table.Summary.Cell>
                    {(['received', 'completed', 'open', 'overdue'] as const).map((key, index) => (
                      <Table.Summary.Cell key={key} index={index + 1} align="right">
                        <Typography.Text strong>{total(key)}</Typography.Text>
                      </Table.Summary.Cell>
                    ))}
                    <Table.Summary.Cell index={5} />
                    <Table.Summary.Cell index={6} />
                  </Table.Summary.Row>
                ) : null
              }
            />
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '12px 0 0' }}>
            {t('figures.note')}
          </Typography.Paragraph>
        </Card>
        {mayCall(me, requests.setFeeWaiver) && <FeeWaiverPanel />}
        <TeamsPanel />
      </Space>
    </div>
  )
}
