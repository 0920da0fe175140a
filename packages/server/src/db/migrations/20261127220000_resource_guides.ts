import { type Kysely, sql } from 'kysely'

// Guides (R4): ordered lists of the directory's resources with a librarian's notes, per
// discipline or topic, each with a short public address and its visits counted per day. And the
// access tests a librarian records per route while trying a resource out (R3).
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table resource_guides (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      code text not null unique,
      title_zh text not null,
      title_en text,
      description_zh text,
      description_en text,
      discipline text,
      status text not null default 'draft' check (status in ('draft', 'published')),
      created_by uuid not null references accounts (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index resource_guides_library_idx on resource_guides (library_id, status, title_zh);
    create table resource_guide_items (
      guide_id uuid not null references resource_guides (id) on delete cascade,
      resource_id uuid not null references e_resources (id) on delete cascade,
      position integer not null,
      note_zh text,
      note_en text,
      primary key (guide_id, resource_id)
    );
    create table e_resource_access_tests (
      id uuid primary key,
      resource_id uuid not null references e_resources (id) on delete cascade,
      route text not null,
      works boolean not null,
      note text,
      tested_by uuid not null references accounts (id),
      tested_at timestamptz not null default now()
    );
    create index e_resource_access_tests_resource_idx on e_resource_access_tests (resource_id, tested_at desc);
    create table resource_guide_visits (
      guide_id uuid not null references resource_guides (id) on delete cascade,
      day date not null,
      visits integer not null,
      primary key (guide_id, day)
    );
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table e_resource_access_tests, resource_guide_visits, resource_guide_items, resource_guides`.execute(
    db,
  )
}
