/** Reading the dates and amounts of an old system's export. */

const DATE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2}):(\d{2})(?::\d{2})?)?$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/

const pad = (value: string) => value.padStart(2, '0')

/**
 * A day and, when the cell has one, a time of day: 2026-12-01, 2026/12/1, 2026.12.01,
 * 20261201, 2026年12月1日, each optionally followed by 18:30 or 18:30:00. Undefined if the cell
 * is not one, or names a day that does not exist (2026-02-30).
 */
export const parseDateCell = (text: string): { day: string; time: string | null } | undefined => {
  const match = DATE.exec(text) ?? COMPACT.exec(text)
  if (!match) return undefined
  const [, year, month, date, hour, minute] = match
  const day = `${year}-${pad(month!)}-${pad(date!)}`
  const check = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day) return undefined
  if (hour === undefined) return { day, time: null }
  if (Number(hour) > 23 || Number(minute) > 59) return undefined
  return { day, time: `${pad(hour)}:${minute}` }
}

const YUAN = /^[¥￥]?\s*(\d{1,6})(?:\.(\d{1,2}))?\s*元?$/

/** An amount in yuan (3, 3.5, ¥3.50, 3.50元) as fen; undefined if it is not one. */
export const parseYuan = (text: string) => {
  const match = YUAN.exec(text.replace(/,/g, ''))
  if (!match) return undefined
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}
