import type { loanRules } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'

export const rulesOf = (db: Kysely<DB>, libraryId: string) =>
  db.selectFrom('loan_rules').selectAll().where('library_id', '=', libraryId).execute()

/** Who changed the rules last, and when. */
export const lastChangeOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('loan_rules as r')
    .leftJoin('accounts as a', 'a.id', 'r.updated_by')
    .select(['r.updated_at', 'a.id as account_id', 'a.name as account_name'])
    .where('r.library_id', '=', libraryId)
    .orderBy('r.updated_at', 'desc')
    .limit(1)
    .executeTakeFirst()

/** Replaces a library's rules with the given set; call inside a transaction. */
export const replaceRules = async (
  trx: Kysely<DB>,
  libraryId: string,
  rules: loanRules.LoanRule[],
  by: string,
  at: Date,
) => {
  await trx.deleteFrom('loan_rules').where('library_id', '=', libraryId).execute()
  if (rules.length === 0) return
  await trx
    .insertInto('loan_rules')
    .values(
      rules.map((rule) => ({
        id: uuidv7(),
        library_id: libraryId,
        reader_type: rule.readerType,
        material_type: rule.materialType,
        loan_days: rule.loanDays,
        item_limit: rule.itemLimit,
        renewal_limit: rule.renewalLimit,
        renewal_days: rule.renewalDays,
        renew_overdue: rule.renewOverdue,
        fine_per_day_fen: rule.finePerDayFen,
        updated_at: at,
        updated_by: by,
      })),
    )
    .execute()
}
