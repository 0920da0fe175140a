import type { PickupWindow } from '../../db/schema.ts'
import { addDays, isOpenDay, isoWeekday, type LibraryCalendar } from '../../platform/libraries/calendar.ts'
import { instantAt, localDayAndTime } from './due-dates.ts'

/** How a pickup point cuts its opening windows into slots. */
export interface SlotRules {
  windows: readonly PickupWindow[]
  slot_minutes: number
  lead_minutes: number
  days_ahead: number
}

export interface SlotTime {
  startsAt: Date
  endsAt: Date
  day: string
  time: string
}

const MINUTE = 60_000

const minutesOfDay = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

/**
 * The slots of a pickup point on a local day: none on a day the library calendar closes,
 * otherwise each window of that weekday cut into whole slots from its opening time.
 */
export const slotsOfDay = (
  point: SlotRules,
  calendar: LibraryCalendar,
  timeZone: string,
  day: string,
): SlotTime[] => {
  if (!isOpenDay(calendar, day)) return []
  const weekday = isoWeekday(day)
  const slots: SlotTime[] = []
  const windows = point.windows
    .filter((window) => window.weekday === weekday)
    .sort((a, b) => a.opens.localeCompare(b.opens))
  for (const window of windows) {
    const closes = minutesOfDay(window.closes)
    for (
      let start = minutesOfDay(window.opens);
      start + point.slot_minutes <= closes;
      start += point.slot_minutes
    ) {
      const startsAt = instantAt(day, clock(start), timeZone)
      slots.push({
        startsAt,
        endsAt: new Date(startsAt.getTime() + point.slot_minutes * MINUTE),
        day,
        time: clock(start),
      })
    }
  }
  return slots
}

/** The days readers may book: today and `days_ahead` days after it. */
export const bookableDays = (point: SlotRules, today: string) =>
  Array.from({ length: point.days_ahead + 1 }, (_, index) => addDays(today, index))

/** A slot can still be booked: it starts after the lead time the desk needs to stage the items. */
export const startsInTime = (point: SlotRules, startsAt: Date, now: Date) =>
  startsAt.getTime() >= now.getTime() + point.lead_minutes * MINUTE

/**
 * Why a start time cannot be booked at a point, or the slot when it can (free places aside):
 * `slot_past` when it has begun or starts within the lead time, `slot_closed` when it is not a
 * slot of an open day within the days readers may book.
 */
export const slotAt = (
  point: SlotRules,
  calendar: LibraryCalendar,
  timeZone: string,
  now: Date,
  startsAt: Date,
): SlotTime | 'slot_past' | 'slot_closed' => {
  if (!startsInTime(point, startsAt, now)) return 'slot_past'
  const { day } = localDayAndTime(startsAt, timeZone)
  const today = localDayAndTime(now, timeZone).day
  if (day > addDays(today, point.days_ahead)) return 'slot_closed'
  const slot = slotsOfDay(point, calendar, timeZone, day).find(
    (candidate) => candidate.startsAt.getTime() === startsAt.getTime(),
  )
  return slot ?? 'slot_closed'
}
