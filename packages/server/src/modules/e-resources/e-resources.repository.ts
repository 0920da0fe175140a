import { type Insertable, type Kysely, type Selectable, sql } from 'kysely'
import type { DB, EResourceRoutesTable, EResourcesTable } from '../../db/schema.ts'
import { tsQueryOf } from '../../platform/search/search-text.ts'

export type ResourceRow = Selectable<EResourcesTable> & {
  route_kinds: string[]
  owner_name: string | null
}
export type RouteRow = Selectable<EResourceRoutesTable>

export interface DirectoryFilters {
  q?: string | undefined
  initial?: string | undefined
  subject?: string | undefined
  kind?: string | undefined
  status?: string | undefined
  free?: 'true' | 'false' | undefined
  withoutVpn?: 'true' | 'false' | undefined
}

/** What readers may see: published, and not past the end of a free period. */
export const readerVisible = (today: string) =>
  sql<boolean>`r.status = 'published' and (r.free_until is null or r.free_until >= ${today})`

const routeKinds = sql<
  string[]
>`coalesce((select array_agg(x.kind order by x.position) from e_resource_routes x where x.resource_id = r.id), '{}')`

const withDetails = (db: Kysely<DB>) =>
  db
    .selectFrom('e_resources as r')
    .leftJoin('accounts as o', 'o.id', 'r.owner_id')
    .selectAll('r')
    .select([routeKinds.as('route_kinds'), 'o.name as owner_name'])

/**
 * One library's directory, filtered; by pinyin order, or best match first when searching: every
 * word of the names, vendor or subjects (the last as a prefix), or names close to what was typed.
 */
export const directory = (
  db: Kysely<DB>,
  libraryId: string,
  filters: DirectoryFilters,
  visibility: { readersOnly: boolean; today: string },
) => {
  let query = withDetails(db)
    .where('r.library_id', '=', libraryId)
    .$if(visibility.readersOnly, (q) => q.where(readerVisible(visibility.today)))
    .$if(filters.status !== undefined, (q) => q.where('r.status', '=', filters.status as never))
    .$if(filters.initial !== undefined, (q) => q.where('r.initial', '=', filters.initial!))
    .$if(filters.subject !== undefined, (q) => q.where(sql<boolean>`${filters.subject} = any (r.subjects)`))
    .$if(filters.kind !== undefined, (q) => q.where('r.kind', '=', filters.kind!))
    .$if(filters.free === 'true', (q) =>
      q.where('r.free_until', 'is not', null).where('r.free_until', '>=', visibility.today),
    )
    .$if(filters.withoutVpn === 'true', (q) =>
      q.where(
        sql<boolean>`exists (select 1 from e_resource_routes x where x.resource_id = r.id and x.kind in ('carsi', 'open'))`,
      ),
    )
  const typed = filters.q?.trim()
  if (!typed) return query.orderBy('r.sort_key').orderBy('r.id')
  const words = tsQueryOf(typed)
  query = query.where((eb) =>
    eb.or([...(words ? [sql<boolean>`r.search_doc @@ ${words}`] : []), sql<boolean>`r.names % ${typed}`]),
  )
  return query
    .orderBy(words ? sql`ts_rank(r.search_doc, ${words})` : sql`0`, 'desc')
    .orderBy(sql`similarity(r.names, ${typed})`, 'desc')
    .orderBy('r.id')
}

/** The letters of the A–Z bar that have something behind them. */
export const initialsOf = (
  db: Kysely<DB>,
  libraryId: string,
  visibility: { readersOnly: boolean; today: string },
) =>
  db
    .selectFrom('e_resources as r')
    .select('r.initial')
    .distinct()
    .where('r.library_id', '=', libraryId)
    .$if(visibility.readersOnly, (q) => q.where(readerVisible(visibility.today)))
    .orderBy('r.initial')
    .execute()
    .then((rows) => rows.map((row) => row.initial))

export const findResource = (db: Kysely<DB>, resourceId: string) =>
  withDetails(db).where('r.id', '=', resourceId).executeTakeFirst()

export const routesOf = (db: Kysely<DB>, resourceId: string) =>
  db
    .selectFrom('e_resource_routes')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .orderBy('position')
    .execute()

export const replaceRoutes = async (
  db: Kysely<DB>,
  resourceId: string,
  routes: Omit<Insertable<EResourceRoutesTable>, 'resource_id' | 'position'>[],
) => {
  await db.deleteFrom('e_resource_routes').where('resource_id', '=', resourceId).execute()
  if (routes.length === 0) return
  await db
    .insertInto('e_resource_routes')
    .values(routes.map((route, position) => ({ ...route, resource_id: resourceId, position })))
    .execute()
}

export const findLibraryByCode = (db: Kysely<DB>, code: string) =>
  db.selectFrom('libraries').select(['id', 'time_zone']).where('code', '=', code).executeTakeFirst()

export const accessSettingsOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('library_access_settings')
    .select(['settings', 'updated_at'])
    .where('library_id', '=', libraryId)
    .executeTakeFirst()

export const platformsOf = (db: Kysely<DB>, libraryId: string) =>
  db.selectFrom('access_platforms').selectAll().where('library_id', '=', libraryId).orderBy('code').execute()

/** Trials whose free period has ended become expired; returns how many. */
export const expireEndedTrials = async (db: Kysely<DB>, today: (timeZone: string) => string) => {
  const zones = await db.selectFrom('libraries').select(['id', 'time_zone']).execute()
  let expired = 0
  for (const zone of zones) {
    const result = await db
      .updateTable('e_resources')
      .set({ status: 'expired', updated_at: new Date() })
      .where('library_id', '=', zone.id)
      .where('status', 'in', ['published', 'testing', 'draft'])
      .where('free_until', '<', today(zone.time_zone))
      .executeTakeFirst()
    expired += Number(result.numUpdatedRows)
  }
  return expired
}
