import { type Kysely, sql } from 'kysely'

// The reference desk's FAQ (常见问题, Q5): articles per library with a question and answer in
// Chinese (English beside it when written), filed under one of the desk's topic queues, public or
// for staff only, published or a draft. Their words are kept segmented (Chinese split by ICU)
// for full-text search, and trigram-indexed so a partial or misspelt word still finds them.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table reference_faq (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      queue_id uuid references reference_queues (id),
      question_zh text not null,
      answer_zh text not null,
      question_en text,
      answer_en text,
      visibility text not null default 'public' check (visibility in ('public', 'staff')),
      status text not null default 'draft' check (status in ('draft', 'published')),
      position integer not null default 0,
      search_text text not null default '',
      search_doc tsvector generated always as (to_tsvector('simple', search_text)) stored,
      created_by uuid references accounts (id),
      updated_by uuid references accounts (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index reference_faq_library_idx on reference_faq (library_id, status, position);
    create index reference_faq_search_idx on reference_faq using gin (search_doc);
    create index reference_faq_trgm_idx on reference_faq using gin (search_text gin_trgm_ops);
  `.execute(db)
}
