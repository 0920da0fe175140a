import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import * as repo from './course-titles.repository.ts'
import { authorKey, titleKey } from './title-keys.ts'

// One book is one title per term, however many courses ask for it and however each wrote it:
// found by its ISBN-13, else by its folded title and author. A title asked for by name only and
// then by ISBN gains the ISBN; blanks (publisher, edition, or the title of one asked for by ISBN
// alone) are filled from later requests, and what a title already says is never overwritten.

/** A title as asked for, its ISBN already checked and normalised. */
export interface WantedTitle {
  isbn13: string | null
  title: string | null
  author: string | null
  publisher: string | null
  edition: string | null
}

interface Keys {
  title: string
  author: string
}

export interface PlannedTitle {
  want: WantedTitle
  keys: Keys
  /** The term's title it is; undefined for one to create. */
  existing: repo.TitleRow | undefined
  /** Blanks of the existing title to fill, and the ISBN of one known by name only. */
  fill: Partial<
    Pick<repo.TitleRow, 'isbn13' | 'title' | 'title_key' | 'author' | 'author_key' | 'publisher' | 'edition'>
  >
}

const keysOf = (want: WantedTitle): Keys => ({ title: titleKey(want.title), author: authorKey(want.author) })

/** Identifies a want within a batch: by ISBN, else by title and author. */
export const wantKey = (want: WantedTitle) => {
  if (want.isbn13) return `isbn:${want.isbn13}`
  const keys = keysOf(want)
  return `text:${keys.title}\u0000${keys.author}`
}

const textKey = (keys: Keys) => `${keys.title}\u0000${keys.author}`

/** What a later request adds to a title: blanks only; a title known by ISBN alone gains its name. */
const fillFor = (row: repo.TitleRow, want: WantedTitle): PlannedTitle['fill'] => {
  const fill: PlannedTitle['fill'] = {}
  if (!row.publisher && want.publisher) fill.publisher = want.publisher
  if (!row.edition && want.edition) fill.edition = want.edition
  // The keys of a title without an ISBN identify it, so only one with an ISBN takes a name later.
  if (row.isbn13 && !row.title && want.title) {
    fill.title = want.title
    fill.title_key = titleKey(want.title)
  }
  if (row.isbn13 && !row.author && want.author) {
    fill.author = want.author
    fill.author_key = authorKey(want.author)
  }
  return fill
}

/**
 * Sets each want against the term's titles: the title it is (and what to fill into it), or a
 * title to create. Wants of the same book in one batch share one plan; the answer maps every
 * want's `wantKey` to its plan.
 */
export const planTitles = async (db: Kysely<DB>, termId: string, wants: readonly WantedTitle[]) => {
  const unique = new Map<string, WantedTitle>()
  for (const want of wants) {
    const key = wantKey(want)
    const known = unique.get(key)
    unique.set(
      key,
      known
        ? {
            isbn13: known.isbn13,
            title: known.title ?? want.title,
            author: known.author ?? want.author,
            publisher: known.publisher ?? want.publisher,
            edition: known.edition ?? want.edition,
          }
        : want,
    )
  }
  const all = [...unique.entries()]
  const isbns = all.flatMap(([, want]) => (want.isbn13 ? [want.isbn13] : []))
  const byIsbn = new Map((await repo.titlesByIsbn(db, termId, isbns)).map((row) => [row.isbn13!, row]))
  const named = await repo.titlesByTitleKey(
    db,
    termId,
    all.map(([, want]) => titleKey(want.title)),
  )
  const claimed = new Set<string>()
  const plans = new Map<string, PlannedTitle>()
  // Titles of this batch by title and author, so a row by name finds a row of the batch by ISBN.
  const byText = new Map<string, PlannedTitle>()

  for (const [key, want] of all.filter(([, each]) => each.isbn13)) {
    const keys = keysOf(want)
    const existing =
      byIsbn.get(want.isbn13!) ??
      named.find(
        (row) =>
          !row.isbn13 &&
          !claimed.has(row.id) &&
          keys.title !== '' &&
          row.title_key === keys.title &&
          row.author_key === keys.author,
      )
    if (existing) claimed.add(existing.id)
    const fill = existing ? fillFor(existing, want) : {}
    if (existing && !existing.isbn13) fill.isbn13 = want.isbn13
    const plan: PlannedTitle = { want, keys, existing, fill }
    plans.set(key, plan)
    if (keys.title && !byText.has(textKey(keys))) byText.set(textKey(keys), plan)
  }
  for (const [key, want] of all.filter(([, each]) => !each.isbn13)) {
    const keys = keysOf(want)
    const existing = named.find((row) => row.title_key === keys.title && row.author_key === keys.author)
    if (existing) {
      plans.set(key, { want, keys, existing, fill: fillFor(existing, want) })
      continue
    }
    const inBatch = byText.get(textKey(keys))
    if (inBatch) {
      plans.set(key, inBatch)
      continue
    }
    const plan: PlannedTitle = { want, keys, existing: undefined, fill: {} }
    plans.set(key, plan)
    byText.set(textKey(keys), plan)
  }
  return plans
}

/** Creates the planned titles and fills the existing ones; answers each plan's title id. */
export const writeTitles = async (
  db: Kysely<DB>,
  scope: { libraryId: string; termId: string; now: Date },
  plans: ReadonlyMap<string, PlannedTitle>,
) => {
  const ids = new Map<PlannedTitle, string>()
  const distinct = [...new Set(plans.values())]
  const created = distinct.filter((plan) => !plan.existing)
  for (const chunk of repo.chunks(created, 500))
    await db
      .insertInto('course_titles')
      .values(
        chunk.map((plan) => {
          const id = uuidv7()
          ids.set(plan, id)
          return {
            id,
            library_id: scope.libraryId,
            term_id: scope.termId,
            isbn13: plan.want.isbn13,
            title: plan.want.title,
            title_key: plan.keys.title,
            author: plan.want.author,
            author_key: plan.keys.author,
            publisher: plan.want.publisher,
            edition: plan.want.edition,
          }
        }),
      )
      .execute()
  for (const plan of distinct) {
    if (!plan.existing) continue
    ids.set(plan, plan.existing.id)
    if (Object.keys(plan.fill).length === 0) continue
    await db
      .updateTable('course_titles')
      .set({ ...plan.fill, updated_at: scope.now })
      .where('id', '=', plan.existing.id)
      .execute()
  }
  return ids
}
