import { sql } from 'kysely'

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' })

/** The words of a text, lower-cased; Chinese is split into dictionary words by ICU. */
export const wordsOf = (text: string): string[] => {
  const words: string[] = []
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (isWordLike) words.push(segment)
  }
  return words
}

/**
 * What a row stores for full-text search: its texts as space-separated words, so PostgreSQL's
 * `simple` configuration (which cannot split Chinese) indexes each word. Kept in a text
 * column from which a generated `tsvector` column is built.
 */
export const searchTextOf = (...texts: (string | null | undefined)[]) =>
  texts.flatMap((text) => (text ? wordsOf(text) : [])).join(' ')

/** A word as a tsquery term, quoted so no operator a reader types reaches the query parser. */
export const tsTerm = (word: string) => `'${word.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`

/**
 * A tsquery matching every word of what a person typed, the last one as a prefix (they may
 * still be typing), or null when nothing searchable was typed. Words are quoted, so no
 * operator a reader types reaches the query parser.
 */
export const tsQueryOf = (typed: string) => {
  const words = wordsOf(typed).slice(0, 12)
  if (words.length === 0) return null
  const terms = words.map((word, index) => (index === words.length - 1 ? `${tsTerm(word)}:*` : tsTerm(word)))
  return sql<string>`to_tsquery('simple', ${terms.join(' & ')})`
}
