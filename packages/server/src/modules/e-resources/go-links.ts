import { ROUTE_KINDS, type RouteKind } from '@shuqiao/contracts'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { type AccessRoute, isOnCampus } from './access-links.ts'
import { createEResourcesService } from './e-resources.service.ts'
import type { ClickCounter } from './resource-clicks.ts'

/** The cookie in which a reader's preferred route is remembered (set by the access panel). */
export const ROUTE_COOKIE = 'shuqiao_route'

/** How long a resolved resource is reused; a change made in another process shows within it. */
const CACHE_MS = 10_000

interface Entry {
  libraryId: string
  timeZone: string
  url: string
  campusNetworks: string[]
  routes: AccessRoute[]
  loadedAt: number
}

export type GoDecision =
  | { kind: 'redirect'; location: string; route: string }
  | { kind: 'panel'; location: string }
  | { kind: 'not_found' }

/**
 * Where /go/<resource> sends a reader: straight to the resource on campus; otherwise along the
 * route they asked for or chose before; otherwise to the page that explains every route. Only
 * links built from the directory are ever redirected to: no parameter carries an address.
 */
export const createGoLinks = (ctx: AppContext, clicks: ClickCounter) => {
  const resources = createEResourcesService(ctx)
  const cache = new Map<string, Entry>()

  const resolve = async (resourceId: string): Promise<Entry | undefined> => {
    const known = cache.get(resourceId)
    if (known && ctx.now().getTime() - known.loadedAt < CACHE_MS) return known
    try {
      // As a guest: what every reader may see; a signed-in reader's library is checked below.
      const entry = { ...(await resources.goTarget(resourceId)), loadedAt: ctx.now().getTime() }
      if (cache.size > 10_000) cache.clear()
      cache.set(resourceId, entry)
      return entry
    } catch {
      cache.delete(resourceId)
      return undefined
    }
  }

  return {
    decide: async (
      caller: Caller | undefined,
      resourceId: string,
      request: { ip: string; route?: string | undefined; preferred?: string | undefined },
    ): Promise<GoDecision> => {
      const entry = await resolve(resourceId)
      // Expired since it was cached, or another library's: as if it did not exist.
      if (!entry || (caller?.libraryId && caller.libraryId !== entry.libraryId)) return { kind: 'not_found' }
      const day = todayIn(entry.timeZone, ctx.now())
      const go = (route: string, location: string): GoDecision => {
        clicks.count({ libraryId: entry.libraryId, resourceId, route, day })
        return { kind: 'redirect', location, route }
      }
      const asked = request.route as RouteKind | undefined
      if (asked && ROUTE_KINDS.includes(asked)) {
        const route = entry.routes.find((each) => each.kind === asked && each.link)
        if (route) return go(route.kind, route.link!)
      }
      if (isOnCampus(entry.campusNetworks, request.ip)) return go('direct', entry.url)
      const preferred = entry.routes.find((each) => each.kind === request.preferred && each.link)
      if (preferred) return go(preferred.kind, preferred.link!)
      return { kind: 'panel', location: `/resources/${resourceId}?from=go` }
    },
    /** Drops what was resolved, after a change to a resource or to the library's routes. */
    forget: () => cache.clear(),
  }
}
