import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** Chats with what presenting them needs: queue, asker, assignee, the library's consortium. */
export const conversationsQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('reference_conversations as c')
    .innerJoin('reference_queues as q', 'q.id', 'c.queue_id')
    .innerJoin('libraries as l', 'l.id', 'c.library_id')
    .leftJoin('accounts as reader', 'reader.id', 'c.reader_id')
    .leftJoin('reference_guests as guest', 'guest.id', 'c.guest_id')
    .leftJoin('accounts as assignee', 'assignee.id', 'c.assignee_id')
    .selectAll('c')
    .select([
      'l.consortium_id',
      'q.code as queue_code',
      'q.name_zh as queue_name_zh',
      'q.name_en as queue_name_en',
      'reader.name as reader_name',
      'reader.reader_number as reader_number',
      'guest.nickname as guest_name',
      'assignee.name as assignee_name',
      // Position in line: waiting chats of the same queue that came before, and this one.
      (eb) =>
        eb
          .selectFrom('reference_conversations as ahead')
          .select((count) => count.fn.countAll<number>().as('n'))
          .whereRef('ahead.queue_id', '=', 'c.queue_id')
          .where('ahead.status', '=', 'waiting')
          .where(sql<boolean>`(ahead.created_at, ahead.id) <= (c.created_at, c.id)`)
          .as('line_position'),
      (eb) =>
        eb
          .selectFrom('reference_messages as m')
          .select('m.body')
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.kind', '=', 'text')
          .orderBy('m.seq', 'desc')
          .limit(1)
          .as('preview'),
    ])

export type ConversationRow = Awaited<ReturnType<ReturnType<typeof conversationsQuery>['execute']>>[number]

export const findConversation = (db: Kysely<DB>, conversationId: string) =>
  conversationsQuery(db).where('c.id', '=', conversationId).executeTakeFirst()

/** Locks a chat's row for a change of status or assignee, and returns it. */
export const lockConversation = (db: Kysely<DB>, conversationId: string) =>
  db
    .selectFrom('reference_conversations as c')
    .innerJoin('libraries as l', 'l.id', 'c.library_id')
    .selectAll('c')
    .select('l.consortium_id')
    .where('c.id', '=', conversationId)
    .forUpdate('c')
    .executeTakeFirst()

export type LockedConversation = NonNullable<Awaited<ReturnType<typeof lockConversation>>>

/** Open chats (waiting or active) of a reader or guest at a library. */
export const openConversationsOf = (
  db: Kysely<DB>,
  libraryId: string,
  asker: { readerId: string } | { guestId: string },
) => {
  const query = db
    .selectFrom('reference_conversations')
    .select(['id', 'queue_id'])
    .where('library_id', '=', libraryId)
    .where('status', '<>', 'closed')
  return (
    'readerId' in asker
      ? query.where('reader_id', '=', asker.readerId)
      : query.where('guest_id', '=', asker.guestId)
  ).execute()
}

/** How many chats a librarian is answering now. */
export const activeChatsOf = async (db: Kysely<DB>, accountId: string) =>
  Number(
    (
      await db
        .selectFrom('reference_conversations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('assignee_id', '=', accountId)
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow()
    ).n,
  )

/** A librarian's limit of chats at once (the default when they never set one). */
export const chatLimitOf = async (db: Kysely<DB>, accountId: string, fallback: number) =>
  (
    await db
      .selectFrom('reference_librarians')
      .select('chat_limit')
      .where('account_id', '=', accountId)
      .executeTakeFirst()
  )?.chat_limit ?? fallback
