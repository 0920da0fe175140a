import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { profileQuery } from './profile.query.ts'

export const findLiveSession = (db: Kysely<DB>, sessionId: string, now: Date) =>
  profileQuery(db)
    .innerJoin('sessions as s', 's.account_id', 'a.id')
    .select([
      's.id as session_id',
      's.via',
      's.last_seen_at',
      's.expires_at',
      's.created_at as session_created_at',
    ])
    .where('s.id', '=', sessionId)
    .where('s.expires_at', '>', now)
    .where('a.status', '=', 'active')
    .executeTakeFirst()

export const insertSession = (
  db: Kysely<DB>,
  session: {
    id: string
    accountId: string
    via: 'password' | 'oidc'
    createdAt: Date
    expiresAt: Date
    userAgent: string | null
    ip: string
  },
) =>
  db
    .insertInto('sessions')
    .values({
      id: session.id,
      account_id: session.accountId,
      via: session.via,
      // From the service's clock, as every later check of the session is.
      created_at: session.createdAt,
      last_seen_at: session.createdAt,
      expires_at: session.expiresAt,
      user_agent: session.userAgent,
      ip: session.ip,
    })
    .execute()

export const touchSession = (db: Kysely<DB>, sessionId: string, now: Date, expiresAt: Date) =>
  db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute()

export const deleteSession = (db: Kysely<DB>, sessionId: string) =>
  db.deleteFrom('sessions').where('id', '=', sessionId).execute()

/** Ends every session of an account, optionally keeping the one in use. */
export const deleteAccountSessions = (db: Kysely<DB>, accountId: string, keepSessionId?: string) => {
  let query = db.deleteFrom('sessions').where('account_id', '=', accountId)
  if (keepSessionId) query = query.where('id', '<>', keepSessionId)
  return query.execute()
}

export const deleteExpiredSessions = (db: Kysely<DB>, now: Date) =>
  db.deleteFrom('sessions').where('expires_at', '<=', now).execute()

export const countRecentFailures = async (db: Kysely<DB>, key: string, since: Date) => {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('at').as('oldest')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow()
  return { count: Number(row.count), oldest: row.oldest as Date | null }
}

export const recordFailures = (db: Kysely<DB>, keys: string[], now: Date) =>
  db
    .insertInto('sign_in_failures')
    .values(keys.map((key) => ({ key, at: now })))
    .execute()

export const clearFailures = (db: Kysely<DB>, key: string) =>
  db.deleteFrom('sign_in_failures').where('key', '=', key).execute()

export const findAccountForSignIn = (db: Kysely<DB>, libraryId: string | null, readerNumber: string) => {
  let query = db
    .selectFrom('accounts')
    .select(['id', 'password_hash', 'status'])
    .where((eb) => eb(eb.fn('lower', ['reader_number']), '=', readerNumber.toLowerCase()))
  query = libraryId ? query.where('library_id', '=', libraryId) : query.where('library_id', 'is', null)
  return query.limit(2).execute()
}

export const findPasswordHash = async (db: Kysely<DB>, accountId: string) =>
  (await db.selectFrom('accounts').select('password_hash').where('id', '=', accountId).executeTakeFirst())
    ?.password_hash ?? null

export const setPasswordHash = (db: Kysely<DB>, accountId: string, passwordHash: string, now: Date) =>
  db
    .updateTable('accounts')
    .set({ password_hash: passwordHash, updated_at: now })
    .where('id', '=', accountId)
    .execute()
