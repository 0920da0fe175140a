import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import type { CourseValues, ExistingCourse, PlannedCourse } from './course-import.plan.ts'

// Queries and writes of a course import; the rules are in course-import.plan.ts.

const CHUNK = 1000

const chunks = <T>(items: readonly T[], size = CHUNK) => {
  const out: T[][] = []
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size))
  return out
}

/** The term's courses by code, each with its teachers in order. */
export const existingCourses = async (db: Kysely<DB>, termId: string) => {
  const rows = await db
    .selectFrom('courses')
    .select([
      'id',
      'code',
      'name_zh',
      'name_en',
      'category',
      'department_id',
      'department_name',
      'campuses',
      'class_names',
      'headcount',
    ])
    .where('term_id', '=', termId)
    .execute()
  const teachers = rows.length
    ? await db
        .selectFrom('course_teachers as t')
        .innerJoin('courses as c', 'c.id', 't.course_id')
        .select(['t.id', 't.course_id', 't.name', 't.staff_number', 't.account_id', 't.linked_by_staff'])
        .where('c.term_id', '=', termId)
        .orderBy('t.position')
        .execute()
    : []
  const byCourse = new Map<string, ExistingCourse['teachers']>()
  for (const teacher of teachers)
    byCourse.set(teacher.course_id, [...(byCourse.get(teacher.course_id) ?? []), teacher])
  return new Map(rows.map((row) => [row.code, { ...row, teachers: byCourse.get(row.id) ?? [] }]))
}

export const libraryDepartments = async (db: Kysely<DB>, libraryId: string) =>
  (
    await db
      .selectFrom('departments')
      .select(['id', 'code', 'name_zh', 'name_en'])
      .where('library_id', '=', libraryId)
      .execute()
  ).map((row) => ({ id: row.id, code: row.code, nameZh: row.name_zh, nameEn: row.name_en }))

/** The library's accounts holding any of these reader numbers, by lower-cased number. */
export const accountsByNumber = async (db: Kysely<DB>, libraryId: string, numbers: readonly string[]) => {
  const found = new Map<string, { id: string; type: string }>()
  for (const chunk of chunks([...new Set(numbers.map((number) => number.toLowerCase()))])) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'type', sql<string>`lower(reader_number)`.as('number')])
      .where('library_id', '=', libraryId)
      .where(sql<string>`lower(reader_number)`, 'in', chunk)
      .execute()
    for (const row of rows) found.set(row.number, { id: row.id, type: row.type })
  }
  return found
}

/** The library's teacher accounts bearing any of these names, by name. */
export const teachersByName = async (db: Kysely<DB>, libraryId: string, names: readonly string[]) => {
  const found = new Map<string, string[]>()
  for (const chunk of chunks([...new Set(names)])) {
    const rows = await db
      .selectFrom('accounts')
      .select(['id', 'name'])
      .where('library_id', '=', libraryId)
      .where('type', '=', 'teacher')
      .where('name', 'in', chunk)
      .execute()
    for (const row of rows) found.set(row.name, [...(found.get(row.name) ?? []), row.id])
  }
  return found
}

/** `<course id>:<lower-cased student number>` of every enrolment in the term. */
export const enrolledKeys = async (db: Kysely<DB>, termId: string) => {
  const rows = await db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .select(sql<string>`e.course_id || ':' || lower(e.student_number)`.as('key'))
    .where('c.term_id', '=', termId)
    .execute()
  return new Set(rows.map((row) => row.key))
}

/** Locks the term for the length of the transaction, so two imports into it take turns. */
export const lockTerm = (db: Kysely<DB>, termId: string) =>
  db.selectFrom('course_terms').select('id').where('id', '=', termId).forUpdate().executeTakeFirstOrThrow()

const columnsOf = (values: CourseValues) => ({
  name_zh: values.name_zh,
  name_en: values.name_en,
  category: values.category,
  department_id: values.department_id,
  department_name: values.department_name,
  campuses: values.campuses,
  class_names: values.class_names,
  headcount: values.headcount,
})

/** Writes a planned import: courses, their new and changed teachers, and new enrolments. */
export const writePlan = async (
  db: Kysely<DB>,
  scope: { libraryId: string; termId: string; now: Date },
  planned: readonly PlannedCourse[],
) => {
  const ids = new Map<PlannedCourse, string>()
  const created = planned.filter((course) => course.action === 'create')
  for (const chunk of chunks(created, 500)) {
    await db
      .insertInto('courses')
      .values(
        chunk.map((course) => {
          const id = uuidv7()
          ids.set(course, id)
          return {
            id,
            library_id: scope.libraryId,
            term_id: scope.termId,
            code: course.staged.code,
            ...columnsOf(course.values),
          }
        }),
      )
      .execute()
  }
  for (const course of planned) {
    if (course.existing) ids.set(course, course.existing.id)
    if (course.action !== 'update') continue
    await db
      .updateTable('courses')
      .set({ ...columnsOf(course.values), updated_at: scope.now })
      .where('id', '=', course.existing!.id)
      .execute()
  }
  const teachers = planned.flatMap((course) =>
    course.newTeachers.map((teacher) => ({
      id: uuidv7(),
      library_id: scope.libraryId,
      course_id: ids.get(course)!,
      name: teacher.name,
      staff_number: teacher.staffNumber,
      account_id: teacher.accountId,
      position: teacher.position,
    })),
  )
  for (const chunk of chunks(teachers)) await db.insertInto('course_teachers').values(chunk).execute()
  for (const change of planned.flatMap((course) => course.teacherChanges))
    await db
      .updateTable('course_teachers')
      .set({ staff_number: change.staffNumber, account_id: change.accountId })
      .where('id', '=', change.id)
      .execute()
  const enrolments = planned.flatMap((course) =>
    course.newEnrolments.map((student) => ({
      course_id: ids.get(course)!,
      library_id: scope.libraryId,
      student_number: student.studentNumber,
      account_id: student.accountId,
    })),
  )
  for (const chunk of chunks(enrolments))
    await db
      .insertInto('course_enrolments')
      .values(chunk)
      .onConflict((conflict) => conflict.doNothing())
      .execute()
}
