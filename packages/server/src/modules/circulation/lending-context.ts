import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { loadCalendarBetween } from '../../platform/libraries/calendar.query.ts'
import { addDays, type LibraryCalendar, todayIn } from '../../platform/libraries/calendar.ts'
import { librariesHoldingBarcode, lockItemByBarcode } from '../catalogue/item-lending.ts'
import type { LendingView } from './circulation.presenter.ts'
import { findReader, otherLibraryOfReader } from './readers.ts'

/** The library a desk lends for: the caller's own. */
export const deskLibraryOf = (caller: Caller) => {
  if (!caller.libraryId) throw new ProblemError('forbidden')
  return caller.libraryId
}

const utcDay = (at: Date) => at.toISOString().slice(0, 10)

/**
 * A library's time zone, today there and its calendar from `since` (a due date in the past)
 * to two years ahead, enough to move any due date off closed days and count days late. A day
 * either side of the UTC dates covers every time zone.
 */
export const lendingCalendar = async (db: Kysely<DB>, libraryId: string, now: Date, since = now) => {
  const { timeZone, calendar } = await loadCalendarBetween(
    db,
    libraryId,
    addDays(utcDay(since < now ? since : now), -1),
    addDays(utcDay(now), 800),
  )
  return { timeZone, calendar, today: todayIn(timeZone, now) }
}

/** What lending an item needs to know of its library (see lending-memo.ts): calendar, rules in force, quarantine periods. */
export interface LendingBasis extends LendingView {
  calendar: LibraryCalendar
  today: string
  /** How long returned items rest, per material type (see restingHours). */
  quarantinePeriods: { material_type: string | null; hours: number }[]
}

const elsewhere = (library: { name_zh: string; name_en: string }, what: { zh: string; en: string }) => ({
  zh: `${what.zh}属于${library.name_zh}，请在该馆办理。`,
  en: `${what.en} belongs to ${library.name_en}; it is handled there.`,
})

/**
 * The reader with this number at the desk's library (locked when asked); a number known only
 * at another member library, or nowhere, is a problem that says so.
 */
export const readerAtLibrary = async (
  db: Kysely<DB>,
  caller: Caller,
  libraryId: string,
  readerNumber: string,
  lock = false,
) => {
  const reader = await findReader(db, libraryId, readerNumber, lock)
  if (reader) return reader
  const other = await otherLibraryOfReader(db, caller.consortiumId, libraryId, readerNumber)
  if (other) {
    throw new ProblemError('reader_of_another_library', {
      detail: elsewhere(other, { zh: `读者证号 ${readerNumber} `, en: `Reader number ${readerNumber}` }),
    })
  }
  throw new ProblemError('unknown_reader', {
    detail: {
      zh: `本馆没有读者证号为 ${readerNumber} 的读者，请核对。`,
      en: `No reader of this library has the number ${readerNumber}. Check it.`,
    },
  })
}

/** The item with this barcode at the desk's library, locked; otherwise a problem naming where it belongs. */
export const itemAtLibrary = async (trx: Kysely<DB>, caller: Caller, libraryId: string, barcode: string) => {
  const item = await lockItemByBarcode(trx, libraryId, barcode)
  if (item) return item
  const other = await librariesHoldingBarcode(trx, caller.consortiumId, libraryId, barcode)
  if (other) {
    throw new ProblemError('item_of_another_library', {
      detail: elsewhere(other, { zh: `条码 ${barcode} 这册书`, en: `The item with barcode ${barcode}` }),
    })
  }
  throw new ProblemError('unknown_barcode', {
    detail: {
      zh: `本馆没有条码为 ${barcode} 的馆藏，请核对条码。`,
      en: `No item of this library has the barcode ${barcode}. Check it.`,
    },
  })
}
