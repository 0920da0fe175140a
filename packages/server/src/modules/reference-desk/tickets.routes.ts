import { referenceDesk } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.ts'
import { mount } from '../../http/route.ts'
import { attachmentDisposition } from '../../platform/files/files.names.ts'
import { startTicketSweep } from './tickets.jobs.ts'
import { createTicketsService } from './tickets.service.ts'
import { createTranscriptsService } from './transcripts.service.ts'

/** The desk's tickets (留言咨询) and chat transcripts, and the sweep that turns unanswered chats into tickets. */
export const ticketRoutes = (app: FastifyInstance, ctx: AppContext) => {
  const tickets = createTicketsService(ctx)
  const transcripts = createTranscriptsService(ctx)
  let stopSweep = () => {}
  app.addHook('onReady', async () => {
    stopSweep = startTicketSweep(ctx, (error) => app.log.warn({ err: error }, 'reference desk sweep failed'))
  })
  app.addHook('onClose', async () => stopSweep())

  mount(app, ctx, referenceDesk.createTicket, ({ caller, body }) => tickets.create(caller, body))
  mount(app, ctx, referenceDesk.createGuestTicket, ({ body }) => tickets.createGuest(body))
  mount(app, ctx, referenceDesk.logPhoneTicket, ({ caller, request, body }) =>
    tickets.logPhone(caller, request.id, body),
  )
  mount(app, ctx, referenceDesk.listMyTickets, ({ caller }) => tickets.mine(caller))
  mount(app, ctx, referenceDesk.listTickets, ({ caller, query }) => tickets.list(caller, query))
  mount(app, ctx, referenceDesk.getTicket, ({ caller, params }) => tickets.detail(caller, params.ticketId))
  mount(app, ctx, referenceDesk.replyToTicket, ({ caller, params, body }) =>
    tickets.reply(caller, params.ticketId, body.text),
  )
  mount(app, ctx, referenceDesk.addTicketNote, ({ caller, params, body }) =>
    tickets.note(caller, params.ticketId, body.text),
  )
  mount(app, ctx, referenceDesk.updateTicket, ({ caller, request, params, body }) =>
    tickets.update(caller, request.id, params.ticketId, body),
  )
  mount(app, ctx, referenceDesk.getTicketSettings, ({ caller, query }) =>
    tickets.settings(caller, query.libraryId),
  )
  mount(app, ctx, referenceDesk.setTicketSettings, ({ caller, request, body }) =>
    tickets.setSettings(caller, request.id, body),
  )

  mount(app, ctx, referenceDesk.searchTranscripts, ({ caller, query }) => transcripts.search(caller, query))
  mount(app, ctx, referenceDesk.downloadTranscript, async ({ caller, params, reply }) => {
    const { text, fileName } = await transcripts.download(caller, params.conversationId)
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', attachmentDisposition(fileName))
      .send(text) as never
  })
  mount(app, ctx, referenceDesk.emailTranscript, ({ caller, params }) =>
    transcripts.email(caller, params.conversationId),
  )
}
