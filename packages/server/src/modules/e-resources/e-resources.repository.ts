import { type Insertable, type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely'
import type { DB, EResourceRoutesTable, EResourcesTable } from '../../db/schema.ts'
import { tsTerm, wordsOf } from '../../platform/search/search-text.ts'

type ResourceColumns = Pick<Selectable<EResourcesTable>, (typeof COLUMNS)[number]>
export type ResourceRow = ResourceColumns & {
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

/** What a listing needs of a resource: everything but its search words. */
const COLUMNS = [
  'id',
  'library_id',
  'name_zh',
  'name_en',
  'aliases',
  'vendor',
  'platform',
  'kind',
  'subjects',
  'description_zh',
  'description_en',
  'url',
  'owner_id',
  'status',
  'free_from',
  'free_until',
  'sort_key',
  'initial',
  'created_at',
  'updated_at',
] as const

const withDetails = <Q extends SelectQueryBuilder<DB & { r: ResourceColumns }, 'r', object>>(query: Q) =>
  query
    .leftJoin('accounts as o', 'o.id', 'r.owner_id')
    .selectAll('r')
    .select([routeKinds.as('route_kinds'), 'o.name as owner_name'])

/**
 * One library's directory, filtered, in pinyin order. A search keeps the resources matching every
 * word typed (the last as a prefix) in their names, vendor, subjects or spellings, or a word of
 * the library's vocabulary close to it (`corrections`: typos). A–Z order rather than a rank keeps
 * a common word among 100,000 resources an index walk, not a sort of thousands.
 */
export const directory = (
  db: Kysely<DB>,
  libraryId: string,
  filters: DirectoryFilters,
  visibility: { readersOnly: boolean; today: string },
  corrections: ReadonlyMap<string, string[]> = new Map(),
) => {
  const words = filters.q ? tsQueryWithCorrections(filters.q, corrections) : null
  const matching = db
    .selectFrom('e_resources as r')
    .select(COLUMNS.map((column) => `r.${column}` as const))
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
    .$if(words !== null, (q) => q.where(sql<boolean>`r.search_doc @@ ${words}`))
    // Words searched together are guessed to match as if independent, and the planner may then
    // walk the whole A–Z index for 30 rows that are not there; OFFSET 0 keeps the subquery planned
    // on its own, so it finds its matches first and the work is bounded by how many there are.
    .$if(words !== null && wordsOf(filters.q!).length > 1, (q) => q.offset(0))
  return withDetails(db.selectFrom(matching.as('r')))
    .orderBy('r.sort_key')
    .orderBy('r.id')
}

/** Every typed word (the last as a prefix), each or-ed with the known words it may have meant. */
const tsQueryWithCorrections = (typed: string, corrections: ReadonlyMap<string, string[]>) => {
  const words = wordsOf(typed).slice(0, 12)
  if (words.length === 0) return null
  const terms = words.map((word, index) => {
    const own = index === words.length - 1 ? `${tsTerm(word)}:*` : tsTerm(word)
    const close = (corrections.get(word) ?? []).map(tsTerm)
    return close.length ? `(${[own, ...close].join(' | ')})` : own
  })
  return sql<string>`to_tsquery('simple', ${terms.join(' & ')})`
}

/**
 * Known words close to typed words that are not known themselves (a typo, not a prefix): the
 * closest by trigram similarity over the library's vocabulary, and any nearly as close (up to
 * three), so "sciencedirekt" means ScienceDirect, not everything about science.
 */
export const correctionsOf = async (db: Kysely<DB>, libraryId: string, typed: string) => {
  const words = wordsOf(typed)
    .slice(0, 12)
    .filter((word) => [...word].length >= 4)
  if (words.length === 0) return new Map<string, string[]>()
  const rows = await sql<{ typed: string; word: string; score: number }>`
    select t.typed, w.word, w.score
    from unnest(${words}::text[]) as t (typed)
    cross join lateral (
      select v.word, similarity(v.word, t.typed) as score from e_resource_words v
      where v.library_id = ${libraryId} and v.word % t.typed and v.word <> t.typed
        and not exists (select 1 from e_resource_words k where k.library_id = ${libraryId} and k.word = t.typed)
      order by similarity(v.word, t.typed) desc, v.word
      limit 3
    ) w
    order by t.typed, w.score desc`.execute(db)
  const corrections = new Map<string, string[]>()
  const best = new Map<string, number>()
  for (const row of rows.rows) {
    // Rows come closest first for each typed word.
    const top = best.get(row.typed) ?? row.score
    best.set(row.typed, top)
    if (row.score >= top * 0.9) corrections.set(row.typed, [...(corrections.get(row.typed) ?? []), row.word])
  }
  return corrections
}

export const rememberWords = async (db: Kysely<DB>, libraryId: string, words: string[]) => {
  if (words.length === 0) return
  await db
    .insertInto('e_resource_words')
    .values(words.map((word) => ({ library_id: libraryId, word })))
    .onConflict((conflict) => conflict.doNothing())
    .execute()
}

const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ#']

/** The letters of the A–Z bar that have something behind them: one index probe per letter. */
export const initialsOf = (
  db: Kysely<DB>,
  libraryId: string,
  visibility: { readersOnly: boolean; today: string },
) =>
  sql<{ letter: string }>`
    select l.letter from unnest(${LETTERS}::text[]) as l (letter)
    where exists (
      select 1 from e_resources r
      where r.library_id = ${libraryId} and r.initial = l.letter
        and ${visibility.readersOnly ? readerVisible(visibility.today) : sql`true`}
    )
    order by l.letter = '#', l.letter`
    .execute(db)
    .then((result) => result.rows.map((row) => row.letter))

export const findResource = (db: Kysely<DB>, resourceId: string) =>
  withDetails(db.selectFrom(db.selectFrom('e_resources').select(COLUMNS).as('r')))
    .where('r.id', '=', resourceId)
    .executeTakeFirst()

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

/** The latest access test of each route of a resource, with who made it. */
export const latestAccessTests = (db: Kysely<DB>, resourceId: string) =>
  db
    .selectFrom('e_resource_access_tests as t')
    .innerJoin('accounts as a', 'a.id', 't.tested_by')
    .distinctOn('t.route')
    .select(['t.route', 't.works', 't.note', 't.tested_at', 'a.name as tested_by_name'])
    .where('t.resource_id', '=', resourceId)
    .orderBy('t.route')
    .orderBy('t.tested_at', 'desc')
    .orderBy('t.id', 'desc')
    .execute()
export type AccessTestRow = Awaited<ReturnType<typeof latestAccessTests>>[number]

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
