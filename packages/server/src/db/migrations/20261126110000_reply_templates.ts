import { type Kysely, sql } from 'kysely'

// Reply templates (回复模板) staff insert into notes to readers: library-wide when owner_id is
// null, else personal to that account; optionally for one request type and one transition.
// Also: a library's requests newest first, which the queue and its exports page through by id.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create index requests_library_newest_idx on requests (library_id, id desc);
    create table reply_templates (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      owner_id uuid references accounts (id),
      type text,
      action text,
      title_zh text not null,
      title_en text,
      body_zh text not null,
      body_en text,
      created_by uuid not null references accounts (id),
      updated_by uuid not null references accounts (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index reply_templates_library_idx on reply_templates (library_id, type, action);
    create index reply_templates_owner_idx on reply_templates (owner_id) where owner_id is not null;
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table reply_templates; drop index requests_library_newest_idx`.execute(db)
}
