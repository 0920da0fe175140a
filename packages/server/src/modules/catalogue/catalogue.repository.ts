import { type Kysely, type Selectable, sql } from 'kysely'
import type { CatalogueItemsTable, DB } from '../../db/schema.ts'
import { tsQueryOf } from '../../platform/search/search-text.ts'

export type ItemRow = Selectable<CatalogueItemsTable>

export interface ItemFilters {
  q?: string | undefined
  status?: string | undefined
  materialType?: string | undefined
  location?: string | undefined
}

const ITEM_COLUMNS = [
  'id',
  'library_id',
  'barcode',
  'title',
  'author',
  'publisher',
  'year',
  'isbn13',
  'call_number',
  'location',
  'material_type',
  'status',
] as const

/**
 * Items of one library matching what a person typed: an exact barcode or ISBN, or every word
 * of title / author / publisher / call number (the last as a prefix), or a title close to it
 * (typos). Best matches first; without a search, by location and call number as on the shelf.
 */
export const searchItems = (db: Kysely<DB>, libraryId: string, filters: ItemFilters) => {
  let query = db
    .selectFrom('catalogue_items')
    .select(ITEM_COLUMNS)
    .where('library_id', '=', libraryId)
    .$if(filters.status !== undefined, (q) => q.where('status', '=', filters.status!))
    .$if(filters.materialType !== undefined, (q) => q.where('material_type', '=', filters.materialType!))
    .$if(filters.location !== undefined, (q) => q.where('location', '=', filters.location!))
  const typed = filters.q?.trim()
  if (!typed) return query.orderBy('location').orderBy('call_number').orderBy('id')
  const words = tsQueryOf(typed)
  const code = typed.replace(/[\s-]/g, '')
  query = query.where((eb) =>
    eb.or([
      eb('barcode', '=', typed),
      eb('isbn13', '=', code),
      eb('call_number', 'ilike', `${typed.replace(/[\\%_]/g, '\\$&')}%`),
      ...(words ? [sql<boolean>`search_doc @@ ${words}`] : []),
      sql<boolean>`title % ${typed}`,
    ]),
  )
  // coalesce: an item without ISBN makes the comparison NULL, and NULL sorts first when descending.
  return query
    .orderBy(sql`coalesce(barcode = ${typed} or isbn13 = ${code}, false)`, 'desc')
    .orderBy(words ? sql`ts_rank(search_doc, ${words})` : sql`0`, 'desc')
    .orderBy(sql`similarity(title, ${typed})`, 'desc')
    .orderBy('id')
}

export const locationsOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('catalogue_items')
    .select('location')
    .distinct()
    .where('library_id', '=', libraryId)
    .where('location', 'is not', null)
    .orderBy('location')
    .limit(200)
    .execute()
    .then((rows) => rows.map((row) => row.location as string))

export const itemsWithIsbn = (db: Kysely<DB>, libraryId: string, isbn13: string) =>
  db
    .selectFrom('catalogue_items')
    .select(ITEM_COLUMNS)
    .where('library_id', '=', libraryId)
    .where('isbn13', '=', isbn13)
    .where('status', '!=', 'withdrawn')
    .limit(500)
    .execute()

/** Items whose title is close to the given one (pg_trgm), and by that author when one is given. */
export const itemsLikeTitle = (db: Kysely<DB>, libraryId: string, title: string, author?: string) =>
  db
    .selectFrom('catalogue_items')
    .select(ITEM_COLUMNS)
    .where('library_id', '=', libraryId)
    .where('status', '!=', 'withdrawn')
    // `%` (similarity above pg_trgm's 0.3 threshold) can use the trigram index; the stricter
    // 0.45 then decides, so a holdings check does not read every title of a large library.
    .where(sql<boolean>`title % ${title}`)
    .where(sql<boolean>`similarity(title, ${title}) >= 0.45`)
    .$if(Boolean(author), (q) =>
      q.where((eb) => eb.or([eb('author', 'is', null), eb(sql`similarity(author, ${author})`, '>=', 0.3)])),
    )
    .orderBy(sql`similarity(title, ${title})`, 'desc')
    .limit(200)
    .execute()
