import { addDays, addOpenDays, isOpenDay, type LibraryCalendar } from '../../platform/libraries/calendar.ts'

/** A loan lent at the desk is due at this local time on its due day. */
export const DUE_TIME = '23:59'

const wallClocks = new Map<string, Intl.DateTimeFormat>()
const wallClockIn = (timeZone: string) => {
  let format = wallClocks.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
    wallClocks.set(timeZone, format)
  }
  return format
}

/** The day ('YYYY-MM-DD') and time of day ('HH:mm') an instant shows on a clock in a time zone. */
export const localDayAndTime = (at: Date, timeZone: string) => {
  const parts = wallClockIn(timeZone).formatToParts(at)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00'
  return {
    day: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  }
}

const minutesOf = (day: string, time: string) => Date.parse(`${day}T${time}:00Z`) / 60_000

/**
 * The instant a clock in a time zone shows `day` at `time`. Guessed from the zone's offset at
 * that moment, then corrected once, which settles it also on a day the clocks change.
 */
export const instantAt = (day: string, time: string, timeZone: string) => {
  const wanted = minutesOf(day, time)
  let guess = wanted * 60_000
  for (let round = 0; round < 2; round++) {
    const shown = localDayAndTime(new Date(guess), timeZone)
    guess += (wanted - minutesOf(shown.day, shown.time)) * 60_000
  }
  return new Date(guess)
}

/** The due instant for a due day: moved to the first open day on or after it, at `time` there. */
export const dueAtOn = (calendar: LibraryCalendar, timeZone: string, day: string, time = DUE_TIME) => {
  const openDay = addOpenDays(calendar, day, 0)
  return { day: openDay, at: instantAt(openDay, time, timeZone), moved: openDay !== day }
}

/** Due `days` after `from` (the check-out or renewal day), off closed days, at the desk's due time. */
export const dueAfter = (calendar: LibraryCalendar, timeZone: string, from: string, days: number) =>
  dueAtOn(calendar, timeZone, addDays(from, days))

/**
 * Open days a return is late: those after the due day up to and including the return day.
 * Closed days (weekends the library keeps shut, holidays, closures) are not counted, and a
 * loan whose due day became closed (a closure declared after it was lent) may be returned on
 * the first open day after it without a fine.
 */
export const openDaysLate = (calendar: LibraryCalendar, dueDay: string, returnDay: string) => {
  let late = 0
  for (let day = addDays(addOpenDays(calendar, dueDay, 0), 1); day <= returnDay; day = addDays(day, 1)) {
    if (isOpenDay(calendar, day)) late++
  }
  return late
}
