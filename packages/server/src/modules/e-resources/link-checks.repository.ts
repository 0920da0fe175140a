import type { linkChecks } from '@shuqiao/contracts'
import { type Insertable, type Kysely, sql } from 'kysely'
import type { z } from 'zod'
import type { DB, EResourceLinkChecksTable, LinkOutcomeCode } from '../../db/schema.ts'

/** A resource as the checker needs it: its own address and its routes' addresses. */
export interface TargetRow {
  id: string
  library_id: string
  name_zh: string
  name_en: string | null
  url: string
  owner_id: string | null
  owner_name: string | null
  route_urls: string[]
}

const targets = (db: Kysely<DB>) =>
  db
    .selectFrom('e_resources as r')
    .leftJoin('e_resource_link_states as s', 's.resource_id', 'r.id')
    .leftJoin('accounts as o', 'o.id', 'r.owner_id')
    .select([
      'r.id',
      'r.library_id',
      'r.name_zh',
      'r.name_en',
      'r.url',
      'r.owner_id',
      'o.name as owner_name',
      sql<
        string[]
      >`coalesce((select array_agg(x.url order by x.position) from e_resource_routes x where x.resource_id = r.id and x.url is not null), '{}')`.as(
        'route_urls',
      ),
    ])

/**
 * Published resources of the libraries, less those dismissed as a false alarm until after `now`;
 * with `failing`, only those whose last check was not ok.
 */
export const dueTargets = (
  db: Kysely<DB>,
  libraryIds: readonly string[],
  now: Date,
  scope: 'all' | 'failing' = 'all',
): Promise<TargetRow[]> =>
  libraryIds.length === 0
    ? Promise.resolve([])
    : targets(db)
        .where('r.library_id', 'in', libraryIds)
        .where('r.status', '=', 'published')
        .where((eb) => eb.or([eb('s.dismissed_until', 'is', null), eb('s.dismissed_until', '<=', now)]))
        .$if(scope === 'failing', (q) =>
          q.where('s.last_outcome', 'in', ['broken', 'soft_404', 'needs_person']),
        )
        .orderBy('r.id')
        .execute()

export const targetOf = (db: Kysely<DB>, resourceId: string): Promise<TargetRow | undefined> =>
  targets(db).where('r.id', '=', resourceId).executeTakeFirst()

export const insertChecks = async (db: Kysely<DB>, rows: Insertable<EResourceLinkChecksTable>[]) => {
  // Bounded batches keep a statement well under PostgreSQL's 65,535 parameters.
  for (let at = 0; at < rows.length; at += 2_000) {
    await db
      .insertInto('e_resource_link_checks')
      .values(rows.slice(at, at + 2_000))
      .execute()
  }
}

/**
 * Records each resource's outcome and moves its counter: a failure (broken or soft 404) adds
 * one, `ok` starts again from nought and clears the flag, `needs_person` leaves both as they are.
 * A resource is flagged (since `checkedAt`) when its failures in a row reach `flagAfter`.
 * A dismissal past its recheck date ends. Returns the resources' new standing; those with `flagged_since` = `checkedAt` were flagged now.
 */
export const recordOutcomes = (
  db: Kysely<DB>,
  outcomes: { resourceId: string; libraryId: string; outcome: LinkOutcomeCode }[],
  checkedAt: Date,
  flagAfter: number,
) =>
  db
    .insertInto('e_resource_link_states')
    .values(
      outcomes.map(({ resourceId, libraryId, outcome }) => {
        const failed = outcome === 'broken' || outcome === 'soft_404'
        return {
          resource_id: resourceId,
          library_id: libraryId,
          last_checked_at: checkedAt,
          last_outcome: outcome,
          consecutive_failures: failed ? 1 : 0,
          flagged_since: failed && flagAfter <= 1 ? checkedAt : null,
        }
      }),
    )
    .onConflict((conflict) =>
      conflict.column('resource_id').doUpdateSet({
        last_checked_at: (eb) => eb.ref('excluded.last_checked_at'),
        last_outcome: (eb) => eb.ref('excluded.last_outcome'),
        consecutive_failures: sql<number>`case excluded.last_outcome
          when 'ok' then 0
          when 'needs_person' then e_resource_link_states.consecutive_failures
          else e_resource_link_states.consecutive_failures + 1 end`,
        flagged_since: sql<Date | null>`case excluded.last_outcome
          when 'ok' then null
          when 'needs_person' then e_resource_link_states.flagged_since
          else coalesce(
            e_resource_link_states.flagged_since,
            case when e_resource_link_states.consecutive_failures + 1 >= ${flagAfter}::integer
              then excluded.last_checked_at end) end`,
        // A dismissal whose recheck date has come is over once the resource is checked again.
        dismissed_until: sql<Date | null>`case when e_resource_link_states.dismissed_until <= excluded.last_checked_at
          then null else e_resource_link_states.dismissed_until end`,
        dismissed_note: sql<
          string | null
        >`case when e_resource_link_states.dismissed_until <= excluded.last_checked_at
          then null else e_resource_link_states.dismissed_note end`,
      }),
    )
    .returning(['resource_id', 'flagged_since', 'consecutive_failures'])
    .execute()

