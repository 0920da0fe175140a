import type { access, linkChecks } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB, LinkOutcomeCode } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, invalidCursor, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { loadAccessSettings, platformTemplates } from './e-resources.service.ts'
import { checkLinks, type LinkCheckOptions, type LinkCheckResult } from './link-check/link-check.ts'
import { platformRulesOf } from './link-check-phrases.ts'
import { announceFlagged } from './link-checks.notices.ts'
import { presentCheck, presentRow, presentRun, presentState } from './link-checks.presenter.ts'
import * as repo from './link-checks.repository.ts'

type ListQuery = z.output<typeof linkChecks.listLinkChecks.query>
type PageQuery = z.output<typeof linkChecks.resourceLinkChecks.query>
type Dismissal = z.output<typeof linkChecks.DismissLinkAlarm>

/** What tests and benchmarks may set on the checker besides the configured bounds. */
export type LinkCheckEngineOptions = Pick<
  LinkCheckOptions,
  'concurrency' | 'perHost' | 'timeoutMs' | 'resolveHost' | 'platformRules' | 'userAgent' | 'maxBodyBytes'
>

export interface LinkCheckServiceOptions {
  engine?: LinkCheckEngineOptions
  /** Where a background run's failure is reported (the app's logger). */
  warn?: (error: unknown, message: string) => void
}

const DAY = 86_400_000
/** Checks are kept this long: enough to see a vendor's yearly patterns, not an archive. */
export const HISTORY_DAYS = 400
/** Resources written per transaction while a run goes on. */
const WRITE_BATCH = 200
/** The broken / needs-a-person / dismissed lists page by a bounded offset. */
const MAX_OFFSET = 10_000

interface Target {
  resourceId: string
  libraryId: string
  nameZh: string
  nameEn: string | null
  ownerId: string | null
  ownerName: string | null
  urls: string[]
  runId: string | null
}

const ZERO: repo.RunCounts = {
  resources: 0,
  urls: 0,
  ok: 0,
  broken: 0,
  needs_person: 0,
  soft_404: 0,
  flagged: 0,
}

const isFailure = (outcome: LinkOutcomeCode) => outcome === 'broken' || outcome === 'soft_404'

/** A resource's outcome is its worst address's: broken, then soft 404, then needs a person. */
export const worstOutcome = (results: readonly LinkCheckResult[]): LinkOutcomeCode => {
  for (const outcome of ['broken', 'soft_404', 'needs_person'] as const)
    if (results.some((result) => result.outcome === outcome)) return outcome
  return 'ok'
}

/** The hosts of the library's proxy and WebVPN: links through them are not the resource's own. */
const gatewayHosts = (settings: access.AccessSettings) =>
  [settings.proxyHost, settings.webvpnHost]
    .filter((host): host is string => !!host)
    .map((host) => host.toLowerCase())

const throughGateway = (url: string, gateways: readonly string[]) => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const host = parsed.host.toLowerCase()
  const name = parsed.hostname.toLowerCase()
  return gateways.some((gateway) => {
    const gatewayName = gateway.replace(/:\d+$/, '')
    // Proxy by hostname puts the target's host under the proxy's: www-somedb-com.ezproxy.example.edu.cn.
    return host === gateway || name === gatewayName || name.endsWith(`.${gatewayName}`)
  })
}

/**
 * The addresses behind a resource: its own and its routes' own (a CARSI start page, the target a
 * route proxies), each once, and never a link through the library's proxy or WebVPN: those say
 * whether the gateway works, not the resource, and would put the checker's load on it.
 */
export const underlyingUrls = (
  resource: { url: string; route_urls: readonly string[] },
  settings: access.AccessSettings,
) => {
  const gateways = gatewayHosts(settings)
  return [...new Set([resource.url, ...resource.route_urls])].filter((url) => !throughGateway(url, gateways))
}

