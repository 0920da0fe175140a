import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Scope } from '../../http/caller.ts'

export const findFirstConsortium = (db: Kysely<DB>) =>
  db.selectFrom('consortia').selectAll().orderBy('created_at').limit(1).executeTakeFirst()

export const listConsortiumLibraries = (db: Kysely<DB>, consortiumId: string) =>
  db.selectFrom('libraries').selectAll().where('consortium_id', '=', consortiumId).orderBy('code').execute()

/** A library the scope may see, or undefined. */
export const findLibraryInScope = (db: Kysely<DB>, scope: Scope, libraryId: string) => {
  let query = db
    .selectFrom('libraries')
    .selectAll()
    .where('id', '=', libraryId)
    .where('consortium_id', '=', scope.consortiumId)
  if (scope.libraryIds !== 'all') {
    if (scope.libraryIds.length === 0) return Promise.resolve(undefined)
    query = query.where('id', 'in', scope.libraryIds)
  }
  return query.executeTakeFirst()
}

export const listCalendarExceptions = (db: Kysely<DB>, libraryId: string, from: string, to: string) =>
  db
    .selectFrom('library_calendar_days')
    .selectAll()
    .where('library_id', '=', libraryId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute()

export const listDepartments = (db: Kysely<DB>, libraryId: string) =>
  db.selectFrom('departments').selectAll().where('library_id', '=', libraryId).orderBy('code').execute()

/** The library's time zone (IANA name): the one its days, due dates and opening hours are in. */
export const libraryTimeZone = async (db: Kysely<DB>, libraryId: string) =>
  (await db.selectFrom('libraries').select('time_zone').where('id', '=', libraryId).executeTakeFirstOrThrow())
    .time_zone
