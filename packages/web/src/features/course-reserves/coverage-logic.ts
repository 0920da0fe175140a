import { coverage } from '@shuqiao/contracts'

export type Coverage = coverage.Coverage
export type CoverageDay = coverage.CoverageDay

export const percentOf = coverage.percentOf

/** A share as shown beside its counts: `33.3%`, `100%`; a dash when nothing is counted. */
export const percentText = (part: number, whole: number) => {
  const percent = percentOf(part, whole)
  return percent === null ? '—' : `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`
}

/**
 * How many more courses must have all their titles published to reach the target: 0 when it is
 * reached, null when there is no target or no course with requests.
 */
export const coursesToTarget = (
  figures: { requesting: number; allPublished: number },
  targetPercent: number | null,
) => {
  if (targetPercent === null || figures.requesting === 0) return null
  // Rounded so that 90% of 10 courses is 9 even where 0.9 × 10 is 9.000000000000002.
  const needed = Math.ceil(Math.round(targetPercent * figures.requesting * 1000) / 100_000)
  return Math.max(0, needed - figures.allPublished)
}

/** The series as the chart draws it: one value a day for each share, in percent. */
export const seriesLines = (series: readonly CoverageDay[]) => ({
  days: series.map((day) => day.day),
  coverage: series.map((day) => percentOf(day.allPublished, day.requesting)),
  partial: series.map((day) => percentOf(day.anyPublished, day.requesting)),
  fill: series.map((day) => percentOf(day.published, day.titles)),
})

/** Sorts rows by a share; a row with nothing counted sorts below every share. */
export const byShare =
  <T>(part: (row: T) => number, whole: (row: T) => number) =>
  (a: T, b: T) => {
    const left = percentOf(part(a), whole(a))
    const right = percentOf(part(b), whole(b))
    if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1
    return left - right
  }
