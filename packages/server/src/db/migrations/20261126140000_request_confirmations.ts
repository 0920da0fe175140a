import { type Kysely, sql } from 'kysely'

// Confirmations a reader shows others (学位论文提交确认单 for leaving procedures), each with a
// code anyone can check; issued in the transaction that reaches the type's confirmation status.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table request_confirmations (
      request_id uuid primary key references requests (id) on delete cascade,
      library_id uuid not null references libraries (id),
      code text not null unique,
      issued_at timestamptz not null default now()
    )
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table request_confirmations`.execute(db)
}
