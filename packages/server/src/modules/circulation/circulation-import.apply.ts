import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { ProblemError } from '../../http/problem.ts'
import { setItemStatus } from '../catalogue/item-lending.ts'
import type { StagedFine, StagedLoan } from './circulation-import.rows.ts'

// 500 rows × 10 values stays far below PostgreSQL's 65,535 parameters per statement.
const CHUNK = 500

const chunks = <T>(rows: T[]) =>
  Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, at) => rows.slice(at * CHUNK, (at + 1) * CHUNK))

/**
 * Stores a previewed import's rows inside `trx`. Loans lock their items first and give up,
 * storing nothing, when any of them was lent since the preview; their items are marked on loan.
 * Returns how many rows were stored.
 */
export const storeImported = async (
  trx: Kysely<DB>,
  input: { libraryId: string; importId: string; now: Date } & (
    | { kind: 'loans'; rows: StagedLoan[] }
    | { kind: 'fines'; rows: StagedFine[] }
  ),
) => {
  const { libraryId, importId, now } = input
  if (input.kind === 'fines') {
    for (const chunk of chunks(input.rows)) {
      await trx
        .insertInto('fines')
        .values(
          chunk.map((fine) => ({
            id: uuidv7(),
            library_id: libraryId,
            reader_id: fine.readerId,
            loan_id: null,
            amount_fen: fine.amountFen,
            kind: 'imported' as const,
            overdue_days: null,
            note: fine.reason,
            created_at: fine.finedAt,
            import_id: importId,
          })),
        )
        .execute()
    }
    return input.rows.length
  }

  const loans = input.rows
  const lentSince: number[] = []
  for (const chunk of chunks(loans)) {
    const ids = chunk.map((loan) => loan.itemId)
    await trx.selectFrom('catalogue_items').select('id').where('id', 'in', ids).forUpdate().execute()
    const open = await trx
      .selectFrom('loans')
      .select('item_id')
      .where('item_id', 'in', ids)
      .where('returned_at', 'is', null)
      .execute()
    const taken = new Set(open.map((loan) => loan.item_id))
    lentSince.push(...chunk.filter((loan) => taken.has(loan.itemId)).map((loan) => loan.line))
  }
  if (lentSince.length > 0) {
    throw new ProblemError('import_out_of_date', { extensions: { lines: lentSince.slice(0, 100) } })
  }
  for (const chunk of chunks(loans)) {
    await trx
      .insertInto('loans')
      .values(
        chunk.map((loan) => ({
          id: uuidv7(),
          library_id: libraryId,
          item_id: loan.itemId,
          reader_id: loan.readerId,
          checked_out_at: loan.checkedOutAt,
          due_at: loan.dueAt,
          renewals: loan.renewals,
          checked_out_by: null,
          import_id: importId,
        })),
      )
      .execute()
    await setItemStatus(
      trx,
      chunk.map((loan) => loan.itemId),
      'on_loan',
      now,
    )
  }
  return loans.length
}
