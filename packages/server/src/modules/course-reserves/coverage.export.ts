import { courses, coverage, type Language } from '@shuqiao/contracts'
import type { z } from 'zod'
import type { Caller } from '../../http/caller.ts'
import { type Cell, tableFile } from '../../platform/spreadsheets/write-table.ts'
import type { createCoverageService } from './coverage.service.ts'

type Query = z.output<typeof coverage.exportCoverage.query>
type Figures = coverage.CourseFigures & coverage.TitleFigures

const { percentOf } = coverage

const FIGURE_COLUMNS = [
  { zh: '分组', en: 'Grouped by', width: 10 },
  { zh: '名称', en: 'Name', width: 28 },
  { zh: '课程数', en: 'Courses', width: 10 },
  { zh: '有需求的课程', en: 'Courses with requests', width: 14 },
  { zh: '需求全部发布的课程', en: 'Courses fully published', width: 16 },
  { zh: '保障率(%)', en: 'Coverage (%)', width: 12 },
  { zh: '至少发布一种的课程', en: 'Courses with one published', width: 16 },
  { zh: '至少一种保障率(%)', en: 'Partial coverage (%)', width: 14 },
  { zh: '需求书目', en: 'Titles requested', width: 12 },
  { zh: '已发布书目', en: 'Titles published', width: 12 },
  { zh: '满足率(%)', en: 'Fill rate (%)', width: 12 },
]

const SERIES_COLUMNS = [
  { zh: '日期', en: 'Day', width: 12 },
  { zh: '有需求的课程', en: 'Courses with requests', width: 14 },
  { zh: '需求全部发布的课程', en: 'Courses fully published', width: 16 },
  { zh: '保障率(%)', en: 'Coverage (%)', width: 12 },
  { zh: '至少发布一种的课程', en: 'Courses with one published', width: 16 },
  { zh: '至少一种保障率(%)', en: 'Partial coverage (%)', width: 14 },
  { zh: '需求书目', en: 'Titles requested', width: 12 },
  { zh: '已发布书目', en: 'Titles published', width: 12 },
  { zh: '满足率(%)', en: 'Fill rate (%)', width: 12 },
  { zh: '目标(%)', en: 'Target (%)', width: 10 },
]

const GROUPINGS = {
  total: { zh: '全部', en: 'All' },
  category: { zh: '课程类别', en: 'Category' },
  department: { zh: '院系', en: 'Department' },
  publisher: { zh: '出版社', en: 'Publisher' },
}

const figureCells = (figures: Partial<Figures>): Cell[] => {
  const course = figures.courses !== undefined
  return [
    course ? figures.courses! : null,
    course ? figures.requesting! : null,
    course ? figures.allPublished! : null,
    course ? percentOf(figures.allPublished!, figures.requesting!) : null,
    course ? figures.anyPublished! : null,
    course ? percentOf(figures.anyPublished!, figures.requesting!) : null,
    figures.titles ?? 0,
    figures.published ?? 0,
    percentOf(figures.published ?? 0, figures.titles ?? 0),
  ]
}

/** The term's coverage as a spreadsheet: the figures by group, or the daily series. */
export const exportCoverage = async (
  service: ReturnType<typeof createCoverageService>,
  caller: Caller,
  termId: string,
  query: Query,
  language: Language,
) => {
  const { format, table, ...scope } = query
  const { term, library, coverage: figures } = await service.figures(caller, termId, scope)
  const en = language === 'en'
  const say = (text: { zh: string; en: string }) => (en ? text.en : text.zh)
  const none = say({ zh: '（未注明）', en: '(not given)' })
  const columns = (table === 'series' ? SERIES_COLUMNS : FIGURE_COLUMNS).map((column) => ({
    header: say(column),
    width: column.width,
  }))
  const rows: Cell[][] =
    table === 'series'
      ? figures.series.map((day) => [
          day.day,
          day.requesting,
          day.allPublished,
          percentOf(day.allPublished, day.requesting),
          day.anyPublished,
          percentOf(day.anyPublished, day.requesting),
          day.titles,
          day.published,
          percentOf(day.published, day.titles),
          figures.targetPercent,
        ])
      : [
          [say(GROUPINGS.total), say({ zh: term.name_zh, en: term.name_en }), ...figureCells(figures.total)],
          ...figures.byCategory.map((row) => [
            say(GROUPINGS.category),
            row.category ? say(courses.CATEGORY_LABELS[row.category]) : none,
            ...figureCells(row),
          ]),
          ...figures.byDepartment.map((row) => [
            say(GROUPINGS.department),
            (en ? (row.nameEn ?? row.nameZh) : row.nameZh) ?? none,
            ...figureCells(row),
          ]),
          ...figures.byPublisher.map((row) => [
            say(GROUPINGS.publisher),
            row.publisher ?? none,
            ...figureCells({ titles: row.titles, published: row.published }),
          ]),
        ]
  return tableFile({
    name: `${library.code}-coverage-${term.code}-${table}-${figures.today}`,
    sheet: table === 'series' ? say({ zh: '每日进度', en: 'Daily' }) : say({ zh: '保障率', en: 'Coverage' }),
    format,
    columns,
    rows,
  })
}
