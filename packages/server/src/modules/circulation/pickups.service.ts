import { randomInt } from 'node:crypto'
import type { pickups } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import QRCode from 'qrcode'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { isUniqueViolation } from '../../db/unique-violation.ts'
import { type Caller, hasRole } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { loadCalendarBetween } from '../../platform/libraries/calendar.query.ts'
import { addDays, todayIn } from '../../platform/libraries/calendar.ts'
import { libraryTimeZone } from '../../platform/libraries/libraries.repository.ts'
import { CALENDAR_CHANGED_CHANNEL } from '../../platform/libraries/libraries.service.ts'
import { setItemStatus } from '../catalogue/item-lending.ts'
import { currentPhaseOf } from '../operations/current-phase.ts'
import { activePoint, expireHolds, readerLibraryOf } from './borrow-requests.service.ts'
import { checkOutItem } from './check-out.ts'
import { instantAt, localDayAndTime } from './due-dates.ts'
import { settleHolds } from './holds.ts'
import { deskLibraryOf, lendingCalendar } from './lending-context.ts'
import { createPointMemo } from './pickup-point-memo.ts'
import { createSlotGate } from './pickup-slot-gate.ts'
import { bookableDays, type SlotTime, slotAt, slotsOfDay, startsInTime } from './pickup-slots.ts'
import { presentBooking, presentPoint } from './pickups.presenter.ts'
import * as repo from './pickups.repository.ts'

// Letters and digits a person reads and types without confusing them (no 0/O, 1/I, 2/Z, 5/S, B/8).
const CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY346789'
const CODE_LENGTH = 6
const NEXT_FREE = 5
/** Tells every process that a point's places or settings changed; the payload is the point's id. */
export const POINT_CHANGED_CHANNEL = 'pickup_point_changed'

const newCode = () =>
  Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')

const qrOf = (code: string) => QRCode.toString(code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })

const isDesk = (caller: Caller) => hasRole(caller, 'librarian', 'library_admin')

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

type SlotCode = 'slot_full' | 'slot_past' | 'slot_closed'
const SLOT_CODES: ReadonlySet<string> = new Set<SlotCode>(['slot_full', 'slot_past', 'slot_closed'])
const isSlotProblem = (error: unknown): error is ProblemError =>
  error instanceof ProblemError && SLOT_CODES.has(error.code)

/**
 * Checks a start time and takes a place there, or throws the slot's problem; the next free
 * slots are added to it after the transaction, so no lock is held while they are worked out.
 */
const takeSlot = async (trx: Kysely<DB>, point: repo.PointRow, now: Date, startsAt: Date) => {
  const { timeZone, calendar } = await pickupCalendar(trx, point, now)
  const slot = slotAt(point, calendar, timeZone, now, startsAt)
  if (typeof slot === 'string') throw new ProblemError(slot)
  if (!(await repo.takePlace(trx, point, slot.startsAt))) throw new ProblemError('slot_full')
  return slot
}

const bookingLabel = (booking: repo.BookingRow) =>
  `${booking.code} ${booking.reader_name}（${booking.reader_number}）`

/**
 * Pickup by appointment (C3): library admins set up pickup points; readers with found items
 * book a slot and get a code with its QR image; the desk sees the day, stages, hands over by
 * code (checking out what is waiting) and marks no-shows. Bookings can be moved or cancelled.
 * Holds do not expire while a pickup is booked; a reader whose holds have run out cannot book.
 */
