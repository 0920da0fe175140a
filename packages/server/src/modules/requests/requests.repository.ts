import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Scope } from '../../http/caller.ts'

/** Requests with reader and assignee names, limited to a scope's libraries. */
export const requestsInScope = (db: Kysely<DB>, scope: Scope) => {
  let query = db
    .selectFrom('requests as r')
    .innerJoin('libraries as l', 'l.id', 'r.library_id')
    .innerJoin('accounts as reader', 'reader.id', 'r.reader_id')
    .leftJoin('accounts as assignee', 'assignee.id', 'r.assignee_id')
    .selectAll('r')
    .select([
      'reader.name as reader_name',
      'reader.reader_number as reader_number',
      'assignee.name as assignee_name',
      'assignee.reader_number as assignee_number',
      'l.time_zone',
    ])
    .where('l.consortium_id', '=', scope.consortiumId)
  if (scope.libraryIds !== 'all') {
    query = scope.libraryIds.length
      ? query.where('r.library_id', 'in', scope.libraryIds)
      : query.where(sql<boolean>`false`)
  }
  return query
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsInScope>['executeTakeFirstOrThrow']>>

/**
 * The next number of a prefix in a library and year: DD-2026-000001, 000002, …
 *
 * Taken in one statement of its own, before the submitting transaction: the counter row is then
 * locked for that statement only, so the readers of a library do not queue behind each other's
 * whole submit and its wait for the disk. The bump itself need not wait for the disk
 * (synchronous_commit off for this statement's transaction): the request carrying the number
 * commits durably afterwards, and that flushes the log up to and past the bump, so a number in
 * a saved request is never handed out again. A submit that fails after this leaves a gap, as a
 * sequence would.
 */
export const takeNumber = async (db: Kysely<DB>, libraryId: string, prefix: string, year: number) => {
  if (db.isTransaction) throw new Error('takeNumber runs in a transaction of its own')
  const row = await db
    .insertInto('request_counters')
    .columns(['library_id', 'prefix', 'year', 'last'])
    .expression(
      db
        .selectNoFrom([
          sql<string>`${libraryId}::uuid`.as('library_id'),
          sql<string>`${prefix}::text`.as('prefix'),
          sql<number>`${year}::int`.as('year'),
          sql<number>`1`.as('last'),
        ])
        .where(sql<boolean>`set_config('synchronous_commit', 'off', true) is not null`),
    )
    .onConflict((oc) =>
      oc.columns(['library_id', 'prefix', 'year']).doUpdateSet({ last: sql`request_counters.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow()
  return `${prefix}-${year}-${String(row.last).padStart(6, '0')}`
}

export const listEvents = (db: Kysely<DB>, requestId: string, includeInternal: boolean) => {
  let query = db
    .selectFrom('request_events as e')
    .leftJoin('accounts as actor', 'actor.id', 'e.actor_id')
    .selectAll('e')
    .select(['actor.name as actor_name', 'actor.reader_number as actor_number'])
    .where('e.request_id', '=', requestId)
  if (!includeInternal) query = query.where('e.internal', '=', false)
  return query.orderBy('e.id').execute()
}

export type EventRow = Awaited<ReturnType<typeof listEvents>>[number]

/**
 * The subject librarian of a department with the fewest open requests, so a team shares the
 * work; ties go to whoever was assigned longest ago (by id order).
 */
export const leastBusySubjectLibrarian = async (db: Kysely<DB>, libraryId: string, departmentId: string) => {
  const row = await db
    .selectFrom('subject_assignments as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .innerJoin('account_roles as role', (join) =>
      join.onRef('role.account_id', '=', 'a.id').on('role.role', '=', 'subject_librarian'),
    )
    .select([
      'a.id',
      'a.name',
      'a.reader_number',
      (eb) =>
        eb
          .selectFrom('requests as r')
          .select((count) => count.fn.countAll<number>().as('n'))
          .whereRef('r.library_id', '=', 's.library_id')
          .whereRef('r.assignee_id', '=', 'a.id')
          .where('r.closed_at', 'is', null)
          .as('open_count'),
    ])
    .where('s.library_id', '=', libraryId)
    .where('s.department_id', '=', departmentId)
    .where('a.status', '=', 'active')
    .orderBy('open_count')
    .orderBy('a.id')
    .limit(1)
    .executeTakeFirst()
  return row && { id: row.id, name: row.name, readerNumber: row.reader_number }
}

/**
 * The member of a type's team whose last automatic assignment of that type is the oldest (or who
 * has had none): the team takes new requests in turn. Two submits at the same instant may pick
 * the same person; the next one evens it out.
 */
export const nextTeamMember = async (db: Kysely<DB>, libraryId: string, type: string) => {
  const row = await db
    .selectFrom('request_teams as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select([
      'a.id',
      'a.name',
      'a.reader_number',
      (eb) =>
        eb
          .selectFrom('requests as r')
          .select((max) => max.fn.max('r.submitted_at').as('last'))
          .whereRef('r.assignee_id', '=', 'a.id')
          .where('r.library_id', '=', libraryId)
          .where('r.type', '=', type)
          .as('last_assigned'),
    ])
    .where('m.library_id', '=', libraryId)
    .where('m.type', '=', type)
    .where('a.status', '=', 'active')
    .orderBy(sql`last_assigned asc nulls first`)
    .orderBy('m.added_at')
    .orderBy('a.id')
    .limit(1)
    .executeTakeFirst()
  return row && { id: row.id, name: row.name, readerNumber: row.reader_number }
}

export const findFeeWaiver = (db: Kysely<DB>, libraryId: string, type: string, today: string) =>
  db
    .selectFrom('request_fee_waivers')
    .selectAll()
    .where('library_id', '=', libraryId)
    .where('type', '=', type)
    .where('free_from', '<=', today)
    .where('free_until', '>=', today)
    .executeTakeFirst()
