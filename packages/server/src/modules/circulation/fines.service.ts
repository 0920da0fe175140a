import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { presentFine } from './circulation.presenter.ts'
import { findFine, lockFine } from './fines.repository.ts'
import { deskLibraryOf } from './lending-context.ts'

/** Fines at the desk: an open fine is paid, or waived with a reason; either is audited. */
export const createFinesService = (ctx: AppContext) => ({
  settle: (
    caller: Caller,
    requestId: string,
    fineId: string,
    input: { status: 'paid' | 'waived'; note?: string | undefined },
  ) =>
    ctx.db.transaction().execute(async (trx) => {
      const libraryId = deskLibraryOf(caller)
      const fine = await lockFine(trx, fineId)
      if (!fine || fine.library_id !== libraryId) throw new ProblemError('not_found')
      if (fine.status !== 'open') throw new ProblemError('illegal_transition')
      const note = input.note?.trim() || null
      if (input.status === 'waived' && !note) {
        throw fieldProblem('body.note', 'required', '免除罚款请写明原因', 'Say why the fine is waived')
      }
      await trx
        .updateTable('fines')
        .set({
          status: input.status,
          settled_at: ctx.now(),
          settled_by: caller.accountId,
          ...(note ? { note: fine.note ? `${fine.note}\n${note}` : note } : {}),
        })
        .where('id', '=', fineId)
        .execute()
      const row = (await findFine(trx, fineId))!
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action: `circulation.fine.${input.status === 'paid' ? 'pay' : 'waive'}`,
        entityType: 'fine',
        entityId: fineId,
        entityLabel: `${row.reader_name}（${row.reader_number}）¥${(row.amount_fen / 100).toFixed(2)}`,
        before: { status: 'open' },
        after: { status: input.status, note },
      })
      return presentFine(row)
    }),
})
