import { isbn13Of } from '@shuqiao/contracts'

// How titles, authors and ISBNs are compared: one book asked for by several courses, or found
// on a vendor's platform, is recognised however each wrote it.

type Bilingual = { zh: string; en: string }

/** Shorter than this (in letters and digits), a main title is too generic to stand for the book. */
const MIN_MAIN_TITLE = 4

const lettersAndDigits = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '')

/**
 * A title folded for comparing: full-width forms folded (NFKC), lower case, `&` as `and`, what is
 * in brackets dropped (editions such as `（第2版）`), a leading English article dropped, then
 * letters and digits only. The main title (before a colon or a dash) stands for the whole unless
 * it is very short, so `数据结构：C语言版` and `数据结构（第2版）` are both `数据结构`.
 * '' for no title.
 */
export const titleKey = (title: string | null | undefined) => {
  if (!title) return ''
  const folded = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, ' ')
    .trim()
    .replace(/^(the|a|an)\s+/, '')
  const main = lettersAndDigits(folded.split(/[:：;；]|\s[-–—]\s|——/)[0] ?? '')
  return main.length >= MIN_MAIN_TITLE ? main : lettersAndDigits(folded)
}

// Words of responsibility after a name (严蔚敏 编著, 张三等译, Smith (ed.)): not part of it.
const ROLE_WORDS = /(副主编|主编|编著|编写|合著|原著|主译|编译|著|编|译|等)(?=$|[\s,，、;；/&])/g
const ENGLISH_ROLES = /\b(eds?|editors?|edited by|et al|and others|by|trans|translated by)\b\.?/g

/**
 * An author (or a list of them) folded for comparing: NFKC, lower case, words of responsibility
 * (主编, 编著, 著, 译, 等, ed., et al.) dropped, letters and digits only. '' for none.
 */
export const authorKey = (author: string | null | undefined) => {
  if (!author) return ''
  return lettersAndDigits(
    author.normalize('NFKC').toLowerCase().replace(ROLE_WORDS, ' ').replace(ENGLISH_ROLES, ' '),
  )
}

/**
 * Whether two authors may be the same: either is unknown, or one folded name holds the other
 * (a KBART file's `Holloway` and a teacher's `Richard Holloway`; `严蔚敏` and `严蔚敏，吴伟民`).
 */
export const authorsAgree = (a: string, b: string) => a === '' || b === '' || a.includes(b) || b.includes(a)

export type IsbnReading =
  | { isbn13: string; problem?: undefined }
  | { isbn13?: undefined; problem: 'length' | 'checksum' | 'format' }

/**
 * An ISBN as people write it (hyphens, spaces, an `ISBN` prefix, full-width digits): its ISBN-13,
 * or why it is not one: `format` (not digits), `length` (not 10 or 13 digits), `checksum` (the
 * check digit does not match). Undefined for a blank cell.
 */
export const readIsbn = (raw: string): IsbnReading | undefined => {
  const cleaned = raw
    .normalize('NFKC')
    .trim()
    .replace(/^isbn(-?1[03])?[:：]?\s*/i, '')
    .replace(/[\s\u2010-\u2015-]/g, '')
  if (!cleaned) return undefined
  if (!/^[\dXx]+$/.test(cleaned)) return { problem: 'format' }
  if (!/^(\d{9}[\dXx]|\d{13})$/.test(cleaned)) return { problem: 'length' }
  const isbn13 = isbn13Of(cleaned)
  return isbn13 ? { isbn13 } : { problem: 'checksum' }
}

/** Why an ISBN was refused, for a person to fix it. */
export const isbnMessage = (raw: string, problem: 'length' | 'checksum' | 'format'): Bilingual =>
  problem === 'checksum'
    ? {
        zh: `ISBN“${raw}”的校验位不对，请核对是否抄错了数字。`,
        en: `The ISBN “${raw}” has a wrong check digit; check it for a mistyped digit.`,
      }
    : problem === 'length'
      ? {
          zh: `ISBN“${raw}”应为 10 位或 13 位数字。`,
          en: `The ISBN “${raw}” should have 10 or 13 digits.`,
        }
      : {
          zh: `“${raw}”不是 ISBN：ISBN 只含数字（ISBN-10 末位可为 X）。`,
          en: `“${raw}” is not an ISBN: an ISBN has only digits (an ISBN-10 may end in X).`,
        }
