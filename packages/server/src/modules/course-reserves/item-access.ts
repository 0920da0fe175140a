import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { createBatchedCounter } from '../../platform/counters/batched-counter.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { libraryTimeZone } from '../../platform/libraries/libraries.repository.ts'
import { isOnCampus, openAthensLink, proxyLink, webvpnLink } from '../e-resources/access-links.ts'
import { loadAccessSettings } from '../e-resources/e-resources.service.ts'
import { viewpointOn } from './course-reserves.access.ts'
import * as repo from './reserve-items.repository.ts'

// Opening a permalink: who may, along which route, with which seat, counted. A permalink is
// what a whole class clicks at the start of a lecture, so what it needs is kept in memory for a
// few seconds (the target, the reader's standing in the course, the library's off-campus
// settings) and openings are summed in memory and written every few seconds by the counter /go's
// clicks use (platform/counters).
// What is kept is the look-up's promise, not its answer: the class clicking at the same moment
// waits for one query, instead of each click sending its own before the first answer is back.
// Seats are the exception: they are taken in the database, so every server process agrees.

/** How long a looked-up target, standing or setting is reused; a change shows within it. */
const CACHE_MS = 10_000
const FLUSH_MS = 5_000
/** Past this many entries a map is emptied rather than grown. */
const CACHE_MAX = 50_000

type Viewpoint = 'staff' | 'teacher' | 'student'

interface Cached<T> {
  value: Promise<T>
  at: number
}

export type OpenDecision =
  | { kind: 'item'; location: string; target: repo.PermalinkTarget }
  | { kind: 'course'; location: string; target: repo.PermalinkTarget }

/** The library's off-campus route for a platform address: the proxy, else the WebVPN, else OpenAthens. */
const offCampusLink = (settings: Awaited<ReturnType<typeof loadAccessSettings>>['settings'], url: string) =>
  proxyLink(settings, url) ?? webvpnLink(settings, url) ?? openAthensLink(settings, url) ?? url

