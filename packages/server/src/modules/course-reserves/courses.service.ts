import type { courses } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { findTerm, staffLibraryOf, viewpointOn } from './course-reserves.access.ts'
import { courseSnapshot, presentCourse } from './course-reserves.presenter.ts'
import * as repo from './course-reserves.repository.ts'

type ListQuery = z.output<typeof courses.CourseListQuery>
type CourseChange = z.output<typeof courses.CourseChange>

/** Staff's view of a term's courses, one course for those it concerns, and corrections to it. */
export const createCoursesService = (ctx: AppContext) => {
  const { db } = ctx

  const load = async (trx: Kysely<DB>, courseId: string) => {
    const row = await repo.courseById(trx, courseId)
    if (!row) throw new ProblemError('not_found')
    return row
  }

  const present = async (trx: Kysely<DB>, row: repo.CourseRow, viewpoint: 'staff' | 'teacher' | 'student') =>
    presentCourse(row, (await repo.teachersOf(trx, [row.id])).get(row.id) ?? [], viewpoint)

  /** The course of the caller's library, for staff to change; another library's is 404. */
  const ownCourse = async (trx: Kysely<DB>, caller: Caller, courseId: string) => {
    const libraryId = staffLibraryOf(caller)
    const row = await load(trx, courseId)
    if (row.library_id !== libraryId) throw new ProblemError('not_found')
    return row
  }

  /** Writes a change to a course and its audit entry, and answers with the course as it now is. */
  const change = async (
    caller: Caller,
    requestId: string,
    courseId: string,
    action: string,
    write: (trx: Kysely<DB>, row: repo.CourseRow) => Promise<void>,
  ) =>
    db.transaction().execute(async (trx) => {
      const row = await ownCourse(trx, caller, courseId)
      const before = await present(trx, row, 'staff')
      await write(trx, row)
      const after = await present(trx, await load(trx, courseId), 'staff')
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId: row.library_id,
        action,
        entityType: 'course',
        entityId: row.id,
        entityLabel: `${row.code} ${row.name_zh}`,
        before: courseSnapshot(before),
        after: courseSnapshot(after),
      })
      return after
    })

  return {
    list: async (caller: Caller, query: ListQuery) => {
      const libraryId = staffLibraryOf(caller)
      const termId = query.termId
        ? (await findTerm(db, libraryId, query.termId)).id
        : ((await repo.currentTerm(db, libraryId))?.id ?? null)
      if (!termId) return { items: [], nextCursor: null, termId: null }
      const rows = await repo.coursesOfTerm(db, termId, query, {
        after: query.cursor,
        limit: query.limit + 1,
      })
      const page = rows.slice(0, query.limit)
      const teachers = await repo.teachersOf(
        db,
        page.map((row) => row.id),
      )
      return {
        items: page.map((row) => presentCourse(row, teachers.get(row.id) ?? [])),
        nextCursor: rows.length > query.limit ? page.at(-1)!.id : null,
        termId,
      }
    },

    detail: async (caller: Caller, courseId: string) => {
      const row = await load(db, courseId)
      const viewpoint = await viewpointOn(db, caller, row)
      return { ...(await present(db, row, viewpoint)), viewpoint }
    },

    update: (caller: Caller, requestId: string, courseId: string, body: CourseChange) =>
      change(caller, requestId, courseId, 'course.update', async (trx, row) => {
        if (body.departmentId) {
          const department = await trx
            .selectFrom('departments')
            .select('id')
            .where('id', '=', body.departmentId)
            .where('library_id', '=', row.library_id)
            .executeTakeFirst()
          if (!department)
            throw fieldProblem(
              'body.departmentId',
              'unknown_department',
              '请选择本馆的院系',
              'Choose one of the library’s departments',
            )
        }
        await trx
          .updateTable('courses')
          .set({
            ...(body.nameZh !== undefined ? { name_zh: body.nameZh } : {}),
            ...(body.nameEn !== undefined ? { name_en: body.nameEn } : {}),
            ...(body.category !== undefined ? { category: body.category } : {}),
            ...(body.departmentId !== undefined ? { department_id: body.departmentId } : {}),
            updated_at: ctx.now(),
          })
          .where('id', '=', row.id)
          .execute()
      }),

    /** Links one of the course's teachers to a teacher account of the library, or unlinks them. */
    linkTeacher: (
      caller: Caller,
      requestId: string,
      courseId: string,
      teacherId: string,
      accountId: string | null,
    ) =>
      change(caller, requestId, courseId, 'course.link_teacher', async (trx, row) => {
        const teacher = await trx
          .selectFrom('course_teachers')
          .select('id')
          .where('id', '=', teacherId)
          .where('course_id', '=', row.id)
          .executeTakeFirst()
        if (!teacher) throw new ProblemError('not_found')
        if (accountId) {
          const account = await trx
            .selectFrom('accounts')
            .select('id')
            .where('id', '=', accountId)
            .where('library_id', '=', row.library_id)
            .where('type', '=', 'teacher')
            .executeTakeFirst()
          if (!account)
            throw fieldProblem(
              'body.accountId',
              'not_a_teacher',
              '请选择本馆的教师账号',
              'Choose a teacher account of this library',
            )
        }
        await trx
          .updateTable('course_teachers')
          .set({ account_id: accountId, linked_by_staff: true })
          .where('id', '=', teacherId)
          .execute()
      }),
  }
}
