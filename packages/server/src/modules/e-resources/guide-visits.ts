import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/**
 * Visits of the library's guides between two days (inclusive), per guide and, when asked, per
 * month (YYYY-MM): R6 counts them beside the clicks. Guides never visited in the span are left out.
 */
export const guideVisitsBetween = (db: Kysely<DB>, libraryId: string, from: string, to: string) =>
  db
    .selectFrom('resource_guide_visits as v')
    .innerJoin('resource_guides as g', 'g.id', 'v.guide_id')
    .select([
      'g.id',
      'g.code',
      'g.title_zh',
      'g.title_en',
      (eb) => eb.fn.sum<number>('v.visits').as('visits'),
    ])
    .where('g.library_id', '=', libraryId)
    .where('v.day', '>=', from)
    .where('v.day', '<=', to)
    .groupBy(['g.id', 'g.code', 'g.title_zh', 'g.title_en'])
    .orderBy('visits', 'desc')
    .orderBy('g.title_zh')
    .execute()

export const guideVisitsByMonth = (db: Kysely<DB>, libraryId: string, from: string, to: string) =>
  db
    .selectFrom('resource_guide_visits as v')
    .innerJoin('resource_guides as g', 'g.id', 'v.guide_id')
    .select([
      'g.id',
      'g.code',
      'g.title_zh',
      'g.title_en',
      sql<string>`to_char(v.day, 'YYYY-MM')`.as('month'),
      (eb) => eb.fn.sum<number>('v.visits').as('visits'),
    ])
    .where('g.library_id', '=', libraryId)
    .where('v.day', '>=', from)
    .where('v.day', '<=', to)
    .groupBy(['g.id', 'g.code', 'g.title_zh', 'g.title_en', sql`to_char(v.day, 'YYYY-MM')`])
    .orderBy('g.title_zh')
    .execute()
