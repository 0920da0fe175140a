import { replyTemplates } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createReplyTemplatesService } from './reply-templates.service.ts'

export const replyTemplateRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const service = createReplyTemplatesService(ctx)
  mount(app, ctx, replyTemplates.listReplyTemplates, ({ caller, query }) => service.list(caller, query))
  mount(app, ctx, replyTemplates.createReplyTemplate, ({ caller, request, body }) =>
    service.create(caller, request.id, body),
  )
  mount(app, ctx, replyTemplates.updateReplyTemplate, ({ caller, request, params, body }) =>
    service.update(caller, request.id, params.templateId, body),
  )
  mount(app, ctx, replyTemplates.deleteReplyTemplate, async ({ caller, request, params }) => {
    await service.remove(caller, request.id, params.templateId)
    return undefined
  })
  mount(app, ctx, replyTemplates.replyTemplatesForRequest, ({ caller, params, query }) =>
    service.forRequest(caller, params.requestId, query.action),
  )
}
