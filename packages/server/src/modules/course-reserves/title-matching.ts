import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { chunks } from './course-titles.repository.ts'
import { authorKey, titleKey } from './title-keys.ts'

// Matching requested titles against the library's e-holdings, in the database, set by set: first
// by ISBN-13 (either identifier of a holding), then, for titles no ISBN found, by folded title
// with authors that agree (one folded name holds the other, or either is unknown). Each find is
// a proposal for a librarian to accept or reject; one already proposed, accepted or rejected is
// not proposed again. Holdings without a link are never proposed.

/** Proposals kept per title at most, best first (a generic title may be on many platforms). */
export const PROPOSALS_PER_TITLE = 10

interface Found {
  title_id: string
  platform_id: string
  matched_by: 'isbn' | 'title_author' | 'title'
  title: string
  author: string | null
  publisher: string | null
  isbn13: string | null
  url: string
  free: boolean
}

/**
 * Proposes matches for the library's requested titles (only `titleIds` when given) and answers
 * how many titles were looked at and how many proposals were made.
 */
export const proposeMatches = async (
  db: Kysely<DB>,
  libraryId: string,
  only?: { titleIds: readonly string[] },
) => {
  if (only && only.titleIds.length === 0) return { titles: 0, proposed: 0 }
  const ids = only ? sql`and t.id = any(${[...only.titleIds]}::uuid[])` : sql``
  const found = await sql<Found>`
    with wanted as (
      select t.id, t.isbn13, t.title_key, t.author_key from course_titles t
      where t.library_id = ${libraryId} and t.status = 'requested' ${ids}
    ),
    by_isbn as (
      select w.id as title_id, h.*, 0 as rank from wanted w
        join e_holdings h on h.library_id = ${libraryId} and h.print_isbn13 = w.isbn13
      union all
      select w.id as title_id, h.*, 0 as rank from wanted w
        join e_holdings h on h.library_id = ${libraryId} and h.online_isbn13 = w.isbn13
    ),
    by_title as (
      select w.id as title_id, h.*,
        case when w.author_key <> '' and h.author_key <> '' then 1 else 2 end as rank
      from wanted w
        join e_holdings h on h.library_id = ${libraryId} and h.title_key = w.title_key
      where w.title_key <> ''
        and not exists (select 1 from by_isbn b where b.title_id = w.id)
        and (w.author_key = '' or h.author_key = ''
          or strpos(w.author_key, h.author_key) > 0 or strpos(h.author_key, w.author_key) > 0)
    ),
    found as (
      select distinct on (f.title_id, f.platform_id, f.title_url) f.* from (
        select * from by_isbn union all select * from by_title
      ) f
      where f.title_url is not null
        and not exists (select 1 from course_title_matches m
          where m.title_id = f.title_id and m.platform_id = f.platform_id and m.url = f.title_url)
      order by f.title_id, f.platform_id, f.title_url, f.rank
    ),
    ranked as (
      select f.*, row_number() over (partition by f.title_id order by f.rank, f.platform_id, f.title_url) as n
      from found f
    )
    select r.title_id, r.platform_id,
      case r.rank when 0 then 'isbn' when 1 then 'title_author' else 'title' end as matched_by,
      r.title, r.author, r.publisher, coalesce(r.online_isbn13, r.print_isbn13) as isbn13,
      r.title_url as url, r.free
    from ranked r
    where r.n <= ${PROPOSALS_PER_TITLE}
  `.execute(db)
  const { titles } = await db
    .selectFrom('course_titles as t')
    .select(sql<number>`count(*)::int`.as('titles'))
    .where('t.library_id', '=', libraryId)
    .where('t.status', '=', 'requested')
    .$if(!!only, (query) => query.where(sql<boolean>`t.id = any(${[...only!.titleIds]}::uuid[])`))
    .executeTakeFirstOrThrow()
  let proposed = 0
  for (const chunk of chunks(found.rows, 1000)) {
    const inserted = await db
      .insertInto('course_title_matches')
      .values(
        chunk.map((row) => ({
          id: uuidv7(),
          library_id: libraryId,
          title_id: row.title_id,
          platform_id: row.platform_id,
          matched_by: row.matched_by,
          title: row.title,
          author: row.author,
          publisher: row.publisher,
          isbn13: row.isbn13,
          url: row.url,
          free: row.free,
        })),
      )
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst()
    proposed += Number(inserted.numInsertedOrUpdatedRows ?? 0)
  }
  await nameFromMatches(db, found.rows)
  return { titles, proposed }
}

/**
 * A title asked for by ISBN alone takes its name (title, author, publisher) from the holding its
 * ISBN was found on, so staff and teachers see what it is. Only blanks are filled.
 */
const nameFromMatches = async (db: Kysely<DB>, found: readonly Found[]) => {
  const byIsbn = new Map<string, Found>()
  for (const row of found)
    if (row.matched_by === 'isbn' && !byIsbn.has(row.title_id)) byIsbn.set(row.title_id, row)
  if (byIsbn.size === 0) return
  const bare = await db
    .selectFrom('course_titles')
    .select(['id', 'author', 'publisher'])
    .where('id', 'in', [...byIsbn.keys()])
    .where('title', 'is', null)
    .execute()
  for (const title of bare) {
    const match = byIsbn.get(title.id)!
    const author = title.author ?? match.author
    await db
      .updateTable('course_titles')
      .set({
        title: match.title,
        title_key: titleKey(match.title),
        author,
        author_key: authorKey(author),
        publisher: title.publisher ?? match.publisher,
      })
      .where('id', '=', title.id)
      .execute()
  }
}
