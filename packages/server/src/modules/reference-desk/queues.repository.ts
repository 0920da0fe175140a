import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

const DESK_ROLES = ['librarian', 'subject_librarian', 'library_admin'] as const

/**
 * Duty rows that count: the account is active and still holds a staff role. A librarian whose
 * roles were taken away is no longer on duty, whatever the table says.
 */
export const liveDuty = (db: Kysely<DB>) =>
  db
    .selectFrom('reference_duty as d')
    .innerJoin('accounts as a', 'a.id', 'd.account_id')
    .where('a.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('account_roles as r')
          .select('r.role')
          .whereRef('r.account_id', '=', 'a.id')
          .where('r.role', 'in', DESK_ROLES),
      ),
    )

/** A library's queues in the order readers see them, inactive ones included. */
export const queuesOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('reference_queues as q')
    .selectAll('q')
    .select((eb) => [
      eb
        .selectFrom('reference_conversations as c')
        .select((count) => count.fn.countAll<number>().as('n'))
        .whereRef('c.queue_id', '=', 'q.id')
        .where('c.status', '=', 'waiting')
        .as('waiting_count'),
      eb
        .selectFrom('reference_conversations as c')
        .select((count) => count.fn.countAll<number>().as('n'))
        .whereRef('c.queue_id', '=', 'q.id')
        .where('c.status', '=', 'active')
        .as('active_count'),
    ])
    .where('q.library_id', '=', libraryId)
    .orderBy('q.position')
    .orderBy('q.code')

export type QueueRow = Awaited<ReturnType<ReturnType<typeof queuesOf>['execute']>>[number]

/** Who is on duty for each of a library's queues, longest on duty first. */
export const dutyOf = (db: Kysely<DB>, libraryId: string) =>
  liveDuty(db)
    .select(['d.queue_id', 'a.id', 'a.name', 'd.since'])
    .where('d.library_id', '=', libraryId)
    .orderBy('d.since')
    .execute()

/** Whether anyone is on duty, per active queue of a library. */
export const onlineQueues = async (db: Kysely<DB>, libraryId: string) => {
  const rows = await db
    .selectFrom('reference_queues as q')
    .select(['q.id', 'q.code', 'q.name_zh', 'q.name_en', 'q.allow_guests'])
    .select((eb) =>
      eb.exists(liveDuty(db).select('d.account_id').where(sql<boolean>`d.queue_id = q.id`)).as('online'),
    )
    .where('q.library_id', '=', libraryId)
    .where('q.active', '=', true)
    .orderBy('q.position')
    .orderBy('q.code')
    .execute()
  return rows
}

/** One queue with its library's consortium, for access checks. */
export const findQueue = (db: Kysely<DB>, queueId: string) =>
  db
    .selectFrom('reference_queues as q')
    .innerJoin('libraries as l', 'l.id', 'q.library_id')
    .selectAll('q')
    .select('l.consortium_id')
    .where('q.id', '=', queueId)
    .executeTakeFirst()
