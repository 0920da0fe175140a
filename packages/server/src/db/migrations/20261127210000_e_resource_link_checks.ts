import { type Kysely, sql } from 'kysely'

// Link checking (R5): runs over a library's published resources, the history of every address
// checked, and each resource's standing (failures in a row, flagged, dismissed as a false alarm).
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table e_resource_link_runs (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      trigger text not null check (trigger in ('schedule', 'manual')),
      scope text not null default 'all' check (scope in ('all', 'failing')),
      -- A scheduled run claims its library and day, so processes sharing the database start it once.
      slot text unique,
      started_by uuid references accounts (id),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      status text not null default 'running' check (status in ('running', 'done', 'failed')),
      resources integer not null default 0,
      urls integer not null default 0,
      ok integer not null default 0,
      broken integer not null default 0,
      needs_person integer not null default 0,
      soft_404 integer not null default 0,
      flagged integer not null default 0
    );
    create index e_resource_link_runs_library_idx on e_resource_link_runs (library_id, started_at desc);
    create table e_resource_link_checks (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      resource_id uuid not null references e_resources (id) on delete cascade,
      run_id uuid references e_resource_link_runs (id) on delete set null,
      url text not null,
      -- The same for every address of a resource checked together.
      checked_at timestamptz not null,
      outcome text not null check (outcome in ('ok', 'broken', 'needs_person', 'soft_404')),
      reason text not null,
      message_zh text not null,
      message_en text not null,
      status_code integer,
      final_url text,
      redirects integer not null default 0,
      ms integer not null
    );
    create index e_resource_link_checks_resource_idx on e_resource_link_checks (resource_id, checked_at desc, id desc);
    create index e_resource_link_checks_library_idx on e_resource_link_checks (library_id, checked_at desc, id desc);
    create table e_resource_link_states (
      resource_id uuid primary key references e_resources (id) on delete cascade,
      library_id uuid not null references libraries (id),
      last_checked_at timestamptz,
      last_outcome text check (last_outcome in ('ok', 'broken', 'needs_person', 'soft_404')),
      consecutive_failures integer not null default 0,
      flagged_since timestamptz,
      dismissed_until timestamptz,
      dismissed_by uuid references accounts (id),
      dismissed_note text
    );
    create index e_resource_link_states_library_idx on e_resource_link_states (library_id, last_outcome);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table e_resource_link_states, e_resource_link_checks, e_resource_link_runs`.execute(db)
}
