import { type Kysely, type Selectable, sql } from 'kysely'
import type { CourseTitleStatus, CourseTitlesTable, DB } from '../../db/schema.ts'

// Reading and writing course titles and their requests; the rules are in the services and
// title-store.ts.

export type TitleRow = Selectable<CourseTitlesTable>

const CHUNK = 1000

export const chunks = <T>(items: readonly T[], size = CHUNK) => {
  const out: T[][] = []
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size))
  return out
}

/** The titles a course asks for, in the order they were asked for. */
export const titlesOfCourse = (db: Kysely<DB>, courseId: string) =>
  db
    .selectFrom('course_title_requests as r')
    .innerJoin('course_titles as t', 't.id', 'r.title_id')
    .selectAll('t')
    .select(['r.created_at as added_at', 'r.source'])
    .where('r.course_id', '=', courseId)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute()

export type CourseTitleRow = Awaited<ReturnType<typeof titlesOfCourse>>[number]

/** The term's titles with any of these ISBN-13s. */
export const titlesByIsbn = async (db: Kysely<DB>, termId: string, isbns: readonly string[]) => {
  const rows: TitleRow[] = []
  for (const chunk of chunks([...new Set(isbns)]))
    rows.push(
      ...(await db
        .selectFrom('course_titles')
        .selectAll()
        .where('term_id', '=', termId)
        .where('isbn13', 'in', chunk)
        .execute()),
    )
  return rows
}

/** The term's titles with any of these title keys (with or without an ISBN), oldest first. */
export const titlesByTitleKey = async (db: Kysely<DB>, termId: string, keys: readonly string[]) => {
  const rows: TitleRow[] = []
  for (const chunk of chunks([...new Set(keys)].filter(Boolean)))
    rows.push(
      ...(await db
        .selectFrom('course_titles')
        .selectAll()
        .where('term_id', '=', termId)
        .where('title_key', 'in', chunk)
        .orderBy('id')
        .execute()),
    )
  return rows
}

/** What the library's e-holdings say of these ISBN-13s (title, author, publisher), one each. */
export const holdingsByIsbn = async (db: Kysely<DB>, libraryId: string, isbns: readonly string[]) => {
  const found = new Map<string, { title: string; author: string | null; publisher: string | null }>()
  for (const chunk of chunks([...new Set(isbns)])) {
    const rows = await db
      .selectFrom('e_holdings')
      .select(['title', 'author', 'publisher', 'print_isbn13', 'online_isbn13'])
      .where('library_id', '=', libraryId)
      .where((eb) => eb.or([eb('print_isbn13', 'in', chunk), eb('online_isbn13', 'in', chunk)]))
      .execute()
    for (const row of rows)
      for (const isbn of [row.print_isbn13, row.online_isbn13])
        if (isbn && chunk.includes(isbn) && !found.has(isbn))
          found.set(isbn, { title: row.title, author: row.author, publisher: row.publisher })
  }
  return found
}

/** `<course id>:<title id>` of the requests of these courses. */
export const requestKeys = async (db: Kysely<DB>, courseIds: readonly string[]) => {
  const keys = new Set<string>()
  for (const chunk of chunks([...new Set(courseIds)])) {
    const rows = await db
      .selectFrom('course_title_requests')
      .select(['course_id', 'title_id'])
      .where('course_id', 'in', chunk)
      .execute()
    for (const row of rows) keys.add(`${row.course_id}:${row.title_id}`)
  }
  return keys
}

/** Whether any course still asks for the title. */
export const isRequested = async (db: Kysely<DB>, titleId: string) =>
  !!(await db
    .selectFrom('course_title_requests')
    .select('id')
    .where('title_id', '=', titleId)
    .limit(1)
    .executeTakeFirst())

