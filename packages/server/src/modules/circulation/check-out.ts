import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { isUniqueViolation } from '../../db/unique-violation.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { auditEventRow } from '../../platform/audit/audit.service.ts'
import { itemStatusUpdate } from '../catalogue/item-lending.ts'
import { dueAfter, localDayAndTime } from './due-dates.ts'
import { checkOutRefusal, notAvailable } from './lending-checks.ts'
import { deskLibraryOf, itemAtLibrary, type LendingBasis, readerAtLibrary } from './lending-context.ts'
import { rulesForReader } from './loan-rules.ts'
import { lockOpenLoanOfItem, openLoanCounts } from './loans.repository.ts'

/** How a person at the desk recognises a loan in the audit log: 机器学习（SJTU1000051）→ 李明（2020001）. */
export const loanLabel = (
  item: { title: string; barcode: string },
  reader: { name: string; reader_number: string },
) => `${item.title}（${item.barcode}）→ ${reader.name}（${reader.reader_number}）`

/**
 * Lends an item to a reader inside `trx`: the reader and the item are locked, every rule is
 * checked (reader active, item on the shelf, limits), the due date is the loan period on from
 * today moved off closed days, and the item is marked on loan. Returns the new loan's id, the
 * borrower and the due date. `library` is the library's side (calendar, rules in force), read
 * by the caller before the transaction.
 */
export const checkOutItem = async (
  ctx: AppContext,
  trx: Kysely<DB>,
  caller: Caller,
  requestId: string,
  input: { readerNumber: string; barcode: string },
  library: LendingBasis,
) => {
  const libraryId = deskLibraryOf(caller)
  const now = ctx.now()
  const reader = await readerAtLibrary(trx, caller, libraryId, input.readerNumber, true)
  if (reader.status !== 'active') throw new ProblemError('reader_disabled')
  const item = await itemAtLibrary(trx, caller, libraryId, input.barcode)
  // A copy on the shelf has no open loan (it is locked here, and loans_open_item_idx keeps one
  // open loan per copy), so the loan is looked up only to say who has the copy.
  const open = item.status === 'available' ? undefined : await lockOpenLoanOfItem(trx, item.id)
  if (open || item.status === 'on_loan') {
    const { timeZone } = library
    const dueDay = open ? localDayAndTime(open.due_at, timeZone).day : null
    const same = open?.reader_id === reader.id
    throw new ProblemError('item_on_loan', {
      ...(open
        ? {
            detail: same
              ? {
                  zh: `这位读者已经借了这册书，应还日期 ${dueDay}。`,
                  en: `This reader already has this item, due ${dueDay}.`,
                }
              : {
                  zh: `这册书已借给其他读者，应还日期 ${dueDay}，请先办理归还。`,
                  en: `This item is on loan to another reader, due ${dueDay}; check it in first.`,
                },
          }
        : {}),
      extensions: { dueAt: open?.due_at.toISOString() ?? null },
    })
  }
  if (item.status === 'quarantined') {
    const { timeZone } = library
    const until = item.quarantine_until ?? now
    const local = localDayAndTime(until, timeZone)
    throw new ProblemError('item_in_quarantine', {
      detail: {
        zh: `这册书归还后正在隔离，${local.day} ${local.time} 起可借；如确需借出，请先在“隔离”页放回书架。`,
        en: `This item is in quarantine after its return until ${local.day} ${local.time}; to lend it sooner, release it to the shelf on the Quarantine tab first.`,
      },
      extensions: { quarantineUntil: until.toISOString() },
    })
  }
  if (item.status !== 'available') throw notAvailable(item.status)

  const counts = await openLoanCounts(trx, libraryId, reader.id)
  const { timeZone, calendar, today, rules: inForce } = library
  const rules = rulesForReader(inForce, reader.type)
  const refusal = checkOutRefusal(rules, counts, item.material_type)
  if (refusal) throw refusal
  const rule = rules.forMaterial(item.material_type)!

  const due = dueAfter(calendar, timeZone, today, rule.loanDays)
  const loanId = uuidv7()
  // The loan, the item's status and the audit event in one statement: every round trip to the
  // database is time the reader and the item stay locked.
  try {
    await trx
      .with('loan', (db) =>
        db.insertInto('loans').values({
          id: loanId,
          library_id: libraryId,
          item_id: item.id,
          reader_id: reader.id,
          checked_out_at: now,
          due_at: due.at,
          checked_out_by: caller.accountId,
        }),
      )
      .with('item', () => itemStatusUpdate(trx, [item.id], 'on_loan', now))
      .insertInto('audit_events')
      .values(
        auditEventRow({
          caller,
          requestId,
          libraryId,
          action: 'circulation.check_out',
          entityType: 'loan',
          entityId: loanId,
          entityLabel: loanLabel(item, reader),
          before: null,
          after: { barcode: item.barcode, readerNumber: reader.reader_number, dueAt: due.at.toISOString() },
        }),
      )
      .execute()
  } catch (error) {
    // A copy marked as on the shelf while a loan of it is still open (imported so).
    if (isUniqueViolation(error, 'loans_open_item_idx')) throw new ProblemError('item_on_loan')
    throw error
  }
  return { loanId, reader, dueAt: due.at }
}
