import { access, eResources } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { callerOf } from '../../http/caller.ts'
import { sendProblem } from '../../http/error-handler.ts'
import { mount } from '../../http/route.ts'
import { createAccessService } from './access.service.ts'
import { startTrialExpiry } from './e-resources.jobs.ts'
import { createEResourcesService } from './e-resources.service.ts'
import { createGoLinks, ROUTE_COOKIE } from './go-links.ts'
import { linkCheckRoutes } from './link-checks.routes.ts'
import { createClickCounter } from './resource-clicks.ts'

const GoParams = z.object({ resourceId: z.uuid() })

export const eResourceRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const service = createEResourcesService(ctx)
  const settings = createAccessService(ctx)
  const clicks = createClickCounter(ctx.db)
  const go = createGoLinks(ctx, clicks)
  let stopExpiry = () => {}
  app.addHook('onReady', async () => {
    stopExpiry = startTrialExpiry(ctx, (error) =>
      app.log.warn({ err: error }, 'expiring ended trials failed'),
    )
  })
  app.addHook('onClose', async () => {
    stopExpiry()
    await clicks.stop()
  })
  // Every change to a resource or to the library's routes is seen by /go at once in this process.
  const changed = <T>(result: T) => {
    go.forget()
    return result
  }

  mount(app, ctx, eResources.listResources, ({ caller, query }) => service.list(caller, query))
  mount(app, ctx, eResources.getResource, ({ caller, params }) => service.detail(caller, params.resourceId))
  mount(app, ctx, eResources.createResource, async ({ caller, request, body }) =>
    changed(await service.create(caller, request.id, body)),
  )
  mount(app, ctx, eResources.updateResource, async ({ caller, request, params, body }) =>
    changed(await service.update(caller, request.id, params.resourceId, body)),
  )
  mount(app, ctx, eResources.changeResourceStatus, async ({ caller, request, params, body }) =>
    changed(await service.changeStatus(caller, request.id, params.resourceId, body.status)),
  )
  mount(app, ctx, eResources.resourceUsage, async ({ caller, query }) => {
    // What readers clicked a moment ago counts too.
    await clicks.flush()
    return service.usage(caller, query.from, query.to)
  })
  mount(app, ctx, access.getAccessSettings, ({ caller }) => settings.settings(caller))
  mount(app, ctx, access.putAccessSettings, async ({ caller, request, body }) =>
    changed(await settings.saveSettings(caller, request.id, body)),
  )
  mount(app, ctx, access.listAccessPlatforms, ({ caller }) => settings.platforms(caller))
  mount(app, ctx, access.putAccessPlatform, async ({ caller, request, params, body }) =>
    changed(await settings.savePlatform(caller, request.id, params.code, body)),
  )
  mount(app, ctx, access.buildAccessLinks, ({ caller, body }) => settings.buildLinks(caller, body.urls))
  linkCheckRoutes(app, ctx)

  // The reader's link to a resource, as printed in guides and course pages: a redirect, not JSON.
  app.get('/go/:resourceId', async (request, reply) => {
    const params = GoParams.safeParse(request.params)
    if (!params.success) return sendProblem(request, reply, 'not_found')
    // Only the names of known routes mean anything here; anything else is ignored, never followed.
    const route = (request.query as Record<string, unknown>).route
    const caller = (await ctx.sessions.authenticate(request, reply)) ?? callerOf(request)
    const decision = await go.decide(caller, params.data.resourceId, {
      ip: request.ip,
      route: typeof route === 'string' ? route : undefined,
      preferred: request.cookies[ROUTE_COOKIE],
    })
    if (decision.kind === 'not_found') {
      // A reader following an old link sees the directory's page for it, which says what happened.
      if (request.headers.accept?.includes('text/html'))
        return reply.redirect(`/resources/${params.data.resourceId}`, 302)
      return sendProblem(request, reply, 'not_found')
    }
    return reply.header('cache-control', 'no-store').redirect(decision.location, 302)
  })
}
