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

/** The demo's pickup point: the main library's lobby, mornings and afternoons every day, five readers a half hour. */
export const DEMO_PICKUP_POINT = {
  name_zh: '主馆大厅取书点',
  name_en: 'Main library lobby',
  windows: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
    { weekday, opens: '09:00', closes: '12:00' },
    { weekday, opens: '14:00', closes: '17:00' },
  ]),
  slot_minutes: 30,
  readers_per_slot: 5,
  lead_minutes: 60,
  days_ahead: 7,
  hold_days: 5,
}

/**
 * The default loan rules and quarantine periods, a pickup point, and a loan record for each demo item the catalogue marks on loan:
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
  await trx
    .insertInto('pickup_points')
    .values({
      id: uuidv7(),
      library_id: libraryId,
      ...DEMO_PICKUP_POINT,
      windows: JSON.stringify(DEMO_PICKUP_POINT.windows),
      created_at: now,
      updated_at: now,
      updated_by: accounts.admin,
    })
    .execute()
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
