import { requests } from '@shuqiao/contracts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { sendDownload } from '../../http/download.ts'
import { languageOf } from '../../http/language.ts'
import { fieldProblem } from '../../http/problem.ts'
import { mount } from '../../http/route.ts'
import { replyTemplateRoutes } from './reply-templates.routes.ts'
import { verifyConfirmation } from './request-confirmations.ts'
import { createRequestsService } from './requests.service.ts'
import { createRequestExportService } from './requests-export.service.ts'
import { createRequestQueueService } from './requests-queue.service.ts'
import { createRequestTeamsService } from './requests-teams.service.ts'

const idempotencyKeyOf = (request: FastifyRequest) => {
  const key = request.headers['idempotency-key']
  if (key === undefined) return undefined
  if (typeof key !== 'string' || !/^[\w.:-]{8,100}$/.test(key)) {
    throw fieldProblem(
      'header.idempotency-key',
      'invalid_format',
      '8–100 个字母、数字或 .:-_',
      '8–100 letters, digits or .:-_',
    )
  }
  return key
}

export const requestRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const service = createRequestsService(ctx)
  const queue = createRequestQueueService(ctx)
  const exports = createRequestExportService(ctx)
  mount(app, ctx, requests.listRequestTypes, ({ caller }) => queue.types(caller))
  mount(app, ctx, requests.submitRequest, ({ caller, body, request }) =>
    service.submit(caller, body, idempotencyKeyOf(request)),
  )
  mount(app, ctx, requests.listMyRequests, ({ caller, query }) => queue.mine(caller, query))
  mount(app, ctx, requests.listRequestQueue, ({ caller, query }) => queue.queue(caller, query))
  mount(app, ctx, requests.exportRequestQueue, async ({ caller, request, query, reply }) =>
    sendDownload(
      reply,
      await exports.queue(caller, request.id, query, languageOf(request), (error) =>
        request.log.error({ err: error }, 'request export failed'),
      ),
    ),
  )
  mount(app, ctx, requests.requestFigures, ({ caller, query }) => queue.figures(caller, query))
  mount(app, ctx, requests.exportRequestFigures, async ({ caller, request, query, reply }) =>
    sendDownload(
      reply,
      await exports.figures(caller, query, languageOf(request), (error) =>
        request.log.error({ err: error }, 'figures export failed'),
      ),
    ),
  )
  mount(app, ctx, requests.assignRequests, ({ caller, request, body }) =>
    queue.assign(caller, request.id, body.requestIds, body.assigneeId),
  )
  mount(app, ctx, requests.getRequest, ({ caller, params }) => service.detail(caller, params.requestId))
  mount(app, ctx, requests.transitionRequest, ({ caller, request, params, body }) =>
    service.transition(caller, request.id, params.requestId, body),
  )
  mount(app, ctx, requests.commentOnRequest, ({ caller, params, body }) =>
    service.comment(caller, params.requestId, body),
  )
  const teams = createRequestTeamsService(ctx)
  mount(app, ctx, requests.listRequestStaff, ({ caller, params }) => teams.staff(caller, params.libraryId))
  mount(app, ctx, requests.listRequestTeams, ({ caller, params }) => teams.teams(caller, params.libraryId))
  mount(app, ctx, requests.setRequestTeam, ({ caller, request, params, body }) =>
    teams.setTeam(caller, request.id, params, body),
  )
  mount(app, ctx, requests.verifyConfirmation, ({ params }) => verifyConfirmation(ctx.db, params.code))
  replyTemplateRoutes(app, ctx)
  mount(app, ctx, requests.setFeeWaiver, ({ caller, request, params, body }) =>
    queue.setFeeWaiver(caller, request.id, params.libraryId, params.type, body),
  )
}
