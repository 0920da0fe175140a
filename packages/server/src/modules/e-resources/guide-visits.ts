import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/**
 * Visits of the library's guides between two days (inclusive), per guide, and per month
 * (YYYY-MM) as well for the monthly report: R6 counts them beside the clicks. Guides never
 * visited in the span are left out.
 */
export const guideVisitsBetween = (
  db: Kysely<DB>,
  libraryId: string,
  from: string,
  to: string,
  { byMonth = false } = {},
) => {
  const month = byMonth ? sql<string>`to_char(v.day, 'YYYY-MM')` : sql<string>`''`
  return (
    db
      .selectFrom('resource_guide_visits as v')
      .innerJoin('resource_guides as g', 'g.id', 'v.guide_id')
      .select([
        'g.id',
        'g.code',
        'g.title_zh',
        'g.title_en',
        month.as('month'),
        (eb) => eb.fn.sum<number>('v.visits').as('visits'),
      ])
      .where('g.library_id', '=', libraryId)
      .where('v.day', '>=', from)
      .where('v.day', '<=', to)
      .groupBy(['g.id', 'g.code', 'g.title_zh', 'g.title_en'])
      // A constant cannot be grouped by: the month joins the grouping only when it is one.
      .$if(byMonth, (q) => q.groupBy(month))
      .orderBy('visits', 'desc')
      .orderBy('g.title_zh')
      .execute()
  )
}
