import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

// A click through /go must not wait on a write: thousands of readers opening 知网 at 8 a.m. would
// each commit a row. Clicks are summed in memory and added to the day's counters every few
// seconds (and when the server stops); a crash loses at most those seconds of counts.

export interface Click {
  libraryId: string
  resourceId: string
  /** The route taken (`direct` on campus). */
  route: string
  /** The library's day. */
  day: string
}

export const createClickCounter = (db: Kysely<DB>, flushMs = 5_000) => {
  let pending = new Map<string, Click & { clicks: number }>()
  let flushing: Promise<void> = Promise.resolve()

  const flush = () => {
    flushing = flushing.then(async () => {
      if (pending.size === 0) return
      const batch = [...pending.values()]
      pending = new Map()
      try {
        await db
          .insertInto('e_resource_clicks')
          .values(
            batch.map((click) => ({
              library_id: click.libraryId,
              resource_id: click.resourceId,
              route: click.route,
              day: click.day,
              clicks: click.clicks,
            })),
          )
          .onConflict((conflict) =>
            conflict
              .columns(['resource_id', 'route', 'day'])
              .doUpdateSet({ clicks: sql`e_resource_clicks.clicks + excluded.clicks` }),
          )
          .execute()
      } catch {
        // A resource deleted meanwhile, or the database away: the counts are not worth an error.
      }
    })
    return flushing
  }

  const timer = setInterval(() => void flush(), flushMs)
  timer.unref()

  return {
    count: (click: Click) => {
      const key = `${click.resourceId}|${click.route}|${click.day}`
      const known = pending.get(key)
      if (known) known.clicks++
      else pending.set(key, { ...click, clicks: 1 })
    },
    flush,
    stop: async () => {
      clearInterval(timer)
      await flush()
    },
  }
}

export type ClickCounter = ReturnType<typeof createClickCounter>
