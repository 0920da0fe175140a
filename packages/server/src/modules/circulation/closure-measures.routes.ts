import { closureMeasures } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createClosureMeasuresService } from './closure-measures.service.ts'

/** Closure measures: bulk due dates, spread returns, bulk fine waivers, limit raises, undo. */
export const closureMeasureRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const measures = createClosureMeasuresService(ctx)
  mount(app, ctx, closureMeasures.previewDueDateChange, ({ caller, body }) =>
    measures.previewDueDates(caller, body),
  )
  mount(app, ctx, closureMeasures.applyDueDateChange, ({ caller, request, body }) =>
    measures.applyDueDates(caller, request.id, body),
  )
  mount(app, ctx, closureMeasures.previewReturnSpread, ({ caller, body }) =>
    measures.previewSpread(caller, body),
  )
  mount(app, ctx, closureMeasures.applyReturnSpread, ({ caller, request, body }) =>
    measures.applySpread(caller, request.id, body),
  )
  mount(app, ctx, closureMeasures.previewFineWaiver, ({ caller, body }) =>
    measures.previewWaiver(caller, body),
  )
  mount(app, ctx, closureMeasures.applyFineWaiver, ({ caller, request, body }) =>
    measures.applyWaiver(caller, request.id, body),
  )
  mount(app, ctx, closureMeasures.listClosureBatches, ({ caller }) => measures.batches(caller))
  mount(app, ctx, closureMeasures.undoClosureBatch, ({ caller, request, params }) =>
    measures.undo(caller, request.id, params.batchId),
  )
  mount(app, ctx, closureMeasures.listLimitRaises, ({ caller }) => measures.raises(caller))
  mount(app, ctx, closureMeasures.createLimitRaise, ({ caller, request, body }) =>
    measures.raise(caller, request.id, body),
  )
  mount(app, ctx, closureMeasures.endLimitRaise, ({ caller, request, params }) =>
    measures.endRaise(caller, request.id, params.raiseId),
  )
}
