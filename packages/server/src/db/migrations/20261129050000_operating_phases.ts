import { type Kysely, sql } from 'kysely'

// Operating phases (FEATURES M1, M2). A library lists its phases in order, each with a status for
// every service and the measures switching to it applies; one of them is current. Each switch is
// kept with what it did, so the latest can be undone exactly.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table operating_phases (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      position int not null,
      name_zh text not null,
      name_en text not null,
      notice_zh text not null default '',
      notice_en text not null default '',
      -- {service: {status, noteZh, noteEn}} for every service of the contract's list.
      services jsonb not null,
      measures jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (library_id, name_zh)
    );
    create index operating_phases_library_idx on operating_phases (library_id, position);
    create table phase_switches (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      from_phase_id uuid references operating_phases (id) on delete set null,
      to_phase_id uuid references operating_phases (id) on delete set null,
      -- Names as they were, should the phases be renamed or removed later.
      from_name_zh text,
      from_name_en text,
      to_name_zh text not null,
      to_name_en text not null,
      -- The state before, which an undo restores.
      from_since timestamptz,
      from_switch_id uuid references phase_switches (id),
      -- What the switch did: status changes and applied measures with their batches.
      effects jsonb not null,
      switched_by uuid references accounts (id),
      switched_at timestamptz not null,
      undone_by uuid references accounts (id),
      undone_at timestamptz,
      undo_report jsonb
    );
    create index phase_switches_library_idx on phase_switches (library_id, switched_at desc);
    -- One row per library that has phases: the current phase, locked by a switch so that two
    -- switches at once queue and the second finds the phase it expected gone.
    create table library_operating_states (
      library_id uuid primary key references libraries (id),
      phase_id uuid references operating_phases (id),
      switch_id uuid references phase_switches (id),
      since timestamptz,
      -- When the phase book was last saved: an editor's stale copy is refused.
      phases_updated_at timestamptz
    );
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table library_operating_states, phase_switches, operating_phases`.execute(db)
}
