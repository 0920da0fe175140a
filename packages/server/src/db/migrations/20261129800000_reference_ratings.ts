import { type Kysely, sql } from 'kysely'

// Readers rate a chat after it ends (1–5 and an optional comment), once per chat; the rating can
// be changed for a short while after it is given. Kept beside the chat for the desk's figures.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table reference_ratings (
      conversation_id uuid primary key references reference_conversations (id),
      library_id uuid not null references libraries (id),
      queue_id uuid not null references reference_queues (id),
      score smallint not null check (score between 1 and 5),
      comment text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index reference_ratings_library_idx on reference_ratings (library_id, created_at);
  `.execute(db)
}