export const stateOf = (db: Kysely<DB>, resourceId: string) =>
  db.selectFrom('e_resource_link_states').selectAll().where('resource_id', '=', resourceId).executeTakeFirst()

export type StateRow = NonNullable<Awaited<ReturnType<typeof stateOf>>>

const CHECK_COLUMNS = [
  'h.id',
  'h.url',
  'h.checked_at',
  'h.outcome',
  'h.reason',
  'h.message_zh',
  'h.message_en',
  'h.status_code',
  'h.final_url',
  'h.redirects',
  'h.ms',
] as const

/** One resource's checks, newest first, after the (checked_at, id) of `after`. */
export const historyOf = (
  db: Kysely<DB>,
  resourceId: string,
  after: { at: Date; id: string } | undefined,
  limit: number,
) =>
  db
    .selectFrom('e_resource_link_checks as h')
    .select(CHECK_COLUMNS)
    .where('h.resource_id', '=', resourceId)
    .$if(after !== undefined, (q) =>
      q.where((eb) => eb(eb.refTuple('h.checked_at', 'h.id'), '<', eb.tuple(after!.at, after!.id))),
    )
    .orderBy('h.checked_at', 'desc')
    .orderBy('h.id', 'desc')
    .limit(limit)
    .execute()

/** The checks of a resource's latest look at its addresses. */
export const latestChecksOf = (db: Kysely<DB>, resourceId: string, checkedAt: Date) =>
  db
    .selectFrom('e_resource_link_checks as h')
    .select(CHECK_COLUMNS)
    .where('h.resource_id', '=', resourceId)
    .where('h.checked_at', '=', checkedAt)
    .orderBy('h.id')
    .execute()

export type CheckRow = Awaited<ReturnType<typeof historyOf>>[number]

type ListQuery = Omit<z.output<typeof linkChecks.listLinkChecks.query>, 'cursor' | 'limit'>

