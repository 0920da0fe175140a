import { randomInt } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { coursePermalink, insertPermalink } from './reserve-items.repository.ts'

// Short, stable addresses for a course's list and each of its items: /r/<code>. Eight letters
// and digits without look-alikes (0/o, 1/l/i) — 31^8, about 850 billion codes — so a code read
// aloud or copied from a slide is hard to get wrong and impossible to guess one's way through.

const ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz'
export const CODE_LENGTH = 8

export const newCode = () =>
  Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')

/** The path a permalink is opened at. */
export const permalinkPath = (code: string) => `/r/${code}`

const allot = async (
  db: Kysely<DB>,
  target: { libraryId: string; courseId: string; itemId: string | null },
) => {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newCode()
    if (await insertPermalink(db, { code, ...target })) return code
  }
  throw new Error('no free permalink code after 5 attempts')
}

/** Gives a new item its permalink, in the item's transaction. */
export const allotItemPermalink = (
  db: Kysely<DB>,
  item: { libraryId: string; courseId: string; itemId: string },
) => allot(db, item)

/** The course list's permalink, made the first time it is asked for. */
export const coursePermalinkCode = async (db: Kysely<DB>, course: { id: string; library_id: string }) => {
  const known = await coursePermalink(db, course.id)
  if (known) return known
  try {
    return await allot(db, { libraryId: course.library_id, courseId: course.id, itemId: null })
  } catch (error) {
    // Two first asks at once: the other one's code stands.
    const other = await coursePermalink(db, course.id)
    if (other) return other
    throw error
  }
}
