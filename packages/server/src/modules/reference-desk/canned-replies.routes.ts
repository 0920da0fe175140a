import { referenceDesk } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createCannedRepliesService } from './canned-replies.service.ts'

/** Canned replies (快捷回复), typed as `/code` in a chat. */
export const cannedReplyRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const canned = createCannedRepliesService(ctx)
  mount(app, ctx, referenceDesk.listCannedReplies, ({ caller }) => canned.list(caller))
  mount(app, ctx, referenceDesk.createCannedReply, ({ caller, request, body }) =>
    canned.create(caller, request.id, body),
  )
  mount(app, ctx, referenceDesk.updateCannedReply, ({ caller, request, params, body }) =>
    canned.update(caller, request.id, params.replyId, body),
  )
  mount(app, ctx, referenceDesk.deleteCannedReply, ({ caller, request, params }) =>
    canned.remove(caller, request.id, params.replyId),
  )
}
