import type { closureMeasures, loanRules } from '@shuqiao/contracts'
import type { Kysely, Selectable } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB, LoanLimitRaisesTable } from '../../db/schema.ts'
import { addDays } from '../../platform/libraries/calendar.ts'
import { instantAt, localDayAndTime } from './due-dates.ts'
import { rulesOf } from './loan-rules.repository.ts'
import { presentRule } from './loan-rules.ts'

type LoanRule = loanRules.LoanRule
type ReaderType = LoanRule['readerType']
type RaiseRow = Selectable<LoanLimitRaisesTable> & { created_by_name: string }

/** Who acts on a library's closure measures, and when (the service clock). */
export interface ClosureActor {
  libraryId: string
  accountId: string
  now: Date
  timeZone: string
}

/**
 * A library's raises neither ended by hand nor run out at `now`: those that may hold now or
 * later (which hold at a given moment is for `rulesAt` to say).
 */
export const openRaises = (db: Kysely<DB>, libraryId: string, now: Date) =>
  db
    .selectFrom('loan_limit_raises')
    .select(['reader_type', 'extra_items', 'extra_renewals', 'created_at', 'ends_at'])
    .where('library_id', '=', libraryId)
    .where('ended_at', 'is', null)
    .where('ends_at', '>', now)
    .execute()

type OpenRaise = Awaited<ReturnType<typeof openRaises>>[number]

/**
 * A library's loan rules as they hold at `now`: a raise that holds adds its extra items to the
 * general item limit of its reader type (material types with their own limit keep it) and its
 * extra renewals to every rule of the reader type. Two raises for the same readers do not add
 * up: the larger extra holds.
 */
export const rulesAt = (rules: LoanRule[], raises: OpenRaise[], now: Date): LoanRule[] => {
  const holding = raises.filter((row) => row.created_at <= now && row.ends_at > now)
  return rules.map((rule) => {
    const mine = holding.filter((row) => row.reader_type === null || row.reader_type === rule.readerType)
    const items = Math.max(0, ...mine.map((row) => row.extra_items))
    const renewals = Math.max(0, ...mine.map((row) => row.extra_renewals))
    if (items === 0 && renewals === 0) return rule
    return {
      ...rule,
      itemLimit: rule.materialType === null ? rule.itemLimit + items : rule.itemLimit,
      renewalLimit: rule.renewalLimit + renewals,
    }
  })
}

const raiseRows = (db: Kysely<DB>) =>
  db
    .selectFrom('loan_limit_raises as r')
    .innerJoin('accounts as a', 'a.id', 'r.created_by')
    .selectAll('r')
    .select('a.name as created_by_name')

export const presentRaise = (row: RaiseRow, timeZone: string, now: Date): closureMeasures.LimitRaise => ({
  id: row.id,
  readerType: row.reader_type,
  extraItems: row.extra_items,
  extraRenewals: row.extra_renewals,
  // ends_at is the midnight after the last day.
  endDay: addDays(localDayAndTime(row.ends_at, timeZone).day, -1),
  endsAt: row.ends_at.toISOString(),
  note: row.note,
  createdAt: row.created_at.toISOString(),
  createdBy: { id: row.created_by, name: row.created_by_name },
  endedAt: row.ended_at?.toISOString() ?? null,
  active: row.ended_at === null && row.ends_at.getTime() > now.getTime(),
})

export const listRaises = (db: Kysely<DB>, libraryId: string) =>
  raiseRows(db).where('r.library_id', '=', libraryId).orderBy('r.created_at', 'desc').limit(100).execute()

export const findRaise = (db: Kysely<DB>, libraryId: string, raiseId: string) =>
  raiseRows(db).where('r.library_id', '=', libraryId).where('r.id', '=', raiseId).executeTakeFirst()

/** Starts a raise now, holding to the end of `endDay` in the library's time zone; returns its id. */
export const applyLimitRaise = async (
  trx: Kysely<DB>,
  actor: ClosureActor,
  input: {
    readerType: ReaderType | null
    extraItems: number
    extraRenewals: number
    endDay: string
    note?: string | null | undefined
  },
) => {
  const id = uuidv7()
  await trx
    .insertInto('loan_limit_raises')
    .values({
      id,
      library_id: actor.libraryId,
      reader_type: input.readerType,
      extra_items: input.extraItems,
      extra_renewals: input.extraRenewals,
      ends_at: instantAt(addDays(input.endDay, 1), '00:00', actor.timeZone),
      note: input.note?.trim() || null,
      created_by: actor.accountId,
      created_at: actor.now,
    })
    .execute()
  return id
}

/** Ends a raise now (also the undo of one); false when it had already ended or is not the library's. */
export const endLimitRaise = async (trx: Kysely<DB>, actor: ClosureActor, raiseId: string) => {
  const result = await trx
    .updateTable('loan_limit_raises')
    .set({ ended_at: actor.now, ended_by: actor.accountId })
    .where('id', '=', raiseId)
    .where('library_id', '=', actor.libraryId)
    .where('ended_at', 'is', null)
    .where('ends_at', '>', actor.now)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** A library's loan rules as they hold at `now`: the saved rules with the raises in force. */
export const rulesInForce = async (db: Kysely<DB>, libraryId: string, now: Date) => {
  const [rows, raises] = await Promise.all([rulesOf(db, libraryId), openRaises(db, libraryId, now)])
  return rulesAt(rows.map(presentRule), raises, now)
}
