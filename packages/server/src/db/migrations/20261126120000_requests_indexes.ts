import { type Kysely, sql } from 'kysely'

// The staff queue at a year's volume (100,000 requests, see bench/RESULTS.md):
// - open requests newest first, the queue's default view and its overdue filter, read from a
//   small index of open rows instead of walking every request of every library backwards;
// - search by request number and reader number anywhere in the text, through trigrams (reader
//   names have theirs since the platform migration).
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create index requests_open_idx on requests (library_id, id desc) where closed_at is null;
    create index requests_number_trgm on requests using gin (number gin_trgm_ops);
    create index accounts_reader_number_trgm on accounts using gin (reader_number gin_trgm_ops);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop index accounts_reader_number_trgm, requests_number_trgm, requests_open_idx`.execute(db)
}
