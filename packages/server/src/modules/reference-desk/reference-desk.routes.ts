import { referenceDesk } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { cannedReplyRoutes } from './canned-replies.routes.ts'
import { chatAttachmentRoutes } from './chat-attachments.routes.ts'
import { createConversationHandling } from './conversation-handling.service.ts'
import { createConversationsService } from './conversations.service.ts'
import { deskFigureRoutes } from './desk-figures.routes.ts'
import { createDutyService } from './duty.service.ts'
import { createFaqService } from './faq.service.ts'
import { createGuestTokens } from './guest-tokens.ts'
import { createMessagesService } from './messages.service.ts'
import { createQueuesService } from './queues.service.ts'
import { ratingRoutes } from './ratings.routes.ts'
import { rosterRoutes } from './roster.routes.ts'
import { deskSocketRoutes } from './socket/socket.routes.ts'
import { subjectRoutes } from './subject-routing.routes.ts'
import { ticketRoutes } from './tickets.routes.ts'
import { widgetRoutes } from './widget.routes.ts'

/** The online reference desk (在线咨询): queues, duty, chats over REST, and the chat socket. */
export const referenceDeskRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const guestTokens = createGuestTokens(ctx.db)
  const queues = createQueuesService(ctx)
  const duty = createDutyService(ctx)
  const chats = createConversationsService(ctx, guestTokens)
  const handling = createConversationHandling(ctx)
  const messages = createMessagesService(ctx)
  const faq = createFaqService(ctx)

  mount(app, ctx, referenceDesk.listPublicQueues, ({ params }) => queues.publicList(params.libraryId))
  mount(app, ctx, referenceDesk.listQueues, ({ caller, query }) => queues.list(caller, query.libraryId))
  mount(app, ctx, referenceDesk.createQueue, ({ caller, request, body }) =>
    queues.create(caller, request.id, body),
  )
  mount(app, ctx, referenceDesk.updateQueue, ({ caller, request, params, body }) =>
    queues.update(caller, request.id, params.queueId, body),
  )

  mount(app, ctx, referenceDesk.getMyDesk, ({ caller }) => duty.myDesk(caller))
  mount(app, ctx, referenceDesk.setMyDuty, ({ caller, request, params, body }) =>
    duty.setMyDuty(caller, request.id, params.queueId, body.onDuty),
  )
  mount(app, ctx, referenceDesk.listDeskLibrarians, ({ caller, query }) =>
    duty.librarians(caller, query.libraryId),
  )
  mount(app, ctx, referenceDesk.setChatLimit, ({ caller, request, params, body }) =>
    duty.setChatLimit(caller, request.id, params.accountId, body.chatLimit),
  )

  mount(app, ctx, referenceDesk.startConversation, ({ caller, body }) =>
    chats.start(caller, body.queueId, body.subject),
  )
  mount(app, ctx, referenceDesk.startGuestConversation, ({ body }) =>
    chats.startGuest(body.queueId, body.nickname, body.subject),
  )
  mount(app, ctx, referenceDesk.listMyConversations, ({ caller }) => chats.mine(caller))
  mount(app, ctx, referenceDesk.listConversations, ({ caller, query }) => chats.list(caller, query))
  mount(app, ctx, referenceDesk.getConversation, ({ caller, params }) =>
    chats.detail(caller, params.conversationId),
  )
  mount(app, ctx, referenceDesk.listMessages, ({ caller, params, query }) =>
    messages.list(caller, params.conversationId, query.after, query.limit),
  )
  mount(app, ctx, referenceDesk.claimConversation, ({ caller, request, params }) =>
    handling.claim(caller, request.id, params.conversationId),
  )
  mount(app, ctx, referenceDesk.transferConversation, ({ caller, request, params, body }) =>
    handling.transfer(caller, request.id, params.conversationId, body),
  )
  mount(app, ctx, referenceDesk.closeConversation, ({ caller, request, params }) =>
    handling.close(caller, request.id, params.conversationId),
  )

  mount(app, ctx, referenceDesk.searchFaq, ({ caller, query }) => faq.search(caller, query))
  mount(app, ctx, referenceDesk.listManagedFaq, ({ caller, query }) => faq.manage(caller, query))
  mount(app, ctx, referenceDesk.createFaq, ({ caller, request, body }) =>
    faq.create(caller, request.id, body),
  )
  mount(app, ctx, referenceDesk.updateFaq, ({ caller, request, params, body }) =>
    faq.update(caller, request.id, params.articleId, body),
  )
  mount(app, ctx, referenceDesk.deleteFaq, ({ caller, request, params }) =>
    faq.remove(caller, request.id, params.articleId),
  )

  deskSocketRoutes(app, ctx, { messages, guestTokens })
  ratingRoutes(app, ctx, guestTokens)
  deskFigureRoutes(app, ctx)
  widgetRoutes(app, ctx)
  chatAttachmentRoutes(app, ctx, guestTokens)

  rosterRoutes(app, ctx)
  subjectRoutes(app, ctx)
  cannedReplyRoutes(app, ctx)

  ticketRoutes(app, ctx)
}
