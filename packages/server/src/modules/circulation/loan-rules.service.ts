import { type loanRules, sortLoanRules } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { catalogueLibraryOf } from '../catalogue/catalogue.service.ts'
import { announceLoanRulesChanged } from './lending-memo.ts'
import * as repo from './loan-rules.repository.ts'
import { presentRule } from './loan-rules.ts'

const load = async (db: Kysely<DB>, libraryId: string): Promise<loanRules.LoanRules> => {
  const [rows, last] = await Promise.all([repo.rulesOf(db, libraryId), repo.lastChangeOf(db, libraryId)])
  return {
    libraryId,
    rules: sortLoanRules(rows.map(presentRule)),
    updatedAt: last?.updated_at.toISOString() ?? null,
    updatedBy: last?.account_id ? { id: last.account_id, name: last.account_name ?? '' } : null,
  }
}

/** A library's loan rules: staff read them, library admins replace them as a whole (audited). */
export const createLoanRulesService = (ctx: AppContext) => ({
  get: async (caller: Caller, libraryId: string | undefined) =>
    load(ctx.db, await catalogueLibraryOf(ctx, caller, libraryId)),

  save: async (
    caller: Caller,
    requestId: string,
    requested: string | undefined,
    rules: loanRules.LoanRule[],
  ) => {
    const libraryId = await catalogueLibraryOf(ctx, caller, requested)
    const saved = await ctx.db.transaction().execute(async (trx) => {
      // One save at a time per library: the replaced set is the one the audit log shows.
      const library = await trx
        .selectFrom('libraries')
        .select('name_zh')
        .where('id', '=', libraryId)
        .forUpdate()
        .executeTakeFirstOrThrow()
      const before = await load(trx, libraryId)
      const sorted = sortLoanRules(rules)
      await repo.replaceRules(trx, libraryId, sorted, caller.accountId, ctx.now())
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action: 'circulation.loan_rules.save',
        entityType: 'loan_rules',
        entityId: libraryId,
        entityLabel: library.name_zh,
        before: { rules: before.rules },
        after: { rules: sorted },
      })
      return load(trx, libraryId)
    })
    await announceLoanRulesChanged(ctx, libraryId)
    return saved
  },
})
