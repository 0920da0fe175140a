import { type Kysely, sql } from 'kysely'

// The library's print and electronic items as its own system exports them (S7 holdings check,
// later circulation), and the imports that brought them in: staged, previewed, then applied.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table catalogue_items (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      barcode text not null,
      title text not null,
      author text,
      publisher text,
      year integer,
      isbn13 text,
      call_number text,
      location text,
      material_type text not null default 'book',
      status text not null default 'available',
      -- Words segmented by Intl.Segmenter, so Chinese titles are searchable by word.
      search_text text not null default '',
      search_doc tsvector generated always as (to_tsvector('simple', search_text)) stored,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (library_id, barcode)
    );
    create index catalogue_items_isbn_idx on catalogue_items (library_id, isbn13) where isbn13 is not null;
    create index catalogue_items_search_idx on catalogue_items using gin (search_doc);
    create index catalogue_items_title_trgm_idx on catalogue_items using gin (title gin_trgm_ops);
    create index catalogue_items_call_number_idx on catalogue_items (library_id, location, call_number);
    create table catalogue_imports (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      file_name text not null,
      status text not null check (status in ('previewed', 'applied', 'discarded')),
      rows_total integer not null,
      rows_valid integer not null,
      problems jsonb not null,
      staged jsonb,
      created_by uuid not null references accounts (id),
      created_at timestamptz not null default now(),
      applied_at timestamptz,
      added integer,
      updated integer
    );
    create index catalogue_imports_library_idx on catalogue_imports (library_id, id desc);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table catalogue_imports, catalogue_items`.execute(db)
}
