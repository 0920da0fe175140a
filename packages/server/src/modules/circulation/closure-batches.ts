import type { closureMeasures } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { ProblemError } from '../../http/problem.ts'
import type { ClosureActor } from './limit-raises.ts'

type BatchKind = closureMeasures.ClosureBatch['kind']

/**
 * One batch of a library at a time, applied or undone: the second waits for the first to commit,
 * so each reads the due dates the other left.
 */
const lockLibraryBatches = (trx: Kysely<DB>, libraryId: string) =>
  sql`select pg_advisory_xact_lock(hashtext(${`closure_batches:${libraryId}`}))`.execute(trx)

/** Records a batch before its rows are written; `affected` is set once they are. */
export const startBatch = async (
  trx: Kysely<DB>,
  actor: ClosureActor,
  kind: BatchKind,
  request: object,
  reason: string | null,
) => {
  await lockLibraryBatches(trx, actor.libraryId)
  const id = uuidv7()
  await trx
    .insertInto('closure_batches')
    .values({
      id,
      library_id: actor.libraryId,
      kind,
      request: JSON.stringify(request),
      reason,
      affected: 0,
      created_by: actor.accountId,
      created_at: actor.now,
    })
    .execute()
  return id
}

export const setAffected = (trx: Kysely<DB>, batchId: string, affected: number) =>
  trx.updateTable('closure_batches').set({ affected }).where('id', '=', batchId).execute()

const batchRows = (db: Kysely<DB>) =>
  db
    .selectFrom('closure_batches as b')
    .innerJoin('accounts as c', 'c.id', 'b.created_by')
    .leftJoin('accounts as u', 'u.id', 'b.undone_by')
    .selectAll('b')
    .select(['c.name as created_by_name', 'u.name as undone_by_name'])

type BatchRow = Awaited<ReturnType<ReturnType<typeof batchRows>['executeTakeFirstOrThrow']>>

export const presentBatch = (row: BatchRow): closureMeasures.ClosureBatch => ({
  id: row.id,
  kind: row.kind,
  request: row.request as Record<string, unknown>,
  reason: row.reason,
  affected: row.affected,
  createdAt: row.created_at.toISOString(),
  createdBy: { id: row.created_by, name: row.created_by_name },
  undoneAt: row.undone_at?.toISOString() ?? null,
  undoneBy: row.undone_by ? { id: row.undone_by, name: row.undone_by_name ?? '' } : null,
  undo: (row.undo_result as closureMeasures.ClosureBatch['undo']) ?? null,
})

export const listBatches = (db: Kysely<DB>, libraryId: string) =>
  batchRows(db)
    .where('b.library_id', '=', libraryId)
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(100)
    .execute()

export const findBatch = (db: Kysely<DB>, batchId: string) =>
  batchRows(db).where('b.id', '=', batchId).executeTakeFirst()

/** Restores the due dates a loan batch replaced, where they are still the batch's. */
const undoLoans = async (trx: Kysely<DB>, batchId: string) => {
  const { rows } = await sql<{ restored: number; changed: number }>`
    with saved as (
      select loan_id, due_before, due_after from closure_batch_loans where batch_id = ${batchId}
    ), restored as (
      update loans l set due_at = s.due_before
      from saved s
      where l.id = s.loan_id and l.returned_at is null and l.due_at = s.due_after
      returning l.id
    )
    select
      (select count(*) from restored)::int as restored,
      count(*) filter (where l.returned_at is not null or l.due_at <> s.due_after)::int as changed
    from saved s join loans l on l.id = s.loan_id
  `.execute(trx)
  const sample = await trx
    .selectFrom('closure_batch_loans as s')
    .innerJoin('loans as l', 'l.id', 's.loan_id')
    .innerJoin('catalogue_items as i', 'i.id', 'l.item_id')
    .innerJoin('accounts as a', 'a.id', 'l.reader_id')
    .select(['l.id', 'i.barcode', 'i.title', 'a.reader_number', 'l.due_at', 'l.returned_at'])
    .where('s.batch_id', '=', batchId)
    .where((eb) => eb.or([eb('l.returned_at', 'is not', null), eb('l.due_at', '<>', eb.ref('s.due_before'))]))
    .orderBy('l.due_at')
    .orderBy('l.id')
    .limit(20)
    .execute()
  return {
    restored: rows[0]!.restored,
    changedSince: rows[0]!.changed,
    changedSample: sample.map((row) => ({
      id: row.id,
      barcode: row.barcode,
      title: row.title,
      readerNumber: row.reader_number,
      dueAt: row.due_at.toISOString(),
      returned: row.returned_at !== null,
    })),
  }
}

/** Reopens the fines a waiver batch waived, where they are still waived by it. */
const undoFines = async (trx: Kysely<DB>, batchId: string, waivedAt: Date) => {
  const { rows } = await sql<{ restored: number; total: number }>`
    with saved as (
      select fine_id, note_before from closure_batch_fines where batch_id = ${batchId}
    ), restored as (
      update fines f set status = 'open', settled_at = null, settled_by = null, note = s.note_before
      from saved s
      where f.id = s.fine_id and f.status = 'waived' and f.settled_at = ${waivedAt}
      returning f.id
    )
    select (select count(*) from restored)::int as restored, (select count(*) from saved)::int as total
  `.execute(trx)
  const { restored, total } = rows[0]!
  return { restored, changedSince: total - restored, changedSample: [] }
}

/**
 * Undoes a batch inside `trx`: restores exactly what it changed, and leaves alone (counting
 * them) the loans or fines someone changed since. A batch is undone once; another library's
 * batch is not found.
 */
export const undoBatch = async (trx: Kysely<DB>, actor: ClosureActor, batchId: string) => {
  await lockLibraryBatches(trx, actor.libraryId)
  const batch = await trx
    .selectFrom('closure_batches')
    .select(['id', 'library_id', 'kind', 'undone_at', 'created_at'])
    .where('id', '=', batchId)
    .forUpdate()
    .executeTakeFirst()
  if (!batch || batch.library_id !== actor.libraryId) throw new ProblemError('not_found')
  if (batch.undone_at) throw new ProblemError('illegal_transition')
  const result =
    batch.kind === 'fine_waiver'
      ? await undoFines(trx, batchId, batch.created_at)
      : await undoLoans(trx, batchId)
  await trx
    .updateTable('closure_batches')
    .set({
      undone_at: actor.now,
      undone_by: actor.accountId,
      undo_result: JSON.stringify({ restored: result.restored, changedSince: result.changedSince }),
    })
    .where('id', '=', batchId)
    .execute()
  return { kind: batch.kind, ...result }
}
