import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { searchTextOf } from '../../platform/search/search-text.ts'

/** Tickets with what presenting them needs: topic, asker, assignee, the library's consortium. */
export const ticketsQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('reference_tickets as t')
    .innerJoin('reference_queues as q', 'q.id', 't.queue_id')
    .innerJoin('libraries as l', 'l.id', 't.library_id')
    .leftJoin('accounts as reader', 'reader.id', 't.reader_id')
    .leftJoin('accounts as assignee', 'assignee.id', 't.assignee_id')
    .select([
      't.id',
      't.library_id',
      't.number',
      't.queue_id',
      't.status',
      't.source',
      't.reader_id',
      't.guest_name',
      't.guest_email',
      't.guest_language',
      't.phone',
      't.subject',
      't.assignee_id',
      't.conversation_id',
      't.created_at',
      't.updated_at',
      't.first_reply_at',
      't.closed_at',
      'l.consortium_id',
      'q.code as queue_code',
      'q.name_zh as queue_name_zh',
      'q.name_en as queue_name_en',
      'reader.name as reader_name',
      'reader.reader_number as reader_number',
      'assignee.name as assignee_name',
    ])

export type TicketRow = Awaited<ReturnType<ReturnType<typeof ticketsQuery>['execute']>>[number]

export const findTicket = (db: Kysely<DB>, ticketId: string) =>
  ticketsQuery(db).where('t.id', '=', ticketId).executeTakeFirst()

/** Locks a ticket's row for a change, and returns its status and owners. */
export const lockTicket = (db: Kysely<DB>, ticketId: string) =>
  db
    .selectFrom('reference_tickets')
    .select(['id', 'library_id', 'status', 'assignee_id', 'reader_id', 'first_reply_at'])
    .where('id', '=', ticketId)
    .forUpdate()
    .executeTakeFirst()

/** A ticket's thread in order, with authors' names. */
export const postsOf = (db: Kysely<DB>, ticketId: string) =>
  db
    .selectFrom('reference_ticket_posts as p')
    .leftJoin('accounts as a', 'a.id', 'p.author_id')
    .selectAll('p')
    .select('a.name as author_name')
    .where('p.ticket_id', '=', ticketId)
    .orderBy('p.id')
    .execute()

export type PostRow = Awaited<ReturnType<typeof postsOf>>[number]

export interface NewPost {
  kind: 'reply' | 'note' | 'event'
  side?: 'reader' | 'staff' | null
  authorId?: string | null
  body?: string | null
  event?: string | null
  eventData?: Record<string, unknown> | null
  at: Date
}

/** Adds to a ticket's thread; replies and notes also go into the ticket's search words. */
export const appendPost = async (db: Kysely<DB>, ticketId: string, post: NewPost) => {
  const id = uuidv7()
  await db
    .insertInto('reference_ticket_posts')
    .values({
      id,
      ticket_id: ticketId,
      kind: post.kind,
      side: post.side ?? null,
      author_id: post.authorId ?? null,
      body: post.body ?? null,
      event: post.event ?? null,
      event_data: post.eventData ? JSON.stringify(post.eventData) : null,
      created_at: post.at,
    })
    .execute()
  const words = post.body ? searchTextOf(post.body) : ''
  await db
    .updateTable('reference_tickets')
    .set({
      updated_at: post.at,
      ...(words ? { search_text: sql<string>`left(search_text || ' ' || ${words}, 200000)` } : {}),
    })
    .where('id', '=', ticketId)
    .execute()
  return id
}

/** The library's next ticket number (its settings row is created on first use). */
export const nextTicketNumber = async (db: Kysely<DB>, libraryId: string) => {
  const row = await db
    .insertInto('reference_ticket_settings')
    .values({ library_id: libraryId, last_number: 1, updated_at: new Date() })
    .onConflict((oc) =>
      oc.column('library_id').doUpdateSet({ last_number: sql`reference_ticket_settings.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow()
  return row.last_number
}

export const DEFAULT_CHAT_WAIT_MINUTES = 10

export const chatWaitMinutes = async (db: Kysely<DB>, libraryId: string) =>
  (
    await db
      .selectFrom('reference_ticket_settings')
      .select('chat_wait_minutes')
      .where('library_id', '=', libraryId)
      .executeTakeFirst()
  )?.chat_wait_minutes ?? DEFAULT_CHAT_WAIT_MINUTES
