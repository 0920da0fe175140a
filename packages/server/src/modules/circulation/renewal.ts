import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { addDays } from '../../platform/libraries/calendar.ts'
import { loanLabel } from './check-out.ts'
import { dueAtOn, localDayAndTime } from './due-dates.ts'
import { renewalRefusal } from './lending-checks.ts'
import type { LendingBasis } from './lending-context.ts'
import { rulesForReader } from './loan-rules.ts'
import { findLoan, type lockLoan } from './loans.repository.ts'

type LockedLoan = NonNullable<Awaited<ReturnType<typeof lockLoan>>>

/**
 * Renews a locked open loan inside `trx`, by the rule of its reader and material type: the due
 * date moves on by the renewal period from the later of the due day and today, off closed
 * days, at the same time of day. When the caller saw an earlier due date (`seenDueAt`) than
 * the loan has now, the click was already honoured and nothing changes. `library` is the loan's
 * library's side (calendar, rules in force), read by the caller before the transaction.
 */
export const renewLoan = async (
  ctx: AppContext,
  trx: Kysely<DB>,
  caller: Caller,
  requestId: string,
  loan: LockedLoan,
  seenDueAt: string | undefined,
  library: LendingBasis,
) => {
  if (loan.returned_at) throw new ProblemError('loan_returned')
  if (seenDueAt && new Date(seenDueAt).getTime() < loan.due_at.getTime()) return
  const now = ctx.now()
  const row = (await findLoan(trx, loan.id))!
  const rule = rulesForReader(library.rules, row.reader_type).forMaterial(row.material_type)
  const refusal = renewalRefusal(rule, loan, now)
  if (refusal) throw refusal

  const { timeZone, calendar, today } = library
  const current = localDayAndTime(loan.due_at, timeZone)
  // The later of the two days ('YYYY-MM-DD' sorts as it reads).
  const from = [current.day, today].sort()[1]!
  const due = dueAtOn(calendar, timeZone, addDays(from, rule!.renewalDays), current.time)
  await trx
    .updateTable('loans')
    .set({ due_at: due.at, renewals: loan.renewals + 1 })
    .where('id', '=', loan.id)
    .execute()
  await recordAudit(trx, {
    caller,
    requestId,
    libraryId: loan.library_id,
    action: 'circulation.renew',
    entityType: 'loan',
    entityId: loan.id,
    entityLabel: loanLabel(row, { name: row.reader_name, reader_number: row.reader_number }),
    before: { dueAt: loan.due_at.toISOString(), renewals: loan.renewals },
    after: { dueAt: due.at.toISOString(), renewals: loan.renewals + 1 },
  })
}
