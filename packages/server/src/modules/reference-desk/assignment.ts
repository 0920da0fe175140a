import { referenceDesk } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Signals } from './desk-signals.ts'
import { appendMessage } from './messages.repository.ts'
import { presentQueueRef } from './queues.presenter.ts'
import { liveDuty } from './queues.repository.ts'

/**
 * The librarian on duty for a queue who should take its next chat: under their limit, with the
 * fewest chats now, then the one whose last chat came longest ago; only `among` these when given
 * (the subject librarians of a chat, see subject-routing.ts).
 */
export const leastBusyOnDuty = async (db: Kysely<DB>, queueId: string, among?: readonly string[]) => {
  if (among?.length === 0) return undefined
  const row = await liveDuty(db)
    .leftJoin('reference_librarians as s', 's.account_id', 'a.id')
    .select([
      'a.id',
      'a.name',
      (eb) =>
        eb
          .selectFrom('reference_conversations as c')
          .select((count) => count.fn.countAll<number>().as('n'))
          .whereRef('c.assignee_id', '=', 'a.id')
          .where('c.status', '=', 'active')
          .as('active_count'),
      (eb) =>
        eb
          .selectFrom('reference_conversations as c')
          .select((max) => max.fn.max('c.assigned_at').as('last'))
          .whereRef('c.assignee_id', '=', 'a.id')
          .as('last_assigned'),
      sql<number>`coalesce(s.chat_limit, ${referenceDesk.CHAT_LIMIT_DEFAULT})`.as('chat_limit'),
    ])
    .where('d.queue_id', '=', queueId)
    .$if(Boolean(among), (query) => query.where('a.id', 'in', among!))
    .orderBy('active_count')
    .orderBy(sql`last_assigned asc nulls first`)
    .orderBy('d.since')
    .orderBy('a.id')
    .execute()
  const free = row.find((candidate) => Number(candidate.active_count) < Number(candidate.chat_limit))
  return free && { id: free.id, name: free.name }
}

/**
 * Hands the chats waiting in a queue with automatic assignment to librarians on duty, oldest
 * first, while someone is under their limit. Locks the queue's row, so two processes do not hand
 * out the same line at once. Does nothing for a queue where librarians claim chats themselves.
 */
export const assignWaiting = async (db: Kysely<DB>, queueId: string, now: Date, signals: Signals) => {
  const queue = await db
    .selectFrom('reference_queues')
    .selectAll()
    .where('id', '=', queueId)
    .forUpdate()
    .executeTakeFirst()
  if (queue?.assignment !== 'auto' || !queue.active) return
  const waiting = await db
    .selectFrom('reference_conversations')
    .select(['id', 'library_id'])
    .where('queue_id', '=', queueId)
    .where('status', '=', 'waiting')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  for (const conversation of waiting) {
    const librarian = await leastBusyOnDuty(db, queueId)
    if (!librarian) return
    await db
      .updateTable('reference_conversations')
      .set({ status: 'active', assignee_id: librarian.id, assigned_at: now, updated_at: now })
      .where('id', '=', conversation.id)
      .execute()
    await appendMessage(db, conversation.id, {
      kind: 'event',
      event: 'assigned',
      eventData: { librarian, queue: presentQueueRef(queue) },
      sentAt: now,
    })
    signals.message(conversation.id)
    signals.conversation(conversation.id, conversation.library_id)
  }
}

/** Runs assignWaiting for each auto queue a librarian is on duty for (a chat of theirs ended or moved). */
export const assignForLibrarian = async (db: Kysely<DB>, accountId: string, now: Date, signals: Signals) => {
  const queues = await db
    .selectFrom('reference_duty as d')
    .innerJoin('reference_queues as q', 'q.id', 'd.queue_id')
    .select('q.id')
    .where('d.account_id', '=', accountId)
    .where('q.assignment', '=', 'auto')
    .orderBy('q.id')
    .execute()
  for (const queue of queues) await assignWaiting(db, queue.id, now, signals)
}
