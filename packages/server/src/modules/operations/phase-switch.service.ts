import type { phases } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { callerLibraryOf } from '../../platform/libraries/caller-library.ts'
import { defineNoticeTemplate, enqueueNotice } from '../../platform/notifications/notices.ts'
import { announceLoanRulesChanged } from '../circulation/lending-memo.ts'
import { presentSwitch } from './operations.presenter.ts'
import { measuresOf, policyEffects, type RecordMeasures, recordMeasuresOf } from './phase-effects.ts'
import { recordMeasureFor } from './phase-record-measures.ts'
import * as repo from './phases.repository.ts'

defineNoticeTemplate('operations.phase_switched', {
  label: { zh: '服务阶段切换', en: 'The library switched its operating phase' },
  zh: {
    subject: '{{library}}现处于“{{phaseZh}}”阶段',
    body: '{{noticeZh}}\n\n各项服务的最新状态：{{boardUrl}}',
  },
  en: {
    subject: '{{library}} is now in the phase “{{phaseEn}}”',
    body: '{{noticeEn}}\n\nEvery service’s status: {{boardUrl}}',
  },
})

type Effect = phases.SwitchEffect

const HISTORY_SHOWN = 50

/**
 * Switching a library between its operating phases (FEATURES M2): a preview of everything the
 * switch will do, then all of it in one transaction on the library's locked state row, so two
 * switches at once cannot both apply; and the undo of the latest switch, which restores the phase
 * before and undoes each measure's batch, reporting what others changed since and leaving that.
 */
