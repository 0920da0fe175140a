import { coverage as coverageRoutes } from '@shuqiao/contracts'
import {
  App as AntApp,
  Button,
  Card,
  Col,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Typography,
} from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { searchChanger } from '../../app/search-params.ts'
import { useSignedIn } from '../../app/signed-in.ts'
import { useDepartments } from '../libraries/queries.ts'
import { ExportButtons } from '../requests/export-buttons.tsx'
import { useText } from '../requests/request-types.ts'
import { byShare, type Coverage, coursesToTarget, percentOf, percentText } from './coverage-logic.ts'
import { type CoverageScope, useCoverage, useSetCoverageTarget } from './coverage-queries.ts'
import { CATEGORIES, categoryText } from './logic.ts'
import { useTerms } from './queries.ts'
import { SectionNav } from './section-nav.tsx'
import { chosenTermId, TermSelect } from './term-select.tsx'
import './course-reserves.css'
import './coverage.css'

// ECharts is loaded with the charts, only here.
const ProgressChart = lazy(async () => ({ default: (await import('./coverage-charts.tsx')).ProgressChart }))
const GroupChart = lazy(async () => ({ default: (await import('./coverage-charts.tsx')).GroupChart }))

type Figures = Coverage['total']
type Category = (typeof CATEGORIES)[number]

/** One figure: the share in large type, its counts under it, and what it means beside it. */
const FigureCard = ({
  figure,
  title,
  part,
  whole,
  counts,
  definition,
  extra,
}: {
  figure: string
  title: string
  part: number
  whole: number
  counts: string
  definition: string
  extra?: React.ReactNode
}) => (
  <Card size="small" className="sq-cv-figure" data-testid="coverage-figure" data-figure={figure}>
    <div className="sq-cv-figure-title">{title}</div>
    <div className="sq-cv-figure-value" data-testid="coverage-figure-value">
      {percentText(part, whole)}
    </div>
    <div className="sq-cv-figure-counts">{counts}</div>
    {extra}
    <Typography.Paragraph type="secondary" className="sq-cv-definition" data-testid="coverage-definition">
      {definition}
    </Typography.Paragraph>
  </Card>
)

const share = (part: number, whole: number) => <span className="sq-cv-share">{percentText(part, whole)}</span>

/**
 * 保障率 Coverage: a term's figures (保障率, the wider share with at least one title, 满足率)
 * with what each means, the daily progress toward the library's target, tables by category,
 * department and publisher, and CSV / Excel export of the same.
 */
