import { referenceDesk } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/**
 * Puts a librarian on duty for a queue, or takes them off. The one place duty is written: the
 * 上岗 switch does it now, and shifts of a duty roster can do it with `source: 'roster'`.
 * Returns whether anything changed.
 */
export const writeDuty = async (
  db: Kysely<DB>,
  duty: {
    queueId: string
    accountId: string
    libraryId: string
    onDuty: boolean
    source: 'manual' | 'roster'
    at: Date
  },
) => {
  if (duty.onDuty) {
    const inserted = await db
      .insertInto('reference_duty')
      .values({
        queue_id: duty.queueId,
        account_id: duty.accountId,
        library_id: duty.libraryId,
        since: duty.at,
        source: duty.source,
      })
      .onConflict((oc) => oc.columns(['queue_id', 'account_id']).doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0
  }
  const deleted = await db
    .deleteFrom('reference_duty')
    .where('queue_id', '=', duty.queueId)
    .where('account_id', '=', duty.accountId)
    .executeTakeFirst()
  return Number(deleted.numDeletedRows) > 0
}

/** Every queue of a library with the account's duty for it, if any. */
export const dutyRowsOf = (db: Kysely<DB>, libraryId: string, accountId: string) =>
  db
    .selectFrom('reference_queues as q')
    .leftJoin('reference_duty as d', (join) =>
      join.onRef('d.queue_id', '=', 'q.id').on('d.account_id', '=', accountId),
    )
    .select(['q.id', 'q.code', 'q.name_zh', 'q.name_en', 'q.active', 'd.since', 'd.source'])
    .where('q.library_id', '=', libraryId)
    .orderBy('q.position')
    .orderBy('q.code')
    .execute()

/** The library's staff with their desk settings, open chats and the queues they are on duty for. */
export const deskStaffOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('accounts as a')
    .leftJoin('reference_librarians as s', 's.account_id', 'a.id')
    .select([
      'a.id',
      'a.name',
      'a.reader_number',
      sql<number>`coalesce(s.chat_limit, ${referenceDesk.CHAT_LIMIT_DEFAULT})`.as('chat_limit'),
      (eb) =>
        eb
          .selectFrom('reference_conversations as c')
          .select((count) => count.fn.countAll<number>().as('n'))
          .whereRef('c.assignee_id', '=', 'a.id')
          .where('c.status', '=', 'active')
          .as('active_chats'),
      (eb) =>
        eb
          .selectFrom('reference_duty as d')
          .select(
            sql<string[]>`coalesce(array_agg(d.queue_id::text order by d.since), '{}'::text[])`.as('ids'),
          )
          .whereRef('d.account_id', '=', 'a.id')
          .as('queue_ids'),
    ])
    .where('a.library_id', '=', libraryId)
    .where('a.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('account_roles as r')
          .select('r.role')
          .whereRef('r.account_id', '=', 'a.id')
          .where('r.role', 'in', ['librarian', 'subject_librarian', 'library_admin']),
      ),
    )
    .orderBy('a.name')
    .orderBy('a.id')

export type DeskStaffRow = Awaited<ReturnType<ReturnType<typeof deskStaffOf>['execute']>>[number]
