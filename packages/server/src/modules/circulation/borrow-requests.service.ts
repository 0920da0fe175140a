import type { pickups } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { type LendingItem, lockItemsByIds, setItemStatus } from '../catalogue/item-lending.ts'
import { localDayAndTime } from './due-dates.ts'
import { holdEnd, settleHolds } from './holds.ts'
import { checkOutRefusal, notAvailable } from './lending-checks.ts'
import { deskLibraryOf, itemAtLibrary, lendingCalendar, readerAtLibrary } from './lending-context.ts'
import { rulesInForce } from './limit-raises.ts'
import { rulesForReader } from './loan-rules.ts'
import { openLoanCounts } from './loans.repository.ts'
import { announcePulled } from './pickups.notices.ts'
import { presentLine, presentPullLine } from './pickups.presenter.ts'
import * as repo from './pickups.repository.ts'
import { lockReaderById, type Reader } from './readers.ts'

/** The library a reader asks in: their own (a consortium admin, of no library, finds nothing). */
export const readerLibraryOf = (caller: Caller) => {
  if (!caller.libraryId) throw new ProblemError('not_found')
  return caller.libraryId
}

/** An active pickup point of the library, or a problem. */
export const activePoint = async (db: Kysely<DB>, libraryId: string, pointId: string) => {
  const point = await repo.pointOf(db, libraryId, pointId)
  if (!point) throw new ProblemError('not_found')
  if (!point.active) throw new ProblemError('pickup_point_inactive')
  return point
}

/** Adds up two counts by material type. */
const plus = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) => {
  const sum = new Map(a)
  for (const [type, count] of b) sum.set(type, (sum.get(type) ?? 0) + count)
  return sum
}

/**
 * The reader's limits as they stand, loaded once: the rules in force (temporary raises included,
 * as at the desk) and their open loans. Says why one more item of a type is refused, counting
 * loans and the items `held` or asked for.
 */
const readerLimits = async (trx: Kysely<DB>, libraryId: string, reader: Reader, now: Date) => {
  const rules = rulesForReader(await rulesInForce(trx, libraryId, now), reader.type)
  const loans = await openLoanCounts(trx, libraryId, reader.id)
  return (held: ReadonlyMap<string, number>, materialType: string) =>
    checkOutRefusal(rules, plus(loans, held), materialType)
}

/**
 * Expires the holds of a library whose time has run out and whose reader has no pickup
 * booked there: the line is marked expired and the item goes back on the shelf. Runs before
 * lists of the desk and the reader, so what they see is current.
 */
export const expireHolds = (ctx: AppContext, libraryId: string) =>
  ctx.db.transaction().execute((trx) => settleHolds(trx, libraryId, ctx.now()))

/**
 * Reservation borrowing (S8) and staff-mediated borrowing (S9): a reader asks for items, or the
 * desk asks for a reader who phoned; the desk pulls them by location and call number, marks
 * each found (held for the reader, who is told to book a pickup) or not found (the reader is
 * told). Limits count loans, holds and open requests; lent, resting or held items cannot be asked for.
 */
