import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { LibraryCalendar } from '../../platform/libraries/calendar.ts'
import { addOpenDays } from '../../platform/libraries/calendar.ts'
import { setItemStatus } from '../catalogue/item-lending.ts'
import { dueAtOn, localDayAndTime } from './due-dates.ts'
import { lendingCalendar } from './lending-context.ts'
import * as repo from './pickups.repository.ts'

/**
 * When a hold on a found item ends: the desk's due time on the point's hold-days-th open day
 * after the day it was found. Closed days do not count, so a hold pauses while the library is
 * closed (C2), even for a closure declared after the item was found.
 */
export const holdEnd = (calendar: LibraryCalendar, timeZone: string, foundDay: string, holdDays: number) =>
  dueAtOn(calendar, timeZone, addOpenDays(calendar, foundDay, holdDays)).at

/**
 * Settles the holds whose end has passed (no pickup booked at their point): a hold that closed
 * days declared since have lengthened gets its new end; the others end, and their items go
 * back on the shelf. Only one reader's, when given. Returns how many ended.
 */
export const settleHolds = async (trx: Kysely<DB>, libraryId: string, now: Date, readerId?: string) => {
  const lapsed = await repo.lockExpiredHolds(trx, libraryId, now, readerId)
  if (lapsed.length === 0) return 0
  const since = new Date(Math.min(...lapsed.map((line) => (line.marked_at ?? now).getTime())))
  const { timeZone, calendar } = await lendingCalendar(trx, libraryId, now, since)
  const ended: typeof lapsed = []
  for (const line of lapsed) {
    const end = holdEnd(
      calendar,
      timeZone,
      localDayAndTime(line.marked_at ?? now, timeZone).day,
      line.hold_days,
    )
    if (end.getTime() > now.getTime() && end.getTime() !== line.hold_until?.getTime()) {
      await repo.setLineStatus(trx, [line.id], { status: 'found', hold_until: end })
    } else ended.push(line)
  }
  await repo.setLineStatus(
    trx,
    ended.map((line) => line.id),
    { status: 'expired' },
  )
  await setItemStatus(
    trx,
    ended.map((line) => line.item_id),
    'available',
    now,
  )
  return ended.length
}
