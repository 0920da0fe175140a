import type { notifications } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { DeliveryRow } from './notifications.presenter.ts'

/** One account's inbox, newest first. */
export const listInbox = (
  db: Kysely<DB>,
  accountId: string,
  filters: { unread?: boolean | undefined; beforeId?: string | undefined; limit: number },
) => {
  let query = db
    .selectFrom('notice_outbox')
    .selectAll()
    .where('recipient_account_id', '=', accountId)
    .where('channel', '=', 'inbox')
  if (filters.unread) query = query.where('read_at', 'is', null)
  if (filters.beforeId) query = query.where('id', '<', filters.beforeId)
  return query
    .orderBy('id', 'desc')
    .limit(filters.limit + 1)
    .execute()
}

export const countUnread = async (db: Kysely<DB>, accountId: string) => {
  const row = await db
    .selectFrom('notice_outbox')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('recipient_account_id', '=', accountId)
    .where('channel', '=', 'inbox')
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

/** Marks unread inbox notices of the account read: one (by id) or all; returns how many changed. */
export const markRead = async (db: Kysely<DB>, accountId: string, at: Date, noticeId?: string) => {
  let query = db
    .updateTable('notice_outbox')
    .set({ read_at: at })
    .where('recipient_account_id', '=', accountId)
    .where('channel', '=', 'inbox')
    .where('read_at', 'is', null)
  if (noticeId) query = query.where('id', '=', noticeId)
  const result = await query.executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export const inboxNoticeExists = async (db: Kysely<DB>, accountId: string, noticeId: string) =>
  !!(await db
    .selectFrom('notice_outbox')
    .select('id')
    .where('id', '=', noticeId)
    .where('recipient_account_id', '=', accountId)
    .where('channel', '=', 'inbox')
    .executeTakeFirst())

export const channelsOfLibrary = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('notice_channels')
    .selectAll()
    .where('library_id', '=', libraryId)
    .orderBy('name')
    .orderBy('id')
    .execute()

export const channelOfLibrary = (db: Kysely<DB>, libraryId: string, channelId: string) =>
  db
    .selectFrom('notice_channels')
    .selectAll()
    .where('id', '=', channelId)
    .where('library_id', '=', libraryId)
    .executeTakeFirst()

const deliveries = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('notice_outbox as o')
    .leftJoin('notice_channels as c', 'c.id', 'o.notice_channel_id')
    .leftJoin('accounts as a', 'a.id', 'o.recipient_account_id')
    .selectAll('o')
    .select([
      'c.name as channel_name',
      'a.name as recipient_name',
      'a.reader_number as recipient_reader_number',
    ])
    .where('o.library_id', '=', libraryId)
    // Inbox notices are readers' own business, and never fail.
    .where('o.channel', '<>', 'inbox')

export const listDeliveries = async (
  db: Kysely<DB>,
  libraryId: string,
  filters: {
    status?: notifications.DeliveryStatus | undefined
    channel?: DeliveryRow['channel'] | undefined
    beforeId?: string | undefined
    limit: number
  },
) => {
  let query = deliveries(db, libraryId)
  if (filters.status) query = query.where('o.status', '=', filters.status)
  if (filters.channel) query = query.where('o.channel', '=', filters.channel)
  if (filters.beforeId) query = query.where('o.id', '<', filters.beforeId)
  return (await query
    .orderBy('o.id', 'desc')
    .limit(filters.limit + 1)
    .execute()) as DeliveryRow[]
}

export const deliveryOfLibrary = async (db: Kysely<DB>, libraryId: string, deliveryId: string) =>
  (await deliveries(db, libraryId).where('o.id', '=', deliveryId).executeTakeFirst()) as
    | DeliveryRow
    | undefined