const like = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`

export interface TitleFilters {
  courseId?: string | undefined
  departmentId?: string | undefined
  status?: CourseTitleStatus | undefined
  match?: 'proposed' | 'none' | undefined
  /** Part of the title, author or publisher, or an ISBN-13 (already normalised). */
  q?: string | undefined
  isbn13?: string | null | undefined
  /** An account id, or `none` for titles nobody works on. */
  assignee?: string | undefined
}

/** A page of a term's titles, oldest first, after the title `after` when given. */
export const titlesOfTerm = (
  db: Kysely<DB>,
  termId: string,
  filters: TitleFilters,
  page: { after?: string | undefined; limit: number },
) =>
  db
    .selectFrom('course_titles as t')
    .selectAll('t')
    .where('t.term_id', '=', termId)
    .$if(!!filters.courseId, (query) =>
      query.where(
        sql<boolean>`exists (select 1 from course_title_requests r where r.title_id = t.id
          and r.course_id = ${filters.courseId!})`,
      ),
    )
    .$if(!!filters.departmentId, (query) =>
      query.where(
        sql<boolean>`exists (select 1 from course_title_requests r join courses c on c.id = r.course_id
          where r.title_id = t.id and c.department_id = ${filters.departmentId!})`,
      ),
    )
    .$if(!!filters.status, (query) => query.where('t.status', '=', filters.status!))
    .$if(filters.match === 'proposed', (query) =>
      query
        .where('t.status', '=', 'requested')
        .where(
          sql<boolean>`exists (select 1 from course_title_matches m where m.title_id = t.id and m.state = 'proposed')`,
        ),
    )
    .$if(filters.match === 'none', (query) =>
      query
        .where('t.status', '=', 'requested')
        .where(
          sql<boolean>`not exists (select 1 from course_title_matches m where m.title_id = t.id and m.state = 'proposed')`,
        ),
    )
    .$if(!!filters.q, (query) =>
      query.where((eb) =>
        eb.or([
          eb('t.title', 'ilike', like(filters.q!)),
          eb('t.author', 'ilike', like(filters.q!)),
          eb('t.publisher', 'ilike', like(filters.q!)),
          ...(filters.isbn13 ? [eb('t.isbn13', '=', filters.isbn13)] : []),
        ]),
      ),
    )
    .$if(filters.assignee === 'none', (query) => query.where('t.assignee_id', 'is', null))
    .$if(!!filters.assignee && filters.assignee !== 'none', (query) =>
      query.where('t.assignee_id', '=', filters.assignee!),
    )
    .$if(!!page.after, (query) => query.where('t.id', '>', page.after!))
    .orderBy('t.id')
    .limit(page.limit)
    .execute()

/** The term's figures: titles, published, waiting on a proposed match, and with none. */
export const termSummary = async (db: Kysely<DB>, termId: string) => {
  const row = await db
    .selectFrom('course_titles as t')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where t.status = 'published'))::int`.as('published'),
      sql<number>`(count(*) filter (where t.status = 'requested' and exists (
        select 1 from course_title_matches m where m.title_id = t.id and m.state = 'proposed')))::int`.as(
        'proposed',
      ),
    ])
    .where('t.term_id', '=', termId)
    .executeTakeFirstOrThrow()
  return { ...row, unmatched: row.total - row.published - row.proposed }
}

/** The courses asking for these titles, by title, in code order. */
export const coursesOfTitles = async (db: Kysely<DB>, titleIds: readonly string[]) => {
  const byTitle = new Map<string, CourseOfTitle[]>()
  if (titleIds.length === 0) return byTitle
  const rows = await db
    .selectFrom('course_title_requests as r')
    .innerJoin('courses as c', 'c.id', 'r.course_id')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .select(['r.title_id', 'c.id', 'c.code', 'c.name_zh', 'd.name_zh as department_zh', 'c.department_name'])
    .where('r.title_id', 'in', titleIds)
    .orderBy('c.code')
    .execute()
  for (const row of rows) byTitle.set(row.title_id, [...(byTitle.get(row.title_id) ?? []), row])
  return byTitle
}

export interface CourseOfTitle {
  title_id: string
  id: string
  code: string
  name_zh: string
  department_zh: string | null
  department_name: string | null
}

/** The matches of these titles that are proposed or accepted, with their platforms; and how many were rejected. */
export const matchesOfTitles = async (db: Kysely<DB>, titleIds: readonly string[]) => {
  const byTitle = new Map<string, { shown: MatchRow[]; rejected: number }>()
  if (titleIds.length === 0) return byTitle
  const rows = await db
    .selectFrom('course_title_matches as m')
    .innerJoin('e_holding_platforms as p', 'p.id', 'm.platform_id')
    .selectAll('m')
    .select(['p.name as platform_name', 'p.open_access as platform_open_access'])
    .where('m.title_id', 'in', titleIds)
    .orderBy(sql`case m.state when 'accepted' then 0 when 'proposed' then 1 else 2 end`)
    .orderBy(sql`case m.matched_by when 'isbn' then 0 when 'title_author' then 1 else 2 end`)
    .orderBy('p.name')
    .orderBy('m.id')
    .execute()
  for (const row of rows) {
    const entry = byTitle.get(row.title_id) ?? { shown: [], rejected: 0 }
    if (row.state === 'rejected') entry.rejected++
    else entry.shown.push(row)
    byTitle.set(row.title_id, entry)
  }
  return byTitle
}

export type MatchRow = Selectable<DB['course_title_matches']> & {
  platform_name: string
  platform_open_access: boolean
}
