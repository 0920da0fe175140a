import { type Kysely, sql } from 'kysely'

// Closure measures (C1, C2): batches that change many loans' due dates at once (a bulk
// extension, or the spreading of returns over the first open days after a reopening) or
// waive many fines, each keeping the values it replaced so it can be undone; and temporary
// raises of the loan and renewal limits per reader type, until an end date.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table closure_batches (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      kind text not null check (kind in ('due_dates', 'return_spread', 'fine_waiver')),
      -- What was asked: the filter and the change, as the request gave them.
      request jsonb not null,
      reason text,
      affected integer not null,
      created_by uuid not null references accounts (id),
      created_at timestamptz not null,
      undone_at timestamptz,
      undone_by uuid references accounts (id),
      -- What the undo restored, and what it left alone because someone changed it since.
      undo_result jsonb
    );
    create index closure_batches_library_idx on closure_batches (library_id, created_at desc, id desc);

    -- The due date each loan of a batch had before it, and the one the batch gave it. No
    -- foreign keys: a million rows are written in one statement and only read by batch.
    create table closure_batch_loans (
      batch_id uuid not null,
      loan_id uuid not null,
      due_before timestamptz not null,
      due_after timestamptz not null,
      primary key (batch_id, loan_id)
    );

    create table closure_batch_fines (
      batch_id uuid not null,
      fine_id uuid not null,
      note_before text,
      primary key (batch_id, fine_id)
    );

    create table loan_limit_raises (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      -- Null: every reader type.
      reader_type text check (reader_type in ('student', 'teacher', 'staff')),
      extra_items integer not null check (extra_items between 0 and 500),
      extra_renewals integer not null check (extra_renewals between 0 and 20),
      ends_at timestamptz not null,
      note text,
      created_by uuid not null references accounts (id),
      created_at timestamptz not null,
      -- Ended before its time by a person (or the undo of a phase).
      ended_at timestamptz,
      ended_by uuid references accounts (id)
    );
    create index loan_limit_raises_library_idx on loan_limit_raises (library_id, ends_at);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table loan_limit_raises, closure_batch_fines, closure_batch_loans, closure_batches`.execute(
    db,
  )
}