const parseRecentCursor = (cursor: string | undefined) => {
  if (cursor === undefined) return undefined
  const [at, id] = cursor.split('~')
  const date = at ? new Date(at) : null
  if (!date || Number.isNaN(date.getTime()) || !id || !/^[0-9a-f-]{36}$/.test(id)) throw invalidCursor()
  return { at: date, id }
}

const parseOffset = (cursor: string | undefined) => {
  if (cursor === undefined) return 0
  const offset = /^\d{1,5}$/.test(cursor) ? Number(cursor) : Number.NaN
  if (!(offset >= 0 && offset <= MAX_OFFSET)) throw invalidCursor()
  return offset
}

const cursorOf = (row: { checked_at: Date; id: string }) =>
  `${new Date(row.checked_at).toISOString()}~${row.id}`

/**
 * Link checking (R5): checks published resources' own addresses with the engine
 * (link-check/link-check.ts) within the configured bounds, keeps the history, counts failures in a
 * row, flags a resource at the library's limit and tells its owner. One service per process; its
 * background runs stop with `stop()`.
 */
export const createLinkCheckService = (ctx: AppContext, options: LinkCheckServiceOptions = {}) => {
  const { db, config } = ctx
  const flagAfter = config.LINK_CHECK_FLAG_AFTER
  const engine: LinkCheckOptions = {
    concurrency: config.LINK_CHECK_CONCURRENCY,
    perHost: config.LINK_CHECK_PER_HOST,
    timeoutMs: config.LINK_CHECK_TIMEOUT_SECONDS * 1000,
    ...options.engine,
  }
  const warn = options.warn ?? (() => {})
  const stopping = new AbortController()
  const active = new Set<Promise<unknown>>()
  const track = <T>(promise: Promise<T>) => {
    active.add(promise)
    void promise.then(
      () => active.delete(promise),
      () => active.delete(promise),
    )
    return promise
  }

  const settingsOf = async (libraryIds: readonly string[]) =>
    new Map(
      await Promise.all(
        [...new Set(libraryIds)].map(
          async (id) => [id, (await loadAccessSettings(db, id)).settings] as const,
        ),
      ),
    )

  const targetOf = (row: repo.TargetRow, settings: access.AccessSettings, runId: string | null): Target => ({
    resourceId: row.id,
    libraryId: row.library_id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    urls: underlyingUrls(row, settings),
    runId,
  })

  /** Writes the checks of finished resources and moves their counters, in one transaction. */
  const write = async (
    trx: Kysely<DB>,
    batch: { target: Target; results: LinkCheckResult[] }[],
    checkedAt: Date,
  ) => {
    await repo.insertChecks(
      trx,
      batch.flatMap(({ target, results }) =>
        results.map((result) => ({
          id: uuidv7(),
          library_id: target.libraryId,
          resource_id: target.resourceId,
          run_id: target.runId,
          url: result.url,
          checked_at: checkedAt,
          outcome: result.outcome,
          reason: result.reason,
          message_zh: result.message.zh,
          message_en: result.message.en,
          status_code: result.status,
          final_url: result.finalUrl,
          redirects: result.redirects,
          ms: result.ms,
        })),
      ),
    )
    const states = await repo.recordOutcomes(
      trx,
      batch.map(({ target, results }) => ({
        resourceId: target.resourceId,
        libraryId: target.libraryId,
        outcome: worstOutcome(results),
      })),
      checkedAt,
      flagAfter,
    )
    const byResource = new Map(batch.map((each) => [each.target.resourceId, each]))
    const flagged: Target[] = []
    for (const state of states) {
      if (!state.flagged_since || new Date(state.flagged_since).getTime() !== checkedAt.getTime()) continue
      const { target, results } = byResource.get(state.resource_id)!
      const failing = results.find((result) => isFailure(result.outcome))!
      await announceFlagged(trx, {
        libraryId: target.libraryId,
        resourceId: target.resourceId,
        nameZh: target.nameZh,
        nameEn: target.nameEn,
        ownerId: target.ownerId,
        ownerName: target.ownerName,
        url: failing.url,
        failures: state.consecutive_failures,
        reason: failing.message,
        flaggedSince: checkedAt,
      })
      flagged.push(target)
    }
    return flagged
  }

  /**
   * Checks the targets' addresses in one call of the engine, so its bounds hold over all of them
   * (the same platform serves many libraries), and writes each resource as soon as all its
   * addresses are done, in batches. Adds to `counts` per run as batches are written.
   */
  const checkTargets = async (
    targets: readonly Target[],
    counts: Map<string | null, repo.RunCounts>,
    signal: AbortSignal,
  ) => {
    const urls: string[] = []
    const targetAt: number[] = []
    const firstUrl: number[] = []
    targets.forEach((target, index) => {
      firstUrl.push(urls.length)
      for (const url of target.urls) {
        urls.push(url)
        targetAt.push(index)
      }
    })
    const results: LinkCheckResult[][] = targets.map((target) => new Array(target.urls.length))
    const left = targets.map((target) => target.urls.length)
    const failed = new AbortController()
    let ready: number[] = []
    let writing = Promise.resolve()

    const flush = () => {
      const batch = ready
      ready = []
      if (batch.length === 0) return
      writing = writing.then(async () => {
        if (failed.signal.aborted) return
        const checkedAt = ctx.now()
        const done = batch.map((index) => ({ target: targets[index]!, results: results[index]! }))
        try {
          const flagged = await db.transaction().execute((trx) => write(trx, done, checkedAt))
          for (const { target, results: checks } of done) {
            const tally = counts.get(target.runId) ?? { ...ZERO }
            counts.set(target.runId, tally)
            tally.resources += 1
            tally.urls += checks.length
            tally[worstOutcome(checks)] += 1
          }
          for (const target of flagged) counts.get(target.runId)!.flagged += 1
        } catch (error) {
          failed.abort(error)
        }
      })
    }

    const libraries = [...new Set(targets.map((target) => target.libraryId))]
    const platformRules = platformRulesOf(
      await Promise.all(libraries.map((id) => platformTemplates(db, id))),
      engine.platformRules,
    )
    try {
      await checkLinks(urls, {
        ...engine,
        platformRules,
        signal: AbortSignal.any([signal, failed.signal]),
        onResult: (result, index) => {
          const at = targetAt[index]!
          results[at]![index - firstUrl[at]!] = result
          left[at]! -= 1
          if (left[at] === 0) {
            ready.push(at)
            if (ready.length >= WRITE_BATCH) flush()
          }
        },
      })
      flush()
    } finally {
      await writing
    }
    if (failed.signal.aborted) throw failed.signal.reason
  }

  /** Checks the due resources of the runs' libraries, then closes each run with its counts. */
  const runLibraries = async (
    runs: { runId: string; libraryId: string }[],
    scope: 'all' | 'failing' = 'all',
  ) => {
    const counts = new Map<string | null, repo.RunCounts>()
    const finish = async (status: 'done' | 'failed') => {
      for (const run of runs)
        await repo.finishRun(db, run.runId, status, counts.get(run.runId) ?? ZERO, ctx.now())
    }
    try {
      const libraryIds = runs.map((run) => run.libraryId)
      const now = ctx.now()
      const [rows, settings] = await Promise.all([
        repo.dueTargets(db, libraryIds, now, scope),
        settingsOf(libraryIds),
      ])
      const runOf = new Map(runs.map((run) => [run.libraryId, run.runId]))
      const targets = rows
        .map((row) => targetOf(row, settings.get(row.library_id)!, runOf.get(row.library_id)!))
        .filter((target) => target.urls.length > 0)
      await checkTargets(targets, counts, stopping.signal)
      await finish('done')
      const before = new Date(ctx.now().getTime() - HISTORY_DAYS * DAY)
      for (const libraryId of libraryIds) await repo.purgeHistory(db, libraryId, before)
    } catch (error) {
      await finish('failed').catch(() => {})
      throw error
    }
  }

  const ownResource = async (caller: Caller, resourceId: string) => {
    const resource = await db
      .selectFrom('e_resources')
      .select(['id', 'library_id', 'name_zh', 'name_en'])
      .where('id', '=', resourceId)
      .executeTakeFirst()
    // Another library's resource is as good as missing.
    if (!resource || resource.library_id !== caller.libraryId) throw new ProblemError('not_found')
    return resource
  }

  const libraryOf = (caller: Caller) => {
    if (!caller.libraryId) throw new ProblemError('forbidden')
    return caller.libraryId
  }

  return {
    /**
     * Every library's scheduled run, for those whose last one started 23 hours ago or more; all
     * checked together. Processes sharing the database each claim a library's run at most once a day.
     */
    scheduledRun: async () => {
      if (stopping.signal.aborted) return []
      const now = ctx.now()
      const libraries = await db.selectFrom('libraries').select(['id', 'time_zone']).orderBy('id').execute()
      const runs: { runId: string; libraryId: string }[] = []
      for (const library of libraries) {
        const runId = await repo.claimScheduledRun(db, {
          id: uuidv7(),
          libraryId: library.id,
          slot: `${library.id}:${todayIn(library.time_zone, now)}`,
          now,
        })
        if (runId) runs.push({ runId, libraryId: library.id })
      }
      if (runs.length > 0) await track(runLibraries(runs))
      return runs.map((run) => run.runId)
    },

    /** Checks one library's published resources now and waits (the benchmark, scripts). */
    runLibrary: async (libraryId: string, scope: 'all' | 'failing' = 'all') => {
      const id = uuidv7()
      await repo.insertRun(db, { id, libraryId, scope, startedBy: null, startedAt: ctx.now() })
      await track(runLibraries([{ runId: id, libraryId }], scope))
      return presentRun((await repo.findRun(db, id))!)
    },

    /** Starts a run of the caller's library in the background; the one under way if there is one. */
    startRun: async (caller: Caller, scope: 'all' | 'failing') => {
      const libraryId = libraryOf(caller)
      const now = ctx.now()
      const running = await repo.runningRun(db, libraryId, now)
      if (running) return presentRun((await repo.findRun(db, running.id))!)
      const id = uuidv7()
      await repo.insertRun(db, { id, libraryId, scope, startedBy: caller.accountId, startedAt: now })
      const started = presentRun((await repo.findRun(db, id))!)
      if (stopping.signal.aborted) {
        await repo.finishRun(db, id, 'failed', ZERO, ctx.now())
        return started
      }
      void track(runLibraries([{ runId: id, libraryId }], scope)).catch((error) =>
        warn(error, 'link-check run failed'),
      )
      return started
    },

    run: async (caller: Caller, runId: string) => {
      const run = await repo.findRun(db, runId)
      if (!run || run.library_id !== caller.libraryId) throw new ProblemError('not_found')
      return presentRun(run)
    },

    runs: async (caller: Caller) => ({
      items: (await repo.latestRuns(db, libraryOf(caller), 10)).map(presentRun),
    }),

    /** Checks one resource's addresses now, whatever its status, and ends a dismissal. */
    recheck: async (caller: Caller, resourceId: string) => {
      await ownResource(caller, resourceId)
      const row = (await repo.targetOf(db, resourceId))!
      const settings = await settingsOf([row.library_id])
      const target = targetOf(row, settings.get(row.library_id)!, null)
      if (target.urls.length === 0)
        throw fieldProblem(
          'params.resourceId',
          'nothing_to_check',
          '这个资源只有经代理或 WebVPN 的地址，没有可检查的原始地址',
          'This resource has only proxied or WebVPN addresses, none of its own to check',
        )
      // Looking again now is the recheck date a dismissal was waiting for.
      await db
        .updateTable('e_resource_link_states')
        .set({ dismissed_until: null, dismissed_by: null, dismissed_note: null })
        .where('resource_id', '=', resourceId)
        .execute()
      await track(checkTargets([target], new Map(), stopping.signal))
      const state = (await repo.stateOf(db, resourceId))!
      const checks = await repo.latestChecksOf(db, resourceId, state.last_checked_at!)
      return { state: presentState(state, ctx.now()), items: checks.map(presentCheck) }
    },

    /** A false alarm: the flag and the count go, and scheduled checks skip it for `days`. */
    dismiss: async (caller: Caller, requestId: string, resourceId: string, input: Dismissal) => {
      const resource = await ownResource(caller, resourceId)
      const now = ctx.now()
      const until = new Date(now.getTime() + input.days * DAY)
      const after = await db.transaction().execute(async (trx) => {
        const before = await repo.stateOf(trx, resourceId)
        await trx
          .insertInto('e_resource_link_states')
          .values({
            resource_id: resourceId,
            library_id: resource.library_id,
            dismissed_until: until,
            dismissed_by: caller.accountId,
            dismissed_note: input.note,
          })
          .onConflict((conflict) =>
            conflict.column('resource_id').doUpdateSet({
              consecutive_failures: 0,
              flagged_since: null,
              dismissed_until: until,
              dismissed_by: caller.accountId,
              dismissed_note: input.note,
            }),
          )
          .execute()
        const after = (await repo.stateOf(trx, resourceId))!
        const snapshot = (state: repo.StateRow | undefined) =>
          state ? { ...presentState(state, now), lastCheckedAt: undefined, lastOutcome: undefined } : null
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId: resource.library_id,
          action: 'e_resource.link_alarm_dismissed',
          entityType: 'e_resource',
          entityId: resourceId,
          entityLabel: resource.name_zh,
          before: snapshot(before),
          after: { ...snapshot(after), recheckAfterDays: input.days },
        })
        return after
      })
      return presentState(after, now)
    },

    list: async (caller: Caller, query: ListQuery) => {
      const libraryId = libraryOf(caller)
      const now = ctx.now()
      const rows = repo.listChecks(db, libraryId, query, { now, accountId: caller.accountId })
      if (query.view === 'recent') {
        const after = parseRecentCursor(query.cursor)
        const found = await rows
          .$if(after !== undefined, (q) =>
            q.where((eb) => eb(eb.refTuple('h.checked_at', 'h.id'), '<', eb.tuple(after!.at, after!.id))),
          )
          .limit(query.limit + 1)
          .execute()
        const items = found.slice(0, query.limit)
        return {
          items: items.map((row) => presentRow(row, now)),
          nextCursor: found.length > query.limit ? cursorOf(items.at(-1)!) : null,
        }
      }
      const offset = parseOffset(query.cursor)
      const found = await rows
        .offset(offset)
        .limit(query.limit + 1)
        .execute()
      const more = found.length > query.limit && offset + query.limit <= MAX_OFFSET
      return {
        items: found.slice(0, query.limit).map((row) => presentRow(row, now)),
        nextCursor: more ? String(offset + query.limit) : null,
      }
    },

    history: async (caller: Caller, resourceId: string, query: PageQuery) => {
      const resource = await ownResource(caller, resourceId)
      const after = parseRecentCursor(query.cursor)
      const [state, found] = await Promise.all([
        repo.stateOf(db, resourceId),
        repo.historyOf(db, resourceId, after, query.limit + 1),
      ])
      const items = found.slice(0, query.limit)
      return {
        resourceId,
        nameZh: resource.name_zh,
        nameEn: resource.name_en,
        state: presentState(state, ctx.now()),
        items: items.map(presentCheck),
        nextCursor: found.length > query.limit ? cursorOf(items.at(-1)!) : null,
      }
    },

    /** Stops the runs under way (they are marked failed) and waits for them. */
    stop: async () => {
      stopping.abort(new Error('The server is stopping'))
      await Promise.allSettled([...active])
    },
  }
}

export type LinkCheckService = ReturnType<typeof createLinkCheckService>
