import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** A guest's token lasts a day: long enough for a chat and a reconnect, short enough to leak little. */
export const GUEST_TOKEN_SECONDS = 24 * 60 * 60

const ID = /^[0-9a-f-]{36}$/

/**
 * Signs and checks guests' tokens with a key per library, kept in the database so that every
 * server process knows it; each process keeps the keys it has read.
 */
export const createGuestTokens = (db: Kysely<DB>) => {
  const keys = new Map<string, Buffer>()

  const keyOf = async (libraryId: string) => {
    const known = keys.get(libraryId)
    if (known) return known
    await db
      .insertInto('reference_desk_keys')
      .values({ library_id: libraryId, secret: randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('library_id').doNothing())
      .execute()
    const row = await db
      .selectFrom('reference_desk_keys')
      .select('secret')
      .where('library_id', '=', libraryId)
      .executeTakeFirstOrThrow()
    const key = Buffer.from(row.secret, 'base64url')
    keys.set(libraryId, key)
    return key
  }

  const signature = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest()

  return {
    async sign(guest: { id: string; libraryId: string }, now: Date) {
      const expires = Math.floor(now.getTime() / 1000) + GUEST_TOKEN_SECONDS
      const body = `${guest.id}.${guest.libraryId}.${expires}`
      return `${body}.${signature(await keyOf(guest.libraryId), body).toString('base64url')}`
    },

    /** The guest a token names, when it is well signed and not expired. */
    async verify(token: string, now: Date): Promise<{ guestId: string; libraryId: string } | undefined> {
      const [guestId, libraryId, expires, given] = token.split('.')
      if (!guestId || !libraryId || !expires || !given || !ID.test(guestId) || !ID.test(libraryId))
        return undefined
      if (!/^\d{1,12}$/.test(expires) || Number(expires) * 1000 <= now.getTime()) return undefined
      const library = await db
        .selectFrom('libraries')
        .select('id')
        .where('id', '=', libraryId)
        .executeTakeFirst()
      if (!library) return undefined
      const expected = signature(await keyOf(libraryId), `${guestId}.${libraryId}.${expires}`)
      const actual = Buffer.from(given, 'base64url')
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined
      return { guestId, libraryId }
    },
  }
}

export type GuestTokens = ReturnType<typeof createGuestTokens>
