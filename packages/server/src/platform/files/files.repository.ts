import { type Kysely, type Selectable, sql } from 'kysely'
import type { DB, FilesTable } from '../../db/schema.ts'

export type FileRow = Selectable<FilesTable>

export const findFile = (db: Kysely<DB>, fileId: string) =>
  db.selectFrom('files').selectAll().where('id', '=', fileId).executeTakeFirst()

export const insertFile = (
  db: Kysely<DB>,
  row: Omit<FileRow, 'attached_at' | 'metered'> & { metered: boolean },
) => db.insertInto('files').values(row).returningAll().executeTakeFirstOrThrow()

/** The account's metered uploads since `since`, and when the oldest of them was made. */
export const countUploadsSince = async (db: Kysely<DB>, accountId: string, since: Date) => {
  const row = await db
    .selectFrom('files')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .where('uploaded_by', '=', accountId)
    .where('created_at', '>', since)
    .where('metered', '=', true)
    .executeTakeFirstOrThrow()
  return { count: Number(row.count), oldest: row.oldest as Date | null }
}

/** Deletes the file's row when no module has attached it; whether it did. */
export const deleteUnattached = async (db: Kysely<DB>, fileId: string) =>
  Number(
    (await db.deleteFrom('files').where('id', '=', fileId).where('owner_kind', 'is', null).executeTakeFirst())
      .numDeletedRows,
  ) > 0

export const isBlobReferenced = async (db: Kysely<DB>, sha256: string) =>
  (await db.selectFrom('files').select('id').where('sha256', '=', sha256).limit(1).executeTakeFirst()) !==
  undefined

/**
 * Attaches the file when it is still unattached and was uploaded by `accountId` in
 * `libraryId`; returns undefined otherwise, without saying which condition failed.
 */
/** Links a file nobody's account uploaded (a guest's, just stored by the same request) to its owner. */
export const attachGuestUpload = (
  db: Kysely<DB>,
  fileId: string,
  link: { ownerKind: string; ownerId: string },
) =>
  db
    .updateTable('files')
    .set({ owner_kind: link.ownerKind, owner_id: link.ownerId, attached_at: sql<Date>`now()` })
    .where('id', '=', fileId)
    .where('uploaded_by', 'is', null)
    .where('owner_kind', 'is', null)
    .returningAll()
    .executeTakeFirst()

export const attachIfOwned = (
  db: Kysely<DB>,
  fileId: string,
  link: { ownerKind: string; ownerId: string; libraryId: string | null; accountId: string },
) =>
  db
    .updateTable('files')
    .set({ owner_kind: link.ownerKind, owner_id: link.ownerId, attached_at: sql<Date>`now()` })
    .where('id', '=', fileId)
    .where('uploaded_by', '=', link.accountId)
    .where('library_id', link.libraryId === null ? 'is' : '=', link.libraryId)
    .where('owner_kind', 'is', null)
    .returningAll()
    .executeTakeFirst()
