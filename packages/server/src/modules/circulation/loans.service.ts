import type { loans } from '@shuqiao/contracts'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { pageOf } from '../../http/page.ts'
import { invalidCursor } from '../../http/problem.ts'
import { addDays } from '../../platform/libraries/calendar.ts'
import { catalogueLibraryOf } from '../catalogue/catalogue.service.ts'
import { presentFine, presentLoan } from './circulation.presenter.ts'
import { instantAt } from './due-dates.ts'
import { finesOfReader, openFinesTotal } from './fines.repository.ts'
import type { LendingMemo } from './lending-memo.ts'
import { rulesForReader } from './loan-rules.ts'
import * as repo from './loans.repository.ts'

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_([0-9a-f-]{36})$/

const cursorOf = (cursor: string | undefined) => {
  if (cursor === undefined) return undefined
  const match = CURSOR.exec(cursor)
  const dueAt = match ? new Date(match[1]!) : undefined
  if (!match || !dueAt || Number.isNaN(dueAt.getTime())) {
    throw invalidCursor()
  }
  return { dueAt, id: match[2]! }
}

/** Lists of loans: a library's for its staff, and a reader's own. */
export const createLoansService = (ctx: AppContext, lending: LendingMemo) => {
  const { db } = ctx

  const list = async (caller: Caller, query: z.output<typeof loans.listLoans.query>) => {
    const libraryId = await catalogueLibraryOf(ctx, caller, query.libraryId)
    const after = cursorOf(query.cursor)
    const now = ctx.now()
    const view = await lending.basisOf(libraryId, now)
    const rows = await repo
      .listLoans(db, libraryId, {
        state: query.state,
        readerNumber: query.readerNumber,
        barcode: query.barcode,
        dueFrom: query.dueFrom ? instantAt(query.dueFrom, '00:00', view.timeZone) : undefined,
        dueBefore: query.dueTo ? instantAt(addDays(query.dueTo, 1), '00:00', view.timeZone) : undefined,
        overdueAt: query.overdue ? { now, overdue: query.overdue === 'true' } : undefined,
        location: query.location,
        readerType: query.readerType,
        after,
      })
      .limit(query.limit + 1)
      .execute()
    return pageOf(
      rows,
      query.limit,
      (row) => presentLoan(row, view),
      (last) => `${last.due_at.toISOString()}_${last.id}`,
    )
  }

  /** The caller's open loans soonest due first, their fines, and how many items they may have. */
  const mine = async (caller: Caller) => {
    const libraryId = caller.libraryId
    if (!libraryId) return { loans: [], fines: [], itemLimit: null, openFinesFen: 0 }
    const [view, account, rows, fines, openFinesFen] = await Promise.all([
      lending.basisOf(libraryId, ctx.now()),
      db.selectFrom('accounts').select('type').where('id', '=', caller.accountId).executeTakeFirstOrThrow(),
      repo.openLoansOfReader(db, caller.accountId),
      finesOfReader(db, libraryId, caller.accountId),
      openFinesTotal(db, libraryId, caller.accountId),
    ])
    return {
      loans: rows.filter((row) => row.library_id === libraryId).map((row) => presentLoan(row, view)),
      fines: fines.map(presentFine),
      itemLimit: rulesForReader(view.rules, account.type).general?.itemLimit ?? null,
      openFinesFen,
    }
  }

  return { list, mine }
}
