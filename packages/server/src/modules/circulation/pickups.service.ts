import type { pickups } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { type Caller, hasRole } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { addDays } from '../../platform/libraries/calendar.ts'
import { libraryTimeZone } from '../../platform/libraries/libraries.repository.ts'
import { setItemStatus } from '../catalogue/item-lending.ts'
import { activePoint, expireHolds, readerLibraryOf } from './borrow-requests.service.ts'
import { checkOutItem } from './check-out.ts'
import { instantAt, localDayAndTime } from './due-dates.ts'
import { deskLibraryOf, lendingCalendar } from './lending-context.ts'
import type { LendingMemo } from './lending-memo.ts'
import { createPickupBooking, isSlotProblem, type SlotCode, takeSlot } from './pickup-booking.ts'
import { slotsOfDay } from './pickup-slots.ts'
import { presentBooking, presentPoint, qrOf } from './pickups.presenter.ts'
import * as repo from './pickups.repository.ts'

const isDesk = (caller: Caller) => hasRole(caller, 'librarian', 'library_admin')

const bookingLabel = (booking: repo.BookingRow) =>
  `${booking.code} ${booking.reader_name}（${booking.reader_number}）`

/**
 * Pickup by appointment (C3): library admins set up pickup points; readers with found items
 * book a slot and get a code with its QR image; the desk sees the day, stages, hands over by
 * code (checking out what is waiting) and marks no-shows. Bookings can be moved or cancelled.
 * Holds do not expire while a pickup is booked; a reader whose holds have run out cannot book.
 */
export const createPickupsService = (ctx: AppContext, lending: LendingMemo) => {
  const { db } = ctx
  // Choosing and booking slots, built for a rush (pickup-booking.ts).
  const slots = createPickupBooking(ctx)
  const { pointChanged } = slots

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

    slots: slots.slots,

    book: slots.book,

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
        throw isSlotProblem(error) && point ? await slots.slotProblem(point, error.code as SlotCode) : error
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
      // Read before the transaction: on PGlite's one connection it could not be read inside.
      const library = await lending.basisOf(libraryId, ctx.now())
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
          const { loanId, dueAt } = await checkOutItem(
            ctx,
            trx,
            caller,
            requestId,
            {
              readerNumber: found.reader_number,
              barcode: line.barcode,
            },
            library,
          )
          await repo.setLineStatus(trx, [line.id], { status: 'handed_over', loan_id: loanId })
          loans.push({ id: loanId, barcode: line.barcode, dueAt: dueAt.toISOString() })
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