export const createPhaseSwitchService = (ctx: AppContext) => {
  const { db } = ctx

  const phasePair = async (trx: Kysely<DB>, libraryId: string, fromId: string | null, toId: string) => {
    const rows = await repo.phasesOf(trx, libraryId)
    const to = rows.find((row) => row.id === toId)
    if (!to) throw fieldProblem('body.toPhaseId', 'unknown_phase', '没有这个阶段', 'No such phase')
    return { from: rows.find((row) => row.id === fromId), to }
  }

  /** Every effect of moving from `fromId` to `toId`, records counted as they are now. */
  const effectsOf = async (trx: Kysely<DB>, libraryId: string, fromId: string | null, toId: string) => {
    const { from, to } = await phasePair(trx, libraryId, fromId, toId)
    const effects: Effect[] = policyEffects(from, to)
    for (const measure of recordMeasuresOf(measuresOf(to))) {
      const count = await recordMeasureFor(measure.kind).count(trx, libraryId, measure.params, ctx.now())
      effects.push({ kind: measure.kind, count })
    }
    return effects
  }

  const expectCurrent = (current: string | null, seen: string | null, toId: string) => {
    if (current !== seen) throw new ProblemError('phase_changed')
    if (current === toId) throw new ProblemError('already_in_phase')
  }

  const history = async (libraryId: string) => {
    const [rows, state] = await Promise.all([
      repo.switchesOf(db, libraryId, HISTORY_SHOWN),
      repo.stateOf(db, libraryId),
    ])
    return rows.map((row) => presentSwitch(row, state?.switch_id ?? null))
  }

  return {
    preview: async (
      caller: Caller,
      requested: string | undefined,
      body: { toPhaseId: string; fromPhaseId: string | null },
    ): Promise<phases.SwitchPreview> => {
      const libraryId = await callerLibraryOf(ctx, caller, requested)
      const state = await repo.stateOf(db, libraryId)
      expectCurrent(state?.phase_id ?? null, body.fromPhaseId, body.toPhaseId)
      const effects = await effectsOf(db, libraryId, body.fromPhaseId, body.toPhaseId)
      return { fromPhaseId: body.fromPhaseId, toPhaseId: body.toPhaseId, effects }
    },

    switchTo: async (
      caller: Caller,
      requestId: string,
      requested: string | undefined,
      body: { toPhaseId: string; fromPhaseId: string | null },
    ) => {
      const libraryId = await callerLibraryOf(ctx, caller, requested)
      const switchId = await db.transaction().execute(async (trx) => {
        const state = await repo.lockState(trx, libraryId)
        expectCurrent(state.phase_id, body.fromPhaseId, body.toPhaseId)
        const now = ctx.now()
        // Applying counts what each measure changed; there is nothing to count beforehand.
        const { from, to } = await phasePair(trx, libraryId, state.phase_id, body.toPhaseId)
        const effects: Effect[] = policyEffects(from, to)
        for (const measure of recordMeasuresOf(measuresOf(to))) {
          const applied = await recordMeasureFor(measure.kind).apply(trx, libraryId, measure.params, now, {
            accountId: caller.accountId,
            reason: to.name_zh,
          })
          effects.push({ kind: measure.kind, count: applied.count, batchId: applied.batchId })
        }
        const id = uuidv7()
        await trx
          .insertInto('phase_switches')
          .values({
            id,
            library_id: libraryId,
            from_phase_id: from?.id ?? null,
            to_phase_id: to.id,
            from_name_zh: from?.name_zh ?? null,
            from_name_en: from?.name_en ?? null,
            to_name_zh: to.name_zh,
            to_name_en: to.name_en,
            from_since: state.since,
            from_switch_id: state.switch_id,
            effects: JSON.stringify(effects),
            switched_by: caller.accountId,
            switched_at: now,
          })
          .execute()
        await repo.setState(trx, libraryId, { phase_id: to.id, switch_id: id, since: now })
        await tellReaders(trx, libraryId, to, id)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'operations.phase.switch',
          entityType: 'phase_switch',
          entityId: id,
          entityLabel: `${from?.name_zh ?? '—'} → ${to.name_zh}`,
          before: { phase: from?.name_zh ?? null },
          after: { phase: to.name_zh, effects },
        })
        return id
      })
      // A phase's measures may raise limits, and its undo ends them.
      await announceLoanRulesChanged(ctx, libraryId)
      return presentSwitch((await repo.switchById(db, switchId))!, switchId)
    },

    undo: async (caller: Caller, requestId: string, switchId: string) => {
      const found = await repo.switchById(db, switchId)
      const libraryId = found && (await callerLibraryOf(ctx, caller, found.library_id).catch(() => null))
      if (!found || !libraryId) throw new ProblemError('not_found')
      await db.transaction().execute(async (trx) => {
        const state = await repo.lockState(trx, libraryId)
        const row = (await repo.switchById(trx, switchId))!
        if (state.switch_id !== row.id || row.undone_at) throw new ProblemError('switch_not_latest')
        const now = ctx.now()
        const report: { kind: string; count: number }[] = []
        for (const effect of row.effects as Effect[]) {
          // Only the record measures carry a batch; statuses and policies come back with the phase.
          if (!effect.batchId) continue
          const undone = await recordMeasureFor(effect.kind as keyof RecordMeasures).undo(
            trx,
            libraryId,
            effect.batchId,
            now,
            caller.accountId,
          )
          report.push({ kind: effect.kind, count: undone.changedSince })
        }
        await repo.setState(trx, libraryId, {
          phase_id: row.from_phase_id,
          switch_id: row.from_switch_id,
          since: row.from_since,
        })
        await trx
          .updateTable('phase_switches')
          .set({ undone_at: now, undone_by: caller.accountId, undo_report: JSON.stringify(report) })
          .where('id', '=', row.id)
          .execute()
        const back = row.from_phase_id
          ? (await repo.phasesOf(trx, libraryId)).find((phase) => phase.id === row.from_phase_id)
          : undefined
        if (back) await tellReaders(trx, libraryId, back, `${row.id}:undo`)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'operations.phase.undo',
          entityType: 'phase_switch',
          entityId: row.id,
          entityLabel: `${row.to_name_zh} → ${row.from_name_zh ?? '—'}`,
          before: { phase: row.to_name_zh },
          after: { phase: row.from_name_zh, changedSince: report },
        })
      })
      await announceLoanRulesChanged(ctx, libraryId)
      const latest = (await repo.stateOf(db, libraryId))?.switch_id ?? null
      return presentSwitch((await repo.switchById(db, switchId))!, latest)
    },

    list: async (caller: Caller, requested: string | undefined) =>
      history(await callerLibraryOf(ctx, caller, requested)),
  }

  /** The library's channels (and through them its reader groups) hear of the new phase. */
  async function tellReaders(trx: Kysely<DB>, libraryId: string, phase: repo.PhaseRow, key: string) {
    const library = await trx
      .selectFrom('libraries')
      .select('code')
      .where('id', '=', libraryId)
      .executeTakeFirstOrThrow()
    await enqueueNotice(trx, {
      libraryId,
      event: 'operations.phase_switched',
      data: {
        phaseZh: phase.name_zh,
        phaseEn: phase.name_en,
        noticeZh: phase.notice_zh,
        noticeEn: phase.notice_en,
        boardUrl: `${ctx.config.PUBLIC_URL ?? ''}/status/${library.code}`,
      },
      dedupeKey: `phase_switch:${key}`,
    })
  }
}
