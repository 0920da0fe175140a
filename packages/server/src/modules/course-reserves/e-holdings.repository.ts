import { type Kysely, type Selectable, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB, EHoldingPlatformsTable } from '../../db/schema.ts'
import type { StagedHolding } from './holdings-rows.ts'

// Platforms and their titles; no rules here.

export type PlatformRow = Selectable<EHoldingPlatformsTable>

export const platformsOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('e_holding_platforms')
    .selectAll()
    .where('library_id', '=', libraryId)
    .orderBy('name')
    .execute()

export const platformById = (db: Kysely<DB>, libraryId: string, platformId: string) =>
  db
    .selectFrom('e_holding_platforms')
    .selectAll()
    .where('id', '=', platformId)
    .where('library_id', '=', libraryId)
    .executeTakeFirst()

export const platformByName = (db: Kysely<DB>, libraryId: string, name: string) =>
  db
    .selectFrom('e_holding_platforms')
    .selectAll()
    .where('library_id', '=', libraryId)
    .where('name', '=', name)
    .executeTakeFirst()

/** Locks the platform for the length of the transaction, so two imports into it take turns. */
export const lockPlatform = (db: Kysely<DB>, platformId: string) =>
  db.selectFrom('e_holding_platforms').select('id').where('id', '=', platformId).forUpdate().execute()

/** Removes the platform's titles and the matches proposed from them (decisions stay). */
export const clearPlatform = async (db: Kysely<DB>, platformId: string) => {
  await db.deleteFrom('e_holdings').where('platform_id', '=', platformId).execute()
  await db
    .deleteFrom('course_title_matches')
    .where('platform_id', '=', platformId)
    .where('state', '=', 'proposed')
    .execute()
}

/** Writes a batch of a platform's titles in one statement (one array per column). */
export const insertHoldings = async (
  db: Kysely<DB>,
  scope: { libraryId: string; platformId: string },
  rows: readonly StagedHolding[],
) => {
  if (rows.length === 0) return
  const column = <K extends keyof StagedHolding>(key: K) => rows.map((row) => row[key])
  await sql`
    insert into e_holdings (id, library_id, platform_id, title, title_key, author, author_key, publisher,
      print_identifier, online_identifier, print_isbn13, online_isbn13, title_url, publication_type, edition, free)
    select h.id, ${scope.libraryId}::uuid, ${scope.platformId}::uuid, h.title, h.title_key, h.author, h.author_key,
      h.publisher, h.print_identifier, h.online_identifier, h.print_isbn13, h.online_isbn13, h.title_url,
      h.publication_type, h.edition, h.free
    from unnest(
      ${rows.map(() => uuidv7())}::uuid[], ${column('title')}::text[], ${column('title_key')}::text[],
      ${column('author')}::text[], ${column('author_key')}::text[], ${column('publisher')}::text[],
      ${column('print_identifier')}::text[], ${column('online_identifier')}::text[],
      ${column('print_isbn13')}::text[], ${column('online_isbn13')}::text[], ${column('title_url')}::text[],
      ${column('publication_type')}::text[], ${column('edition')}::text[], ${column('free')}::boolean[]
    ) as h (id, title, title_key, author, author_key, publisher, print_identifier, online_identifier,
      print_isbn13, online_isbn13, title_url, publication_type, edition, free)
  `.execute(db)
}
