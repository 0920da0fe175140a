import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { typedMatch } from './desk-search.ts'

export interface FaqFilters {
  q?: string | undefined
  queueId?: string | undefined
  status?: 'draft' | 'published' | undefined
  visibilities?: readonly ('public' | 'staff')[]
}

/** FAQ articles with the names of their topic queue. */
const faqSelect = (db: Kysely<DB>) =>
  db
    .selectFrom('reference_faq as f')
    .leftJoin('reference_queues as q', 'q.id', 'f.queue_id')
    .selectAll('f')
    .select(['q.code as queue_code', 'q.name_zh as queue_name_zh', 'q.name_en as queue_name_en'])

/**
 * A library's FAQ articles with their topic, matching what a person typed: every word (Chinese
 * segmented, the last one as a prefix), or the text as a substring, or close to a word of the
 * article (pg_trgm word similarity, for typos). Best matches first; without a search, in the
 * library's order.
 */
export const faqOf = (db: Kysely<DB>, libraryId: string, filters: FaqFilters) => {
  const query = faqSelect(db)
    .where('f.library_id', '=', libraryId)
    .$if(filters.status !== undefined, (q) => q.where('f.status', '=', filters.status!))
    .$if(filters.queueId !== undefined, (q) => q.where('f.queue_id', '=', filters.queueId!))
    .$if(filters.visibilities !== undefined, (q) => q.where('f.visibility', 'in', filters.visibilities!))
  const match = typedMatch('f', filters.q)
  if (!match) return query.orderBy('f.position').orderBy('f.created_at')
  return query
    .where(match.where)
    .orderBy(match.rank[0], 'desc')
    .orderBy(match.rank[1], 'desc')
    .orderBy('f.position')
    .orderBy('f.id')
}

export type FaqRow = Awaited<ReturnType<ReturnType<typeof faqOf>['execute']>>[number]

export const findFaq = (db: Kysely<DB>, articleId: string) =>
  faqSelect(db)
    .innerJoin('libraries as l', 'l.id', 'f.library_id')
    .select('l.consortium_id')
    .where('f.id', '=', articleId)
    .executeTakeFirst()
