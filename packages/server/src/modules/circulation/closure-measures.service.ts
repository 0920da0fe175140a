import type { closureMeasures } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { libraryTimeZone } from '../../platform/libraries/libraries.repository.ts'
import { applyDueDateChange, previewDueDateChange } from './bulk-due-dates.ts'
import { findBatch, listBatches, presentBatch, undoBatch } from './closure-batches.ts'
import { applyFineWaiver, previewFineWaiver } from './fine-waivers.ts'
import { deskLibraryOf } from './lending-context.ts'
import { announceLoanRulesChanged } from './lending-memo.ts'
import {
  applyLimitRaise,
  type ClosureActor,
  endLimitRaise,
  findRaise,
  listRaises,
  presentRaise,
} from './limit-raises.ts'
import { applyReturnSpread, previewReturnSpread } from './return-spreading.ts'

type DueDateInput = z.infer<typeof closureMeasures.DueDateChangeInput>
type SpreadInput = z.infer<typeof closureMeasures.ReturnSpreadInput>
type WaiverInput = z.infer<typeof closureMeasures.FineWaiverInput>
type RaiseInput = z.infer<typeof closureMeasures.LimitRaiseInput>

const BATCH_LABELS: Record<closureMeasures.ClosureBatch['kind'], string> = {
  due_dates: '批量调整应还日期',
  return_spread: '分散还书日期',
  fine_waiver: '批量免除罚款',
}

/**
 * Closure measures of the caller's library (librarians and library admins): preview, apply as
 * one audited batch, undo; and temporary limit raises. Each measure's apply and undo take a
 * transaction, so a phase switch can run several in one.
 */
export const createClosureMeasuresService = (ctx: AppContext) => {
  const { db } = ctx

  const actorOf = async (dbOrTrx: Kysely<DB>, caller: Caller): Promise<ClosureActor> => {
    const libraryId = deskLibraryOf(caller)
    const timeZone = await libraryTimeZone(dbOrTrx, libraryId)
    return { libraryId, accountId: caller.accountId, now: ctx.now(), timeZone }
  }

  /** A raise changes the rules in force: every process is told once the change is committed. */
  const thenRulesChanged = async <T>(caller: Caller, change: Promise<T>) => {
    const result = await change
    await announceLoanRulesChanged(ctx, deskLibraryOf(caller))
    return result
  }

  /** Applies one batch measure in a transaction and records it in the audit log. */
  const applyBatch = (
    caller: Caller,
    requestId: string,
    apply: (trx: Kysely<DB>, actor: ClosureActor) => Promise<{ batchId: string }>,
  ) =>
    db.transaction().execute(async (trx) => {
      const actor = await actorOf(trx, caller)
      const { batchId } = await apply(trx, actor)
      const batch = presentBatch((await findBatch(trx, batchId))!)
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId: actor.libraryId,
        action: `circulation.closure.${batch.kind}`,
        entityType: 'closure_batch',
        entityId: batchId,
        entityLabel: `${BATCH_LABELS[batch.kind]}（${batch.affected}）`,
        before: null,
        after: { request: batch.request, reason: batch.reason, affected: batch.affected },
      })
      return batch
    })

  return {
    previewDueDates: async (caller: Caller, input: DueDateInput) =>
      previewDueDateChange(db, await actorOf(db, caller), input),
    applyDueDates: (caller: Caller, requestId: string, input: DueDateInput) =>
      applyBatch(caller, requestId, (trx, actor) => applyDueDateChange(trx, actor, input)),

    previewSpread: async (caller: Caller, input: SpreadInput) =>
      previewReturnSpread(db, await actorOf(db, caller), input),
    applySpread: (caller: Caller, requestId: string, input: SpreadInput) =>
      applyBatch(caller, requestId, (trx, actor) => applyReturnSpread(trx, actor, input)),

    previewWaiver: async (caller: Caller, input: WaiverInput) =>
      previewFineWaiver(db, await actorOf(db, caller), input),
    applyWaiver: (caller: Caller, requestId: string, input: WaiverInput) =>
      applyBatch(caller, requestId, (trx, actor) => applyFineWaiver(trx, actor, input)),

    batches: async (caller: Caller) => ({
      batches: (await listBatches(db, deskLibraryOf(caller))).map(presentBatch),
    }),

    undo: (caller: Caller, requestId: string, batchId: string) =>
      db.transaction().execute(async (trx) => {
        const actor = await actorOf(trx, caller)
        const result = await undoBatch(trx, actor, batchId)
        const batch = presentBatch((await findBatch(trx, batchId))!)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId: actor.libraryId,
          action: `circulation.closure.${batch.kind}.undo`,
          entityType: 'closure_batch',
          entityId: batchId,
          entityLabel: `${BATCH_LABELS[batch.kind]}（${batch.affected}）`,
          before: { undone: false },
          after: { undone: true, restored: result.restored, changedSince: result.changedSince },
        })
        return {
          batch,
          restored: result.restored,
          changedSince: result.changedSince,
          changedSample: result.changedSample,
        }
      }),

    raises: async (caller: Caller) => {
      const actor = await actorOf(db, caller)
      const rows = await listRaises(db, actor.libraryId)
      return { raises: rows.map((row) => presentRaise(row, actor.timeZone, actor.now)) }
    },

    raise: (caller: Caller, requestId: string, input: RaiseInput) =>
      thenRulesChanged(
        caller,
        db.transaction().execute(async (trx) => {
          const actor = await actorOf(trx, caller)
          if (input.endDay < todayIn(actor.timeZone, actor.now)) {
            throw fieldProblem(
              'body.endDay',
              'too_small',
              '结束日期不能早于今天',
              'The end day cannot be before today',
            )
          }
          const id = await applyLimitRaise(trx, actor, input)
          const raise = presentRaise((await findRaise(trx, actor.libraryId, id))!, actor.timeZone, actor.now)
          await recordAudit(trx, {
            caller,
            requestId,
            libraryId: actor.libraryId,
            action: 'circulation.closure.limit_raise',
            entityType: 'loan_limit_raise',
            entityId: id,
            entityLabel: `临时提高借阅上限（${input.readerType ?? 'all'}）至 ${input.endDay}`,
            before: null,
            after: {
              readerType: raise.readerType,
              extraItems: raise.extraItems,
              extraRenewals: raise.extraRenewals,
              endDay: raise.endDay,
            },
          })
          return raise
        }),
      ),

    endRaise: (caller: Caller, requestId: string, raiseId: string) =>
      thenRulesChanged(
        caller,
        db.transaction().execute(async (trx) => {
          const actor = await actorOf(trx, caller)
          const row = await findRaise(trx, actor.libraryId, raiseId)
          if (!row) throw new ProblemError('not_found')
          if (!(await endLimitRaise(trx, actor, raiseId))) throw new ProblemError('illegal_transition')
          const raise = presentRaise(
            (await findRaise(trx, actor.libraryId, raiseId))!,
            actor.timeZone,
            actor.now,
          )
          await recordAudit(trx, {
            caller,
            requestId,
            libraryId: actor.libraryId,
            action: 'circulation.closure.limit_raise.end',
            entityType: 'loan_limit_raise',
            entityId: raiseId,
            entityLabel: `临时提高借阅上限（${row.reader_type ?? 'all'}）至 ${raise.endDay}`,
            before: { endedAt: null },
            after: { endedAt: raise.endedAt },
          })
          return raise
        }),
      ),
  }
}
