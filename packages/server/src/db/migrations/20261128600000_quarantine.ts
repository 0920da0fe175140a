import { type Kysely, sql } from 'kysely'

// Quarantine of returned items (C4): each library's hours per material type (null: every type
// without a period of its own) a returned item rests before it goes back on the shelf, and the
// moment each quarantined item may leave. No periods: items are shelved at once.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table quarantine_periods (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      material_type text,
      hours integer not null check (hours between 1 and 720),
      updated_at timestamptz not null default now(),
      updated_by uuid references accounts (id)
    );
    create unique index quarantine_periods_scope_idx
      on quarantine_periods (library_id, coalesce(material_type, ''));

    alter table catalogue_items add column quarantine_until timestamptz;
    create index catalogue_items_quarantine_idx
      on catalogue_items (library_id, quarantine_until, id) where status = 'quarantined';
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`
    drop index catalogue_items_quarantine_idx;
    alter table catalogue_items drop column quarantine_until;
    drop table quarantine_periods;
  `.execute(db)
}
