import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/**
 * Loans with the item and reader they join (read-only joins to the catalogue's items and the
 * platform's accounts; changes to items go through the catalogue's item-lending functions).
 */
export const loanRows = (db: Kysely<DB>) =>
  db
    .selectFrom('loans as l')
    .innerJoin('catalogue_items as i', 'i.id', 'l.item_id')
    .innerJoin('accounts as a', 'a.id', 'l.reader_id')
    .select([
      'l.id',
      'l.library_id',
      'l.checked_out_at',
      'l.due_at',
      'l.renewals',
      'l.returned_at',
      'i.id as item_id',
      'i.barcode',
      'i.title',
      'i.author',
      'i.call_number',
      'i.location',
      'i.material_type',
      'a.id as reader_id',
      'a.name as reader_name',
      'a.reader_number',
      'a.type as reader_type',
    ])

export type LoanRow = Awaited<ReturnType<ReturnType<typeof loanRows>['executeTakeFirstOrThrow']>>

export const findLoan = (db: Kysely<DB>, loanId: string) =>
  loanRows(db).where('l.id', '=', loanId).executeTakeFirst()

/** The open loan of an item, its row locked until the transaction ends. */
export const lockOpenLoanOfItem = (trx: Kysely<DB>, itemId: string) =>
  trx
    .selectFrom('loans')
    .select(['id', 'reader_id', 'due_at', 'renewals'])
    .where('item_id', '=', itemId)
    .where('returned_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()

/** The open loan of an item with its reader (name, number, type), both rows locked until the transaction ends. */
export const lockOpenLoanAndReaderOfItem = (trx: Kysely<DB>, itemId: string) =>
  trx
    .selectFrom('loans as l')
    .innerJoin('accounts as a', 'a.id', 'l.reader_id')
    .select(['l.id', 'l.reader_id', 'l.due_at', 'a.name', 'a.reader_number', 'a.type'])
    .where('l.item_id', '=', itemId)
    .where('l.returned_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()

export const lockLoan = (trx: Kysely<DB>, loanId: string) =>
  trx
    .selectFrom('loans')
    .select(['id', 'library_id', 'reader_id', 'item_id', 'due_at', 'renewals', 'returned_at'])
    .where('id', '=', loanId)
    .forUpdate()
    .executeTakeFirst()

export const openLoansOfReader = (db: Kysely<DB>, readerId: string) =>
  loanRows(db)
    .where('l.reader_id', '=', readerId)
    .where('l.returned_at', 'is', null)
    .orderBy('l.due_at')
    .orderBy('l.id')
    .execute()

/** How many items a reader has on loan in a library, by material type. */
export const openLoanCounts = async (db: Kysely<DB>, libraryId: string, readerId: string) => {
  const rows = await db
    .selectFrom('loans as l')
    .innerJoin('catalogue_items as i', 'i.id', 'l.item_id')
    .select(['i.material_type', sql<number>`count(*)::int`.as('count')])
    .where('l.library_id', '=', libraryId)
    .where('l.reader_id', '=', readerId)
    .where('l.returned_at', 'is', null)
    .groupBy('i.material_type')
    .execute()
  return new Map(rows.map((row) => [row.material_type, row.count]))
}

export interface LoanFilters {
  state: 'open' | 'returned' | 'all'
  readerNumber?: string | undefined
  barcode?: string | undefined
  dueFrom?: Date | undefined
  dueBefore?: Date | undefined
  overdueAt?: { now: Date; overdue: boolean } | undefined
  location?: string | undefined
  readerType?: string | undefined
  after?: { dueAt: Date; id: string } | undefined
}

/** A library's loans by due date: open ones soonest first, others latest first. */
export const listLoans = (db: Kysely<DB>, libraryId: string, filters: LoanFilters) => {
  const ascending = filters.state === 'open'
  const after = filters.after
  const overdue = filters.overdueAt
  return loanRows(db)
    .where('l.library_id', '=', libraryId)
    .$if(filters.state === 'open', (q) => q.where('l.returned_at', 'is', null))
    .$if(filters.state === 'returned', (q) => q.where('l.returned_at', 'is not', null))
    .$if(filters.readerNumber !== undefined, (q) => q.where('a.reader_number', '=', filters.readerNumber!))
    .$if(filters.barcode !== undefined, (q) => q.where('i.barcode', '=', filters.barcode!))
    .$if(filters.dueFrom !== undefined, (q) => q.where('l.due_at', '>=', filters.dueFrom!))
    .$if(filters.dueBefore !== undefined, (q) => q.where('l.due_at', '<', filters.dueBefore!))
    .$if(overdue?.overdue === true, (q) =>
      q.where('l.returned_at', 'is', null).where('l.due_at', '<', overdue!.now),
    )
    .$if(overdue?.overdue === false, (q) =>
      q.where((eb) => eb.or([eb('l.returned_at', 'is not', null), eb('l.due_at', '>=', overdue!.now)])),
    )
    .$if(filters.location !== undefined, (q) => q.where('i.location', '=', filters.location!))
    .$if(filters.readerType !== undefined, (q) => q.where('a.type', '=', filters.readerType as 'student'))
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('l.due_at', ascending ? '>' : '<', after!.dueAt),
          eb.and([eb('l.due_at', '=', after!.dueAt), eb('l.id', ascending ? '>' : '<', after!.id)]),
        ]),
      ),
    )
    .orderBy('l.due_at', ascending ? 'asc' : 'desc')
    .orderBy('l.id', ascending ? 'asc' : 'desc')
}
