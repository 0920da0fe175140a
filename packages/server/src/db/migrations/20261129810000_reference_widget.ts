import { type Kysely, sql } from 'kysely'

// The embeddable desk widget: the web sites (origins) a library lets show its /ask page in a
// frame, e.g. its own homepage. Without a row only our own pages may frame it.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table reference_widget_settings (
      library_id uuid primary key references libraries (id),
      allowed_origins text[] not null default '{}',
      updated_by uuid references accounts (id),
      updated_at timestamptz not null default now()
    );
  `.execute(db)
}
