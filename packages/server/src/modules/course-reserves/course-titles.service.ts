import type { courseTitles } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { lockTerm } from './course-import.repository.ts'
import type { CourseRow } from './course-reserves.repository.ts'
import { courseForTitles } from './course-titles.access.ts'
import { presentCourseTitle, titleLabel } from './course-titles.presenter.ts'
import * as repo from './course-titles.repository.ts'
import { assignNewTitles } from './title-fulfilment.service.ts'
import { MAX_PASTED_LINES, readTitleLines, type TitleLine, wantOfInput } from './title-lines.ts'
import { proposeMatches } from './title-matching.ts'
import { planTitles, type WantedTitle, wantKey, writeTitles } from './title-store.ts'

type Pasted = z.output<typeof courseTitles.PastedTitles>
type Source = 'teacher' | 'staff'

/** Titles asked for by ISBN alone take their title, author and publisher from the library's e-holdings. */
const completeFromHoldings = async (db: Kysely<DB>, libraryId: string, wants: WantedTitle[]) => {
  const bare = wants.filter((want) => want.isbn13 && !want.title)
  if (bare.length === 0) return wants
  const known = await repo.holdingsByIsbn(
    db,
    libraryId,
    bare.map((want) => want.isbn13!),
  )
  return wants.map((want) => {
    const found = want.isbn13 && !want.title ? known.get(want.isbn13) : undefined
    return found
      ? {
          ...want,
          title: found.title,
          author: want.author ?? found.author,
          publisher: want.publisher ?? found.publisher,
        }
      : want
  })
}

/**
 * What a course requires, as its teachers and the library's staff see and change it: titles
 * added one by one or as a pasted list, and removed. Each title is shared with the term's other
 * courses asking for the same book (title-store.ts) and matched against the library's
 * e-holdings as soon as it is added.
 */
