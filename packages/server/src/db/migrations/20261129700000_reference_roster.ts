import { type Kysely, sql } from 'kysely'

// The reference desk's duty roster (值班表, Q3), routing by subject (Q4) and canned replies.
//
// A shift is one librarian in one queue from a start to an end time of day in the library's time
// zone, on its first day and, with an RFC 5545 RRULE, repeating; skipped days are exceptions. Each
// shift may name its duty lead (值班长). `reference_roster_applied` remembers which occurrences the
// roster has put on duty already, so a librarian who goes off by hand stays off until the next one.
//
// Subject librarians are tied to disciplines of the library's list; chats may carry a subject (a
// discipline picked by the reader, or their department) and who they were routed to.
//
// Canned replies (快捷回复) are library-wide (no owner) or personal, each with a short code unique
// where it is seen.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table reference_shifts (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      queue_id uuid not null references reference_queues (id),
      account_id uuid not null references accounts (id),
      lead_id uuid references accounts (id),
      starts_on date not null,
      start_time text not null check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      end_time text not null check (end_time ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'),
      rrule text,
      skipped_days text[] not null default '{}',
      note text,
      created_by uuid references accounts (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (end_time > start_time)
    );
    create index reference_shifts_library_idx on reference_shifts (library_id, queue_id);
    create index reference_shifts_account_idx on reference_shifts (account_id);

    create table reference_roster_applied (
      shift_id uuid not null references reference_shifts (id) on delete cascade,
      starts_at timestamptz not null,
      primary key (shift_id, starts_at)
    );

    create table reference_subject_librarians (
      library_id uuid not null references libraries (id),
      account_id uuid not null references accounts (id),
      discipline text not null,
      primary key (account_id, discipline)
    );
    create index reference_subject_librarians_idx on reference_subject_librarians (library_id, discipline);

    create table reference_conversation_subjects (
      conversation_id uuid primary key references reference_conversations (id) on delete cascade,
      discipline text,
      department_id uuid references departments (id),
      routed_to uuid references accounts (id)
    );

    create table reference_canned_replies (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      owner_id uuid references accounts (id),
      code text not null check (code ~ '^[a-z0-9][a-z0-9_-]{0,19}$'),
      title text not null,
      body text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index reference_canned_replies_library_code on reference_canned_replies (library_id, code)
      where owner_id is null;
    create unique index reference_canned_replies_owner_code on reference_canned_replies (owner_id, code)
      where owner_id is not null;
  `.execute(db)
}
