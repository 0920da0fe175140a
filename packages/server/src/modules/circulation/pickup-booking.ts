import { randomInt } from 'node:crypto'
import type { pickups } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { isUniqueViolation } from '../../db/unique-violation.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { loadCalendarBetween } from '../../platform/libraries/calendar.query.ts'
import { addDays, todayIn } from '../../platform/libraries/calendar.ts'
import { CALENDAR_CHANGED_CHANNEL } from '../../platform/libraries/libraries.service.ts'
import { currentPhaseOf } from '../operations/current-phase.ts'
import { readerLibraryOf } from './borrow-requests.service.ts'
import { instantAt } from './due-dates.ts'
import { settleHolds } from './holds.ts'
import { createSlotGate } from './pickup-slot-gate.ts'
import { bookableDays, type SlotTime, slotAt, slotsOfDay, startsInTime } from './pickup-slots.ts'
import { presentBooking, qrOf } from './pickups.presenter.ts'
import * as repo from './pickups.repository.ts'
import { createRecentAnswers } from './recent-answers.ts'

// Letters and digits a person reads and types without confusing them (no 0/O, 1/I, 2/Z, 5/S, B/8).
const CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY346789'
const CODE_LENGTH = 6
const NEXT_FREE = 5
/**
 * How long a process trusts what it knows of a point when no change is announced. Changes that
 * give places back or alter a point are announced to every process at once; this only bounds
 * the damage of a lost announcement, and how long places taken through another process still
 * look free in a refusal's suggestions (a reader who picks one is refused again, with new ones).
 */
const REMEMBER_MS = 30_000
/** Tells every process that a point's places or settings changed; the payload is the point's id. */
export const POINT_CHANGED_CHANNEL = 'pickup_point_changed'

const newCode = () =>
  Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

const utcDay = (at: Date) => at.toISOString().slice(0, 10)

/**
 * A library's time zone, calendar and today, over the days a point's slots can fall on (a day
 * either side of the UTC dates covers every time zone); lighter than the lending calendar's two years.
 */
const pickupCalendar = async (db: Kysely<DB>, point: repo.PointRow, now: Date) => {
  const { timeZone, calendar } = await loadCalendarBetween(
    db,
    point.library_id,
    addDays(utcDay(now), -1),
    addDays(utcDay(now), point.days_ahead + 1),
  )
  return { timeZone, calendar, today: todayIn(timeZone, now) }
}

/** Free places of bookable slots from now on, day by day. */
const freeSlots = async (
  db: Kysely<DB>,
  point: repo.PointRow,
  now: Date,
  known: Awaited<ReturnType<typeof pickupCalendar>>,
  limit = Number.POSITIVE_INFINITY,
) => {
  const { timeZone, calendar, today } = known
  const days = bookableDays(point, today)
  const last = days[days.length - 1] ?? today
  const booked = await repo.bookedBetween(
    db,
    point.id,
    instantAt(today, '00:00', timeZone),
    instantAt(addDays(last, 1), '00:00', timeZone),
  )
  const present = (slot: SlotTime): pickups.Slot => ({
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    day: slot.day,
    time: slot.time,
    free: Math.max(0, point.readers_per_slot - (booked.get(slot.startsAt.getTime()) ?? 0)),
  })
  const result: { day: string; open: boolean; slots: pickups.Slot[] }[] = []
  let found = 0
  for (const day of days) {
    if (found >= limit) break
    const all = slotsOfDay(point, calendar, timeZone, day)
    const slots = all
      .filter((slot) => startsInTime(point, slot.startsAt, now))
      .map(present)
      .filter((slot) => limit === Number.POSITIVE_INFINITY || slot.free > 0)
      .slice(0, limit - found)
    found += slots.length
    result.push({ day, open: all.length > 0, slots })
  }
  return result
}

export type SlotCode = 'slot_full' | 'slot_past' | 'slot_closed'
const SLOT_CODES: ReadonlySet<string> = new Set<SlotCode>(['slot_full', 'slot_past', 'slot_closed'])
export const isSlotProblem = (error: unknown): error is ProblemError =>
  error instanceof ProblemError && SLOT_CODES.has(error.code)

/**
 * Checks a start time and takes a place there, or throws the slot's problem; the next free
 * slots are added to it after the transaction, so no lock is held while they are worked out.
 */
export const takeSlot = async (trx: Kysely<DB>, point: repo.PointRow, now: Date, startsAt: Date) => {
  const { timeZone, calendar } = await pickupCalendar(trx, point, now)
  const slot = slotAt(point, calendar, timeZone, now, startsAt)
  if (typeof slot === 'string') throw new ProblemError(slot)
  if (!(await repo.takePlace(trx, point, slot.startsAt))) throw new ProblemError('slot_full')
  return slot
}

/**
 * Booking a pickup slot (C3): the slots a reader may choose from, and the booking itself, built
 * for a rush (a closure's first pickup day, hundreds of readers for a slot's last places). What
 * a process knows of a point (its settings, calendar, the slot list readers last loaded, free
 * places) is kept for REMEMBER_MS and forgotten at once when any process announces a change,
 * so that a rush right after readers opened the slot list is answered from memory: the readers
 * turned away as they arrive, and only those who may get a place wait for the database.
 */
