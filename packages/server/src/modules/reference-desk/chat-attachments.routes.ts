import { referenceDesk } from '@shuqiao/contracts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { attachmentDisposition } from '../../platform/files/files.names.ts'
import { storeOneFile } from '../../platform/files/upload-part.ts'
import { createChatAttachmentsService } from './chat-attachments.service.ts'
import { createGuestTokens, type GuestTokens } from './guest-tokens.ts'

const tokenOf = (request: FastifyRequest) => {
  const value = request.headers[referenceDesk.GUEST_TOKEN_HEADER]
  return typeof value === 'string' ? value : undefined
}

// A streamed reply has not ended when the handler returns; mount() must not answer again.
const finished = (reply: FastifyReply) =>
  new Promise<void>((resolve) => {
    if (reply.raw.writableEnded) return resolve()
    reply.raw.once('finish', resolve)
    reply.raw.once('close', resolve)
  })

/**
 * Images and PDFs sent in chats: readers and staff upload first through POST /api/files; guests,
 * who have no account, upload straight into their chat with their token.
 */
export const chatAttachmentRoutes = (app: FastifyInstance, ctx: AppContext, guestTokens: GuestTokens) => {
  const attachments = createChatAttachmentsService(ctx, guestTokens)
  mount(app, ctx, referenceDesk.sendChatAttachment, ({ caller, params, body }) =>
    attachments.send(caller, params.conversationId, body.fileId),
  )
  mount(app, ctx, referenceDesk.listChatAttachments, ({ caller, params }) =>
    attachments.list(caller, params.conversationId),
  )

  mount(app, ctx, referenceDesk.listGuestChatAttachments, ({ request, params }) =>
    attachments.listForGuest(tokenOf(request), params.conversationId),
  )
  mount(app, ctx, referenceDesk.downloadGuestChatAttachment, async ({ request, params, reply }) => {
    const { file, stream } = await attachments.openForGuest(
      tokenOf(request),
      params.conversationId,
      params.fileId,
    )
    reply
      .type(file.mediaType)
      .header('content-length', file.size)
      .header('content-disposition', attachmentDisposition(file.name))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(stream)
    await finished(reply)
    return undefined
  })
}

/**
 * A guest's upload into their chat, in the scope that parses multipart bodies (app.ts). Its own
 * guest tokens: they read the same keys from the database as the desk's.
 */
export const chatAttachmentUploadRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const attachments = createChatAttachmentsService(ctx, createGuestTokens(ctx.db))
  const maxBytes = referenceDesk.CHAT_ATTACHMENT_MAX_BYTES
  mount(app, ctx, referenceDesk.sendGuestChatAttachment, async ({ request, params, reply }) => {
    return storeOneFile(request, reply, maxBytes, (part) =>
      attachments.sendAsGuest(tokenOf(request), params.conversationId, part),
    )
  })
}
