import { phases } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { callerLibraryOf } from '../../platform/libraries/caller-library.ts'
import { canonicalServices, presentPhase } from './operations.presenter.ts'
import * as repo from './phases.repository.ts'

export const loadPhaseBook = async (db: Kysely<DB>, libraryId: string): Promise<phases.PhaseBook> => {
  const [rows, state] = await Promise.all([repo.phasesOf(db, libraryId), repo.stateOf(db, libraryId)])
  return {
    libraryId,
    phases: rows.map(presentPhase),
    currentPhaseId: state?.phase_id ?? null,
    since: state?.since?.toISOString() ?? null,
    updatedAt: state?.phases_updated_at?.toISOString() ?? null,
  }
}

/** What a person edits of a phase (not its place in the list), to tell whether it changed. */
const contentOf = (
  phase: Omit<repo.PhaseRow, 'id' | 'library_id' | 'position' | 'created_at' | 'updated_at'>,
) =>
  JSON.stringify([
    phase.name_zh,
    phase.name_en,
    phase.notice_zh,
    phase.notice_en,
    canonicalServices(phase.services),
    phases.PhaseMeasures.parse(phase.measures),
  ])

const checkNames = (input: readonly { nameZh: string; nameEn: string }[]) => {
  const seen = new Set<string>()
  input.forEach((phase, index) => {
    if (seen.has(phase.nameZh))
      throw fieldProblem(
        `body.phases.${index}.nameZh`,
        'duplicate_phase_name',
        '阶段名称重复',
        'Two phases have the same name',
      )
    seen.add(phase.nameZh)
  })
}

/**
 * The phase book of a library: its phases in order, with a status for every service and the
 * measures each applies. Library admins replace it as a whole; the current phase stays.
 */
export const createPhasesService = (ctx: AppContext) => {
  const { db } = ctx
  return {
    get: async (caller: Caller, requested: string | undefined) =>
      loadPhaseBook(db, await callerLibraryOf(ctx, caller, requested)),

    save: async (
      caller: Caller,
      requestId: string,
      requested: string | undefined,
      input: phases.PhaseValues[],
      seen: string | null,
    ) => {
      const libraryId = await callerLibraryOf(ctx, caller, requested)
      checkNames(input)
      return db.transaction().execute(async (trx) => {
        const state = await repo.lockState(trx, libraryId)
        if ((state.phases_updated_at?.toISOString() ?? null) !== seen)
          throw new ProblemError('phases_changed')
        const before = await repo.phasesOf(trx, libraryId)
        const known = new Map(before.map((row) => [row.id, row]))
        input.forEach((phase, index) => {
          if (phase.id && !known.has(phase.id))
            throw fieldProblem(`body.phases.${index}.id`, 'unknown_phase', '没有这个阶段', 'No such phase')
        })
        const kept = new Set(input.map((phase) => phase.id).filter(Boolean))
        if (state.phase_id && !kept.has(state.phase_id)) throw new ProblemError('phase_is_current')
        const now = ctx.now()
        // Names are unique per library: clear the old rows' names first so phases can swap names.
        await trx
          .updateTable('operating_phases')
          .set({ name_zh: sql<string>`id::text` })
          .where('library_id', '=', libraryId)
          .execute()
        const removed = before.filter((row) => !kept.has(row.id)).map((row) => row.id)
        if (removed.length) await trx.deleteFrom('operating_phases').where('id', 'in', removed).execute()
        for (const [position, phase] of input.entries()) {
          const values = {
            position,
            name_zh: phase.nameZh,
            name_en: phase.nameEn,
            notice_zh: phase.noticeZh,
            notice_en: phase.noticeEn,
            services: phase.services,
            measures: phase.measures,
          }
          const old = phase.id ? known.get(phase.id) : undefined
          if (old) {
            const changed = contentOf(values) !== contentOf(old)
            await trx
              .updateTable('operating_phases')
              .set({
                ...values,
                services: JSON.stringify(values.services),
                measures: JSON.stringify(values.measures),
                updated_at: changed ? now : old.updated_at,
              })
              .where('id', '=', old.id)
              .execute()
          } else {
            await repo.insertPhase(trx, { id: uuidv7(), library_id: libraryId, ...values, updated_at: now })
          }
        }
        await trx
          .updateTable('library_operating_states')
          .set({ phases_updated_at: now })
          .where('library_id', '=', libraryId)
          .execute()
        const library = await trx
          .selectFrom('libraries')
          .select('name_zh')
          .where('id', '=', libraryId)
          .executeTakeFirstOrThrow()
        const after = await loadPhaseBook(trx, libraryId)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'operations.phases.save',
          entityType: 'operating_phases',
          entityId: libraryId,
          entityLabel: library.name_zh,
          before: { phases: before.map((row) => presentPhase(row)) },
          after: { phases: after.phases },
        })
        return after
      })
    },
  }
}
