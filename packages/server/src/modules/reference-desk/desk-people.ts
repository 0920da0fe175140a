import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { liveDuty } from './queues.repository.ts'

/** An account as a chat names it. */
export const personOf = async (db: Kysely<DB>, accountId: string) => {
  const row = await db
    .selectFrom('accounts')
    .select(['id', 'name'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow()
  return { id: row.id, name: row.name }
}

/** Whether an account is on duty: for one queue, or for any when none is named. */
export const isOnDuty = async (db: Kysely<DB>, accountId: string, queueId?: string) => {
  let query = liveDuty(db).select('d.queue_id').where('d.account_id', '=', accountId)
  if (queueId) query = query.where('d.queue_id', '=', queueId)
  return (await query.executeTakeFirst()) !== undefined
}
