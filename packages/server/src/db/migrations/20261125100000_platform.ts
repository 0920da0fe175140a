import { type Kysely, sql } from 'kysely'

// Tenancy, accounts, sessions, campus sign-in and the audit log.
export const up = async (db: Kysely<unknown>) => {
  await sql`create extension if not exists pg_trgm`.execute(db)
  await sql`
    create table consortia (
      id uuid primary key,
      code text not null unique,
      name_zh text not null,
      name_en text not null,
      created_at timestamptz not null default now()
    );
    create table libraries (
      id uuid primary key,
      consortium_id uuid not null references consortia (id),
      code text not null,
      name_zh text not null,
      name_en text not null,
      time_zone text not null default 'Asia/Shanghai',
      open_weekdays smallint[] not null default '{1,2,3,4,5,6,7}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (consortium_id, code)
    );
    create table library_calendar_days (
      library_id uuid not null references libraries (id) on delete cascade,
      day date not null,
      open boolean not null,
      note text,
      primary key (library_id, day)
    );
    create table departments (
      id uuid primary key,
      library_id uuid not null references libraries (id) on delete cascade,
      code text not null,
      name_zh text not null,
      name_en text not null,
      unique (library_id, code)
    );
    create table accounts (
      id uuid primary key,
      consortium_id uuid not null references consortia (id),
      library_id uuid references libraries (id),
      reader_number text not null,
      name text not null,
      type text not null check (type in ('student', 'teacher', 'staff')),
      department_id uuid references departments (id),
      email text,
      phone text,
      language text not null default 'zh-CN' check (language in ('zh-CN', 'en')),
      password_hash text,
      status text not null default 'active' check (status in ('active', 'disabled')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index accounts_reader_number_key on accounts
      (consortium_id, coalesce(library_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(reader_number));
    create index accounts_library_idx on accounts (library_id, id);
    create index accounts_name_trgm on accounts using gin (name gin_trgm_ops);
    create table account_roles (
      account_id uuid not null references accounts (id) on delete cascade,
      role text not null check (role in ('reader', 'librarian', 'subject_librarian', 'library_admin', 'consortium_admin')),
      primary key (account_id, role)
    );
    create table subject_assignments (
      account_id uuid not null references accounts (id) on delete cascade,
      department_id uuid not null references departments (id) on delete cascade,
      library_id uuid not null references libraries (id),
      primary key (account_id, department_id)
    );
    create table sessions (
      id text primary key,
      account_id uuid not null references accounts (id) on delete cascade,
      via text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      user_agent text,
      ip text
    );
    create index sessions_account_idx on sessions (account_id);
    create table sign_in_failures (
      key text not null,
      at timestamptz not null default now()
    );
    create index sign_in_failures_key_idx on sign_in_failures (key, at);
    create table oidc_providers (
      id uuid primary key,
      library_id uuid not null references libraries (id) on delete cascade,
      label text not null,
      issuer text not null,
      client_id text not null,
      client_secret text not null,
      reader_number_claim text not null default 'sub',
      name_claim text not null default 'name',
      create_accounts boolean not null default true,
      enabled boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table oidc_logins (
      state text primary key,
      provider_id uuid not null references oidc_providers (id) on delete cascade,
      code_verifier text not null,
      nonce text not null,
      return_to text,
      created_at timestamptz not null default now()
    );
    create table account_identities (
      provider_id uuid not null references oidc_providers (id) on delete cascade,
      subject text not null,
      account_id uuid not null references accounts (id) on delete cascade,
      primary key (provider_id, subject)
    );
    create table audit_events (
      id uuid primary key,
      at timestamptz not null default now(),
      consortium_id uuid not null references consortia (id),
      library_id uuid references libraries (id),
      actor_id uuid references accounts (id),
      action text not null,
      entity_type text not null,
      entity_id text,
      entity_label text,
      changed_fields text[] not null default '{}',
      before jsonb,
      after jsonb,
      request_id text
    );
    create index audit_events_library_idx on audit_events (library_id, id desc);
    create index audit_events_consortium_idx on audit_events (consortium_id, id desc);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`
    drop table audit_events, account_identities, oidc_logins, oidc_providers, sign_in_failures, sessions,
      subject_assignments, account_roles, accounts, departments, library_calendar_days, libraries, consortia
  `.execute(db)
}
