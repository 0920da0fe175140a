import { type Kysely, sql } from 'kysely'

// Thesis similarity checks (论文查重, S6): batches a library checks for a school, the theses in
// each with their own status and result, and each thesis's history (results of earlier checks
// are kept there when a thesis is checked again).
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table similarity_check_batches (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      name text not null check (length(name) between 1 and 120),
      degree text not null check (degree in ('doctor', 'master', 'bachelor')),
      origin text not null check (origin in ('received', 'library')),
      source text,
      service text not null check (service in ('cnki_tmlc', 'wanfang', 'vip', 'paperpass', 'other')),
      service_note text,
      -- Hundredths of a percent: 1000 is 10.00 %.
      threshold_bp integer not null check (threshold_bp between 0 and 10000),
      due_date date,
      notes text,
      created_by uuid references accounts (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index similarity_check_batches_library_idx on similarity_check_batches (library_id, id desc);
    create table similarity_check_theses (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      batch_id uuid not null references similarity_check_batches (id) on delete cascade,
      reader_number text not null,
      account_id uuid references accounts (id),
      author_name text not null,
      title text not null,
      supervisor text,
      department_id uuid references departments (id),
      department_name text,
      major text,
      degree text not null check (degree in ('doctor', 'master', 'bachelor')),
      thesis_file_id uuid references files (id),
      status text not null check (status in ('waiting', 'submitted', 'checked', 'returned', 'withdrawn')),
      attempt integer not null default 1 check (attempt >= 1),
      similarity_bp integer check (similarity_bp between 0 and 10000),
      report_file_id uuid references files (id),
      reason text,
      submitted_at timestamptz,
      checked_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (batch_id, reader_number),
      check ((status = 'checked') = (similarity_bp is not null))
    );
    create index similarity_check_theses_batch_idx on similarity_check_theses (batch_id, id);
    create index similarity_check_theses_account_idx on similarity_check_theses (account_id, id desc)
      where account_id is not null;
    create index similarity_check_theses_reader_idx on similarity_check_theses (library_id, reader_number);
    create table similarity_check_events (
      id uuid primary key,
      thesis_id uuid not null references similarity_check_theses (id) on delete cascade,
      library_id uuid not null references libraries (id),
      at timestamptz not null default now(),
      actor_id uuid references accounts (id),
      action text not null,
      from_status text,
      to_status text not null,
      attempt integer not null,
      similarity_bp integer,
      report_file_id uuid references files (id),
      note text
    );
    create index similarity_check_events_thesis_idx on similarity_check_events (thesis_id, id);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table similarity_check_events, similarity_check_theses, similarity_check_batches`.execute(db)
}
