import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** The same address whatever its scheme, case of host or final slash. */
export const addressKey = (url: string) => {
  try {
    const parsed = new URL(url)
    return `${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`
  } catch {
    return url.trim().toLowerCase()
  }
}

const titleKey = (title: string) => title.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()

/**
 * Finds what an import row or stanza is about in the library's directory: the resource at the
 * same address, else one with the same name (Chinese or English).
 */
export const loadDirectoryMatcher = async (db: Kysely<DB>, libraryId: string) => {
  const known = await db
    .selectFrom('e_resources')
    .select(['id', 'name_zh', 'name_en', 'url'])
    .where('library_id', '=', libraryId)
    .orderBy('id')
    .execute()
  const byAddress = new Map(known.map((row) => [addressKey(row.url), row]))
  const byTitle = new Map(
    known.flatMap((row) =>
      [row.name_zh, row.name_en].flatMap((name) => (name ? [[titleKey(name), row]] : [])),
    ),
  )
  return (url: string | null, ...names: (string | null)[]) =>
    (url ? byAddress.get(addressKey(url)) : undefined) ??
    names.map((name) => (name ? byTitle.get(titleKey(name)) : undefined)).find(Boolean)
}
