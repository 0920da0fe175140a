import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** A library's own discipline list in its order; empty when it keeps none. */
export const disciplineRowsOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('library_disciplines')
    .select(['code', 'name_zh', 'name_en'])
    .where('library_id', '=', libraryId)
    .orderBy('position')
    .execute()

export const replaceDisciplines = async (
  db: Kysely<DB>,
  libraryId: string,
  items: readonly { code: string; zh: string; en: string }[],
) => {
  await db.deleteFrom('library_disciplines').where('library_id', '=', libraryId).execute()
  if (items.length === 0) return
  await db
    .insertInto('library_disciplines')
    .values(
      items.map((item, position) => ({
        library_id: libraryId,
        code: item.code,
        name_zh: item.zh,
        name_en: item.en,
        position,
      })),
    )
    .execute()
}

// The library's row stands for its discipline list: a change of the list holds it exclusively
// (FOR NO KEY UPDATE), filing a resource or guide under the list holds it shared (FOR SHARE), so
// no code is removed between being checked and being filed under. Neither blocks the foreign-key
// checks (FOR KEY SHARE) of other writes in the library. Each takes it first in its transaction.

/** Holds the list for a change until the transaction ends. */
export const holdForChange = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('libraries')
    .select('id')
    .where('id', '=', libraryId)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow()

/** Holds the list as it is until the transaction ends, while something is filed under it. */
export const holdForFiling = (db: Kysely<DB>, libraryId: string) =>
  db.selectFrom('libraries').select('id').where('id', '=', libraryId).forShare().executeTakeFirstOrThrow()

/** How many of the library's resources and guides are filed under each of `codes`; unused codes left out. */
export const usesOf = async (db: Kysely<DB>, libraryId: string, codes: readonly string[]) => {
  if (codes.length === 0) return []
  const result = await sql<{ code: string; resources: number; guides: number }>`
    select c.code,
      (select count(*) from e_resources r where r.library_id = ${libraryId} and c.code = any (r.subjects))::int
        as resources,
      (select count(*) from resource_guides g where g.library_id = ${libraryId} and g.discipline = c.code)::int
        as guides
    from unnest(${codes}::text[]) with ordinality as c (code, at)
    order by c.at`.execute(db)
  return result.rows
    .map((row) => ({ code: row.code, resources: Number(row.resources), guides: Number(row.guides) }))
    .filter((row) => row.resources > 0 || row.guides > 0)
}

/** What the search words of the library's resources under any of `codes` are made from. */
export const resourcesUnder = (db: Kysely<DB>, libraryId: string, codes: readonly string[]) =>
  db
    .selectFrom('e_resources')
    .select(['id', 'name_zh', 'name_en', 'aliases', 'vendor', 'subjects'])
    .where('library_id', '=', libraryId)
    .where(sql<boolean>`subjects && ${[...codes]}::text[]`)
    .orderBy('id')
    .execute()

/** Stores rebuilt search words, many resources in one statement. */
export const setSearchTexts = async (db: Kysely<DB>, rows: readonly { id: string; searchText: string }[]) => {
  if (rows.length === 0) return
  await sql`
    update e_resources r set search_text = v.search_text
    from unnest(${rows.map((row) => row.id)}::uuid[], ${rows.map((row) => row.searchText)}::text[])
      as v (id, search_text)
    where r.id = v.id`.execute(db)
}
