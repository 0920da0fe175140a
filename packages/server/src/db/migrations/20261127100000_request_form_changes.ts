import { type Kysely, sql } from 'kysely'

// What a reader corrected in the form when resubmitting a returned request: a list of
// { field, before, after } on that step's event, for staff to see what changed.
export const up = async (db: Kysely<unknown>) => {
  await sql`alter table request_events add column form_changes jsonb not null default '[]'::jsonb`.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`alter table request_events drop column form_changes`.execute(db)
}
