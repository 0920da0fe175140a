import { referenceDesk } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { startRosterClock } from './roster.jobs.ts'
import { createRosterService } from './roster.service.ts'

/** The desk's duty roster (值班表, Q3): its shifts, the week view, and the clock that drives duty. */
export const rosterRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const roster = createRosterService(ctx)

  mount(app, ctx, referenceDesk.listShifts, ({ caller, query }) => roster.list(caller, query.libraryId))
  mount(app, ctx, referenceDesk.createShift, ({ caller, request, body }) =>
    roster.create(caller, request.id, body),
  )
  mount(app, ctx, referenceDesk.updateShift, ({ caller, request, params, body }) =>
    roster.update(caller, request.id, params.shiftId, body),
  )
  mount(app, ctx, referenceDesk.deleteShift, ({ caller, request, params }) =>
    roster.remove(caller, request.id, params.shiftId),
  )
  mount(app, ctx, referenceDesk.getRosterWeek, ({ caller, query }) => roster.week(caller, query))

  let stop: () => Promise<void> = async () => {}
  app.addHook('onReady', async () => {
    stop = startRosterClock(ctx, (error) => app.log.warn({ err: error }, 'applying the duty roster failed'))
  })
  app.addHook('onClose', async () => {
    await stop()
  })
}
