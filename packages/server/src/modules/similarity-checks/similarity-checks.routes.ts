import { similarityChecks } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { sendDownload } from '../../http/download.ts'
import { languageOf } from '../../http/language.ts'
import { ProblemError } from '../../http/problem.ts'
import { mount } from '../../http/route.ts'
import { exportBatch } from './similarity-checks.export.ts'
import { createImportsService } from './similarity-checks.imports.ts'
import { createReportsService } from './similarity-checks.reports.ts'
import { createSimilarityChecksService } from './similarity-checks.service.ts'

export const similarityCheckRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const service = createSimilarityChecksService(ctx)
  const imports = createImportsService(ctx)
  const reports = createReportsService(ctx)
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
  mount(app, ctx, c.previewBulkReports, ({ caller, params, body }) =>
    reports.preview(caller, params.batchId, body.files),
  )
  mount(app, ctx, c.bulkTransition, ({ caller, request, params, body }) =>
    service.bulkTransition(caller, request.id, params.batchId, body),
  )
  mount(app, ctx, c.exportBatch, async ({ caller, request, params, query, reply }) => {
    return sendDownload(
      reply,
      await exportBatch(ctx, caller, params.batchId, query.format, languageOf(request)),
    )
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

/** The bulk upload of report PDFs; mounted where multipart bodies are parsed. */
export const similarityCheckUploadRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const reports = createReportsService(ctx)
  const maxFiles = similarityChecks.MAX_BULK_REPORT_FILES
  mount(app, ctx, similarityChecks.uploadBulkReports, async ({ caller, request, params, reply }) => {
    if (!request.isMultipart()) throw new ProblemError('unsupported_media_type')
    try {
      const parts = request.files({
        // One byte over the limit lets storage see the overflow instead of a silent truncation.
        limits: {
          fileSize: ctx.config.FILE_MAX_BYTES + 1,
          files: maxFiles,
          fields: 10,
          fieldSize: 1024,
          parts: maxFiles + 10,
        },
        throwFileSizeLimit: false,
      })
      return await reports.upload(caller, request.id, params.batchId, parts)
    } catch (error) {
      // The rest of a refused upload is not worth reading: answer, then drop the connection.
      reply.header('connection', 'close')
      throw error
    }
  })
}
