import type { coverage } from '@shuqiao/contracts'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { findTerm, staffLibraryOf } from './course-reserves.access.ts'
import { presentCoverage } from './coverage.presenter.ts'
import * as repo from './coverage.repository.ts'

type Scope = z.output<typeof coverage.CoverageQuery>

/**
 * A term's coverage (E5) for its library's staff: 保障率 and 满足率 now, in all and grouped, the
 * daily series up to today by the service clock, and the library's target. Another library's
 * term is 404.
 */
export const createCoverageService = (ctx: AppContext) => {
  const { db } = ctx

  const figures = async (caller: Caller, termId: string, scope: Scope) => {
    const libraryId = staffLibraryOf(caller)
    const term = await findTerm(db, libraryId, termId)
    const library = await db
      .selectFrom('libraries')
      .select(['code', 'time_zone'])
      .where('id', '=', libraryId)
      .executeTakeFirstOrThrow()
    const now = ctx.now()
    const today = todayIn(library.time_zone, now)
    const where = { libraryId, termId: term.id, ...scope }
    const [rows, series, targetPercent] = await Promise.all([
      repo.coverageNow(db, where),
      repo.coverageSeries(db, where, { timeZone: library.time_zone, today }),
      repo.coverageTarget(db, term.id),
    ])
    return {
      term,
      library,
      coverage: presentCoverage(rows, series, { termId: term.id, targetPercent, today, now }),
    }
  }

  return {
    figures,

    get: async (caller: Caller, termId: string, scope: Scope) =>
      (await figures(caller, termId, scope)).coverage,

    /** Sets or removes the term's 保障率 target; recorded in the audit log. */
    setTarget: async (caller: Caller, requestId: string, termId: string, targetPercent: number | null) => {
      const libraryId = staffLibraryOf(caller)
      const term = await findTerm(db, libraryId, termId)
      await db.transaction().execute(async (trx) => {
        const before = await repo.coverageTarget(trx, term.id)
        if (targetPercent === null)
          await trx.deleteFrom('course_coverage_targets').where('term_id', '=', term.id).execute()
        else
          await trx
            .insertInto('course_coverage_targets')
            .values({
              term_id: term.id,
              library_id: libraryId,
              target_percent: targetPercent,
              updated_by: caller.accountId,
              updated_at: ctx.now(),
            })
            .onConflict((oc) =>
              oc.column('term_id').doUpdateSet({
                target_percent: targetPercent,
                updated_by: caller.accountId,
                updated_at: ctx.now(),
              }),
            )
            .execute()
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'course_term.set_coverage_target',
          entityType: 'course_term',
          entityId: term.id,
          entityLabel: `${term.code} ${term.name_zh}`,
          before: { targetPercent: before },
          after: { targetPercent },
        })
      })
      return { targetPercent }
    },
  }
}
