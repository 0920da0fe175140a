import { type Kysely, sql } from 'kysely'

// A closure moves the due dates of every open loan at once (C1), and its undo moves them back;
// on a million loans that must take seconds. PostgreSQL can rewrite a row in place (a "HOT"
// update, no index touched) only when no index holds the changed column and the row's page has
// room. So: no index on loans holds due_at (lists by due date sort a library's open loans, a
// few hundred milliseconds at a million), the returns index leaves open loans out, and pages
// are kept half empty so each loan has room for its next version. Renewals gain the same way.
// A batch's saved due dates are only ever read whole, by batch: a plain index on the batch
// instead of a key per loan makes writing a million of them several times cheaper.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    alter table loans set (fillfactor = 50);
    drop index loans_library_due_idx;
    create index loans_library_open_idx on loans (library_id) where returned_at is null;
    drop index loans_library_returned_idx;
    create index loans_library_returned_idx on loans (library_id, returned_at desc)
      where returned_at is not null;

    alter table closure_batch_loans drop constraint closure_batch_loans_pkey;
    create index closure_batch_loans_batch_idx on closure_batch_loans (batch_id);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`
    drop index closure_batch_loans_batch_idx;
    alter table closure_batch_loans add primary key (batch_id, loan_id);
    drop index loans_library_returned_idx;
    create index loans_library_returned_idx on loans (library_id, returned_at desc);
    drop index loans_library_open_idx;
    create index loans_library_due_idx on loans (library_id, due_at, id) where returned_at is null;
    alter table loans reset (fillfactor);
  `.execute(db)
}
