import { type Kysely, sql } from 'kysely'

// Service requests (S1–S7): one table for every type, a timeline of events, numbering
// counters, and per-library fee waivers.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table requests (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      type text not null,
      number text not null,
      reader_id uuid not null references accounts (id),
      department_id uuid references departments (id),
      status text not null,
      form jsonb not null,
      assignee_id uuid references accounts (id),
      fee_fen integer not null default 0,
      submitted_at timestamptz not null default now(),
      due_date date not null,
      closed_at timestamptz,
      updated_at timestamptz not null default now(),
      idempotency_key text,
      unique (library_id, number),
      unique (reader_id, idempotency_key)
    );
    create index requests_queue_idx on requests (library_id, type, status, id desc);
    create index requests_assignee_idx on requests (library_id, assignee_id, id desc) where closed_at is null;
    create index requests_due_idx on requests (library_id, due_date) where closed_at is null;
    create index requests_reader_idx on requests (reader_id, id desc);
    create table request_events (
      id uuid primary key,
      request_id uuid not null references requests (id) on delete cascade,
      library_id uuid not null references libraries (id),
      at timestamptz not null default now(),
      actor_id uuid references accounts (id),
      kind text not null check (kind in ('submitted', 'transition', 'comment', 'assigned')),
      action text,
      from_status text,
      to_status text,
      note text,
      internal boolean not null default false,
      file_ids uuid[] not null default '{}'
    );
    create index request_events_request_idx on request_events (request_id, id);
    create table request_counters (
      library_id uuid not null references libraries (id),
      prefix text not null,
      year integer not null,
      last integer not null,
      primary key (library_id, prefix, year)
    );
    create table request_fee_waivers (
      library_id uuid not null references libraries (id),
      type text not null,
      free_from date not null,
      free_until date not null,
      note text,
      primary key (library_id, type)
    );
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table request_fee_waivers, request_counters, request_events, requests`.execute(db)
}
