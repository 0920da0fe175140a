import { type Kysely, sql } from 'kysely'

// Whether an upload counts towards the uploader's hourly limit (FILE_UPLOADS_PER_HOUR). A staff
// route that bounds its own uploads (a bulk upload of a batch's reports) stores them unmetered,
// so several hundred reports do not lock the librarian out of single uploads for an hour.
export const up = async (db: Kysely<unknown>) => {
  await sql`alter table files add column metered boolean not null default true`.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`alter table files drop column metered`.execute(db)
}
