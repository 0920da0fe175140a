import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'

export interface NewMessage {
  kind: 'text' | 'note' | 'event'
  authorAccountId?: string | null
  authorGuestId?: string | null
  body?: string | null
  event?: string | null
  eventData?: Record<string, unknown> | null
  clientMessageId?: string | null
  sentAt: Date
}

/**
 * Appends a message with the chat's next sequence number. Raising `last_seq` locks the chat's
 * row, so two messages to one chat get consecutive numbers in the order they commit.
 */
export const appendMessage = async (db: Kysely<DB>, conversationId: string, message: NewMessage) => {
  const { last_seq: seq, library_id } = await db
    .updateTable('reference_conversations')
    .set({ last_seq: sql`last_seq + 1`, updated_at: message.sentAt })
    .where('id', '=', conversationId)
    .returning(['last_seq', 'library_id'])
    .executeTakeFirstOrThrow()
  const id = uuidv7()
  await db
    .insertInto('reference_messages')
    .values({
      id,
      conversation_id: conversationId,
      library_id,
      seq,
      kind: message.kind,
      author_account_id: message.authorAccountId ?? null,
      author_guest_id: message.authorGuestId ?? null,
      body: message.body ?? null,
      event: message.event ?? null,
      event_data: message.eventData ? JSON.stringify(message.eventData) : null,
      client_message_id: message.clientMessageId ?? null,
      sent_at: message.sentAt,
    })
    .execute()
  return { id, seq }
}

/** Messages of a chat after a sequence number, in order, with their authors' names. */
export const messagesAfter = (db: Kysely<DB>, conversationId: string, after: number, limit: number) =>
  db
    .selectFrom('reference_messages as m')
    .leftJoin('accounts as a', 'a.id', 'm.author_account_id')
    .leftJoin('reference_guests as g', 'g.id', 'm.author_guest_id')
    .leftJoin('reference_conversations as c', 'c.id', 'm.conversation_id')
    .selectAll('m')
    .select(['a.name as account_name', 'g.nickname as guest_name', 'c.reader_id'])
    .where('m.conversation_id', '=', conversationId)
    .where('m.seq', '>', after)
    .orderBy('m.seq')
    .limit(limit)
    .execute()

export type MessageRow = Awaited<ReturnType<typeof messagesAfter>>[number]

/** A message sent earlier with this client id, by anyone, to this chat. */
export const findByClientId = (db: Kysely<DB>, conversationId: string, clientMessageId: string) =>
  db
    .selectFrom('reference_messages')
    .select(['id', 'seq', 'author_account_id', 'author_guest_id'])
    .where('conversation_id', '=', conversationId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst()

/** How many messages someone wrote since a moment, over all their chats. */
export const countSentSince = async (
  db: Kysely<DB>,
  author: { accountId: string } | { guestId: string },
  since: Date,
) => {
  let query = db
    .selectFrom('reference_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sent_at', '>', since)
  query =
    'accountId' in author
      ? query.where('author_account_id', '=', author.accountId)
      : query.where('author_guest_id', '=', author.guestId)
  return Number((await query.executeTakeFirstOrThrow()).n)
}
