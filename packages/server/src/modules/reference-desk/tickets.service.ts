import { referenceDesk } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { pageOf } from '../../http/page.ts'
import { fieldProblem, invalidCursor, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { searchTextOf } from '../../platform/search/search-text.ts'
import { type Side, sideIn, viewOf, worksAtDesk } from './desk-access.ts'
import { deskLibraryOf } from './desk-library.ts'
import { personOf } from './desk-people.ts'
import { typedMatch } from './desk-search.ts'
import { findQueue } from './queues.repository.ts'
import { announceTicketReply } from './tickets.notices.ts'
import { postVisibleTo, presentPost, presentTicket, ticketSnapshot } from './tickets.presenter.ts'
import * as repo from './tickets.repository.ts'

type ListQuery = z.output<typeof referenceDesk.TicketQuery>
type PhoneInput = z.output<typeof referenceDesk.logPhoneTicket.body>
type GuestInput = z.output<typeof referenceDesk.createGuestTicket.body>
type Change = z.output<typeof referenceDesk.updateTicket.body>

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const MINE_SHOWN = 100

/** Who a ticket belongs to, in the shape the desk's access rules read. */
const ownersOf = (row: { library_id: string; consortium_id: string; reader_id: string | null }) => ({
  ...row,
  guest_id: null,
})

export interface NewTicket {
  libraryId: string
  queueId: string
  source: referenceDesk.TicketSource
  subject: string
  text: string
  asker:
    | { readerId: string; name: string }
    | { guestName: string; email: string | null; language: 'zh-CN' | 'en' }
  phone?: string | null
  status?: 'new' | 'open'
  assigneeId?: string | null
  conversationId?: string | null
  createdBy?: string | null
  at: Date
}

/**
 * Writes a ticket with the asker's question as the first reply of its thread, in the caller's
 * transaction. Returns its id and number.
 */
export const insertTicket = async (trx: Kysely<DB>, ticket: NewTicket) => {
  const id = uuidv7()
  const number = await repo.nextTicketNumber(trx, ticket.libraryId)
  const asker = ticket.asker
  await trx
    .insertInto('reference_tickets')
    .values({
      id,
      library_id: ticket.libraryId,
      number,
      queue_id: ticket.queueId,
      status: ticket.status ?? 'new',
      source: ticket.source,
      reader_id: 'readerId' in asker ? asker.readerId : null,
      guest_name: 'guestName' in asker ? asker.guestName : null,
      guest_email: 'guestName' in asker ? asker.email : null,
      guest_language: 'guestName' in asker ? asker.language : null,
      phone: ticket.phone ?? null,
      subject: ticket.subject,
      assignee_id: ticket.assigneeId ?? null,
      conversation_id: ticket.conversationId ?? null,
      created_by: ticket.createdBy ?? null,
      created_at: ticket.at,
      updated_at: ticket.at,
      search_text: searchTextOf(ticket.subject, 'readerId' in asker ? asker.name : asker.guestName),
    })
    .execute()
  await repo.appendPost(trx, id, {
    kind: 'event',
    event: 'created',
    eventData: { source: ticket.source },
    authorId: ticket.createdBy ?? null,
    at: ticket.at,
  })
  await repo.appendPost(trx, id, {
    kind: 'reply',
    side: 'reader',
    authorId: 'readerId' in asker ? asker.readerId : null,
    body: ticket.text,
    at: ticket.at,
  })
  return { id, number }
}

/** Tickets (留言咨询): asked on the portal or the phone or left by an unanswered chat, answered over time. */
export const createTicketsService = (ctx: AppContext) => {
  const { db } = ctx

  const detailFor = async (trx: Kysely<DB>, ticketId: string, side: Side) => {
    const row = (await repo.findTicket(trx, ticketId))!
    const posts = await repo.postsOf(trx, ticketId)
    return {
      ...presentTicket(row, side),
      posts: posts.filter((post) => postVisibleTo(post, side)).map(presentPost),
    }
  }

  /** An active queue the ticket goes to, or not found. */
  const activeQueue = async (queueId: string, libraryId?: string) => {
    const queue = await findQueue(db, queueId)
    if (!queue?.active || (libraryId && queue.library_id !== libraryId)) throw new ProblemError('not_found')
    return queue
  }

  /** A ticket a staff member of its library may change, else not found. */
  const staffTicket = (caller: Caller, row: { library_id: string } | undefined) => {
    if (!row || !worksAtDesk(caller, row.library_id)) throw new ProblemError('not_found')
    return row
  }

  const audit = async (
    trx: Kysely<DB>,
    caller: Caller,
    httpRequestId: string,
    action: string,
    ticketId: string,
    before: { status: string; assignee_id: string | null } | null,
  ) => {
    const after = (await repo.findTicket(trx, ticketId))!
    await recordAudit(trx, {
      caller,
      requestId: httpRequestId,
      libraryId: after.library_id,
      action: `reference_desk.ticket.${action}`,
      entityType: 'reference_ticket',
      entityId: ticketId,
      entityLabel: `#${after.number} ${after.subject}`,
      before: before ? ticketSnapshot(before) : null,
      after: ticketSnapshot(after),
    })
  }

  return {
    /** A signed-in reader asks through the portal's form, in a topic of their library. */
    async create(caller: Caller, input: { queueId: string; subject: string; text: string }) {
      const queue = await activeQueue(input.queueId, caller.libraryId ?? undefined)
      const reader = await personOf(db, caller.accountId)
      return db.transaction().execute(async (trx) => {
        const { id } = await insertTicket(trx, {
          libraryId: queue.library_id,
          queueId: queue.id,
          source: 'web',
          subject: input.subject,
          text: input.text,
          asker: { readerId: caller.accountId, name: reader.name },
          at: ctx.now(),
        })
        return detailFor(trx, id, 'reader')
      })
    },

    /** A guest asks with a name and an address, where the topic takes guests; answers come by e-mail. */
    async createGuest(input: GuestInput) {
      const queue = await activeQueue(input.queueId)
      if (!queue.allow_guests) throw new ProblemError('guests_not_allowed')
      const { number } = await db.transaction().execute((trx) =>
        insertTicket(trx, {
          libraryId: queue.library_id,
          queueId: queue.id,
          source: 'web',
          subject: input.subject,
          text: input.text,
          asker: { guestName: input.name, email: input.email, language: input.language },
          at: ctx.now(),
        }),
      )
      return { number }
    },

    /** Staff log a phone call: the ticket is open and theirs. */
    async logPhone(caller: Caller, httpRequestId: string, input: PhoneInput) {
      const libraryId = caller.libraryId
      if (!libraryId) throw new ProblemError('forbidden')
      const queue = await activeQueue(input.queueId, libraryId)
      let asker: NewTicket['asker']
      if (input.readerNumber) {
        const reader = await db
          .selectFrom('accounts')
          .select(['id', 'name'])
          .where('library_id', '=', libraryId)
          .where('reader_number', '=', input.readerNumber)
          .executeTakeFirst()
        if (!reader)
          throw fieldProblem(
            'body.readerNumber',
            'not_found',
            '本馆没有这个学工号的读者',
            'This library has no reader with this number',
          )
        asker = { readerId: reader.id, name: reader.name }
      } else {
        asker = { guestName: input.callerName!, email: input.callerEmail ?? null, language: 'zh-CN' }
      }
      return db.transaction().execute(async (trx) => {
        const { id } = await insertTicket(trx, {
          libraryId,
          queueId: queue.id,
          source: 'phone',
          subject: input.subject,
          text: input.text,
          asker,
          phone: input.phone ?? null,
          status: 'open',
          assigneeId: caller.accountId,
          createdBy: caller.accountId,
          at: ctx.now(),
        })
        await audit(trx, caller, httpRequestId, 'phone', id, null)
        return detailFor(trx, id, 'staff')
      })
    },

    async mine(caller: Caller) {
      const rows = await repo
        .ticketsQuery(db)
        .where('t.reader_id', '=', caller.accountId)
        .orderBy('t.id', 'desc')
        .limit(MINE_SHOWN)
        .execute()
      return { items: rows.map((row) => presentTicket(row, 'reader')) }
    },

    /** The library's tickets for staff, newest first. */
    async list(caller: Caller, query: ListQuery) {
      const libraryId = await deskLibraryOf(db, caller, query.libraryId)
      if (query.cursor && !ID.test(query.cursor)) throw invalidCursor()
      let q = repo.ticketsQuery(db).where('t.library_id', '=', libraryId)
      if (query.status) q = q.where('t.status', '=', query.status)
      if (query.queueId) q = q.where('t.queue_id', '=', query.queueId)
      if (query.assignee === 'me') q = q.where('t.assignee_id', '=', caller.accountId)
      else if (query.assignee === 'none') q = q.where('t.assignee_id', 'is', null)
      else if (query.assignee) q = q.where('t.assignee_id', '=', query.assignee)
      const match = typedMatch('t', query.q)
      if (match) q = q.where(match.where)
      if (query.cursor) q = q.where('t.id', '<', query.cursor)
      const rows = await q
        .orderBy('t.id', 'desc')
        .limit(query.limit + 1)
        .execute()
      return pageOf(rows, query.limit, (row) => presentTicket(row, 'staff'))
    },

    /** One ticket: the asker's own (replies only), any of the library's for its staff. */
    async detail(caller: Caller, ticketId: string) {
      const row = await repo.findTicket(db, ticketId)
      const side = row && viewOf(caller, ownersOf(row))
      if (!row || !side) throw new ProblemError('not_found')
      return detailFor(db, ticketId, side)
    },

    /**
     * A reply in the thread. Staff's goes to the reader (inbox and e-mail) and the ticket then waits
     * for them (`pending`); the first librarian to answer takes the ticket if nobody has it. A
     * reader's reply puts an answered ticket back to `open`. A closed ticket takes no replies.
     */
    async reply(caller: Caller, ticketId: string, text: string) {
      const found = await repo.findTicket(db, ticketId)
      if (!found || !viewOf(caller, ownersOf(found))) throw new ProblemError('not_found')
      const side = sideIn({ kind: 'account', caller, name: '' }, ownersOf(found))
      if (!side) throw new ProblemError('forbidden')
      return db.transaction().execute(async (trx) => {
        const row = (await repo.lockTicket(trx, ticketId))!
        if (row.status === 'closed') throw new ProblemError('ticket_closed')
        const now = ctx.now()
        const postId = await repo.appendPost(trx, ticketId, {
          kind: 'reply',
          side,
          authorId: caller.accountId,
          body: text,
          at: now,
        })
        if (side === 'staff') {
          await trx
            .updateTable('reference_tickets')
            .set({
              status: 'pending',
              assignee_id: row.assignee_id ?? caller.accountId,
              first_reply_at: row.first_reply_at ?? now,
            })
            .where('id', '=', ticketId)
            .execute()
          const librarian = await personOf(trx, caller.accountId)
          await announceTicketReply(trx, found, { postId, librarian: librarian.name, text })
        } else if (row.status === 'pending') {
          await trx
            .updateTable('reference_tickets')
            .set({ status: 'open' })
            .where('id', '=', ticketId)
            .execute()
        }
        return detailFor(trx, ticketId, side)
      })
    },

    async note(caller: Caller, ticketId: string, text: string) {
      staffTicket(caller, await repo.findTicket(db, ticketId))
      return db.transaction().execute(async (trx) => {
        await repo.appendPost(trx, ticketId, {
          kind: 'note',
          side: 'staff',
          authorId: caller.accountId,
          body: text,
          at: ctx.now(),
        })
        return detailFor(trx, ticketId, 'staff')
      })
    },

    /** A change of status along TICKET_TRANSITIONS, or of the librarian handling it; both audited. */
    async update(caller: Caller, httpRequestId: string, ticketId: string, change: Change) {
      staffTicket(caller, await repo.findTicket(db, ticketId))
      return db.transaction().execute(async (trx) => {
        const row = (await repo.lockTicket(trx, ticketId))!
        const now = ctx.now()
        const status = change.status ?? row.status
        if (status !== row.status) {
          if (!referenceDesk.TICKET_TRANSITIONS[row.status].includes(status))
            throw new ProblemError('illegal_transition')
          await trx
            .updateTable('reference_tickets')
            .set({ status, closed_at: status === 'closed' ? now : null })
            .where('id', '=', ticketId)
            .execute()
          await repo.appendPost(trx, ticketId, {
            kind: 'event',
            event: 'status',
            eventData: { from: row.status, to: status },
            authorId: caller.accountId,
            at: now,
          })
        }
        if (change.assigneeId !== undefined && change.assigneeId !== row.assignee_id) {
          if (change.assigneeId) {
            // Any librarian of the library may be given a ticket, on duty or not.
            const colleague = await trx
              .selectFrom('accounts as a')
              .innerJoin('account_roles as r', 'r.account_id', 'a.id')
              .select('a.id')
              .where('a.id', '=', change.assigneeId)
              .where('a.library_id', '=', row.library_id)
              .where('a.status', '=', 'active')
              .where('r.role', 'in', ['librarian', 'subject_librarian', 'library_admin'])
              .executeTakeFirst()
            if (!colleague)
              throw fieldProblem(
                'body.assigneeId',
                'not_found',
                '本馆没有这位馆员',
                'This library has no such librarian',
              )
          }
          const person = change.assigneeId ? await personOf(trx, change.assigneeId) : null
          await trx
            .updateTable('reference_tickets')
            .set({ assignee_id: change.assigneeId })
            .where('id', '=', ticketId)
            .execute()
          await repo.appendPost(trx, ticketId, {
            kind: 'event',
            event: 'assigned',
            eventData: { assignee: person },
            authorId: caller.accountId,
            at: now,
          })
        }
        await audit(trx, caller, httpRequestId, 'update', ticketId, row)
        return detailFor(trx, ticketId, 'staff')
      })
    },

    async settings(caller: Caller, libraryId: string | undefined) {
      const id = await deskLibraryOf(db, caller, libraryId)
      return { libraryId: id, chatWaitMinutes: await repo.chatWaitMinutes(db, id) }
    },

    async setSettings(
      caller: Caller,
      httpRequestId: string,
      input: { libraryId?: string | undefined; chatWaitMinutes: number },
    ) {
      const libraryId = await deskLibraryOf(db, caller, input.libraryId, 'body.libraryId')
      return db.transaction().execute(async (trx) => {
        const before = await repo.chatWaitMinutes(trx, libraryId)
        await trx
          .insertInto('reference_ticket_settings')
          .values({ library_id: libraryId, chat_wait_minutes: input.chatWaitMinutes, updated_at: ctx.now() })
          .onConflict((oc) =>
            oc
              .column('library_id')
              .doUpdateSet({ chat_wait_minutes: input.chatWaitMinutes, updated_at: ctx.now() }),
          )
          .execute()
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId,
          action: 'reference_desk.ticket_settings.update',
          entityType: 'reference_ticket_settings',
          entityId: libraryId,
          entityLabel: 'reference desk tickets',
          before: { chatWaitMinutes: before },
          after: { chatWaitMinutes: input.chatWaitMinutes },
        })
        return { libraryId, chatWaitMinutes: input.chatWaitMinutes }
      })
    },
  }
}
