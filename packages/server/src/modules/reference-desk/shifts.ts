import { createRequire } from 'node:module'
import type { Frequency, Options } from 'rrule'

// The rrule package ships CommonJS for Node; its types describe the same module.
const { RRule } = createRequire(import.meta.url)('rrule') as typeof import('rrule')

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** The fields of a shift that say when it happens. */
export interface ShiftTimes {
  startsOn: string
  startTime: string
  endTime: string
  rrule: string | null
  skippedDays: readonly string[]
}

/**
 * One occurrence of a shift as wall-clock times of the library's zone, written as milliseconds
 * of a UTC date with those figures ("floating" times, as the rrule package computes them).
 */
export interface Occurrence {
  start: number
  end: number
}

const minutesOf = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number)
  return hours! * 60 + minutes!
}

export const timeOfMinutes = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/** 'YYYY-MM-DD' of a floating time. */
export const dayOf = (floating: number) => new Date(floating).toISOString().slice(0, 10)

const floatingDay = (day: string) => Date.parse(`${day}T00:00:00Z`)

const ALLOWED_FREQUENCIES = new Set<Frequency>([RRule.YEARLY, RRule.MONTHLY, RRule.WEEKLY, RRule.DAILY])

/**
 * The rule's options, or undefined when it is not an RRULE a shift can repeat by: it must parse,
 * repeat daily, weekly, monthly or yearly, and leave the time of day to the shift (no BYHOUR,
 * BYMINUTE, BYSECOND, DTSTART or TZID).
 */
export const parseRule = (rule: string): Partial<Options> | undefined => {
  if (!/^[A-Z0-9=;,+\-:]+$/i.test(rule)) return undefined
  try {
    const options = RRule.parseString(rule)
    if (options.freq === undefined || !ALLOWED_FREQUENCIES.has(options.freq)) return undefined
    if (options.byhour != null || options.byminute != null || options.bysecond != null) return undefined
    if (options.dtstart || options.tzid) return undefined
    for (const key of ['count', 'interval'] as const) {
      const value = options[key]
      if (value != null && (!Number.isInteger(value) || value < 1)) return undefined
    }
    // Rules whose parts do not fit together (BYDAY=XX) fail only when expanded.
    new RRule({ ...options, dtstart: new Date(Date.UTC(2030, 0, 1)) }).after(
      new Date(Date.UTC(2030, 0, 1)),
      true,
    )
    return options
  } catch {
    return undefined
  }
}

/** The occurrences of a shift that overlap [from, to) (floating times), skipped days left out. */
export const occurrencesBetween = (shift: ShiftTimes, from: number, to: number): Occurrence[] => {
  const startMinutes = minutesOf(shift.startTime)
  const duration = (minutesOf(shift.endTime) - startMinutes) * MINUTE
  const first = floatingDay(shift.startsOn) + startMinutes * MINUTE
  let starts: number[]
  if (!shift.rrule) starts = [first]
  else {
    const options = parseRule(shift.rrule)
    if (!options) return []
    const rule = new RRule({ ...options, dtstart: new Date(first) })
    starts = rule
      .between(new Date(Math.max(first, from - duration)), new Date(to), true)
      .map((date) => date.getTime())
  }
  const skipped = new Set(shift.skippedDays)
  return starts
    .filter((start) => start < to && start + duration > from && !skipped.has(dayOf(start)))
    .map((start) => ({ start, end: start + duration }))
}

/** Whether two shifts have occurrences that overlap within the year after the later one starts. */
export const shiftsOverlap = (a: ShiftTimes, b: ShiftTimes) => {
  const from = Math.max(floatingDay(a.startsOn), floatingDay(b.startsOn))
  const to = from + 366 * DAY
  const mine = occurrencesBetween(a, from, to)
  const theirs = occurrencesBetween(b, from, to)
  let i = 0
  let j = 0
  while (i < mine.length && j < theirs.length) {
    const x = mine[i]!
    const y = theirs[j]!
    if (x.start < y.end && y.start < x.end) return true
    if (x.end <= y.end) i++
    else j++
  }
  return false
}

/** Hours of each day of [days] nobody covers, given the covered intervals (floating times). */
export const gapsOf = (days: readonly string[], covered: readonly Occurrence[]) => {
  const gaps: { day: string; startTime: string; endTime: string }[] = []
  let coveredMinutes = 0
  for (const day of days) {
    const dayStart = floatingDay(day)
    const dayEnd = dayStart + DAY
    const parts = covered
      .filter((span) => span.start < dayEnd && span.end > dayStart)
      .map((span) => ({ start: Math.max(span.start, dayStart), end: Math.min(span.end, dayEnd) }))
      .sort((x, y) => x.start - y.start)
    let cursor = dayStart
    const gapUntil = (until: number) => {
      if (until > cursor)
        gaps.push({
          day,
          startTime: timeOfMinutes((cursor - dayStart) / MINUTE),
          endTime: timeOfMinutes((until - dayStart) / MINUTE),
        })
    }
    for (const part of parts) {
      gapUntil(part.start)
      if (part.end > cursor) {
        coveredMinutes += (part.end - Math.max(part.start, cursor)) / MINUTE
        cursor = part.end
      }
    }
    gapUntil(dayEnd)
  }
  return { gaps, coveredMinutes }
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>()

/** The wall clock of a time zone at an instant, as a floating time. */
export const floatingAt = (at: Date, timeZone: string) => {
  let format = wallClockFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    wallClockFormats.set(timeZone, format)
  }
  const parts = format.formatToParts(at)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return (
    Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) +
    at.getMilliseconds()
  )
}

/** The instant a floating time of a time zone happens (the offset taken at that moment). */
export const instantOf = (floating: number, timeZone: string) => {
  const guess = new Date(floating)
  const offset = floatingAt(guess, timeZone) - guess.getTime()
  const first = floating - offset
  const again = floatingAt(new Date(first), timeZone) - first
  return new Date(floating - again)
}

/** Monday of the week holding `day`, and the six days after it. */
export const weekOf = (day: string) => {
  const date = floatingDay(day)
  const monday = date - ((new Date(date).getUTCDay() + 6) % 7) * DAY
  return Array.from({ length: 7 }, (_, index) => dayOf(monday + index * DAY))
}

export const floatingDayStart = floatingDay
export const ONE_DAY = DAY
