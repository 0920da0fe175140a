import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { type CoverageDay, seriesLines } from './coverage-logic.ts'

// The coverage page's charts. This file (and ECharts with it) is loaded only when the page
// shows them, so no other page pays for the chart code.

echarts.use([
  LineChart,
  BarChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
])

/** An ECharts chart in a div, resized with it and disposed with it. */
const Chart = ({ option, testId }: { option: echarts.EChartsCoreOption; testId: string }) => {
  const element = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts>(null)
  useEffect(() => {
    const node = element.current
    if (!node) return
    const instance = echarts.init(node)
    chart.current = instance
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(node)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption(option, true)
  }, [option])
  return <div ref={element} className="sq-cv-chart" data-testid={testId} />
}

const percentAxis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } } as const

/** 保障率, its wider share and 满足率 day by day, with the library's target as a dashed line. */
export const ProgressChart = ({
  series,
  targetPercent,
}: {
  series: readonly CoverageDay[]
  targetPercent: number | null
}) => {
  const { t } = useTranslation('courseCoverage')
  const lines = seriesLines(series)
  const option: echarts.EChartsCoreOption = {
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (value === null ? '—' : `${value}%`) },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: lines.days, boundaryGap: false },
    yAxis: percentAxis,
    series: [
      {
        name: t('figure.coverage'),
        type: 'line',
        data: lines.coverage,
        showSymbol: false,
        markLine:
          targetPercent === null
            ? undefined
            : {
                symbol: 'none',
                lineStyle: { type: 'dashed', color: '#cf1322' },
                label: { formatter: t('chart.target', { percent: targetPercent }) },
                data: [{ yAxis: targetPercent }],
              },
      },
      { name: t('figure.partial'), type: 'line', data: lines.partial, showSymbol: false },
      { name: t('figure.fill'), type: 'line', data: lines.fill, showSymbol: false },
    ],
  }
  return <Chart option={option} testId="coverage-chart-progress" />
}

/** 保障率 and 满足率 side by side for each group (category or department). */
export const GroupChart = ({
  groups,
}: {
  groups: readonly { name: string; coverage: number | null; fill: number | null }[]
}) => {
  const { t } = useTranslation('courseCoverage')
  const option: echarts.EChartsCoreOption = {
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (value === null ? '—' : `${value}%`) },
    legend: { top: 0 },
    grid: { left: 48, right: 24, top: 40, bottom: 56 },
    xAxis: {
      type: 'category',
      data: groups.map((group) => group.name),
      axisLabel: { interval: 0, rotate: 20 },
    },
    yAxis: percentAxis,
    series: [
      { name: t('figure.coverage'), type: 'bar', data: groups.map((group) => group.coverage) },
      { name: t('figure.fill'), type: 'bar', data: groups.map((group) => group.fill) },
    ],
  }
  return <Chart option={option} testId="coverage-chart-groups" />
}
