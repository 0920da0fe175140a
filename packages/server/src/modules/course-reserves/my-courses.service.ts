import type { courses } from '@shuqiao/contracts'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { whoIs } from './course-reserves.access.ts'
import * as repo from './course-reserves.repository.ts'

type MyCourses = courses.MyCourse[]

/**
 * 我的课程: this term's courses the reader is enrolled in and, for a teacher, those they teach.
 * A row still waiting for an account counts as the reader's when it bears their number, so a
 * student imported before their first sign-in sees their courses at once.
 */
export const createMyCoursesService = (ctx: AppContext) => ({
  list: async (caller: Caller) => {
    const empty = { term: null, enrolled: [] as MyCourses, teaching: [] as MyCourses }
    if (!caller.libraryId) return empty
    const term = await repo.currentTerm(ctx.db, caller.libraryId)
    if (!term) return empty
    const { number, type } = await whoIs(ctx.db, caller.accountId)
    const base = ctx.db
      .selectFrom('courses as c')
      .select(['c.id', 'c.code', 'c.name_zh', 'c.name_en', 'c.category', 'c.department_name'])
      .where('c.term_id', '=', term.id)
      .orderBy('c.code')
    const enrolled = await base
      .where(
        sql<boolean>`exists (select 1 from course_enrolments e where e.course_id = c.id
          and (e.account_id = ${caller.accountId}
            or (e.account_id is null and lower(e.student_number) = ${number})))`,
      )
      .execute()
    const teaching =
      type === 'teacher'
        ? await base
            .where(
              sql<boolean>`exists (select 1 from course_teachers t where t.course_id = c.id
                and (t.account_id = ${caller.accountId}
                  or (t.account_id is null and not t.linked_by_staff and lower(t.staff_number) = ${number})))`,
            )
            .execute()
        : []
    const ids = [...enrolled, ...teaching].map((row) => row.id)
    const teachers = await repo.teachersOf(ctx.db, ids)
    const materials = new Map(
      (ids.length
        ? await ctx.db
            .selectFrom('course_reserve_items')
            .select(['course_id', sql<number>`count(*)::int`.as('count')])
            .where('course_id', 'in', ids)
            .where('review_status', '=', 'approved')
            .groupBy('course_id')
            .execute()
        : []
      ).map((row) => [row.course_id, row.count]),
    )
    const present = (row: (typeof enrolled)[number]): courses.MyCourse => ({
      id: row.id,
      code: row.code,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      category: row.category,
      departmentName: row.department_name,
      teachers: (teachers.get(row.id) ?? []).map((teacher) => teacher.name),
      materialCount: materials.get(row.id) ?? 0,
    })
    return {
      term: { id: term.id, code: term.code, nameZh: term.name_zh, nameEn: term.name_en },
      enrolled: enrolled.map(present),
      teaching: teaching.map(present),
    }
  },
})
