import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { auditEventRow, recordAudit } from '../../platform/audit/audit.service.ts'
import { itemStatusUpdate, type LendingItem, setItemStatus } from '../catalogue/item-lending.ts'
import { loanLabel } from './check-out.ts'
import { localDayAndTime, openDaysLate } from './due-dates.ts'
import { insertOverdueFine } from './fines.repository.ts'
import { deskLibraryOf, itemAtLibrary, type LendingBasis, lendingCalendar } from './lending-context.ts'
import { rulesForReader } from './loan-rules.ts'
import { lockOpenLoanAndReaderOfItem } from './loans.repository.ts'
import { restingHours } from './quarantine.repository.ts'

const HOUR_MS = 3_600_000

/**
 * Until when a returned item rests: its material type's quarantine period, when the library
 * has one; else null, and it goes straight back on the shelf.
 */
const restingUntil = (periods: LendingBasis['quarantinePeriods'], item: LendingItem, now: Date) => {
  const hours = restingHours(periods, item.material_type)
  return hours ? new Date(now.getTime() + hours * HOUR_MS) : null
}

/**
 * Takes an item back inside `trx`: its open loan is closed, the item goes back on the shelf
 * (or into quarantine for its material type's period, when the library has one),
 * and a late return is fined for each open day after the due day (closed days are free) at
 * the rate of the reader's rule. An item marked on loan without a loan record (from a
 * catalogue import) is simply put back on the shelf. `library` is the library's side (rules in
 * force, quarantine periods), read by the caller before the transaction.
 */
export const checkInItem = async (
  ctx: AppContext,
  trx: Kysely<DB>,
  caller: Caller,
  requestId: string,
  barcode: string,
  library: LendingBasis,
) => {
  const libraryId = deskLibraryOf(caller)
  const now = ctx.now()
  const item = await itemAtLibrary(trx, caller, libraryId, barcode)
  const loan = await lockOpenLoanAndReaderOfItem(trx, item.id)
  if (!loan && item.status !== 'on_loan') throw new ProblemError('not_on_loan')
  const until = restingUntil(library.quarantinePeriods, item, now)
  const shelved = until ? 'quarantined' : 'available'
  if (!loan) {
    await setItemStatus(trx, [item.id], shelved, now, until)
    await recordAudit(trx, {
      caller,
      requestId,
      libraryId,
      action: 'circulation.check_in',
      entityType: 'catalogue_item',
      entityId: item.id,
      entityLabel: `${item.title}（${item.barcode}）`,
      before: { status: 'on_loan' },
      after: { status: shelved, quarantineUntil: until?.toISOString() ?? null },
    })
    return { loanId: null, itemId: item.id, fineId: null }
  }

  const reader = { id: loan.reader_id, name: loan.name, reader_number: loan.reader_number, type: loan.type }
  let fineId: string | null = null
  let fine: { days: number; amountFen: number } | null = null
  if (loan.due_at.getTime() < now.getTime()) {
    const { timeZone, calendar, today } = await lendingCalendar(trx, libraryId, now, loan.due_at)
    const days = openDaysLate(calendar, localDayAndTime(loan.due_at, timeZone).day, today)
    const rule = rulesForReader(library.rules, reader.type).forMaterial(item.material_type)
    const amountFen = days * (rule?.finePerDayFen ?? 0)
    if (amountFen > 0) {
      fine = { days, amountFen }
      fineId = await insertOverdueFine(trx, {
        libraryId,
        readerId: reader.id,
        loanId: loan.id,
        amountFen,
        days,
        at: now,
      })
    }
  }
  // The return, the item's status and the audit event in one statement, as at check-out.
  await trx
    .with('returned', (db) =>
      db
        .updateTable('loans')
        .set({ returned_at: now, returned_by: caller.accountId })
        .where('id', '=', loan.id),
    )
    .with('item', () => itemStatusUpdate(trx, [item.id], shelved, now, until))
    .insertInto('audit_events')
    .values(
      auditEventRow({
        caller,
        requestId,
        libraryId,
        action: 'circulation.check_in',
        entityType: 'loan',
        entityId: loan.id,
        entityLabel: loanLabel(item, reader),
        before: { returnedAt: null, fineFen: null },
        after: {
          returnedAt: now.toISOString(),
          fineFen: fine?.amountFen ?? null,
          daysLate: fine?.days ?? null,
          quarantineUntil: until?.toISOString() ?? null,
        },
      }),
    )
    .execute()
  return { loanId: loan.id, itemId: item.id, fineId }
}
