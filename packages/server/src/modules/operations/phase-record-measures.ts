import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { addDays } from '../../platform/libraries/calendar.ts'
import { libraryTimeZone } from '../../platform/libraries/libraries.repository.ts'
import { applyDueDateChange, previewDueDateChange } from '../circulation/bulk-due-dates.ts'
import { undoBatch } from '../circulation/closure-batches.ts'
import { applyFineWaiver, previewFineWaiver } from '../circulation/fine-waivers.ts'
import { applyLimitRaise, type ClosureActor, endLimitRaise } from '../circulation/limit-raises.ts'
import type { RecordMeasure, RecordMeasures } from './phase-effects.ts'

// Every due date and fine since records began: a phase's measures reach all of them.
const SINCE_EVER = '2000-01-01'

const actorOf = async (
  db: Kysely<DB>,
  libraryId: string,
  now: Date,
  accountId = '',
): Promise<ClosureActor> => {
  return { libraryId, accountId, now, timeZone: await libraryTimeZone(db, libraryId) }
}

const dueDatesInput = (params: { toDate: string; includeOverdue: boolean }) => ({
  filter: { dueFrom: SINCE_EVER, dueTo: addDays(params.toDate, -1), includeOverdue: params.includeOverdue },
  change: { kind: 'to' as const, day: params.toDate },
})

const undoClosureBatch = async (
  trx: Kysely<DB>,
  libraryId: string,
  batchId: string,
  now: Date,
  accountId: string,
) => {
  const undone = await undoBatch(trx, await actorOf(trx, libraryId, now, accountId), batchId)
  return { changedSince: undone.changedSince }
}

/**
 * The circulation measures a phase applies (FEATURES C1, C2 through M2), each as the closure
 * measure staff can also apply by hand: a batch of due dates or fines undone by its batch, and a
 * limit raise ended by its id.
 */
export const RECORD_MEASURES: RecordMeasures = {
  extend_due_dates: {
    count: async (trx, libraryId, params, now) =>
      (await previewDueDateChange(trx, await actorOf(trx, libraryId, now), dueDatesInput(params))).count,
    apply: async (trx, libraryId, params, now, actor) => {
      const applied = await applyDueDateChange(trx, await actorOf(trx, libraryId, now, actor.accountId), {
        ...dueDatesInput(params),
        reason: actor.reason,
      })
      return { batchId: applied.batchId, count: applied.moved }
    },
    undo: undoClosureBatch,
  },
  waive_fines: {
    count: async (trx, libraryId, _params, now) =>
      (await previewFineWaiver(trx, await actorOf(trx, libraryId, now), { reason: '' })).count,
    apply: async (trx, libraryId, _params, now, actor) => {
      const applied = await applyFineWaiver(trx, await actorOf(trx, libraryId, now, actor.accountId), {
        reason: actor.reason,
      })
      return { batchId: applied.batchId, count: applied.waived }
    },
    undo: undoClosureBatch,
  },
  raise_limits: {
    // Every reader type gets the raise.
    count: async () => 3,
    apply: async (trx, libraryId, params, now, actor) => {
      const id = await applyLimitRaise(trx, await actorOf(trx, libraryId, now, actor.accountId), {
        readerType: null,
        extraItems: params.extraLoans,
        extraRenewals: params.extraRenewals,
        endDay: params.until,
        note: actor.reason,
      })
      return { batchId: id, count: 3 }
    },
    undo: async (trx, libraryId, raiseId, now, accountId) => {
      const ended = await endLimitRaise(trx, await actorOf(trx, libraryId, now, accountId), raiseId)
      // A raise someone ended by hand since (or that ran out) is left as it is.
      return { changedSince: ended ? 0 : 1 }
    },
  },
}

/** The measure of a record effect's kind (extend_due_dates, waive_fines, raise_limits). */
export const recordMeasureFor = (kind: keyof RecordMeasures) =>
  RECORD_MEASURES[kind] as RecordMeasure<unknown>
