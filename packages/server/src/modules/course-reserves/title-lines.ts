import type { courseTitles } from '@shuqiao/contracts'
import { cleanText, isUnsafeName } from './course-import.values.ts'
import { isbnMessage, readIsbn } from './title-keys.ts'
import type { WantedTitle } from './title-store.ts'

// What teachers type or paste, read as titles: an ISBN, or a title with its author, publisher
// and edition. Pure, so the dry run and the apply read the same.

type Bilingual = { zh: string; en: string }

export interface TitleLine {
  line: number
  text: string
  want?: WantedTitle
  problem?: { code: string; message: Bilingual }
}

/** Lines in one pasted list at most. */
export const MAX_PASTED_LINES = 500

const LIMITS = { title: 300, author: 200, publisher: 200, edition: 60 }

/** A title typed into the form, its ISBN normalised and its text tidied (NFKC, spaces). */
export const wantOfInput = (input: courseTitles.TitleInput): WantedTitle => {
  const isbn = input.isbn ? readIsbn(input.isbn) : undefined
  const text = (value: string | undefined) => (value ? cleanText(value) || null : null)
  return {
    isbn13: isbn?.isbn13 ?? null,
    title: text(input.title),
    author: text(input.author),
    publisher: text(input.publisher),
    edition: text(input.edition),
  }
}

// `1. `, `1、`, `(1)`, `1)` before a title: a numbered list as people paste it.
const NUMBERING = /^(?:\(\d{1,3}\)|\d{1,3}[.、)])\s*/
// An ISBN attempt: digits (at least 8), X, hyphens and spaces, maybe after `ISBN`.
const ISBN_PREFIX = /^isbn(?:-?1[03])?[:：]?\s*/i
const ISBN_LIKE = /^[\dXx][\dXx\s-]{6,}[\dXx]$/
// `/` between two parts, but not inside a name such as TCP/IP or I/O.
const PART_SEPARATOR = /\s+\/\s*|\s*\/\s+|(?<![A-Za-z0-9])\/|\/(?![A-Za-z0-9])|\t/

/**
 * One line of a pasted list: an ISBN (`978-7-302-14751-0`), an ISBN and a title, or
 * `title / author / publisher` (author and publisher optional). A wrong ISBN, a line too long
 * or with characters that are not allowed is a problem of that line.
 */
export const readTitleLine = (raw: string, line: number): TitleLine => {
  const text = cleanText(raw).replace(NUMBERING, '')
  const refuse = (code: string, message: Bilingual): TitleLine => ({ line, text, problem: { code, message } })
  if (isUnsafeName(text))
    return refuse('unsafe_characters', {
      zh: '这一行包含不允许的字符（如 < > 或控制字符）。',
      en: 'This line contains characters that are not allowed (such as < > or control characters).',
    })
  const body = text.replace(ISBN_PREFIX, '')
  const [first = '', ...rest] = body.split(' ')
  const isbnPart = ISBN_LIKE.test(body)
    ? body
    : ISBN_LIKE.test(first) || ISBN_PREFIX.test(text)
      ? first
      : null
  if (isbnPart !== null) {
    const isbn = readIsbn(isbnPart)
    if (!isbn?.isbn13) return refuse('bad_isbn', isbnMessage(isbnPart, isbn?.problem ?? 'format'))
    const title = isbnPart === body ? null : rest.join(' ').replace(/^[\s/,，:：-]+/, '') || null
    return checked(line, text, { isbn13: isbn.isbn13, title, author: null, publisher: null, edition: null })
  }
  const [title = '', author, publisher] = text.split(PART_SEPARATOR).map((part) => part.trim())
  if (!title)
    return refuse('missing_title', {
      zh: '这一行没有书名：请写“书名 / 作者”，或一个 ISBN。',
      en: 'This line has no title: write “title / author”, or an ISBN.',
    })
  return checked(line, text, {
    isbn13: null,
    title,
    author: author || null,
    publisher: publisher || null,
    edition: null,
  })
}

const checked = (line: number, text: string, want: WantedTitle): TitleLine => {
  for (const field of ['title', 'author', 'publisher'] as const) {
    const value = want[field]
    if (value && value.length > LIMITS[field])
      return {
        line,
        text,
        problem: {
          code: 'too_long',
          message: {
            zh: `${{ title: '书名', author: '作者', publisher: '出版社' }[field]}过长，最多 ${LIMITS[field]} 个字符。`,
            en: `The ${field} is too long; at most ${LIMITS[field]} characters.`,
          },
        },
      }
  }
  return { line, text, want }
}

/** Every line of a pasted list that is not blank, in order, with its line number. */
export const readTitleLines = (pasted: string): TitleLine[] =>
  pasted
    .split(/\r\n?|\n/)
    .map((raw, at) => ({ raw, line: at + 1 }))
    .filter(({ raw }) => raw.trim() !== '')
    .map(({ raw, line }) => readTitleLine(raw, line))
