import { type catalogue, isbn13Of } from '@shuqiao/contracts'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, invalidCursor } from '../../http/problem.ts'
import { callerLibraryOf } from '../../platform/libraries/caller-library.ts'
import { groupHoldings, presentItem } from './catalogue.presenter.ts'
import * as repo from './catalogue.repository.ts'

/** The library whose catalogue the caller reads: their own, or for a consortium admin the one named. */
export const catalogueLibraryOf = callerLibraryOf

// Ranked results have no natural key to continue from, so the cursor is an offset, bounded.
const MAX_OFFSET = 10_000
const offsetOf = (cursor: string | undefined) => {
  if (cursor === undefined) return 0
  const offset = /^\d{1,5}$/.test(cursor) ? Number(cursor) : Number.NaN
  if (!(offset >= 0 && offset <= MAX_OFFSET)) {
    throw invalidCursor()
  }
  return offset
}

export const createCatalogueService = (ctx: AppContext) => ({
  search: async (caller: Caller, query: z.output<typeof catalogue.searchCatalogue.query>) => {
    const libraryId = await catalogueLibraryOf(ctx, caller, query.libraryId)
    const offset = offsetOf(query.cursor)
    const rows = await repo
      .searchItems(ctx.db, libraryId, query)
      .offset(offset)
      .limit(query.limit + 1)
      .execute()
    const more = rows.length > query.limit && offset + query.limit < MAX_OFFSET
    return {
      items: rows.slice(0, query.limit).map(presentItem),
      nextCursor: more ? String(offset + query.limit) : null,
      // The location filter's choices come with the first page; later pages need not repeat them.
      locations: offset === 0 ? await repo.locationsOf(ctx.db, libraryId) : [],
    }
  },

  /**
   * Whether the library already has a book. A valid ISBN decides alone when it finds copies;
   * otherwise a close title (and author, when given) does, so a suggester sees "we have it"
   * even when they typed the ISBN of another edition.
   */
  holdings: async (caller: Caller, query: z.output<typeof catalogue.checkHoldings.query>) => {
    const libraryId = await catalogueLibraryOf(ctx, caller, query.libraryId)
    if (query.isbn && !isbn13Of(query.isbn)) {
      throw fieldProblem('query.isbn', 'invalid_format', 'ISBN 无效', 'Not a valid ISBN')
    }
    const isbn = query.isbn ? isbn13Of(query.isbn) : null
    if (isbn) {
      const copies = await repo.itemsWithIsbn(ctx.db, libraryId, isbn)
      if (copies.length > 0)
        return { matchedBy: 'isbn' as const, holdings: groupHoldings(copies.map(presentItem)) }
    }
    const title = query.title?.trim()
    if (title && [...title].length >= 2) {
      const similar = await repo.itemsLikeTitle(ctx.db, libraryId, title, query.author)
      if (similar.length > 0) {
        return { matchedBy: 'title' as const, holdings: groupHoldings(similar.map(presentItem)).slice(0, 10) }
      }
    }
    return { matchedBy: null, holdings: [] }
  },
})
