import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import * as conversations from './conversations.repository.ts'
import { collectSignals } from './desk-signals.ts'
import { appendMessage } from './messages.repository.ts'
import { liveDuty } from './queues.repository.ts'
import { DEFAULT_CHAT_WAIT_MINUTES } from './tickets.repository.ts'
import { insertTicket } from './tickets.service.ts'
import { indexTranscripts } from './transcripts.repository.ts'

const MINUTE = 60_000
const SUBJECT_CHARS = 60

/** A ticket's subject from what a reader wrote first: its first line, shortened. */
const subjectOf = (text: string) => {
  const line = text.trim().split('\n')[0]!.trim()
  const chars = [...line]
  return chars.length > SUBJECT_CHARS ? `${chars.slice(0, SUBJECT_CHARS).join('')}…` : line
}

/**
 * Turns chats nobody answered into tickets: waiting chats with a question from the reader that
 * have waited longer than their library's `chat_wait_minutes`, or whose topic has nobody on duty
 * any more. The chat ends with a `ticketed` event telling the reader the ticket's number; the
 * reader's messages become its first reply. Returns the numbers made.
 */
export const ticketUnansweredChats = async (ctx: AppContext, now = ctx.now()) => {
  const { db } = ctx
  const due = await db
    .selectFrom('reference_conversations as c')
    .leftJoin('reference_ticket_settings as s', 's.library_id', 'c.library_id')
    .select('c.id')
    .where('c.status', '=', 'waiting')
    .where('c.first_answer_at', 'is', null)
    .where((eb) =>
      eb.or([
        sql<boolean>`c.created_at <= ${now}::timestamptz - make_interval(mins => coalesce(s.chat_wait_minutes, ${DEFAULT_CHAT_WAIT_MINUTES}))`,
        eb.not(
          eb.exists(
            liveDuty(db).select('d.account_id').where('d.queue_id', '=', sql.ref<string>('c.queue_id')),
          ),
        ),
      ]),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('reference_messages as m')
          .select('m.id')
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.kind', '=', 'text'),
      ),
    )
    .orderBy('c.id')
    .limit(500)
    .execute()
  const made: number[] = []
  for (const { id } of due) {
    const signals = collectSignals()
    const number = await db.transaction().execute(async (trx) => {
      const row = await conversations.lockConversation(trx, id)
      if (row?.status !== 'waiting' || row.first_answer_at) return undefined
      const chat = (await conversations.findConversation(trx, id))!
      const texts = await trx
        .selectFrom('reference_messages')
        .select('body')
        .where('conversation_id', '=', id)
        .where('kind', '=', 'text')
        .where((eb) =>
          eb.or([
            eb('author_guest_id', 'is not', null),
            row.reader_id ? eb('author_account_id', '=', row.reader_id) : sql<boolean>`false`,
          ]),
        )
        .orderBy('seq')
        .execute()
      const text = texts.map((message) => message.body ?? '').join('\n')
      if (!text.trim()) return undefined
      const ticket = await insertTicket(trx, {
        libraryId: row.library_id,
        queueId: row.queue_id,
        source: 'chat',
        subject: subjectOf(text),
        text,
        asker: row.reader_id
          ? { readerId: row.reader_id, name: chat.reader_name ?? '' }
          : { guestName: chat.guest_name ?? '', email: null, language: 'zh-CN' },
        conversationId: id,
        at: now,
      })
      await trx
        .updateTable('reference_conversations')
        .set({ status: 'closed', closed_at: now, updated_at: now })
        .where('id', '=', id)
        .execute()
      await appendMessage(trx, id, {
        kind: 'event',
        event: 'ticketed',
        eventData: { ticketNumber: ticket.number },
        sentAt: now,
      })
      signals.message(id)
      signals.conversation(id, row.library_id)
      return ticket.number
    })
    await signals.publish(ctx.events)
    if (number !== undefined) made.push(number)
  }
  return made
}

/**
 * The desk's minute sweep: unanswered chats become tickets and ended chats are indexed for search,
 * every minute and when a journey's test clock moves. Returns a stop function.
 */
export const startTicketSweep = (ctx: AppContext, warn: (error: unknown) => void) => {
  const sweep = async () => {
    await ticketUnansweredChats(ctx)
    await indexTranscripts(ctx.db)
  }
  const timer = setInterval(() => void sweep().catch(warn), MINUTE)
  timer.unref()
  const stopListening = ctx.whenClockMoves(() => sweep().catch(warn))
  return () => {
    clearInterval(timer)
    stopListening()
  }
}
