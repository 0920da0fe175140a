import { coverage } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { sendDownload } from '../../http/download.ts'
import { languageOf } from '../../http/language.ts'
import { mount } from '../../http/route.ts'
import { exportCoverage } from './coverage.export.ts'
import { createCoverageService } from './coverage.service.ts'

/** A term's coverage figures (保障率, 满足率), its target, and their export. */
export const coverageRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const service = createCoverageService(ctx)

  mount(app, ctx, coverage.getCoverage, ({ caller, params, query }) =>
    service.get(caller, params.termId, query),
  )
  mount(app, ctx, coverage.setCoverageTarget, ({ caller, request, params, body }) =>
    service.setTarget(caller, request.id, params.termId, body.targetPercent),
  )
  mount(app, ctx, coverage.exportCoverage, async ({ caller, request, params, query, reply }) =>
    sendDownload(reply, await exportCoverage(service, caller, params.termId, query, languageOf(request))),
  )
}
