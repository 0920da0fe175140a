import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** The library's canned replies and the account's own, library ones first, by code. */
export const cannedRepliesFor = (db: Kysely<DB>, libraryId: string, accountId: string) =>
  db
    .selectFrom('reference_canned_replies')
    .selectAll()
    .where('library_id', '=', libraryId)
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', accountId)]))
    .orderBy('code')
    .orderBy('owner_id', 'desc')
    .execute()

export const findCannedReply = (db: Kysely<DB>, replyId: string) =>
  db.selectFrom('reference_canned_replies').selectAll().where('id', '=', replyId).executeTakeFirst()

/** Whether a code is taken where a reply of this owner (none: the library) would be seen. */
export const cannedCodeTaken = async (
  db: Kysely<DB>,
  libraryId: string,
  ownerId: string | null,
  code: string,
  exceptId?: string,
) =>
  Boolean(
    await db
      .selectFrom('reference_canned_replies')
      .select('id')
      .where('library_id', '=', libraryId)
      .where('code', '=', code)
      .where((eb) => (ownerId ? eb('owner_id', '=', ownerId) : eb('owner_id', 'is', null)))
      .$if(Boolean(exceptId), (query) => query.where('id', '!=', exceptId!))
      .executeTakeFirst(),
  )
