import { type Kysely, sql } from 'kysely'

// A library's own discipline list (学科列表) that resources and guides are filed under, in its
// order. A library without rows uses the national categories (学科门类) shipped in contracts.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table library_disciplines (
      library_id uuid not null references libraries (id),
      code text not null check (code ~ '^[0-9A-Za-z]{1,12}$'),
      name_zh text not null check (name_zh <> ''),
      name_en text not null check (name_en <> ''),
      position integer not null,
      primary key (library_id, code)
    );
    create unique index library_disciplines_code_idx on library_disciplines (library_id, lower(code));
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table library_disciplines`.execute(db)
}
