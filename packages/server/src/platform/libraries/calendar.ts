/**
 * A library's calendar: usual open weekdays plus dated exceptions (holidays, closures,
 * extra open days). Days are 'YYYY-MM-DD' strings in the library's own time zone.
 */
export interface LibraryCalendar {
  openWeekdays: readonly number[]
  /** Exceptions by day: true = open, false = closed. */
  exceptions: ReadonlyMap<string, { open: boolean; note: string | null }>
}

const DAY_MS = 86_400_000

export const isoWeekday = (day: string) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay()
  return weekday === 0 ? 7 : weekday
}

export const addDays = (day: string, count: number) =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + count * DAY_MS).toISOString().slice(0, 10)

export const daysBetween = (from: string, to: string) =>
  Math.round((new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY_MS)

export const isOpenDay = (calendar: LibraryCalendar, day: string) =>
  calendar.exceptions.get(day)?.open ?? calendar.openWeekdays.includes(isoWeekday(day))

/**
 * The day `count` open days after `day` (service-level targets, due dates). With a count of 0,
 * the first open day on or after `day`. Gives up after ten years of closure.
 */
export const addOpenDays = (calendar: LibraryCalendar, day: string, count: number) => {
  let current = day
  let remaining = count
  for (let guard = 0; guard < 3660; guard++) {
    if (isOpenDay(calendar, current)) {
      if (remaining === 0) return current
      remaining--
    }
    current = addDays(current, 1)
  }
  throw new Error('No open day within ten years')
}

// Building an Intl.DateTimeFormat costs about a hundred times more than using one, and a page
// of requests asks for "today" once a row: keep one formatter per time zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>()
const wallClockFormats = new Map<string, Intl.DateTimeFormat>()

const formatIn = (
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  make: (timeZone: string) => Intl.DateTimeFormat,
) => {
  let format = cache.get(timeZone)
  if (!format) {
    format = make(timeZone)
    cache.set(timeZone, format)
  }
  return format
}

/** Today's date in a time zone, e.g. '2026-11-25' for Asia/Shanghai. */
export const todayIn = (timeZone: string, now: Date) =>
  formatIn(
    dayFormats,
    timeZone,
    (zone) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).format(now)

/** The instant a day begins in a time zone, e.g. 2026-11-25 in Asia/Shanghai is 2026-11-24T16:00Z. */
export const startOfDayIn = (day: string, timeZone: string) => {
  const utcMidnight = new Date(`${day}T00:00:00Z`)
  const parts = formatIn(
    wallClockFormats,
    timeZone,
    (zone) =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  ).formatToParts(utcMidnight)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const wallClock = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  )
  return new Date(utcMidnight.getTime() - (wallClock - utcMidnight.getTime()))
}
