import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { CourseTitleStatus, DB } from '../../db/schema.ts'
import { chunks } from './course-titles.repository.ts'

// A title's history: its status changes and reassignments, oldest first.

export interface NewTitleEvent {
  libraryId: string
  titleId: string
  at: Date
  actorId: string | null
  kind: 'status' | 'assigned'
  from?: CourseTitleStatus | null
  to?: CourseTitleStatus | null
  channel?: string | null
  assigneeId?: string | null
  note?: string | null
}

export const recordTitleEvents = async (db: Kysely<DB>, events: readonly NewTitleEvent[]) => {
  for (const chunk of chunks(events, 500))
    await db
      .insertInto('course_title_events')
      .values(
        chunk.map((event) => ({
          id: uuidv7(),
          library_id: event.libraryId,
          title_id: event.titleId,
          at: event.at,
          actor_id: event.actorId,
          kind: event.kind,
          from_status: event.from ?? null,
          to_status: event.to ?? null,
          channel: event.channel ?? null,
          assignee_id: event.assigneeId ?? null,
          note: event.note?.trim() || null,
        })),
      )
      .execute()
}

/** The title's history with the names of who did it and who it went to, oldest first. */
export const historyOf = (db: Kysely<DB>, titleId: string) =>
  db
    .selectFrom('course_title_events as e')
    .leftJoin('accounts as actor', 'actor.id', 'e.actor_id')
    .leftJoin('accounts as assignee', 'assignee.id', 'e.assignee_id')
    .selectAll('e')
    .select(['actor.name as actor_name', 'assignee.name as assignee_name'])
    .where('e.title_id', '=', titleId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute()

export type TitleEventRow = Awaited<ReturnType<typeof historyOf>>[number]

/**
 * Gives each title of `titleIds` that has nobody to a subject librarian of the department of
 * the first course (in the order they asked) that has one; a department's subject librarians
 * take its titles in turn, the least busy (fewest open titles) first. Answers who got what.
 */
export const assignToSubjectLibrarians = async (
  db: Kysely<DB>,
  libraryId: string,
  titleIds: readonly string[],
) => {
  const assigned: { id: string; assignee_id: string }[] = []
  for (const chunk of chunks([...new Set(titleIds)], 1000)) {
    const result = await sql<{ id: string; assignee_id: string }>`
      with wanted as (
        select t.id, (
          select c.department_id from course_title_requests r join courses c on c.id = r.course_id
          where r.title_id = t.id and c.department_id is not null
          order by r.created_at, r.id limit 1) as department_id
        from course_titles t
        where t.library_id = ${libraryId} and t.assignee_id is null
          and t.id in (${sql.join(chunk.map((id) => sql`${id}::uuid`))})
      ), numbered as (
        select id, department_id, row_number() over (partition by department_id order by id) - 1 as n
        from wanted where department_id is not null
      ), candidates as (
        select s.department_id, s.account_id,
          row_number() over (partition by s.department_id order by (
            select count(*) from course_titles o where o.assignee_id = s.account_id
              and o.status not in ('published', 'unavailable')), s.account_id) - 1 as k,
          count(*) over (partition by s.department_id) as total
        from subject_assignments s
        join accounts a on a.id = s.account_id and a.status = 'active'
        join account_roles role on role.account_id = a.id and role.role = 'subject_librarian'
        where s.library_id = ${libraryId} and s.department_id in (select department_id from numbered)
      )
      update course_titles t set assignee_id = c.account_id
      from numbered n join candidates c on c.department_id = n.department_id and c.k = n.n % c.total
      where t.id = n.id
      returning t.id, t.assignee_id
    `.execute(db)
    assigned.push(...result.rows)
  }
  return assigned
}

/** The names of the people these titles are assigned to, by account id. */
export const assigneesOf = async (db: Kysely<DB>, titles: readonly { assignee_id: string | null }[]) => {
  const ids = [...new Set(titles.flatMap((title) => (title.assignee_id ? [title.assignee_id] : [])))]
  if (ids.length === 0) return new Map<string, { id: string; name: string }>()
  const rows = await db.selectFrom('accounts').select(['id', 'name']).where('id', 'in', ids).execute()
  return new Map(rows.map((row) => [row.id, row]))
}
