import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'

/** Fines with their reader and, for a fine on a loan, the item. */
export const fineRows = (db: Kysely<DB>) =>
  db
    .selectFrom('fines as f')
    .innerJoin('accounts as a', 'a.id', 'f.reader_id')
    .leftJoin('loans as l', 'l.id', 'f.loan_id')
    .leftJoin('catalogue_items as i', 'i.id', 'l.item_id')
    .select([
      'f.id',
      'f.library_id',
      'f.loan_id',
      'f.amount_fen',
      'f.kind',
      'f.overdue_days',
      'f.note',
      'f.status',
      'f.created_at',
      'f.settled_at',
      'i.barcode',
      'i.title',
      'a.id as reader_id',
      'a.name as reader_name',
      'a.reader_number',
      'a.type as reader_type',
    ])

export type FineRow = Awaited<ReturnType<ReturnType<typeof fineRows>['executeTakeFirstOrThrow']>>

export const findFine = (db: Kysely<DB>, fineId: string) =>
  fineRows(db).where('f.id', '=', fineId).executeTakeFirst()

/** A reader's fines in a library: open ones first, then the latest settled. */
export const finesOfReader = (db: Kysely<DB>, libraryId: string, readerId: string, limit = 50) =>
  fineRows(db)
    .where('f.library_id', '=', libraryId)
    .where('f.reader_id', '=', readerId)
    .orderBy(sql`f.status = 'open'`, 'desc')
    .orderBy('f.created_at', 'desc')
    .limit(limit)
    .execute()

/** A reader's open fines in a library, the latest first: what the desk shows beside their loans. */
export const openFinesOfReader = (db: Kysely<DB>, libraryId: string, readerId: string) =>
  fineRows(db)
    .where('f.library_id', '=', libraryId)
    .where('f.reader_id', '=', readerId)
    .where('f.status', '=', 'open')
    .orderBy('f.created_at', 'desc')
    .execute()

export const openFinesTotal = async (db: Kysely<DB>, libraryId: string, readerId: string) => {
  const row = await db
    .selectFrom('fines')
    .select(sql<number>`coalesce(sum(amount_fen), 0)::int`.as('total'))
    .where('library_id', '=', libraryId)
    .where('reader_id', '=', readerId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow()
  return row.total
}

export const insertOverdueFine = async (
  trx: Kysely<DB>,
  fine: { libraryId: string; readerId: string; loanId: string; amountFen: number; days: number; at: Date },
) => {
  const id = uuidv7()
  await trx
    .insertInto('fines')
    .values({
      id,
      library_id: fine.libraryId,
      reader_id: fine.readerId,
      loan_id: fine.loanId,
      amount_fen: fine.amountFen,
      kind: 'overdue',
      overdue_days: fine.days,
      note: null,
      created_at: fine.at,
    })
    .execute()
  return id
}

export const lockFine = (trx: Kysely<DB>, fineId: string) =>
  trx
    .selectFrom('fines')
    .select(['id', 'library_id', 'status', 'amount_fen', 'note'])
    .where('id', '=', fineId)
    .forUpdate()
    .executeTakeFirst()
