import type { courseTerms } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { isUniqueViolation } from '../../db/unique-violation.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { findTerm, staffLibraryOf } from './course-reserves.access.ts'
import { presentTerm } from './course-reserves.presenter.ts'
import * as repo from './course-reserves.repository.ts'

type TermInput = z.output<typeof courseTerms.TermInput>
type TermChange = z.output<typeof courseTerms.TermChange>

const termView = (term: courseTerms.Term) => ({
  code: term.code,
  nameZh: term.nameZh,
  nameEn: term.nameEn,
  startsOn: term.startsOn,
  endsOn: term.endsOn,
  current: term.current,
})

/** Another term of the library stops being current, so this one can be. */
const clearCurrent = (trx: Kysely<DB>, libraryId: string, except: string) =>
  trx
    .updateTable('course_terms')
    .set({ is_current: false })
    .where('library_id', '=', libraryId)
    .where('is_current', '=', true)
    .where('id', '!=', except)
    .execute()

/** A library's terms (学期): the current one is what readers see under 我的课程. */
export const createTermsService = (ctx: AppContext) => {
  const { db } = ctx

  const save = async (caller: Caller, requestId: string, termId: string | null, input: TermChange) => {
    const libraryId = staffLibraryOf(caller)
    try {
      return await db.transaction().execute(async (trx) => {
        const before = termId ? await repo.termById(trx, libraryId, termId) : undefined
        if (termId && !before) throw new ProblemError('not_found')
        const id = termId ?? uuidv7()
        if (input.current) await clearCurrent(trx, libraryId, id)
        const columns = {
          ...(input.code !== undefined ? { code: input.code } : {}),
          ...(input.nameZh !== undefined ? { name_zh: input.nameZh } : {}),
          ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
          ...(input.startsOn !== undefined ? { starts_on: input.startsOn } : {}),
          ...(input.endsOn !== undefined ? { ends_on: input.endsOn } : {}),
          ...(input.current !== undefined ? { is_current: input.current } : {}),
        }
        if (before) {
          const startsOn = input.startsOn ?? before.starts_on
          const endsOn = input.endsOn ?? before.ends_on
          if (endsOn < startsOn)
            throw new ProblemError('validation_failed', {
              errors: [
                {
                  path: 'body.endsOn',
                  code: 'ends_before_start',
                  message: {
                    zh: '结束日期不能早于开始日期',
                    en: 'The end date cannot be before the start date',
                  },
                },
              ],
            })
          await trx
            .updateTable('course_terms')
            .set({ ...columns, updated_at: ctx.now() })
            .where('id', '=', id)
            .execute()
        } else {
          const full = input as TermInput
          await trx
            .insertInto('course_terms')
            .values({
              id,
              library_id: libraryId,
              code: full.code,
              name_zh: full.nameZh,
              name_en: full.nameEn,
              starts_on: full.startsOn,
              ends_on: full.endsOn,
              is_current: full.current,
            })
            .execute()
        }
        const after = presentTerm((await repo.termById(trx, libraryId, id))!)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: before ? 'course_term.update' : 'course_term.create',
          entityType: 'course_term',
          entityId: id,
          entityLabel: `${after.nameZh} (${after.code})`,
          before: before ? termView(presentTerm(before)) : null,
          after: termView(after),
        })
        return after
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw new ProblemError('term_code_taken')
      throw error
    }
  }

  return {
    list: async (caller: Caller) => {
      const libraryId = staffLibraryOf(caller)
      return { items: (await repo.termsOf(db, libraryId)).map(presentTerm) }
    },
    create: (caller: Caller, requestId: string, input: TermInput) => save(caller, requestId, null, input),
    update: async (caller: Caller, requestId: string, termId: string, change: TermChange) => {
      await findTerm(db, staffLibraryOf(caller), termId)
      return save(caller, requestId, termId, change)
    },
  }
}
