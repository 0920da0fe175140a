import type { referenceDesk } from '@shuqiao/contracts'
import { sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { isUniqueViolation } from '../../db/unique-violation.ts'
import type { Caller } from '../../http/caller.ts'
import { pageOf } from '../../http/page.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { assignWaiting } from './assignment.ts'
import { presentConversation } from './conversations.presenter.ts'
import * as repo from './conversations.repository.ts'
import { type Side, viewOf } from './desk-access.ts'
import { deskLibraryOf } from './desk-library.ts'
import { collectSignals } from './desk-signals.ts'
import type { GuestTokens } from './guest-tokens.ts'
import { appendMessage } from './messages.repository.ts'
import { presentQueueRef } from './queues.presenter.ts'
import { findQueue, liveDuty } from './queues.repository.ts'
import { type ChatSubject, pickedSubject, routeBySubject, subjectOf } from './subject-routing.ts'

type ListQuery = z.output<typeof referenceDesk.ConversationQuery>

const MINE_CLOSED_SHOWN = 10
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Starting chats, and finding them: the reader's own, the library's line and chats for staff. */
export const createConversationsService = (ctx: AppContext, guestTokens: GuestTokens) => {
  const { db } = ctx

  /** A queue that takes new chats now: active, and someone on duty for it. */
  const openQueue = async (queueId: string) => {
    const queue = await findQueue(db, queueId)
    if (!queue?.active) throw new ProblemError('not_found')
    const onDuty = await liveDuty(db)
      .select('d.account_id')
      .where('d.queue_id', '=', queueId)
      .executeTakeFirst()
    if (!onDuty) throw new ProblemError('reference_desk_offline')
    return queue
  }

  const present = async (conversationId: string, side: Side) =>
    presentConversation((await repo.findConversation(db, conversationId))!, side)

  /** Opens a chat in a queue, starts its history and, in an automatic queue, hands it out. */
  const open = async (
    queue: NonNullable<Awaited<ReturnType<typeof findQueue>>>,
    asker: { readerId: string } | { guestId: string },
    subject?: ChatSubject,
  ) => {
    const id = uuidv7()
    const now = ctx.now()
    const signals = collectSignals()
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('reference_conversations')
        .values({
          id,
          library_id: queue.library_id,
          queue_id: queue.id,
          reader_id: 'readerId' in asker ? asker.readerId : null,
          guest_id: 'guestId' in asker ? asker.guestId : null,
          created_at: now,
          updated_at: now,
        })
        .execute()
      await appendMessage(trx, id, {
        kind: 'event',
        event: 'started',
        eventData: { queue: presentQueueRef(queue) },
        sentAt: now,
      })
      if (subject)
        await routeBySubject(trx, { id, libraryId: queue.library_id, queue }, subject, now, signals)
      await assignWaiting(trx, queue.id, now, signals)
      signals.message(id)
      signals.conversation(id, queue.library_id)
    })
    await signals.publish(ctx.events)
    return id
  }

  return {
    /** A signed-in reader asks in a queue of their library; their open chat in it is returned instead. */
    async start(caller: Caller, queueId: string, discipline?: string) {
      const queue = await findQueue(db, queueId)
      if (!queue || queue.library_id !== caller.libraryId) throw new ProblemError('not_found')
      const subject = await subjectOf(db, caller, queue.library_id, discipline)
      const open_ = await repo.openConversationsOf(db, queue.library_id, { readerId: caller.accountId })
      const same = open_.find((row) => row.queue_id === queueId)
      if (same) return present(same.id, 'reader')
      if (open_.length > 0)
        throw new ProblemError('chat_already_open', { extensions: { conversationId: open_[0]!.id } })
      await openQueue(queueId)
      try {
        return present(await open(queue, { readerId: caller.accountId }, subject), 'reader')
      } catch (error) {
        // The same reader started one a moment ago (a double click, two tabs): that one it is.
        if (!isUniqueViolation(error)) throw error
        const [winner] = await repo.openConversationsOf(db, queue.library_id, { readerId: caller.accountId })
        if (!winner) throw error
        if (winner.queue_id !== queueId)
          throw new ProblemError('chat_already_open', { extensions: { conversationId: winner.id } })
        return present(winner.id, 'reader')
      }
    },

    /**
     * A guest with a nickname asks, where the queue allows guests, with a subject they may pick
     * like a reader (routed the same way); their token comes back once.
     */
    async startGuest(
      queueId: string,
      nickname: string,
      discipline?: string,
    ): Promise<referenceDesk.GuestChat> {
      const queue = await findQueue(db, queueId)
      if (!queue?.active) throw new ProblemError('not_found')
      if (!queue.allow_guests) throw new ProblemError('guests_not_allowed')
      const subject = discipline ? await pickedSubject(db, queue.library_id, discipline) : undefined
      await openQueue(queueId)
      const guestId = uuidv7()
      await db
        .insertInto('reference_guests')
        .values({ id: guestId, library_id: queue.library_id, nickname, created_at: ctx.now() })
        .execute()
      const conversationId = await open(queue, { guestId }, subject)
      return {
        guestToken: await guestTokens.sign({ id: guestId, libraryId: queue.library_id }, ctx.now()),
        guest: { id: guestId, name: nickname },
        conversation: await present(conversationId, 'reader'),
      }
    },

    async mine(caller: Caller) {
      const rows = await repo
        .conversationsQuery(db)
        .where('c.reader_id', '=', caller.accountId)
        .orderBy(sql`c.status = 'closed'`)
        .orderBy('c.id', 'desc')
        .execute()
      const open_ = rows.filter((row) => row.status !== 'closed')
      const closed = rows.filter((row) => row.status === 'closed').slice(0, MINE_CLOSED_SHOWN)
      return { items: [...open_, ...closed].map((row) => presentConversation(row, 'reader')) }
    },

    /** The library's chats for staff: the line oldest first, other statuses newest first. */
    async list(caller: Caller, query: ListQuery) {
      const libraryId = await deskLibraryOf(db, caller, query.libraryId)
      const oldestFirst = query.status === 'waiting'
      let q = repo.conversationsQuery(db).where('c.library_id', '=', libraryId)
      if (query.status) q = q.where('c.status', '=', query.status)
      if (query.queueId) q = q.where('c.queue_id', '=', query.queueId)
      if (query.assignee === 'me') q = q.where('c.assignee_id', '=', caller.accountId)
      if (query.cursor && !ID.test(query.cursor))
        throw fieldProblem('query.cursor', 'invalid_format', '分页游标无效', 'The cursor is not valid')
      if (query.cursor) q = q.where('c.id', oldestFirst ? '>' : '<', query.cursor)
      const rows = await q
        .orderBy('c.id', oldestFirst ? 'asc' : 'desc')
        .limit(query.limit + 1)
        .execute()
      return pageOf(rows, query.limit, (row) => presentConversation(row, 'staff'))
    },

    async detail(caller: Caller, conversationId: string) {
      const row = await repo.findConversation(db, conversationId)
      const side = row && viewOf(caller, row)
      if (!row || !side) throw new ProblemError('not_found')
      return presentConversation(row, side)
    },
  }
}
