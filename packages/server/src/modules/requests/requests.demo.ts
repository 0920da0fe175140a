import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** The demo library's librarian takes interlibrary loans and thesis submissions in turn (a team of one). */
export const seedDemoRequestTeams = async (trx: Kysely<DB>, libraryId: string, librarianId: string) => {
  await trx
    .insertInto('request_teams')
    .values(
      ['interlibrary_loan', 'thesis_submission'].map((type) => ({
        library_id: libraryId,
        type,
        account_id: librarianId,
      })),
    )
    .execute()
}
