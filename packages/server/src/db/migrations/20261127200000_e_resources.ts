import { type Kysely, sql } from 'kysely'

// The database directory (R1), each resource's off-campus routes (R2), the library's own access
// settings and federated-login templates, and clicks through /go counted per day (R6).
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table e_resources (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      name_zh text not null,
      name_en text,
      aliases text[] not null default '{}',
      vendor text,
      platform text,
      kind text not null,
      subjects text[] not null default '{}',
      description_zh text,
      description_en text,
      url text not null,
      owner_id uuid references accounts (id),
      status text not null default 'draft'
        check (status in ('draft', 'testing', 'published', 'suspended', 'expired')),
      free_from date,
      free_until date check (free_until is null or free_from is null or free_until >= free_from),
      -- Pinyin of the Chinese name (or the name itself), for A–Z order and the letter bar.
      sort_key text not null,
      initial text not null,
      search_text text not null default '',
      search_doc tsvector generated always as (to_tsvector('simple', search_text)) stored,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index e_resources_directory_idx on e_resources (library_id, status, sort_key, id);
    create index e_resources_search_idx on e_resources using gin (search_doc);
    create index e_resources_letter_idx on e_resources (library_id, status, initial, sort_key);
    -- The words of every resource's names, to correct a misspelt search word (pg_trgm's own
    -- advice: match typos against the vocabulary, not against every row).
    create table e_resource_words (
      library_id uuid not null references libraries (id),
      word text not null,
      primary key (library_id, word)
    );
    create index e_resource_words_trgm_idx on e_resource_words using gin (word gin_trgm_ops);
    create table e_resource_routes (
      resource_id uuid not null references e_resources (id) on delete cascade,
      kind text not null check (kind in ('carsi', 'proxy', 'webvpn', 'openathens', 'vpn', 'roaming', 'open')),
      position integer not null,
      url text,
      "values" jsonb not null default '{}',
      note_zh text,
      note_en text,
      primary key (resource_id, kind)
    );
    create table library_access_settings (
      library_id uuid primary key references libraries (id),
      settings jsonb not null,
      updated_by uuid references accounts (id),
      updated_at timestamptz not null default now()
    );
    create table access_platforms (
      library_id uuid not null references libraries (id),
      code text not null,
      name text not null,
      template text not null,
      confirmed boolean not null,
      hosts text[] not null default '{}',
      updated_at timestamptz not null default now(),
      primary key (library_id, code)
    );
    create table e_resource_clicks (
      library_id uuid not null references libraries (id),
      resource_id uuid not null references e_resources (id) on delete cascade,
      route text not null,
      day date not null,
      clicks integer not null,
      primary key (resource_id, route, day)
    );
    create index e_resource_clicks_library_idx on e_resource_clicks (library_id, day);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table e_resource_words, e_resource_clicks, access_platforms, library_access_settings, e_resource_routes, e_resources`.execute(
    db,
  )
}
