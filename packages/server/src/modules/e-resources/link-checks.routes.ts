import { linkChecks } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { startLinkCheckSchedule } from './e-resources.jobs.ts'
import { createLinkCheckService } from './link-checks.service.ts'

/** Link checking's staff routes, and its daily run started with the app and stopped with it. */
export const linkCheckRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const service = createLinkCheckService(ctx, {
    warn: (error, message) => app.log.warn({ err: error }, message),
  })
  let stopSchedule = () => {}
  app.addHook('onReady', async () => {
    stopSchedule = startLinkCheckSchedule(ctx, service, (error) =>
      app.log.warn({ err: error }, 'scheduled link checks failed'),
    )
  })
  app.addHook('onClose', async () => {
    stopSchedule()
    await service.stop()
  })

  mount(app, ctx, linkChecks.listLinkChecks, ({ caller, query }) => service.list(caller, query))
  mount(app, ctx, linkChecks.resourceLinkChecks, ({ caller, params, query }) =>
    service.history(caller, params.resourceId, query),
  )
  mount(app, ctx, linkChecks.recheckResourceLinks, ({ caller, params }) =>
    service.recheck(caller, params.resourceId),
  )
  mount(app, ctx, linkChecks.dismissLinkAlarm, ({ caller, request, params, body }) =>
    service.dismiss(caller, request.id, params.resourceId, body),
  )
  mount(app, ctx, linkChecks.startLinkCheckRun, ({ caller, body }) => service.startRun(caller, body.scope))
  mount(app, ctx, linkChecks.listLinkCheckRuns, ({ caller }) => service.runs(caller))
  mount(app, ctx, linkChecks.getLinkCheckRun, ({ caller, params }) => service.run(caller, params.runId))
}
