import type { quarantine } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { addDays } from '../../platform/libraries/calendar.ts'
import { libraryTimeZone } from '../../platform/libraries/libraries.repository.ts'
import { catalogueLibraryOf } from '../catalogue/catalogue.service.ts'
import {
  type LendingItem,
  lockQuarantinedItems,
  quarantinedItems,
  setItemStatus,
} from '../catalogue/item-lending.ts'
import { instantAt, localDayAndTime } from './due-dates.ts'
import { deskLibraryOf } from './lending-context.ts'
import { announceLoanRulesChanged } from './lending-memo.ts'
import * as repo from './quarantine.repository.ts'

type Period = quarantine.QuarantinePeriod

const sortPeriods = (periods: Period[]) =>
  [...periods].sort(
    (a, b) =>
      Number(a.materialType !== null) - Number(b.materialType !== null) ||
      (a.materialType ?? '').localeCompare(b.materialType ?? ''),
  )

const load = async (db: Kysely<DB>, libraryId: string): Promise<quarantine.QuarantinePeriods> => {
  const [rows, last] = await Promise.all([
    repo.periodsOf(db, libraryId),
    repo.lastPeriodChangeOf(db, libraryId),
  ])
  return {
    libraryId,
    periods: sortPeriods(
      rows.map((row) => ({ materialType: row.material_type as Period['materialType'], hours: row.hours })),
    ),
    updatedAt: last?.updated_at.toISOString() ?? null,
    updatedBy: last?.account_id ? { id: last.account_id, name: last.account_name ?? '' } : null,
  }
}

/**
 * Quarantine of returned items: library admins set the hours per material type (audited),
 * the desk sees what rests and puts items back on the shelf one by one or all that are due
 * (audited per item).
 */
export const createQuarantineService = (ctx: AppContext) => {
  const { db } = ctx

  const release = (caller: Caller, requestId: string, which: { itemId: string } | 'due') =>
    db.transaction().execute(async (trx) => {
      const libraryId = deskLibraryOf(caller)
      const now = ctx.now()
      const items = await lockQuarantinedItems(trx, libraryId, which === 'due' ? { dueBy: now } : which)
      if (which !== 'due' && items.length === 0) {
        const exists = await trx
          .selectFrom('catalogue_items')
          .select('id')
          .where('id', '=', which.itemId)
          .where('library_id', '=', libraryId)
          .executeTakeFirst()
        throw new ProblemError(exists ? 'not_in_quarantine' : 'not_found')
      }
      await setItemStatus(
        trx,
        items.map((item) => item.id),
        'available',
        now,
      )
      for (const item of items) {
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'circulation.quarantine.release',
          entityType: 'catalogue_item',
          entityId: item.id,
          entityLabel: `${item.title}（${item.barcode}）`,
          before: { status: 'quarantined', quarantineUntil: item.quarantine_until?.toISOString() ?? null },
          after: { status: 'available', early: (item.quarantine_until?.getTime() ?? 0) > now.getTime() },
        })
      }
      return { released: items.length }
    })

  return {
    periods: async (caller: Caller, libraryId: string | undefined) =>
      load(db, await catalogueLibraryOf(ctx, caller, libraryId)),

    savePeriods: async (
      caller: Caller,
      requestId: string,
      requested: string | undefined,
      periods: Period[],
    ) => {
      const libraryId = await catalogueLibraryOf(ctx, caller, requested)
      const saved = await db.transaction().execute(async (trx) => {
        const library = await trx
          .selectFrom('libraries')
          .select('name_zh')
          .where('id', '=', libraryId)
          .forUpdate()
          .executeTakeFirstOrThrow()
        const before = await load(trx, libraryId)
        const sorted = sortPeriods(periods)
        await repo.replacePeriods(trx, libraryId, sorted, caller.accountId, ctx.now())
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'circulation.quarantine_periods.save',
          entityType: 'quarantine_periods',
          entityId: libraryId,
          entityLabel: library.name_zh,
          before: { periods: before.periods },
          after: { periods: sorted },
        })
        return load(trx, libraryId)
      })
      await announceLoanRulesChanged(ctx, libraryId)
      return saved
    },

    list: async (caller: Caller, show: (typeof quarantine.QUARANTINE_FILTERS)[number]) => {
      const libraryId = deskLibraryOf(caller)
      const now = ctx.now()
      const [timeZone, rows] = await Promise.all([
        libraryTimeZone(db, libraryId),
        quarantinedItems(db, libraryId),
      ])
      const today = localDayAndTime(now, timeZone).day
      const endOfToday = instantAt(addDays(today, 1), '00:00', timeZone)
      const kindOf = (row: LendingItem) => {
        const until = row.quarantine_until?.getTime() ?? 0
        return until <= now.getTime() ? 'overdue' : until < endOfToday.getTime() ? 'today' : 'later'
      }
      const counts = { all: rows.length, today: 0, overdue: 0 }
      for (const row of rows) {
        const kind = kindOf(row)
        if (kind !== 'later') counts[kind] += 1
      }
      const items = rows
        .filter((row) => show === 'all' || kindOf(row) === show)
        .map((row): quarantine.QuarantinedItem => {
          const until = row.quarantine_until ?? now
          const local = localDayAndTime(until, timeZone)
          return {
            id: row.id,
            barcode: row.barcode,
            title: row.title,
            author: row.author,
            callNumber: row.call_number,
            location: row.location,
            materialType: row.material_type as quarantine.QuarantinedItem['materialType'],
            quarantineUntil: until.toISOString(),
            untilLocal: `${local.day} ${local.time}`,
            due: until.getTime() <= now.getTime(),
          }
        })
      return { items, counts }
    },

    release: (caller: Caller, requestId: string, itemId: string) => release(caller, requestId, { itemId }),
    releaseDue: (caller: Caller, requestId: string) => release(caller, requestId, 'due'),
  }
}
