import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { addDays, type LibraryCalendar, todayIn } from './calendar.ts'

/**
 * A library's time zone, today there, and its calendar for the next `days` days: what other
 * modules need to count working days (service targets, due dates).
 */
export const loadLibraryCalendar = async (db: Kysely<DB>, libraryId: string, now: Date, days = 400) => {
  const library = await db
    .selectFrom('libraries')
    .select(['time_zone', 'open_weekdays'])
    .where('id', '=', libraryId)
    .executeTakeFirstOrThrow()
  const today = todayIn(library.time_zone, now)
  const rows = await db
    .selectFrom('library_calendar_days')
    .select(['day', 'open', 'note'])
    .where('library_id', '=', libraryId)
    .where('day', '>=', today)
    .where('day', '<=', addDays(today, days))
    .execute()
  const calendar: LibraryCalendar = {
    openWeekdays: library.open_weekdays,
    exceptions: new Map(rows.map((row) => [row.day, { open: row.open, note: row.note }])),
  }
  return { timeZone: library.time_zone, today, calendar }
}

/**
 * A library's time zone and its calendar from one day to another (both included), for counting
 * open days in the past as well as ahead (fines since a due date, due dates of imported loans).
 */
export const loadCalendarBetween = async (db: Kysely<DB>, libraryId: string, from: string, to: string) => {
  const [library, rows] = await Promise.all([
    db
      .selectFrom('libraries')
      .select(['time_zone', 'open_weekdays'])
      .where('id', '=', libraryId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('library_calendar_days')
      .select(['day', 'open', 'note'])
      .where('library_id', '=', libraryId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute(),
  ])
  const calendar: LibraryCalendar = {
    openWeekdays: library.open_weekdays,
    exceptions: new Map(rows.map((row) => [row.day, { open: row.open, note: row.note }])),
  }
  return { timeZone: library.time_zone, calendar }
}
