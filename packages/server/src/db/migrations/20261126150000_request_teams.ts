import { type Kysely, sql } from 'kysely'

// Per library and request type, the staff who take new requests in turn (馆际互借组, 学位论文审核组).
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table request_teams (
      library_id uuid not null references libraries (id),
      type text not null,
      account_id uuid not null references accounts (id),
      added_at timestamptz not null default now(),
      primary key (library_id, type, account_id)
    );
    create index requests_type_assignee_idx on requests (library_id, type, assignee_id, submitted_at desc);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop index requests_type_assignee_idx; drop table request_teams`.execute(db)
}