export const createPickupBooking = (ctx: AppContext) => {
  const { db } = ctx
  // Elapsed time, not the library's clock: these only say how long an answer may be reused.
  const elapsed = () => performance.now()
  const gate = createSlotGate(elapsed, REMEMBER_MS)
  const points = createRecentAnswers<repo.PointRow | undefined>(elapsed, REMEMBER_MS)
  const nextFree = createRecentAnswers<ProblemError>(elapsed, 1000)
  const calendars = createRecentAnswers<Awaited<ReturnType<typeof pickupCalendar>>>(elapsed, REMEMBER_MS)
  /** Per point, the bookable slots as a reader last loaded them. */
  const listings = new Map<string, { at: number; slots: pickups.Slot[] }>()

  const forgetPoint = (pointId: string) => {
    gate.forgetPoint(pointId)
    points.forget(pointId)
    nextFree.forget(pointId)
    calendars.forget(pointId)
    listings.delete(pointId)
  }
  ctx.events.subscribe(POINT_CHANGED_CHANNEL, forgetPoint)
  const forgetAll = () => {
    gate.clear()
    points.clear()
    calendars.clear()
    nextFree.clear()
    listings.clear()
  }
  ctx.events.subscribe(CALENDAR_CHANGED_CHANNEL, forgetAll)
  ctx.events.whenMissed(forgetAll)
  /** The point's library calendar around today, shared for a moment by a rush of bookings. */
  const calendarOf = (point: repo.PointRow, now: Date) =>
    calendars.get(point.id, `calendar|${utcDay(now)}`, () => pickupCalendar(db, point, now))
  /** After a commit that gave places back or changed a point: every process forgets what it knew. */
  const pointChanged = async (pointId: string) => {
    forgetPoint(pointId)
    await ctx.events.publish(POINT_CHANGED_CHANNEL, pointId)
  }

  const activePointOf = async (libraryId: string, pointId: string) => {
    const point = await points.get(pointId, libraryId, () => repo.pointOf(db, libraryId, pointId))
    if (!point) throw new ProblemError('not_found')
    if (!point.active) throw new ProblemError('pickup_point_inactive')
    return point
  }

  /**
   * The next free slots after a full one, from the slot list readers last loaded, as this
   * process knows them now; undefined when it has no recent list.
   */
  const nextFreeFromListing = (point: repo.PointRow, now: Date, taken?: Date) => {
    const listing = listings.get(point.id)
    if (!listing || elapsed() - listing.at >= REMEMBER_MS) return undefined
    const shown: pickups.Slot[] = []
    for (const slot of listing.slots) {
      if (shown.length === NEXT_FREE) break
      const at = new Date(slot.startsAt)
      if (at.getTime() === taken?.getTime() || !startsInTime(point, at, now)) continue
      const free = gate.freeAt(point.id, at) ?? slot.free
      if (free > 0) shown.push({ ...slot, free })
    }
    return shown
  }

  /**
   * The problem for a slot that cannot be booked, carrying the next free slots to choose
   * instead. A full slot is what hundreds of readers meet at once, so that answer is one
   * problem shared for a moment (within the same minute of the library's clock), and written
   * out once per language; the others are worked out.
   */
  const slotProblem = async (point: repo.PointRow, code: SlotCode, taken?: Date) => {
    const now = ctx.now()
    const work = async () => {
      const known = code === 'slot_full' ? nextFreeFromListing(point, now, taken) : undefined
      if (known) return new ProblemError(code, { extensions: { nextFree: known } })
      // One more than shown, in case the slot being taken is among them.
      const days = await freeSlots(db, point, now, await calendarOf(point, now), NEXT_FREE + 1)
      const shown = days
        .flatMap((day) => day.slots)
        .filter((slot) => slot.startsAt !== taken?.toISOString())
        .slice(0, NEXT_FREE)
      return new ProblemError(code, { extensions: { nextFree: shown } })
    }
    if (code !== 'slot_full') return work()
    return nextFree.get(point.id, `full|${Math.floor(now.getTime() / 60_000)}|${taken?.getTime()}`, work)
  }

  /** Runs a change that may take a slot; a slot's problem leaves it with the next free slots. */
  const withNextFree = async <T>(point: repo.PointRow, change: () => Promise<T>) => {
    try {
      return await change()
    } catch (error) {
      throw isSlotProblem(error) ? await slotProblem(point, error.code as SlotCode) : error
    }
  }

  /** The library's current phase when it pauses pickup by appointment. */
  const pausingPhase = async (dbx: Kysely<DB>, libraryId: string) => {
    const phase = await currentPhaseOf(dbx, libraryId)
    return phase && !phase.measures.pickup ? { nameZh: phase.nameZh, nameEn: phase.nameEn } : null
  }

  const refuseWhilePaused = async (dbx: Kysely<DB>, libraryId: string) => {
    const paused = await pausingPhase(dbx, libraryId)
    if (!paused) return
    throw new ProblemError('pickup_paused', {
      detail: {
        zh: `本馆当前处于“${paused.nameZh}”阶段，暂停预约取书，请留意本馆通知。`,
        en: `Pickup by appointment is paused while the library is in its “${paused.nameEn}” phase; watch for the library’s notices.`,
      },
    })
  }

  const freePlaces = async (point: repo.PointRow, startsAt: Date) => {
    const taken = await repo.bookedBetween(db, point.id, startsAt, new Date(startsAt.getTime() + 1))
    return point.readers_per_slot - (taken.get(startsAt.getTime()) ?? 0)
  }

  /**
   * What a reader must have to book at a point: holds there that have not run out (a hold
   * lengthened by a closure since it was found gets its new end first) and no other booking;
   * and the library's phase must allow pickup. Read on several connections at once. Returns
   * what waits for the reader there, for the booking's answer.
   */
  const checkReader = async (libraryId: string, readerId: string, point: repo.PointRow, now: Date) => {
    const waitingOf = () => repo.waitingLines(db, libraryId, point.id, [readerId])
    const [active, initially] = await Promise.all([
      repo.activeBookingsOfReader(db, libraryId, readerId),
      waitingOf(),
      refuseWhilePaused(db, libraryId),
    ])
    if (active.length > 0) throw new ProblemError('already_booked')
    let lines = initially
    if (lines.some((line) => (line.hold_until?.getTime() ?? 0) < now.getTime())) {
      await db.transaction().execute((trx) => settleHolds(trx, libraryId, now, readerId))
      lines = await waitingOf()
    }
    if (!lines.some((line) => (line.hold_until?.getTime() ?? 0) >= now.getTime())) {
      throw new ProblemError(
        (await repo.hasLapsedHolds(db, readerId, point.id, now)) ? 'hold_expired' : 'no_items_waiting',
      )
    }
    return lines
  }

  /**
   * Takes a place and writes the booking in one statement, so the slot's row is locked for no
   * longer than that statement. The database's unique indexes settle the rest: a reader's
   * second tap finds their booking made (already_booked), and a code another booking holds is
   * drawn again. Returns the booking as the lists show it.
   */
  const bookOnce = async (readerId: string, point: repo.PointRow, slot: SlotTime) => {
    for (;;) {
      const booking = {
        id: uuidv7(),
        readerId,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        code: newCode(),
        now: ctx.now(),
      }
      try {
        const row = await repo.takePlaceAndBook(db, point, booking)
        if (!row) throw new ProblemError('slot_full')
        return row
      } catch (error) {
        if (isUniqueViolation(error, 'pickup_bookings_reader_idx')) throw new ProblemError('already_booked')
        if (!isUniqueViolation(error, 'pickup_bookings_code_idx')) throw error
      }
    }
  }

  return {
    pointChanged,
    slotProblem,

    slots: async (caller: Caller, pointId: string) => {
      const libraryId = readerLibraryOf(caller)
      const point = await activePointOf(libraryId, pointId)
      const [days, pausedBy] = await Promise.all([
        calendarOf(point, ctx.now()).then((known) => freeSlots(db, point, ctx.now(), known)),
        pausingPhase(db, libraryId),
      ])
      // What the reader is about to choose from is what a rush for it will meet.
      const listed = days.flatMap((day) => day.slots)
      listings.set(point.id, { at: elapsed(), slots: listed })
      for (const slot of listed) gate.learn(point.id, new Date(slot.startsAt), slot.free)
      return { days, pausedBy }
    },

    /**
     * Books a slot for the caller's found items at a point. When hundreds of readers race for a
     * slot's last places, the slot gate lets only as many try as there are places and answers
     * the rest at once from memory; the guarded increment in the database decides every booking.
     */
    book: async (caller: Caller, body: { pickupPointId: string; startsAt: string }) => {
      const libraryId = readerLibraryOf(caller)
      const point = await activePointOf(libraryId, body.pickupPointId)
      const startsAt = new Date(body.startsAt)
      // Only bookings the gate lets try work out the slot (the day's slots in the library's
      // time zone are not free to compute); the others are refused from memory.
      const attempt = async () => {
        const now = ctx.now()
        const [known, waiting] = await Promise.all([
          calendarOf(point, now),
          checkReader(libraryId, caller.accountId, point, now),
        ])
        const slot = slotAt(point, known.calendar, known.timeZone, now, startsAt)
        if (typeof slot === 'string') throw new ProblemError(slot)
        const row = await bookOnce(caller.accountId, point, slot)
        return { row, waiting, timeZone: known.timeZone }
      }
      const booked = await withNextFree(point, () =>
        gate.through(
          point.id,
          startsAt,
          () => freePlaces(point, startsAt),
          attempt,
          (error) => error instanceof ProblemError && error.code === 'slot_full',
        ),
      )
      // The gate refuses while the slot's last places are being taken: not a slot to offer again.
      if (booked === 'full') throw await slotProblem(point, 'slot_full', startsAt)
      nextFree.forget(point.id)
      const { row, waiting, timeZone } = booked
      return { ...presentBooking(row, waiting, timeZone), qrSvg: await qrOf(row.code) }
    },
  }
}