export const CoveragePage = () => {
  const { t } = useTranslation(['courseCoverage', 'courseReserves'])
  usePageTitle(t('title'))
  const me = useSignedIn()
  const name = useBilingual()
  const text = useText()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [search, setSearch] = useSearchParams()
  const change = searchChanger(setSearch)
  const terms = useTerms()
  const departments = useDepartments(me.library?.id)
  const termId = chosenTermId(search.get('term'), terms.data?.items)
  const rawCategory = search.get('category')
  const scope: CoverageScope = {
    category:
      rawCategory === 'none' || CATEGORIES.includes(rawCategory as Category)
        ? (rawCategory as Category | 'none')
        : undefined,
    departmentId: search.get('department') ?? undefined,
  }
  const figures = useCoverage(termId, scope)
  const setTarget = useSetCoverageTarget(termId ?? '')
  // The target as typed for this term (kept once saved, as it then is the saved one); else the saved one.
  const [typedTarget, setTypedTarget] = useState<{ termId: string | undefined; percent: number | null }>()
  const target =
    typedTarget && typedTarget.termId === termId ? typedTarget.percent : (figures.data?.targetPercent ?? null)

  if (terms.isPending) return <PageLoading />
  if (terms.isError)
    return <PageError error={terms.error} onRetry={() => void terms.refetch()} backTo="/staff" />

  const none = t('courseReserves:categoryNone')
  const data = figures.data
  const total = data?.total

  const exportButtons = (table: 'figures' | 'series') =>
    termId && (
      <ExportButtons
        contract={coverageRoutes.exportCoverage}
        params={{ termId }}
        query={{ ...scope, table }}
        fileStem={`coverage-${table}`}
        disabled={!data}
        labels={{ csv: t(`export.${table}Csv`), xlsx: t(`export.${table}Xlsx`) }}
        testId={`coverage-export-${table}`}
      />
    )

  /** A share of the courses with requests, with the count under it: 保障率 or the wider share. */
  const shareColumn = <T extends Figures>(
    figure: 'coverage' | 'partial',
    part: (row: T) => number,
  ): ColumnsType<T>[number] => ({
    title: t(`figure.${figure}`),
    key: figure,
    align: 'right',
    sorter: byShare(part, (row: T) => row.requesting),
    render: (_, row) => (
      <>
        {share(part(row), row.requesting)} <small>({part(row)})</small>
      </>
    ),
  })
  const figureColumns = <T extends Figures>(): ColumnsType<T> => [
    {
      title: t('column.requesting'),
      dataIndex: 'requesting',
      align: 'right',
      sorter: (a, b) => a.requesting - b.requesting,
      render: (value: number, row) => `${value} / ${row.courses}`,
    },
    shareColumn<T>('coverage', (row) => row.allPublished),
    shareColumn<T>('partial', (row) => row.anyPublished),
    ...titleColumns<T>(),
  ]
  const titleColumns = <T extends { titles: number; published: number }>(): ColumnsType<T> => [
    {
      title: t('column.titles'),
      dataIndex: 'titles',
      align: 'right',
      sorter: (a, b) => a.titles - b.titles,
      render: (value: number, row) => `${row.published} / ${value}`,
    },
    {
      title: t('figure.fill'),
      key: 'fill',
      align: 'right',
      sorter: byShare(
        (row: T) => row.published,
        (row: T) => row.titles,
      ),
      render: (_, row) => share(row.published, row.titles),
    },
  ]

  type CategoryRow = Coverage['byCategory'][number]
  type DepartmentRow = Coverage['byDepartment'][number]
  type PublisherRow = Coverage['byPublisher'][number]
  const departmentName = (row: DepartmentRow) =>
    row.nameZh ? name({ nameZh: row.nameZh, nameEn: row.nameEn ?? row.nameZh }) : none
  const compareText = (a: string, b: string) => a.localeCompare(b, 'zh-CN')

  const categoryTable = (
    <Table<CategoryRow>
      size="small"
      pagination={false}
      rowKey={(row) => row.category ?? 'none'}
      dataSource={data?.byCategory ?? []}
      data-testid="coverage-table-category"
      columns={[
        {
          title: t('column.category'),
          key: 'category',
          render: (_, row) => categoryText(row.category, text, none),
        },
        ...figureColumns<CategoryRow>(),
      ]}
    />
  )
  const departmentTable = (
    <Table<DepartmentRow>
      size="small"
      pagination={false}
      rowKey={(row) => `${row.departmentId}:${row.nameZh}`}
      dataSource={data?.byDepartment ?? []}
      data-testid="coverage-table-department"
      columns={[
        {
          title: t('column.department'),
          key: 'department',
          sorter: (a, b) => compareText(departmentName(a), departmentName(b)),
          render: (_, row) => departmentName(row),
        },
        ...figureColumns<DepartmentRow>(),
      ]}
    />
  )
  const publisherTable = (
    <Table<PublisherRow>
      size="small"
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      rowKey={(row) => row.publisher ?? ''}
      dataSource={data?.byPublisher ?? []}
      data-testid="coverage-table-publisher"
      columns={[
        {
          title: t('column.publisher'),
          key: 'publisher',
          sorter: (a, b) => compareText(a.publisher ?? '', b.publisher ?? ''),
          render: (_, row) => row.publisher ?? t('publisherNone'),
        },
        ...titleColumns<PublisherRow>(),
      ]}
    />
  )
  const chartFallback = <Spin className="sq-cv-chart" />
  const toTarget = total ? coursesToTarget(total, data?.targetPercent ?? null) : null

  return (
    <div data-testid="coverage-page">
      <PageHead title={t('title')} intro={t('intro')} extra={exportButtons('figures')} />
      <SectionNav current="coverage" />
      <div className="sq-filters">
        <TermSelect
          value={termId}
          terms={terms.data?.items}
          onChange={(value: string) => change({ term: value })}
          width={240}
          testId="coverage-filter-term"
        />
        <Select
          allowClear
          placeholder={t('column.category')}
          aria-label={t('column.category')}
          value={scope.category}
          onChange={(category: string | undefined) => change({ category })}
          options={[
            ...CATEGORIES.map((category) => ({ value: category, label: categoryText(category, text, none) })),
            { value: 'none', label: none },
          ]}
          style={{ width: 160 }}
          data-testid="coverage-filter-category"
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('column.department')}
          aria-label={t('column.department')}
          value={scope.departmentId}
          onChange={(department: string | undefined) => change({ department })}
          options={(departments.data?.items ?? []).map((department) => ({
            value: department.id,
            label: name(department),
          }))}
          style={{ width: 200 }}
          data-testid="coverage-filter-department"
        />
      </div>
      {!termId ? (
        <EmptyHint text={t('noTerm')} />
      ) : figures.isPending ? (
        <PageLoading />
      ) : figures.isError ? (
        <PageError error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        total &&
        data && (
          <>
            <Row gutter={[16, 16]} data-testid="coverage-figures">
              <Col xs={24} md={8}>
                <FigureCard
                  figure="coverage"
                  title={t('figure.coverage')}
                  part={total.allPublished}
                  whole={total.requesting}
                  counts={t('counts.coverage', { part: total.allPublished, whole: total.requesting })}
                  definition={t('definition.coverage')}
                  extra={
                    toTarget !== null && (
                      <div className="sq-cv-target-gap" data-testid="coverage-target-gap">
                        {toTarget === 0
                          ? t('target.reached', { percent: data.targetPercent })
                          : t('target.gap', { count: toTarget, percent: data.targetPercent })}
                      </div>
                    )
                  }
                />
              </Col>
              <Col xs={24} md={8}>
                <FigureCard
                  figure="partial"
                  title={t('figure.partial')}
                  part={total.anyPublished}
                  whole={total.requesting}
                  counts={t('counts.partial', { part: total.anyPublished, whole: total.requesting })}
                  definition={t('definition.partial')}
                />
              </Col>
              <Col xs={24} md={8}>
                <FigureCard
                  figure="fill"
                  title={t('figure.fill')}
                  part={total.published}
                  whole={total.titles}
                  counts={t('counts.fill', { part: total.published, whole: total.titles })}
                  definition={t('definition.fill')}
                />
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" className="sq-cv-note">
              {t('courseCount', { courses: total.courses, requesting: total.requesting })}
            </Typography.Paragraph>
            <Card
              size="small"
              title={t('progress.title')}
              className="sq-cv-card"
              extra={
                <Space wrap>
                  <span>{t('target.label')}</span>
                  <InputNumber<number>
                    min={1}
                    max={100}
                    precision={0}
                    value={target}
                    onChange={(percent) => setTypedTarget({ termId, percent })}
                    suffix="%"
                    style={{ width: 96 }}
                    aria-label={t('target.label')}
                    data-testid="coverage-target"
                  />
                  <Button
                    loading={setTarget.isPending}
                    disabled={target === data.targetPercent}
                    onClick={() =>
                      setTarget.mutate(target, {
                        onSuccess: () => void message.success(t('target.saved')),
                        onError: (error) => void message.error(errorText(error)),
                      })
                    }
                    data-testid="coverage-target-save"
                  >
                    {t('target.save')}
                  </Button>
                  {exportButtons('series')}
                </Space>
              }
            >
              {data.series.length === 0 ? (
                <EmptyHint text={t('progress.empty')} />
              ) : (
                <Suspense fallback={chartFallback}>
                  <ProgressChart series={data.series} targetPercent={data.targetPercent} />
                </Suspense>
              )}
              <Typography.Paragraph type="secondary" className="sq-cv-definition">
                {t('progress.note')}
              </Typography.Paragraph>
            </Card>
            <Card size="small" className="sq-cv-card">
              <Tabs
                data-testid="coverage-tabs"
                items={[
                  {
                    key: 'category',
                    label: <span data-testid="coverage-tab-category">{t('tab.category')}</span>,
                    children: (
                      <>
                        {data.byCategory.some((row) => row.requesting > 0) && (
                          <Suspense fallback={chartFallback}>
                            <GroupChart
                              groups={data.byCategory.map((row) => ({
                                name: categoryText(row.category, text, none),
                                coverage: percentOf(row.allPublished, row.requesting),
                                fill: percentOf(row.published, row.titles),
                              }))}
                            />
                          </Suspense>
                        )}
                        {categoryTable}
                      </>
                    ),
                  },
                  {
                    key: 'department',
                    label: <span data-testid="coverage-tab-department">{t('tab.department')}</span>,
                    children: departmentTable,
                  },
                  {
                    key: 'publisher',
                    label: <span data-testid="coverage-tab-publisher">{t('tab.publisher')}</span>,
                    children: (
                      <>
                        <Typography.Paragraph type="secondary">{t('publisherNote')}</Typography.Paragraph>
                        {publisherTable}
                      </>
                    ),
                  },
                ]}
              />
            </Card>
          </>
        )
      )}
    </div>
  )
}
