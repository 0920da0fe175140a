import type { closureMeasures } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import type { z } from 'zod'
import type { DB } from '../../db/schema.ts'
import { fieldProblem } from '../../http/problem.ts'
import { addDays } from '../../platform/libraries/calendar.ts'
import { setAffected, startBatch } from './closure-batches.ts'
import { instantAt } from './due-dates.ts'
import type { ClosureActor } from './limit-raises.ts'

type Input = z.infer<typeof closureMeasures.FineWaiverInput>

/** The open fines of the library a waiver selects: by reader type and the days they were made. */
const openFines = (actor: ClosureActor, input: Input) => {
  const tz = actor.timeZone
  return sql`
    select f.id, f.reader_id, f.amount_fen, f.note
    from fines f
    ${input.readerType ? sql`join accounts a on a.id = f.reader_id and a.type = ${input.readerType}` : sql``}
    where f.library_id = ${actor.libraryId}
      and f.status = 'open'
      ${input.createdFrom ? sql`and f.created_at >= ${instantAt(input.createdFrom, '00:00', tz)}` : sql``}
      ${input.createdTo ? sql`and f.created_at < ${instantAt(addDays(input.createdTo, 1), '00:00', tz)}` : sql``}
  `
}

const reasonOf = (input: Input) => {
  const reason = input.reason.trim()
  if (!reason)
    throw fieldProblem('body.reason', 'required', '免除罚款请写明原因', 'Say why the fines are waived')
  return reason
}

/** How many open fines, of how many readers and for how much, the waiver would waive. */
export const previewFineWaiver = async (
  db: Kysely<DB>,
  actor: ClosureActor,
  input: Input,
): Promise<closureMeasures.FineWaiverPreview> => {
  const { rows } = await sql<closureMeasures.FineWaiverPreview>`
    select count(*)::int as "count", coalesce(sum(amount_fen), 0)::int as "totalFen",
      count(distinct reader_id)::int as "readers"
    from (${openFines(actor, input)}) f
  `.execute(db)
  return rows[0]!
}

/**
 * Waives the selected open fines inside `trx` as one batch, each with the reason added to its
 * note; their notes before are kept so the batch can be undone (`undoBatch`). Returns the
 * batch's id and how many fines were waived.
 */
export const applyFineWaiver = async (trx: Kysely<DB>, actor: ClosureActor, input: Input) => {
  const reason = reasonOf(input)
  const { reason: _, ...request } = input
  const batchId = await startBatch(trx, actor, 'fine_waiver', request, reason)
  const result = await sql`
    with target as (${openFines(actor, input)} for update of f),
    saved as (
      insert into closure_batch_fines (batch_id, fine_id, note_before)
      select ${batchId}, id, note from target
      returning fine_id, note_before
    )
    update fines f set status = 'waived', settled_at = ${actor.now}, settled_by = ${actor.accountId},
      note = case when s.note_before is null then ${reason} else s.note_before || E'\n' || ${reason} end
    from saved s
    where f.id = s.fine_id
  `.execute(trx)
  const waived = Number(result.numAffectedRows ?? 0)
  await setAffected(trx, batchId, waived)
  return { batchId, waived }
}
