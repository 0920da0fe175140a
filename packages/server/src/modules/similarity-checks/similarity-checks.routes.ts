import { similarityChecks } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { languageOf } from '../../http/language.ts'
import { mount } from '../../http/route.ts'
import { attachmentDisposition } from '../../platform/files/files.names.ts'
import { exportBatch } from './similarity-checks.export.ts'
import { createImportsService } from './similarity-checks.imports.ts'
import { createSimilarityChecksService } from './similarity-checks.service.ts'

export const similarityCheckRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const service = createSimilarityChecksService(ctx)
  const imports = createImportsService(ctx)
  const c = similarityChecks
  mount(app, ctx, c.listBatches, ({ caller, query }) => service.listBatches(caller, query))
  mount(app, ctx, c.createBatch, ({ caller, request, body }) => service.createBatch(caller, request.id, body))
  mount(app, ctx, c.getBatch, ({ caller, params }) => service.getBatch(caller, params.batchId))
  mount(app, ctx, c.updateBatch, ({ caller, request, params, body }) =>
    service.updateBatch(caller, request.id, params.batchId, body),
  )
  mount(app, ctx, c.deleteBatch, async ({ caller, request, params }) => {
    await service.deleteBatch(caller, request.id, params.batchId)
    return undefined
  })
  mount(app, ctx, c.listTheses, ({ caller, params, query }) =>
    service.listTheses(caller, params.batchId, query),
  )
  mount(app, ctx, c.addThesis, ({ caller, request, params, body }) =>
    service.addThesis(caller, request.id, params.batchId, body),
  )
  mount(app, ctx, c.importTheses, ({ caller, request, params, body }) =>
    imports.importTheses(caller, request.id, params.batchId, body),
  )
  mount(app, ctx, c.importResults, ({ caller, request, params, body }) =>
    imports.importResults(caller, request.id, params.batchId, body),
  )
  mount(app, ctx, c.bulkTransition, ({ caller, request, params, body }) =>
    service.bulkTransition(caller, request.id, params.batchId, body),
  )
  mount(app, ctx, c.exportBatch, async ({ caller, request, params, query, reply }) => {
    const file = await exportBatch(ctx, caller, params.batchId, query.format, languageOf(request))
    return reply
      .type(file.mediaType)
      .header('content-disposition', attachmentDisposition(file.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(file.body)
  })
  mount(app, ctx, c.listMyTheses, ({ caller, query }) => service.listMine(caller, query))
  mount(app, ctx, c.getThesis, ({ caller, params }) => service.getThesis(caller, params.thesisId))
  mount(app, ctx, c.updateThesis, ({ caller, request, params, body }) =>
    service.updateThesis(caller, request.id, params.thesisId, body),
  )
  mount(app, ctx, c.transitionThesis, ({ caller, request, params, body }) =>
    service.transition(caller, request.id, params.thesisId, body),
  )
  mount(app, ctx, c.attachReport, ({ caller, request, params, body }) =>
    service.attachReport(caller, request.id, params.thesisId, body.fileId),
  )
}
