import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

// Reading terms and courses; no rules here.

export const termsOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('course_terms as t')
    .selectAll('t')
    .select(sql<number>`(select count(*) from courses c where c.term_id = t.id)::int`.as('course_count'))
    .where('t.library_id', '=', libraryId)
    .orderBy('t.starts_on', 'desc')
    .orderBy('t.code', 'desc')
    .execute()

export type TermRow = Awaited<ReturnType<typeof termsOf>>[number]

export const termById = (db: Kysely<DB>, libraryId: string, termId: string) =>
  db
    .selectFrom('course_terms as t')
    .selectAll('t')
    .select(sql<number>`(select count(*) from courses c where c.term_id = t.id)::int`.as('course_count'))
    .where('t.library_id', '=', libraryId)
    .where('t.id', '=', termId)
    .executeTakeFirst()

export const currentTerm = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('course_terms')
    .select(['id', 'code', 'name_zh', 'name_en'])
    .where('library_id', '=', libraryId)
    .where('is_current', '=', true)
    .executeTakeFirst()

export interface CourseFilters {
  departmentId?: string | undefined
  category?: string | undefined
  teacher?: string | undefined
  q?: string | undefined
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`

const courseColumns = (db: Kysely<DB>) =>
  db
    .selectFrom('courses as c')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .selectAll('c')
    .select([
      'd.name_zh as department_zh',
      'd.name_en as department_en',
      sql<number>`(select count(*) from course_enrolments e where e.course_id = c.id)::int`.as(
        'enrolment_count',
      ),
    ])

export type CourseRow = Awaited<ReturnType<ReturnType<typeof courseColumns>['execute']>>[number]

/** A page of a term's courses in code order, after the course `after` (an id) when given. */
export const coursesOfTerm = (
  db: Kysely<DB>,
  termId: string,
  filters: CourseFilters,
  page: { after?: string | undefined; limit: number },
) => {
  const teacher = filters.teacher?.normalize('NFKC').trim()
  const q = filters.q?.normalize('NFKC').trim()
  return courseColumns(db)
    .where('c.term_id', '=', termId)
    .$if(!!filters.departmentId, (query) => query.where('c.department_id', '=', filters.departmentId!))
    .$if(filters.category === 'none', (query) => query.where('c.category', 'is', null))
    .$if(!!filters.category && filters.category !== 'none', (query) =>
      query.where('c.category', '=', filters.category as never),
    )
    .$if(!!teacher, (query) =>
      query.where(
        sql<boolean>`exists (select 1 from course_teachers t where t.course_id = c.id
          and (t.name ilike ${like(teacher!)} or lower(t.staff_number) = lower(${teacher!})))`,
      ),
    )
    .$if(!!q, (query) =>
      query.where((eb) =>
        eb.or([
          eb('c.code', 'ilike', like(q!)),
          eb('c.name_zh', 'ilike', like(q!)),
          eb('c.name_en', 'ilike', like(q!)),
        ]),
      ),
    )
    .$if(!!page.after, (query) =>
      query.where(
        sql<boolean>`(c.code, c.id) > (select x.code, x.id from courses x where x.id = ${page.after!})`,
      ),
    )
    .orderBy('c.code')
    .orderBy('c.id')
    .limit(page.limit)
    .execute()
}

export const courseById = (db: Kysely<DB>, courseId: string) =>
  courseColumns(db).where('c.id', '=', courseId).executeTakeFirst()

/** The teachers of these courses in their order, with the accounts linked. */
export const teachersOf = async (db: Kysely<DB>, courseIds: readonly string[]) => {
  if (courseIds.length === 0) return new Map<string, TeacherRow[]>()
  const rows = await db
    .selectFrom('course_teachers as t')
    .leftJoin('accounts as a', 'a.id', 't.account_id')
    .select([
      't.id',
      't.course_id',
      't.name',
      't.staff_number',
      't.account_id',
      'a.name as account_name',
      'a.reader_number as account_number',
    ])
    .where('t.course_id', 'in', courseIds)
    .orderBy('t.position')
    .execute()
  const byCourse = new Map<string, TeacherRow[]>()
  for (const row of rows) byCourse.set(row.course_id, [...(byCourse.get(row.course_id) ?? []), row])
  return byCourse
}

export interface TeacherRow {
  id: string
  course_id: string
  name: string
  staff_number: string | null
  account_id: string | null
  account_name: string | null
  account_number: string | null
}
