import { SUGGESTED_QUARANTINE_PERIODS } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { addDays } from '../../platform/libraries/calendar.ts'
import { dueAtOn } from './due-dates.ts'
import { lendingCalendar } from './lending-context.ts'
import { replaceRules } from './loan-rules.repository.ts'
import { DEFAULT_LOAN_RULES } from './loan-rules.ts'
import { replacePeriods } from './quarantine.repository.ts'

const DAY_MS = 86_400_000

/**
 * The default loan rules and quarantine periods, and a loan record for each demo item the catalogue marks on loan:
 * the demo reader has two (one due in ten days, one three days overdue) and an unpaid fine
 * brought over from the old system; the others are lent to the subject librarian.
 */
export const seedDemoCirculation = async (
  trx: Kysely<DB>,
  libraryId: string,
  accounts: { reader: string; subject: string; admin: string },
  now = new Date(),
) => {
  await replaceRules(trx, libraryId, DEFAULT_LOAN_RULES, accounts.admin, now)
  await replacePeriods(trx, libraryId, SUGGESTED_QUARANTINE_PERIODS, accounts.admin, now)
  const lent = await trx
    .selectFrom('catalogue_items')
    .select('id')
    .where('library_id', '=', libraryId)
    .where('status', '=', 'on_loan')
    .orderBy('barcode')
    .execute()
  if (lent.length === 0) return
  const { timeZone, calendar, today } = await lendingCalendar(
    trx,
    libraryId,
    now,
    new Date(now.getTime() - 60 * DAY_MS),
  )
  const dueIn = (days: number) => dueAtOn(calendar, timeZone, addDays(today, days)).at
  await trx
    .insertInto('loans')
    .values(
      lent.map((item, at) => {
        const dueAt = at === 0 ? dueIn(10) : at === 1 ? dueIn(-3) : dueIn(5 + at * 4)
        return {
          id: uuidv7(),
          library_id: libraryId,
          item_id: item.id,
          reader_id: at < 2 ? accounts.reader : accounts.subject,
          checked_out_at: new Date(dueAt.getTime() - 30 * DAY_MS),
          due_at: dueAt,
          checked_out_by: null,
        }
      }),
    )
    .execute()
  await trx
    .insertInto('fines')
    .values({
      id: uuidv7(),
      library_id: libraryId,
      reader_id: accounts.reader,
      loan_id: null,
      amount_fen: 150,
      kind: 'imported',
      overdue_days: null,
      note: '原系统逾期罚款（2026 年秋季学期）',
      created_at: now,
    })
    .execute()
}