export const createCourseTitlesService = (ctx: AppContext) => {
  const { db } = ctx

  /**
   * Adds the wants to the course in one transaction (the term locked, so two teachers adding the
   * same book make one title); answers each want's title id and whether the course gained it.
   */
  const addWants = async (
    trx: Kysely<DB>,
    caller: Caller,
    course: CourseRow,
    source: Source,
    asked: WantedTitle[],
  ) => {
    await lockTerm(trx, course.term_id)
    const wants = await completeFromHoldings(trx, course.library_id, asked)
    const plans = await planTitles(trx, course.term_id, wants)
    const ids = await writeTitles(
      trx,
      { libraryId: course.library_id, termId: course.term_id, now: ctx.now() },
      plans,
    )
    const titleIds = wants.map((want) => ids.get(plans.get(wantKey(want))!)!)
    const existing = await repo.requestKeys(trx, [course.id])
    const fresh = [...new Set(titleIds)].filter((id) => !existing.has(`${course.id}:${id}`))
    if (fresh.length > 0)
      await trx
        .insertInto('course_title_requests')
        .values(
          fresh.map((titleId) => ({
            id: uuidv7(),
            library_id: course.library_id,
            course_id: course.id,
            title_id: titleId,
            source,
            requested_by: caller.accountId,
          })),
        )
        .execute()
    await proposeMatches(trx, course.library_id, { titleIds: fresh })
    await assignNewTitles(trx, course.library_id, fresh, ctx.now())
    return { titleIds, fresh: new Set(fresh) }
  }

  const audit = (
    trx: Kysely<DB>,
    caller: Caller,
    requestId: string,
    course: CourseRow,
    action: string,
    change: { before: Record<string, unknown> | null; after: Record<string, unknown> | null },
  ) =>
    recordAudit(trx, {
      caller,
      requestId,
      libraryId: course.library_id,
      action,
      entityType: 'course',
      entityId: course.id,
      entityLabel: `${course.code} ${course.name_zh}`,
      ...change,
    })

  const sourceOf = (viewpoint: 'staff' | 'teacher'): Source => (viewpoint === 'staff' ? 'staff' : 'teacher')

  return {
    list: async (caller: Caller, courseId: string) => {
      const { course } = await courseForTitles(db, caller, courseId)
      return { items: (await repo.titlesOfCourse(db, course.id)).map(presentCourseTitle) }
    },

    add: async (caller: Caller, requestId: string, courseId: string, input: courseTitles.TitleInput) => {
      const { course, viewpoint } = await courseForTitles(db, caller, courseId)
      return db.transaction().execute(async (trx) => {
        const added = await addWants(trx, caller, course, sourceOf(viewpoint), [wantOfInput(input)])
        const titleId = added.titleIds[0]!
        const row = (await repo.titlesOfCourse(trx, course.id)).find((title) => title.id === titleId)!
        if (added.fresh.has(titleId))
          await audit(trx, caller, requestId, course, 'course.add_titles', {
            before: null,
            after: { titles: [titleLabel(row)] },
          })
        return { title: presentCourseTitle(row), added: added.fresh.has(titleId) }
      })
    },

    /**
     * A pasted list: every line read and checked; the dry run says which lines are wrong and
     * which the course has already; adding is all or nothing, refused while a line is wrong.
     */
    paste: async (caller: Caller, requestId: string, courseId: string, body: Pasted) => {
      const { course, viewpoint } = await courseForTitles(db, caller, courseId)
      const lines = readTitleLines(body.text)
      if (lines.length > MAX_PASTED_LINES)
        throw new ProblemError('import_too_many_rows', {
          detail: {
            zh: `一次最多粘贴 ${MAX_PASTED_LINES} 行，这里有 ${lines.length} 行；请分几次添加，或请图书馆导入需求清单。`,
            en: `At most ${MAX_PASTED_LINES} lines at once; this list has ${lines.length}. Add it in parts, or ask the library to import it as a demand list.`,
          },
        })
      const wants = lines.flatMap((line) => (line.want ? [line.want] : []))
      const answer = async (trx: Kysely<DB>, added: number, applied: boolean) => {
        const onCourse = await repo.titlesOfCourse(trx, course.id)
        const plans = await planTitles(trx, course.term_id, wants)
        const has = new Set(onCourse.map((title) => title.id))
        const seen = new Set<unknown>()
        return {
          dryRun: body.dryRun,
          added,
          applied,
          lines: lines.map((line) => {
            const plan = line.want ? plans.get(wantKey(line.want)) : undefined
            const identity = plan?.existing?.id ?? plan
            const duplicate = !!plan && (seen.has(identity) || (!applied && has.has(plan.existing?.id ?? '')))
            if (plan) seen.add(identity)
            return presentLine(line, caller, duplicate)
          }),
        }
      }
      if (body.dryRun) return answer(db, 0, false)
      if (lines.some((line) => line.problem))
        throw new ProblemError('import_has_problems', {
          extensions: {
            problems: lines
              .filter((line) => line.problem)
              .map((line) => ({
                line: line.line,
                column: null,
                code: line.problem!.code,
                severity: 'error',
                message: caller.language === 'en' ? line.problem!.message.en : line.problem!.message.zh,
              })),
          },
        })
      return db.transaction().execute(async (trx) => {
        const before = await answer(trx, 0, false)
        const added = await addWants(trx, caller, course, sourceOf(viewpoint), wants)
        if (added.fresh.size > 0) {
          const titles = (await repo.titlesOfCourse(trx, course.id)).filter((title) =>
            added.fresh.has(title.id),
          )
          await audit(trx, caller, requestId, course, 'course.add_titles', {
            before: null,
            after: { titles: titles.map(titleLabel) },
          })
        }
        return { ...before, dryRun: false, added: added.fresh.size, applied: true }
      })
    },

    /** Takes a title off the course; a title no course asks for any more and not yet matched goes. */
    remove: async (caller: Caller, requestId: string, courseId: string, titleId: string) => {
      const { course } = await courseForTitles(db, caller, courseId)
      await db.transaction().execute(async (trx) => {
        const row = (await repo.titlesOfCourse(trx, course.id)).find((title) => title.id === titleId)
        if (!row) throw new ProblemError('not_found')
        await trx
          .deleteFrom('course_title_requests')
          .where('course_id', '=', course.id)
          .where('title_id', '=', titleId)
          .execute()
        if (row.status === 'requested' && !(await repo.isRequested(trx, titleId)))
          await trx.deleteFrom('course_titles').where('id', '=', titleId).execute()
        await audit(trx, caller, requestId, course, 'course.remove_title', {
          before: { titles: [titleLabel(row)] },
          after: { titles: [] },
        })
      })
    },
  }
}

const presentLine = (line: TitleLine, caller: Caller, duplicate: boolean) => ({
  line: line.line,
  text: line.text,
  isbn13: line.want?.isbn13 ?? null,
  title: line.want?.title ?? null,
  author: line.want?.author ?? null,
  publisher: line.want?.publisher ?? null,
  problem: line.problem
    ? {
        code: line.problem.code,
        message: caller.language === 'en' ? line.problem.message.en : line.problem.message.zh,
      }
    : null,
  duplicate,
})
