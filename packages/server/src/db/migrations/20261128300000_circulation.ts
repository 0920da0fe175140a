import { type Kysely, sql } from 'kysely'

// Lending (C1–C4 build on it): each library's loan rules per reader type, optionally per
// material type; loans of catalogue items to readers; fines; and the imports that bring a
// library's open loans and unpaid fines over from its old system.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table loan_rules (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      reader_type text not null check (reader_type in ('student', 'teacher', 'staff')),
      -- null: every material type without a rule of its own.
      material_type text,
      loan_days integer not null check (loan_days between 1 and 366),
      item_limit integer not null check (item_limit between 0 and 500),
      renewal_limit integer not null check (renewal_limit between 0 and 20),
      renewal_days integer not null check (renewal_days between 1 and 366),
      renew_overdue boolean not null default false,
      fine_per_day_fen integer not null check (fine_per_day_fen between 0 and 10000),
      updated_at timestamptz not null default now(),
      updated_by uuid references accounts (id)
    );
    create unique index loan_rules_scope_idx
      on loan_rules (library_id, reader_type, coalesce(material_type, ''));

    create table loans (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      item_id uuid not null references catalogue_items (id),
      reader_id uuid not null references accounts (id),
      checked_out_at timestamptz not null,
      due_at timestamptz not null,
      renewals integer not null default 0,
      returned_at timestamptz,
      -- Null when the loan came from an import of the old system.
      checked_out_by uuid references accounts (id),
      returned_by uuid references accounts (id),
      import_id uuid
    );
    -- One open loan per item, whatever two desks do at the same moment.
    create unique index loans_open_item_idx on loans (item_id) where returned_at is null;
    create index loans_reader_open_idx on loans (reader_id) where returned_at is null;
    create index loans_library_due_idx on loans (library_id, due_at, id) where returned_at is null;
    create index loans_library_returned_idx on loans (library_id, returned_at desc);

    create table fines (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      reader_id uuid not null references accounts (id),
      loan_id uuid references loans (id),
      amount_fen integer not null check (amount_fen > 0),
      kind text not null check (kind in ('overdue', 'imported')),
      overdue_days integer,
      note text,
      status text not null default 'open' check (status in ('open', 'paid', 'waived')),
      created_at timestamptz not null default now(),
      settled_at timestamptz,
      settled_by uuid references accounts (id),
      import_id uuid
    );
    create index fines_reader_idx on fines (reader_id, created_at desc);
    create index fines_library_open_idx on fines (library_id, created_at) where status = 'open';

    create table circulation_imports (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      kind text not null check (kind in ('loans', 'fines')),
      file_name text not null,
      status text not null check (status in ('previewed', 'applied', 'discarded')),
      rows_total integer not null,
      rows_valid integer not null,
      problems jsonb not null,
      staged jsonb,
      created_by uuid not null references accounts (id),
      created_at timestamptz not null default now(),
      applied_at timestamptz,
      added integer
    );
    create index circulation_imports_library_idx on circulation_imports (library_id, id desc);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table circulation_imports, fines, loans, loan_rules`.execute(db)
}
