import { type Kysely, sql } from 'kysely'

// Course reserves, coverage: the share of a term's courses the library aims to have fully
// published (保障率 target), set by its staff and drawn as a line beside the daily series.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table course_coverage_targets (
      term_id uuid primary key references course_terms (id) on delete cascade,
      library_id uuid not null references libraries (id),
      target_percent smallint not null check (target_percent between 1 and 100),
      updated_by uuid references accounts (id),
      updated_at timestamptz not null default now()
    );
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table course_coverage_targets`.execute(db)
}