const likeOf = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`

/**
 * A library's checks for one of the lists. `broken`, `needs_person` and `dismissed` show the
 * addresses of each resource's latest check only; `recent` every check, newest first.
 */
export const listChecks = (
  db: Kysely<DB>,
  libraryId: string,
  query: ListQuery,
  context: { now: Date; accountId: string },
) => {
  const { view } = query
  const { now } = context
  const notDismissed = sql<boolean>`(s.dismissed_until is null or s.dismissed_until <= ${now})`
  let rows = db
    .selectFrom('e_resource_link_checks as h')
    .innerJoin('e_resources as r', 'r.id', 'h.resource_id')
    .innerJoin('e_resource_link_states as s', 's.resource_id', 'h.resource_id')
    .leftJoin('accounts as o', 'o.id', 'r.owner_id')
    .select(CHECK_COLUMNS)
    .select([
      'h.resource_id',
      'r.name_zh',
      'r.name_en',
      'r.owner_id',
      'o.name as owner_name',
      's.last_checked_at',
      's.last_outcome',
      's.consecutive_failures',
      's.flagged_since',
      's.dismissed_until',
      's.dismissed_note',
    ])
    .where('h.library_id', '=', libraryId)
    .$if(view !== 'recent', (q) => q.whereRef('h.checked_at', '=', 's.last_checked_at'))
    .$if(view === 'broken', (q) => q.where('h.outcome', 'in', ['broken', 'soft_404']).where(notDismissed))
    .$if(view === 'needs_person', (q) => q.where('h.outcome', '=', 'needs_person').where(notDismissed))
    .$if(view === 'dismissed', (q) => q.where('s.dismissed_until', '>', now))
    .$if(query.outcome !== undefined, (q) => q.where('h.outcome', '=', query.outcome!))
    .$if(query.reason !== undefined, (q) => q.where('h.reason', '=', query.reason!))
    .$if(query.flagged === 'true', (q) => q.where('s.flagged_since', 'is not', null))
    .$if(query.flagged === 'false', (q) => q.where('s.flagged_since', 'is', null))
    .$if(query.mine === 'true', (q) => q.where('r.owner_id', '=', context.accountId))
    .$if(!!query.q, (q) => {
      const like = likeOf(query.q!)
      return q.where((eb) =>
        eb.or([eb('r.name_zh', 'ilike', like), eb('r.name_en', 'ilike', like), eb('h.url', 'ilike', like)]),
      )
    })
  if (view === 'broken')
    rows = rows
      .orderBy(sql`s.flagged_since asc nulls last`)
      .orderBy('s.consecutive_failures', 'desc')
      .orderBy('r.sort_key')
      .orderBy('h.url')
  else if (view === 'dismissed')
    rows = rows.orderBy('s.dismissed_until').orderBy('r.sort_key').orderBy('h.url')
  else if (view === 'needs_person') rows = rows.orderBy('r.sort_key').orderBy('h.url')
  else rows = rows.orderBy('h.checked_at', 'desc')
  return rows.orderBy('h.id', 'desc')
}

export type ListRow = Awaited<ReturnType<ReturnType<typeof listChecks>['execute']>>[number]

export const insertRun = (
  db: Kysely<DB>,
  run: { id: string; libraryId: string; scope: 'all' | 'failing'; startedBy: string | null; startedAt: Date },
) =>
  db
    .insertInto('e_resource_link_runs')
    .values({
      id: run.id,
      library_id: run.libraryId,
      trigger: 'manual',
      scope: run.scope,
      started_by: run.startedBy,
      started_at: run.startedAt,
    })
    .execute()

/**
 * Claims the library's scheduled run for its day, unless one started in the last 23 hours
 * (checks every hour then come round about once a day). Processes sharing the database race
 * for the slot; one wins. Returns the run's id when this call won.
 */
export const claimScheduledRun = async (
  db: Kysely<DB>,
  claim: { id: string; libraryId: string; slot: string; now: Date },
) => {
  const since = new Date(claim.now.getTime() - 23 * 3_600_000)
  const result = await sql<{ id: string }>`
    insert into e_resource_link_runs (id, library_id, trigger, slot, started_at)
    select ${claim.id}::uuid, ${claim.libraryId}::uuid, 'schedule', ${claim.slot}, ${claim.now}::timestamptz
    where not exists (
      select 1 from e_resource_link_runs
      where library_id = ${claim.libraryId}::uuid and trigger = 'schedule' and started_at > ${since}::timestamptz
    )
    on conflict (slot) do nothing
    returning id`.execute(db)
  return result.rows[0]?.id
}

/** The library's run under way, if one started in the last six hours (older ones died with their process). */
export const runningRun = (db: Kysely<DB>, libraryId: string, now: Date) =>
  db
    .selectFrom('e_resource_link_runs')
    .select('id')
    .where('library_id', '=', libraryId)
    .where('status', '=', 'running')
    .where('started_at', '>', new Date(now.getTime() - 6 * 3_600_000))
    .orderBy('started_at', 'desc')
    .executeTakeFirst()

const runs = (db: Kysely<DB>) =>
  db
    .selectFrom('e_resource_link_runs as u')
    .leftJoin('accounts as a', 'a.id', 'u.started_by')
    .selectAll('u')
    .select('a.name as started_by_name')

export const findRun = (db: Kysely<DB>, runId: string) =>
  runs(db).where('u.id', '=', runId).executeTakeFirst()

export const latestRuns = (db: Kysely<DB>, libraryId: string, limit: number) =>
  runs(db).where('u.library_id', '=', libraryId).orderBy('u.started_at', 'desc').limit(limit).execute()

export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>

export interface RunCounts {
  resources: number
  urls: number
  ok: number
  broken: number
  needs_person: number
  soft_404: number
  flagged: number
}

export const finishRun = (
  db: Kysely<DB>,
  runId: string,
  status: 'done' | 'failed',
  counts: RunCounts,
  at: Date,
) =>
  db
    .updateTable('e_resource_link_runs')
    .set({ status, finished_at: at, ...counts })
    .where('id', '=', runId)
    .execute()

/** Checks older than `before` go; the history is for spotting patterns, not an archive. */
export const purgeHistory = (db: Kysely<DB>, libraryId: string, before: Date) =>
  db
    .deleteFrom('e_resource_link_checks')
    .where('library_id', '=', libraryId)
    .where('checked_at', '<', before)
    .executeTakeFirst()