export const createPickupsService = (ctx: AppContext) => {
  const { db } = ctx
  // Elapsed time, not the library's clock: these only say how long an answer may be reused.
  const elapsed = () => performance.now()
  const gate = createSlotGate(elapsed)
  const points = createPointMemo<repo.PointRow | undefined>(elapsed, 2000)
  const nextFree = createPointMemo<pickups.Slot[]>(elapsed, 1000)
  const calendars = createPointMemo<Awaited<ReturnType<typeof pickupCalendar>>>(elapsed, 2000)

  const forgetPoint = (pointId: string) => {
    gate.forgetPoint(pointId)
    points.forgetPoint(pointId)
    nextFree.forgetPoint(pointId)
    calendars.forgetPoint(pointId)
  }
  ctx.events.subscribe(POINT_CHANGED_CHANNEL, forgetPoint)
  ctx.events.subscribe(CALENDAR_CHANGED_CHANNEL, () => {
    calendars.clear()
    nextFree.clear()
  })
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
   * The problem for a slot that cannot be booked, carrying the next free slots to choose
   * instead. A full slot is what hundreds of readers meet at once, so that answer is shared
   * for a moment (within the same minute of the library's clock); the others are worked out.
   */
  const slotProblem = async (point: repo.PointRow, code: SlotCode, taken?: Date) => {
    const now = ctx.now()
    // One more than shown, in case the slot being taken is among them.
    const work = async () =>
      (await freeSlots(db, point, now, await calendarOf(point, now), NEXT_FREE + 1)).flatMap(
        (day) => day.slots,
      )
    const slots =
      code === 'slot_full'
        ? await nextFree.get(point.id, `next|${Math.floor(now.getTime() / 60_000)}`, work)
        : await work()
    const shown = slots.filter((slot) => slot.startsAt !== taken?.toISOString()).slice(0, NEXT_FREE)
    return new ProblemError(code, { extensions: { nextFree: shown } })
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
   * and the library's phase must allow pickup. Read on several connections at once.
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
  }

  /**
   * Takes a place and writes the booking in one statement, so the slot's row is locked for no
   * longer than that statement. The database's unique indexes settle the rest: a reader's
   * second tap finds their booking made (already_booked), and a code another booking holds is
   * drawn again. Returns the booking's id.
   */
  const bookOnce = async (readerId: string, point: repo.PointRow, slot: SlotTime) => {
    for (;;) {
      const id = uuidv7()
      const booking = {
        id,
        readerId,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        code: newCode(),
        now: ctx.now(),
      }
      try {
        if (!(await repo.takePlaceAndBook(db, point, booking))) throw new ProblemError('slot_full')
        return id
      } catch (error) {
        if (isUniqueViolation(error, 'pickup_bookings_reader_idx')) throw new ProblemError('already_booked')
        if (!isUniqueViolation(error, 'pickup_bookings_code_idx')) throw error
      }
    }
  }

  const present = async (dbx: Kysely<DB>, row: repo.BookingRow) => {
    const [waiting, timeZone] = await Promise.all([
      repo.waitingLines(dbx, row.library_id, row.pickup_point_id, [row.reader_id]),
      libraryTimeZone(dbx, row.library_id),
    ])
    return presentBooking(row, waiting, timeZone)
  }

  const presentMine = async (dbx: Kysely<DB>, row: repo.BookingRow): Promise<pickups.MyBooking> => ({
    ...(await present(dbx, row)),
    qrSvg: await qrOf(row.code),
  })

  /** A booking the caller may change: the reader's own, or any of the library for the desk. */
  const lockChangeable = async (trx: Kysely<DB>, caller: Caller, bookingId: string) => {
    const libraryId = readerLibraryOf(caller)
    const booking = await repo.lockBooking(trx, libraryId, bookingId)
    if (!booking || (booking.reader_id !== caller.accountId && !isDesk(caller)))
      throw new ProblemError('not_found')
    if (booking.status !== 'booked') throw new ProblemError('booking_not_active')
    return booking
  }

  const deskChange = async (
    caller: Caller,
    requestId: string,
    bookingId: string,
    change: (
      trx: Kysely<DB>,
      booking: NonNullable<Awaited<ReturnType<typeof repo.lockBooking>>>,
      now: Date,
    ) => Promise<Record<string, unknown>>,
    action: string,
  ) => {
    const libraryId = deskLibraryOf(caller)
    return db.transaction().execute(async (trx) => {
      const booking = await repo.lockBooking(trx, libraryId, bookingId)
      if (!booking) throw new ProblemError('not_found')
      if (booking.status !== 'booked') throw new ProblemError('booking_not_active')
      const after = await change(trx, booking, ctx.now())
      const row = (await repo.bookingById(trx, libraryId, bookingId))!
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action,
        entityType: 'pickup_booking',
        entityId: bookingId,
        entityLabel: bookingLabel(row),
        before: { status: booking.status },
        after,
      })
      return present(trx, row)
    })
  }

  return {
    points: async (caller: Caller) => {
      if (!caller.libraryId) return { items: [] }
      const libraryId = readerLibraryOf(caller)
      const rows = await repo.pointsOf(
        db,
        libraryId,
        !isDesk(caller) && !hasRole(caller, 'subject_librarian'),
      )
      return { items: rows.map(presentPoint) }
    },

    savePoint: async (
      caller: Caller,
      requestId: string,
      pointId: string | null,
      body: pickups.PickupPointSettings,
    ) => {
      const libraryId = deskLibraryOf(caller)
      const saved = await db.transaction().execute(async (trx) => {
        const before = pointId ? await repo.pointOf(trx, libraryId, pointId, true) : undefined
        if (pointId && !before) throw new ProblemError('not_found')
        const id = pointId ?? uuidv7()
        const now = ctx.now()
        const values = {
          name_zh: body.nameZh,
          name_en: body.nameEn,
          windows: JSON.stringify(body.windows),
          slot_minutes: body.slotMinutes,
          readers_per_slot: body.readersPerSlot,
          lead_minutes: body.leadMinutes,
          days_ahead: body.daysAhead,
          hold_days: body.holdDays,
          active: body.active,
          updated_at: now,
          updated_by: caller.accountId,
        }
        if (before) await trx.updateTable('pickup_points').set(values).where('id', '=', id).execute()
        else
          await trx
            .insertInto('pickup_points')
            .values({ id, library_id: libraryId, created_at: now, ...values })
            .execute()
        const saved = presentPoint((await repo.pointOf(trx, libraryId, id))!)
        const { id: _id, libraryId: _library, updatedAt: _at, ...after } = saved
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: before ? 'circulation.pickup_point.save' : 'circulation.pickup_point.create',
          entityType: 'pickup_point',
          entityId: id,
          entityLabel: body.nameZh,
          before: before
            ? (({ id: _i, libraryId: _l, updatedAt: _u, ...rest }) => rest)(presentPoint(before))
            : null,
          after,
        })
        return saved
      })
      await pointChanged(saved.id)
      return saved
    },

    slots: async (caller: Caller, pointId: string) => {
      const libraryId = readerLibraryOf(caller)
      const point = await activePointOf(libraryId, pointId)
      const [days, pausedBy] = await Promise.all([
        calendarOf(point, ctx.now()).then((known) => freeSlots(db, point, ctx.now(), known)),
        pausingPhase(db, libraryId),
      ])
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
      let timeZone = ''
      // Only bookings the gate lets try work out the slot (the day's slots in the library's
      // time zone are not free to compute); the others are refused from memory.
      const attempt = async () => {
        const now = ctx.now()
        const [known] = await Promise.all([
          calendarOf(point, now),
          checkReader(libraryId, caller.accountId, point, now),
        ])
        timeZone = known.timeZone
        const slot = slotAt(point, known.calendar, known.timeZone, now, startsAt)
        if (typeof slot === 'string') throw new ProblemError(slot)
        return bookOnce(caller.accountId, point, slot)
      }
      const id = await withNextFree(point, () =>
        gate.through(
          point.id,
          startsAt,
          () => freePlaces(point, startsAt),
          attempt,
          (error) => error instanceof ProblemError && error.code === 'slot_full',
        ),
      )
      // The gate refuses while the slot's last places are being taken: not a slot to offer again.
      if (id === 'full') throw await slotProblem(point, 'slot_full', startsAt)
      nextFree.forgetPoint(point.id)
      // Read on three connections at once: the booking, what waits for the reader, the time zone.
      const [row, waiting] = await Promise.all([
        repo.bookingById(db, libraryId, id),
        repo.waitingLines(db, libraryId, point.id, [caller.accountId]),
      ])
      return { ...presentBooking(row!, waiting, timeZone), qrSvg: await qrOf(row!.code) }
    },

    mine: async (caller: Caller) => {
      if (!caller.libraryId) return { items: [] }
      const libraryId = readerLibraryOf(caller)
      const rows = await repo.activeBookingsOfReader(db, libraryId, caller.accountId)
      return { items: await Promise.all(rows.map((row) => presentMine(db, row))) }
    },

    move: async (caller: Caller, requestId: string, bookingId: string, startsAt: string) => {
      let point: repo.PointRow | undefined
      let placeGivenBack = false
      try {
        const moved = await db.transaction().execute(async (trx) => {
          const booking = await lockChangeable(trx, caller, bookingId)
          const now = ctx.now()
          point = await activePoint(trx, booking.library_id, booking.pickup_point_id)
          const wanted = new Date(startsAt)
          if (wanted.getTime() !== booking.starts_at.getTime()) {
            const slot = await takeSlot(trx, point, now, wanted)
            await repo.releasePlace(trx, point.id, booking.starts_at)
            placeGivenBack = true
            await repo.updateBooking(trx, booking.id, {
              starts_at: slot.startsAt,
              ends_at: slot.endsAt,
              updated_at: now,
            })
          }
          const row = (await repo.bookingById(trx, booking.library_id, booking.id))!
          if (booking.reader_id !== caller.accountId) {
            await recordAudit(trx, {
              caller,
              requestId,
              libraryId: booking.library_id,
              action: 'circulation.pickup.move',
              entityType: 'pickup_booking',
              entityId: booking.id,
              entityLabel: bookingLabel(row),
              before: { startsAt: booking.starts_at.toISOString() },
              after: { startsAt: row.starts_at.toISOString() },
            })
          }
          return present(trx, row)
        })
        if (placeGivenBack && point) await pointChanged(point.id)
        return moved
      } catch (error) {
        throw isSlotProblem(error) && point ? await slotProblem(point, error.code as SlotCode) : error
      }
    },

    cancel: async (caller: Caller, requestId: string, bookingId: string) => {
      let pointId = ''
      const cancelled = await db.transaction().execute(async (trx) => {
        const booking = await lockChangeable(trx, caller, bookingId)
        pointId = booking.pickup_point_id
        await repo.releasePlace(trx, booking.pickup_point_id, booking.starts_at)
        await repo.updateBooking(trx, booking.id, { status: 'cancelled', updated_at: ctx.now() })
        const row = (await repo.bookingById(trx, booking.library_id, booking.id))!
        if (booking.reader_id !== caller.accountId) {
          await recordAudit(trx, {
            caller,
            requestId,
            libraryId: booking.library_id,
            action: 'circulation.pickup.cancel',
            entityType: 'pickup_booking',
            entityId: booking.id,
            entityLabel: bookingLabel(row),
            before: { status: 'booked' },
            after: { status: 'cancelled' },
          })
        }
        return present(trx, row)
      })
      await pointChanged(pointId)
      return cancelled
    },

    /** A point's slots of a day (default today) with their bookings and the items to stage. */
    day: async (caller: Caller, query: { pointId: string; day?: string | undefined }) => {
      const libraryId = deskLibraryOf(caller)
      await expireHolds(ctx, libraryId)
      const point = await repo.pointOf(db, libraryId, query.pointId)
      if (!point) throw new ProblemError('not_found')
      const { timeZone, calendar, today } = await lendingCalendar(db, libraryId, ctx.now())
      const day = query.day ?? today
      const grid = slotsOfDay(point, calendar, timeZone, day)
      const rows = await repo.bookingsBetween(
        db,
        libraryId,
        point.id,
        instantAt(day, '00:00', timeZone),
        instantAt(addDays(day, 1), '00:00', timeZone),
      )
      const waiting = await repo.waitingLines(
        db,
        libraryId,
        point.id,
        rows.map((row) => row.reader_id),
      )
      const starts = new Map<number, string>(grid.map((slot) => [slot.startsAt.getTime(), slot.time]))
      for (const row of rows)
        starts.set(row.starts_at.getTime(), localDayAndTime(row.starts_at, timeZone).time)
      const slots = [...starts.entries()]
        .sort(([a], [b]) => a - b)
        .map(([at, time]) => {
          const bookings = rows
            .filter((row) => row.starts_at.getTime() === at)
            .map((row) =>
              presentBooking(
                row,
                row.status === 'booked' ? waiting.filter((line) => line.reader_id === row.reader_id) : [],
                timeZone,
              ),
            )
          return {
            startsAt: new Date(at).toISOString(),
            time,
            booked: bookings.filter((booking) => booking.status !== 'cancelled').length,
            bookings,
          }
        })
      return { day, open: grid.length > 0, slots }
    },

    stage: (caller: Caller, requestId: string, bookingId: string) =>
      deskChange(
        caller,
        requestId,
        bookingId,
        async (trx, booking, now) => {
          await repo.updateBooking(trx, booking.id, { staged_at: now, updated_at: now })
          return { status: 'booked', stagedAt: now.toISOString() }
        },
        'circulation.pickup.stage',
      ),

    noShow: (caller: Caller, requestId: string, bookingId: string) =>
      deskChange(
        caller,
        requestId,
        bookingId,
        async (trx, booking, now) => {
          if (now.getTime() < booking.starts_at.getTime()) throw new ProblemError('slot_not_started')
          await repo.updateBooking(trx, booking.id, { status: 'no_show', updated_at: now })
          return { status: 'no_show' }
        },
        'circulation.pickup.no_show',
      ),

    /**
     * Hands over by pickup code: every item waiting for the reader at the point is checked out
     * to them under the loan rules (limits, due dates off closed days), the lines and the
     * booking close, and the handover is audited beside each check-out.
     */
    handOver: async (caller: Caller, requestId: string, rawCode: string) => {
      const libraryId = deskLibraryOf(caller)
      const code = rawCode.trim().toUpperCase()
      return db.transaction().execute(async (trx) => {
        const found = await repo.activeBookingByCode(trx, libraryId, code)
        if (!found) throw new ProblemError('unknown_pickup_code')
        await repo.lockBooking(trx, libraryId, found.id)
        const waiting = await repo.waitingLines(trx, libraryId, found.pickup_point_id, [found.reader_id])
        if (waiting.length === 0) throw new ProblemError('no_items_waiting')
        const now = ctx.now()
        const loans: { id: string; barcode: string; dueAt: string }[] = []
        for (const line of waiting) {
          await setItemStatus(trx, [line.item_id], 'available', now)
          const { loanId } = await checkOutItem(ctx, trx, caller, requestId, {
            readerNumber: found.reader_number,
            barcode: line.barcode,
          })
          await repo.setLineStatus(trx, [line.id], { status: 'handed_over', loan_id: loanId })
          const loan = await trx
            .selectFrom('loans')
            .select('due_at')
            .where('id', '=', loanId)
            .executeTakeFirstOrThrow()
          loans.push({ id: loanId, barcode: line.barcode, dueAt: loan.due_at.toISOString() })
        }
        await repo.updateBooking(trx, found.id, { status: 'handed_over', updated_at: now })
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'circulation.pickup.hand_over',
          entityType: 'pickup_booking',
          entityId: found.id,
          entityLabel: bookingLabel(found),
          before: { status: 'booked' },
          after: { status: 'handed_over', barcodes: loans.map((loan) => loan.barcode) },
        })
        const row = (await repo.bookingById(trx, libraryId, found.id))!
        return { booking: presentBooking(row, [], await libraryTimeZone(trx, libraryId)), loans }
      })
    },
  }
}
