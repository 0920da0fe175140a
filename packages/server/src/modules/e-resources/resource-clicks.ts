import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { createBatchedCounter } from '../../platform/counters/batched-counter.ts'

// Clicks through /go, added to the day's counters per resource and route in batches: a click
// must not wait on a write (platform/counters).

export interface Click {
  libraryId: string
  resourceId: string
  /** The route taken (`direct` on campus). */
  route: string
  /** The library's day. */
  day: string
}

export const createClickCounter = (db: Kysely<DB>, flushMs = 5_000) =>
  createBatchedCounter<Click>({
    flushMs,
    keyOf: (click) => `${click.resourceId}|${click.route}|${click.day}`,
    write: (batch) =>
      db
        .insertInto('e_resource_clicks')
        .values(
          batch.map(({ entry, count }) => ({
            library_id: entry.libraryId,
            resource_id: entry.resourceId,
            route: entry.route,
            day: entry.day,
            clicks: count,
          })),
        )
        .onConflict((conflict) =>
          conflict
            .columns(['resource_id', 'route', 'day'])
            .doUpdateSet({ clicks: sql`e_resource_clicks.clicks + excluded.clicks` }),
        )
        .execute(),
  })

export type ClickCounter = ReturnType<typeof createClickCounter>
