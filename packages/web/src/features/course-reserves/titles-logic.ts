import { courseTitles, hyphenatedIsbn, isbn13Of } from '@shuqiao/contracts'

export const TITLE_STATUSES = courseTitles.TITLE_STATUSES
export const SAMPLE_DEMAND_LIST = '/samples/titles-sample.csv'
export const SAMPLE_KBART = '/samples/kbart-sample.txt'

/**
 * Why what was typed is not an ISBN, as the server will judge it: `checksum` (10 or 13 digits
 * with a wrong check digit), `length`, `format` (not digits); undefined for a valid ISBN or
 * nothing typed.
 */
export const isbnProblem = (raw: string): 'checksum' | 'length' | 'format' | undefined => {
  const cleaned = raw
    .normalize('NFKC')
    .trim()
    .replace(/^isbn(-?1[03])?[:：]?\s*/i, '')
    .replace(/[\s\u2010-\u2015-]/g, '')
  if (!cleaned) return undefined
  if (!/^[\dXx]+$/.test(cleaned)) return 'format'
  if (!/^(\d{9}[\dXx]|\d{13})$/.test(cleaned)) return 'length'
  return isbn13Of(cleaned) ? undefined : 'checksum'
}

/** An ISBN-13 as printed on the book, or '' for none. */
export const isbnText = (isbn13: string | null | undefined) => (isbn13 ? hyphenatedIsbn(isbn13) : '')

/** What a title is called where it has no name yet: its ISBN. */
export const titleName = (title: { title: string | null; isbn13: string | null }, unnamed: string) =>
  title.title ?? `${isbnText(title.isbn13)} ${unnamed}`.trim()

/** Author, publisher and edition, as one line under a title. */
export const titleDetails = (title: {
  author: string | null
  publisher: string | null
  edition: string | null
}) => [title.author, title.publisher, title.edition].filter(Boolean).join(' · ')

/**
 * A platform's name suggested by a vendor's file name: the extension, a trailing date and
 * KBART's `_AllTitles` dropped, underscores as spaces
 * (`CambridgeBooks_EdinburghUniversityPress.tsv` → `CambridgeBooks EdinburghUniversityPress`).
 */
export const platformNameOf = (fileName: string) =>
  fileName
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .replace(/[_-]?\d{4}-\d{2}-\d{2}$/, '')
    .replace(/[_-]AllTitles$/i, '')
    .replace(/[_]+/g, ' ')
    .trim()
    .slice(0, 120)