export const createBorrowRequestsService = (ctx: AppContext) => {
  const { db } = ctx

  const presentRequests = async (libraryId: string, readerId: string) => {
    const requests = await repo.requestsOfReader(db, libraryId, readerId)
    const lines = await repo.linesOfRequests(
      db,
      libraryId,
      requests.map((request) => request.id),
    )
    return requests.flatMap((request): pickups.BorrowRequest[] => {
      const own = lines.filter((line) => line.request_id === request.id)
      const first = own[0]
      if (!first) return []
      return [
        {
          id: request.id,
          reader: presentPullLine(first).reader,
          pickupPoint: {
            id: first.pickup_point_id,
            nameZh: first.point_name_zh,
            nameEn: first.point_name_en,
          },
          channel: request.channel,
          note: request.note,
          createdAt: request.created_at.toISOString(),
          lines: own.map(presentLine),
        },
      ]
    })
  }

  const create = async (
    trx: Kysely<DB>,
    caller: Caller,
    requestId: string,
    libraryId: string,
    reader: Reader,
    items: LendingItem[],
    input: { pickupPointId: string; channel: 'online' | 'phone'; note: string | null },
  ) => {
    if (reader.status !== 'active') throw new ProblemError('reader_disabled')
    const point = await activePoint(trx, libraryId, input.pickupPointId)
    const taken = new Set(
      (
        await repo.activeLinesOfItems(
          trx,
          items.map((item) => item.id),
        )
      ).map((line) => line.item_id),
    )
    const held = new Map(await repo.heldCounts(trx, libraryId, reader.id, ['requested', 'found']))
    const limitRefusal = await readerLimits(trx, libraryId, reader, ctx.now())
    for (const item of items) {
      if (taken.has(item.id)) {
        throw new ProblemError('item_already_requested', { extensions: { barcode: item.barcode } })
      }
      if (item.status !== 'available') {
        const problem = notAvailable(item.status)
        throw new ProblemError(problem.code, {
          ...problem.extra,
          extensions: { barcode: item.barcode, itemStatus: item.status },
        })
      }
      const refusal = limitRefusal(held, item.material_type)
      if (refusal) throw refusal
      held.set(item.material_type, (held.get(item.material_type) ?? 0) + 1)
    }
    const id = uuidv7()
    await repo.insertRequest(
      trx,
      {
        id,
        library_id: libraryId,
        reader_id: reader.id,
        pickup_point_id: point.id,
        channel: input.channel,
        note: input.note,
        created_by: caller.accountId,
        created_at: ctx.now(),
      },
      items.map((item) => item.id),
    )
    if (input.channel === 'phone') {
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action: 'circulation.borrow_request.create',
        entityType: 'borrow_request',
        entityId: id,
        entityLabel: `${reader.name}（${reader.reader_number}）`,
        before: null,
        after: { barcodes: items.map((item) => item.barcode), pickupPoint: point.name_zh, note: input.note },
      })
    }
    return id
  }

  const requestOf = async (libraryId: string, readerId: string, id: string) => {
    const all = await presentRequests(libraryId, readerId)
    return all.find((request) => request.id === id)!
  }

  return {
    /** A reader asks for items of their own library. */
    requestMine: async (
      caller: Caller,
      requestId: string,
      body: { itemIds: string[]; pickupPointId: string },
    ) => {
      const libraryId = readerLibraryOf(caller)
      const ids = [...new Set(body.itemIds)]
      const id = await db.transaction().execute(async (trx) => {
        const reader = await lockReaderById(trx, caller.accountId)
        const items = await lockItemsByIds(trx, libraryId, ids)
        if (items.length !== ids.length) throw new ProblemError('not_found')
        return create(trx, caller, requestId, libraryId, reader, items, {
          pickupPointId: body.pickupPointId,
          channel: 'online',
          note: null,
        })
      })
      return requestOf(libraryId, caller.accountId, id)
    },

    /** The desk asks for items for a reader who phoned or wrote (audited). */
    requestForReader: async (
      caller: Caller,
      requestId: string,
      body: { readerNumber: string; barcodes: string[]; pickupPointId: string; note?: string | undefined },
    ) => {
      const libraryId = deskLibraryOf(caller)
      const barcodes = [...new Set(body.barcodes)]
      const { id, readerId } = await db.transaction().execute(async (trx) => {
        const reader = await readerAtLibrary(trx, caller, libraryId, body.readerNumber, true)
        const items: LendingItem[] = []
        for (const barcode of barcodes) items.push(await itemAtLibrary(trx, caller, libraryId, barcode))
        const created = await create(trx, caller, requestId, libraryId, reader, items, {
          pickupPointId: body.pickupPointId,
          channel: 'phone',
          note: body.note ?? null,
        })
        return { id: created, readerId: reader.id }
      })
      return requestOf(libraryId, readerId, id)
    },

    mine: async (caller: Caller) => {
      if (!caller.libraryId) return { items: [] }
      const libraryId = readerLibraryOf(caller)
      await expireHolds(ctx, libraryId)
      return { items: await presentRequests(libraryId, caller.accountId) }
    },

    pullList: async (caller: Caller) => {
      const libraryId = deskLibraryOf(caller)
      await expireHolds(ctx, libraryId)
      return { items: (await repo.pullList(db, libraryId)).map(presentPullLine) }
    },

    /**
     * Marks a requested item found or not found. Found: the reader's limits are checked again
     * and the item is held (status on hold) until the end of the point's hold days, counted in
     * open days of the library calendar. Either way the reader is told, and the action audited.
     */
    mark: async (caller: Caller, requestId: string, lineId: string, outcome: 'found' | 'not_found') => {
      const libraryId = deskLibraryOf(caller)
      await db.transaction().execute(async (trx) => {
        const line = await repo.lockLine(trx, libraryId, lineId)
        if (!line) throw new ProblemError('not_found')
        if (line.status !== 'requested') throw new ProblemError('line_already_marked')
        const reader = await lockReaderById(trx, line.reader_id)
        const [item] = await lockItemsByIds(trx, libraryId, [line.item_id])
        const point = await repo.pointOf(trx, libraryId, line.pickup_point_id)
        if (!item || !point) throw new ProblemError('not_found')
        const now = ctx.now()
        let holdUntil: Date | null = null
        if (outcome === 'found') {
          if (item.status === 'quarantined') throw new ProblemError('item_in_quarantine')
          if (item.status !== 'available') throw notAvailable(item.status)
          const held = await repo.heldCounts(trx, libraryId, reader.id, ['found'])
          const refusal = (await readerLimits(trx, libraryId, reader, now))(held, item.material_type)
          if (refusal) throw refusal
          const { timeZone, calendar, today } = await lendingCalendar(trx, libraryId, now)
          holdUntil = holdEnd(calendar, timeZone, today, point.hold_days)
          await setItemStatus(trx, [item.id], 'on_hold', now)
          await repo.setLineStatus(trx, [line.id], {
            status: 'found',
            hold_until: holdUntil,
            marked_by: caller.accountId,
            marked_at: now,
          })
        } else {
          await repo.setLineStatus(trx, [line.id], {
            status: 'not_found',
            marked_by: caller.accountId,
            marked_at: now,
          })
        }
        const timeZone = (
          await trx
            .selectFrom('libraries')
            .select('time_zone')
            .where('id', '=', libraryId)
            .executeTakeFirstOrThrow()
        ).time_zone
        const local = holdUntil ? localDayAndTime(holdUntil, timeZone) : null
        await announcePulled(trx, {
          libraryId,
          lineId: line.id,
          readerId: reader.id,
          readerName: reader.name,
          title: item.title,
          barcode: item.barcode,
          found: outcome === 'found',
          point: { zh: point.name_zh, en: point.name_en },
          holdUntil: local ? `${local.day} ${local.time}` : null,
        })
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: outcome === 'found' ? 'circulation.pull.found' : 'circulation.pull.not_found',
          entityType: 'borrow_request_line',
          entityId: line.id,
          entityLabel: `${item.title}（${item.barcode}）→ ${reader.name}（${reader.reader_number}）`,
          before: { status: 'requested' },
          after: { status: outcome, holdUntil: holdUntil?.toISOString() ?? null },
        })
      })
      const row = await repo.lineById(db, libraryId, lineId)
      return presentPullLine(row!)
    },
  }
}
