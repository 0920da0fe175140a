import { referenceDesk } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { createChatAttachmentsService } from './chat-attachments.service.ts'

/** Images and PDFs sent in chats (uploaded first through POST /api/files). */
export const chatAttachmentRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const attachments = createChatAttachmentsService(ctx)
  mount(app, ctx, referenceDesk.sendChatAttachment, ({ caller, params, body }) =>
    attachments.send(caller, params.conversationId, body.fileId),
  )
  mount(app, ctx, referenceDesk.listChatAttachments, ({ caller, params }) =>
    attachments.list(caller, params.conversationId),
  )
}
