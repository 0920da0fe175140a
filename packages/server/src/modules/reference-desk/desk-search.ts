import { type RawBuilder, sql } from 'kysely'
import { tsQueryOf } from '../../platform/search/search-text.ts'

/**
 * How the desk matches what a person typed against a row's segmented words (`search_text`, with
 * `search_doc` its generated tsvector): every word (Chinese segmented, the last one as a
 * prefix), or the text as a substring (partial Chinese words the segmenter split otherwise), or
 * close to a word of the row (pg_trgm word similarity, for typos). `alias` is the row's table
 * alias. Undefined when nothing was typed; `rank` orders best matches first.
 */
export const typedMatch = (alias: string, q: string | undefined) => {
  const typed = q?.normalize('NFKC').toLowerCase().trim()
  if (!typed) return undefined
  const doc = sql.ref(`${alias}.search_doc`)
  const text = sql.ref(`${alias}.search_text`)
  const words = tsQueryOf(typed)
  const substring = `%${typed.replace(/[\\%_]/g, '\\$&')}%`
  const where: RawBuilder<boolean> = sql<boolean>`(${
    words ? sql`${doc} @@ ${words} or ` : sql``
  }${text} ilike ${substring} or ${typed} <% ${text})`
  return {
    where,
    rank: [words ? sql`ts_rank(${doc}, ${words})` : sql`0`, sql`word_similarity(${typed}, ${text})`] as const,
  }
}
