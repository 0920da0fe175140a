import { type Kysely, sql } from 'kysely'

// A platform's own wording for a missing item and for its sign-in page (R5): the link checker
// reads them as well as its built-in phrases, so a vendor's "文献不存在" is a soft 404.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    alter table access_platforms
      add column soft404_phrases text[] not null default '{}',
      add column login_phrases text[] not null default '{}'
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`alter table access_platforms drop column soft404_phrases, drop column login_phrases`.execute(db)
}