export const createItemAccess = (ctx: AppContext) => {
  const targets = new Map<string, Cached<repo.PermalinkTarget | undefined>>()
  const standings = new Map<string, Cached<Viewpoint | ProblemError>>()
  const settings = new Map<
    string,
    Cached<{ timeZone: string; access: Awaited<ReturnType<typeof loadAccessSettings>>['settings'] }>
  >()

  /**
   * The look-up of `key`, shared by everyone asking within CACHE_MS of the first ask. One that
   * failed (the database away) is dropped at once, so the next opening tries again.
   */
  const cached = <T>(map: Map<string, Cached<T>>, key: string, load: () => Promise<T>) => {
    const now = ctx.now().getTime()
    const known = map.get(key)
    if (known && now - known.at < CACHE_MS) return known.value
    if (map.size >= CACHE_MAX) map.clear()
    const value = load()
    map.set(key, { value, at: now })
    value.catch(() => {
      if (map.get(key)?.value === value) map.delete(key)
    })
    return value
  }

  const targetOf = (code: string) => cached(targets, code, () => repo.permalinkTarget(ctx.db, code))

  const libraryOf = (libraryId: string) =>
    cached(settings, libraryId, async () => {
      const [{ settings: access }, timeZone] = await Promise.all([
        loadAccessSettings(ctx.db, libraryId),
        libraryTimeZone(ctx.db, libraryId),
      ])
      return { timeZone, access }
    })

  /** The caller's standing in the course, or the refusal: 404 another library's, 403 not theirs. */
  const standingIn = async (caller: Caller, target: repo.PermalinkTarget): Promise<Viewpoint> => {
    // A refusal is kept too: a stranger clicking again is answered from memory.
    const standing = await cached(standings, `${caller.accountId}|${target.course_id}`, () =>
      viewpointOn(ctx.db, caller, { id: target.course_id, library_id: target.library_id }).catch(
        (caught: unknown) => {
          if (!(caught instanceof ProblemError)) throw caught
          return caught.code === 'course_not_yours' ? new ProblemError('course_item_not_allowed') : caught
        },
      ),
    )
    if (standing instanceof ProblemError) throw standing
    return standing
  }

  /**
   * The target of a permalink the caller may open, with their standing. A student sees approved
   * items only: one still under review is 409 `reserve_item_pending`, a rejected one is not there.
   */
  const allowed = async (caller: Caller, code: string) => {
    const target = await targetOf(code.toLowerCase())
    if (!target || target.library_id !== caller.libraryId) throw new ProblemError('not_found')
    const viewpoint = await standingIn(caller, target)
    if (target.item_id && viewpoint === 'student' && target.review_status !== 'approved') {
      throw new ProblemError(target.review_status === 'pending' ? 'reserve_item_pending' : 'not_found')
    }
    return { target, viewpoint }
  }

  const openings = createBatchedCounter<{ itemId: string; libraryId: string; day: string }>({
    flushMs: FLUSH_MS,
    keyOf: (opening) => `${opening.itemId}|${opening.day}`,
    write: (batch) =>
      repo.addOpenings(
        ctx.db,
        batch.map(({ entry, count }) => ({ ...entry, openings: count })),
      ),
  })

  const count = (target: repo.PermalinkTarget, timeZone: string) =>
    openings.count({
      itemId: target.item_id!,
      libraryId: target.library_id,
      day: todayIn(timeZone, ctx.now()),
    })

  /** A student's seat on an item with a limit; 409 `item_seats_full` saying when to try again. */
  const seatFor = async (caller: Caller, target: repo.PermalinkTarget, viewpoint: Viewpoint) => {
    if (!target.seat_limit || viewpoint !== 'student') return
    const now = ctx.now()
    const seat = await repo.takeSeat(ctx.db, {
      itemId: target.item_id!,
      accountId: caller.accountId,
      limit: target.seat_limit,
      minutes: target.seat_minutes!,
      now,
    })
    if (seat.taken) return
    const seconds = Math.max(1, Math.ceil((seat.freesAt.getTime() - now.getTime()) / 1000))
    const minutes = Math.ceil(seconds / 60)
    throw new ProblemError('item_seats_full', {
      headers: { 'Retry-After': String(seconds) },
      extensions: {
        retryAfterSeconds: seconds,
        retryAt: seat.freesAt.toISOString(),
        seatLimit: target.seat_limit,
      },
      detail: {
        zh: `这份教参最多 ${target.seat_limit} 人同时阅读，现在已满，约 ${minutes} 分钟后有空位，请稍后再试。`,
        en: `This item may be open to ${target.seat_limit} readers at once and all seats are taken; one frees in about ${minutes} min. Please try again then.`,
      },
    })
  }

  return {
    allowed,

    /**
     * Opens a permalink: a course list leads to its page; an item is counted, given a seat when
     * it has a limit, and leads to its PDF or to its link — straight on campus, else through the
     * library's off-campus route.
     */
    open: async (caller: Caller, code: string, ip: string): Promise<OpenDecision> => {
      const { target, viewpoint } = await allowed(caller, code)
      if (!target.item_id) {
        const location =
          viewpoint === 'staff'
            ? `/staff/course-reserves/courses/${target.course_id}`
            : `/my-courses/${target.course_id}`
        return { kind: 'course', location, target }
      }
      await seatFor(caller, target, viewpoint)
      const library = await libraryOf(target.library_id)
      count(target, library.timeZone)
      if (target.kind === 'file')
        return { kind: 'item', location: `/api/course-reserves/r/${target.code}/file`, target }
      const url = target.link_url!
      const location = isOnCampus(library.access.campusNetworks, ip)
        ? url
        : offCampusLink(library.access, url)
      return { kind: 'item', location, target }
    },

    /** A PDF item for streaming: the permalink's checks, and the seat its opening took. */
    file: async (caller: Caller, code: string) => {
      const { target, viewpoint } = await allowed(caller, code)
      if (target.kind !== 'file' || !target.file_sha256) throw new ProblemError('not_found')
      if (
        target.seat_limit &&
        viewpoint === 'student' &&
        !(await repo.holdsSeat(ctx.db, target.item_id!, caller.accountId, ctx.now()))
      ) {
        // The seat ran out (or was never taken): open the permalink again for a new one.
        await seatFor(caller, target, viewpoint)
      }
      return target
    },

    /** Drops what was looked up, after a change to an item or a course's people. */
    forget: () => {
      targets.clear()
      standings.clear()
      settings.clear()
    },
    flush: openings.flush,
    stop: openings.stop,
  }
}

export type ItemAccess = ReturnType<typeof createItemAccess>
