import type { coverage } from '@shuqiao/contracts'
import type { CoverageRow, SeriesRow } from './coverage.repository.ts'

const courseFigures = (row: CoverageRow | undefined): coverage.CourseFigures => ({
  courses: row?.courses ?? 0,
  requesting: row?.requesting ?? 0,
  allPublished: row?.all_published ?? 0,
  anyPublished: row?.any_published ?? 0,
})

const titleFigures = (row: CoverageRow | undefined): coverage.TitleFigures => ({
  titles: row?.titles ?? 0,
  published: row?.published ?? 0,
})

const byName = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b, 'zh-CN')

/**
 * The figures of coverageNow's rows: each group's course row joined with its title row (a
 * group without requests has no title row: zero titles), categories in their usual order and
 * departments by name, those without last; publishers by titles requested, most first.
 */
export const presentCoverage = (
  rows: readonly CoverageRow[],
  series: readonly SeriesRow[],
  head: { termId: string; targetPercent: number | null; today: string; now: Date },
): coverage.Coverage => {
  const of = (grouping: CoverageRow['grouping'], part: CoverageRow['part']) =>
    rows.filter((row) => row.grouping === grouping && row.part === part)
  const titleRow = (grouping: CoverageRow['grouping'], key: (row: CoverageRow) => string | null) => {
    const found = new Map(of(grouping, 'titles').map((row) => [key(row), row]))
    return (row: CoverageRow) => found.get(key(row))
  }
  const categoryTitles = titleRow('category', (row) => row.category)
  const departmentTitles = titleRow('department', (row) => `${row.department_id}:${row.department_zh}`)
  const order = ['public_basic', 'major_basic', 'major_elective', 'major_frontier', 'other']
  const rank = (category: string | null) => (category === null ? order.length : order.indexOf(category))
  return {
    termId: head.termId,
    targetPercent: head.targetPercent,
    today: head.today,
    computedAt: head.now.toISOString(),
    total: { ...courseFigures(of('total', 'courses')[0]), ...titleFigures(of('total', 'titles')[0]) },
    byCategory: of('category', 'courses')
      .sort((a, b) => rank(a.category) - rank(b.category))
      .map((row) => ({
        category: row.category,
        ...courseFigures(row),
        ...titleFigures(categoryTitles(row)),
      })),
    byDepartment: of('department', 'courses')
      .sort((a, b) => byName(a.department_zh, b.department_zh))
      .map((row) => ({
        departmentId: row.department_id,
        nameZh: row.department_zh,
        nameEn: row.department_en,
        ...courseFigures(row),
        ...titleFigures(departmentTitles(row)),
      })),
    byPublisher: of('publisher', 'titles')
      .sort((a, b) => b.titles - a.titles || byName(a.publisher, b.publisher))
      .map((row) => ({ publisher: row.publisher, ...titleFigures(row) })),
    series: series.map((day) => ({
      day: day.day,
      requesting: day.requesting,
      allPublished: day.all_published,
      anyPublished: day.any_published,
      titles: day.titles,
      published: day.published,
    })),
  }
}
