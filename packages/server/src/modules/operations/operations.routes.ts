import { phases } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createPhaseSwitchService } from './phase-switch.service.ts'
import { createPhasesService } from './phases.service.ts'
import { createServiceBoardService } from './service-board.service.ts'

/** Operating phases, switches between them, and the public status board. */
export const operationsRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const book = createPhasesService(ctx)
  const switches = createPhaseSwitchService(ctx)
  const board = createServiceBoardService(ctx)
  mount(app, ctx, phases.getPhases, ({ caller, query }) => book.get(caller, query.libraryId))
  mount(app, ctx, phases.savePhases, ({ caller, request, query, body }) =>
    book.save(caller, request.id, query.libraryId, body.phases, body.seen),
  )
  mount(app, ctx, phases.previewPhaseSwitch, ({ caller, query, body }) =>
    switches.preview(caller, query.libraryId, body),
  )
  mount(app, ctx, phases.switchPhase, ({ caller, request, query, body }) =>
    switches.switchTo(caller, request.id, query.libraryId, body),
  )
  mount(app, ctx, phases.listPhaseSwitches, async ({ caller, query }) => ({
    items: await switches.list(caller, query.libraryId),
  }))
  mount(app, ctx, phases.undoPhaseSwitch, ({ caller, request, params }) =>
    switches.undo(caller, request.id, params.switchId),
  )
  mount(app, ctx, phases.getServiceBoard, ({ params }) => board.board(params.libraryCode))
}
