import { access, disciplines, eResources, ezproxyImports, guides } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { sendDownload } from '../../http/download.ts'
import { sendProblem } from '../../http/error-handler.ts'
import { languageOf } from '../../http/language.ts'
import { mount } from '../../http/route.ts'
import { cleanFileName } from '../../platform/files/files.names.ts'
import { receiveFile } from '../../platform/files/upload-part.ts'
import { isZip } from '../../platform/spreadsheets/read-table.ts'
import { createAccessService } from './access.service.ts'
import { createDisciplinesService } from './disciplines.service.ts'
import { exportDirectory } from './e-resources.export.ts'
import { startTrialExpiry } from './e-resources.jobs.ts'
import { createEResourcesService } from './e-resources.service.ts'
import { createEzproxyImportService } from './ezproxy-imports.service.ts'
import { createGoLinks, ROUTE_COOKIE } from './go-links.ts'
import { createGuidesService } from './guides.service.ts'
import { linkCheckRoutes } from './link-checks.routes.ts'
import { createClickCounter } from './resource-clicks.ts'
import { createResourceImportService, RESOURCE_IMPORT_MAX_BYTES } from './resource-import.service.ts'
import { usageReport } from './usage-report.ts'

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
  mount(app, ctx, eResources.exportResources, async ({ caller, request, query, reply }) => {
    return sendDownload(reply, await exportDirectory(ctx, caller, query.format, languageOf(request)))
  })
  mount(app, ctx, eResources.getResource, ({ caller, params }) => service.detail(caller, params.resourceId))
  mount(app, ctx, eResources.createResource, async ({ caller, request, body }) =>
    changed(await service.create(caller, request.id, body)),
  )
  mount(app, ctx, eResources.updateResource, async ({ caller, request, params, body }) =>
    changed(await service.update(caller, request.id, params.resourceId, body)),
  )
  mount(app, ctx, eResources.recordAccessTest, ({ caller, request, params, body }) =>
    service.recordAccessTest(caller, request.id, params.resourceId, body),
  )
  mount(app, ctx, eResources.changeResourceStatus, async ({ caller, request, params, body }) =>
    changed(await service.changeStatus(caller, request.id, params.resourceId, body.status)),
  )
  mount(app, ctx, eResources.resourceUsage, async ({ caller, query }) => {
    // What readers clicked a moment ago counts too.
    await clicks.flush()
    return service.usage(caller, query.from, query.to)
  })
  mount(app, ctx, eResources.resourceUsageReport, async ({ caller, query, reply }) => {
    await clicks.flush()
    const file = await usageReport(ctx, caller, query)
    return sendDownload(reply, file)
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

  const disciplineService = createDisciplinesService(ctx)
  mount(app, ctx, disciplines.getDisciplines, ({ caller, query }) =>
    disciplineService.list(caller, query.library),
  )
  mount(app, ctx, disciplines.putDisciplines, ({ caller, request, body }) =>
    disciplineService.replace(caller, request.id, body),
  )

  const guideService = createGuidesService(ctx)
  mount(app, ctx, guides.listGuides, ({ caller, query }) => guideService.list(caller, query))
  mount(app, ctx, guides.getGuide, ({ caller, params, query }) =>
    guideService.byCode(caller, params.code, query.withoutVpn === 'true'),
  )
  mount(app, ctx, guides.createGuide, ({ caller, request, body }) =>
    guideService.create(caller, request.id, body),
  )
  mount(app, ctx, guides.updateGuide, ({ caller, request, params, body }) =>
    guideService.update(caller, request.id, params.guideId, body),
  )
  mount(app, ctx, guides.publishGuide, ({ caller, request, params, body }) =>
    guideService.setStatus(caller, request.id, params.guideId, body.status),
  )
  // A guide's short address, as printed on posters and sent in WeChat groups: counted, then shown.
  app.get('/g/:code', async (request, reply) => {
    const code = String((request.params as { code: string }).code).toLowerCase()
    const wellFormed = /^[0-9a-z]{4,12}$/.test(code)
    if (!wellFormed || !(await guideService.visit(code))) {
      // A reader with an old poster sees the guide page, which says what happened; nothing is counted.
      if (request.headers.accept?.includes('text/html'))
        return reply.redirect(wellFormed ? `/guides/${code}` : '/guides', 302)
      return sendProblem(request, reply, 'not_found')
    }
    return reply.header('cache-control', 'no-store').redirect(`/guides/${code}`, 302)
  })

  // The reader's link to a resource, as printed in guides and course pages: a redirect, not JSON.
  app.get('/go/:resourceId', async (request, reply) => {
    const params = GoParams.safeParse(request.params)
    if (!params.success) return sendProblem(request, reply, 'not_found')
    // Only the names of known routes mean anything here; anything else is ignored, never followed.
    const route = (request.query as Record<string, unknown>).route
    const caller = await ctx.sessions.authenticate(request, reply)
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

/** 2 MB: the largest config.txt we know of (a consortium's, with 1,000 stanzas) is under 300 KB. */
const EZPROXY_MAX_BYTES = 2 * 1024 * 1024

/** The EZproxy config and resource list uploads; mounted where multipart bodies are parsed. */
export const eResourceUploadRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const ezproxy = createEzproxyImportService(ctx)
  const lists = createResourceImportService(ctx)
  // /go picks up proxy routes added here within its cache time (10 s); new resources are drafts.
  mount(app, ctx, ezproxyImports.importEzproxyConfig, async ({ caller, request, reply, query }) => {
    const file = await receiveFile(request, reply, EZPROXY_MAX_BYTES)
    return ezproxy.run(
      caller,
      request.id,
      { name: cleanFileName(file.name, 'txt'), bytes: file.bytes },
      query.apply === 'true',
    )
  })
  mount(app, ctx, ezproxyImports.importResources, async ({ caller, request, reply, query }) => {
    const file = await receiveFile(request, reply, RESOURCE_IMPORT_MAX_BYTES)
    const kind = isZip(file.bytes) ? 'xlsx' : 'txt'
    return lists.run(
      caller,
      request.id,
      { name: cleanFileName(file.name, kind), bytes: file.bytes },
      query.apply === 'true',
    )
  })
}
