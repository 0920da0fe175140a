import { type Kysely, sql } from 'kysely'

// The subject (a department) a request assigned by subject was routed by: the reader may choose
// one other than their own department. Requests so far went by the reader's department.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    alter table requests add column subject_id uuid references departments (id);
    update requests set subject_id = department_id
      where type in ('document_delivery', 'novelty_search', 'citation_verification', 'purchase_suggestion');
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`alter table requests drop column subject_id`.execute(db)
}
