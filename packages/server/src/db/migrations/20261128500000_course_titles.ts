import { type Kysely, sql } from 'kysely'

// Course reserves, second part: what each course needs. A title is one book (or other work) a
// term's courses need, known by its ISBN-13 or, without one, by its normalised title and
// author; several courses asking for the same book share one title, linked to each of them by
// a request. The title's status and channel say how far the library has got with it; the
// fulfilment workflow of a later part adds statuses to the check below.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table course_titles (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      term_id uuid not null references course_terms (id),
      isbn13 text check (isbn13 ~ '^97[89][0-9]{10}$'),
      -- Null only for a title asked for by ISBN alone and not found anywhere yet.
      title text,
      -- Folded for comparing (see title-keys.ts); '' when there is no title or author.
      title_key text not null default '',
      author text,
      author_key text not null default '',
      publisher text,
      edition text,
      status text not null default 'requested' check (status in ('requested', 'matched')),
      -- How the library provides it, once it does.
      channel text check (channel in ('owned_platform', 'open_access')),
      link_url text,
      -- The platform's name when the match was accepted, kept should the platform go.
      link_platform text,
      matched_at timestamptz,
      matched_by uuid references accounts (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (isbn13 is not null or title is not null),
      check ((status = 'requested') = (channel is null))
    );
    create unique index course_titles_isbn_key on course_titles (term_id, isbn13) where isbn13 is not null;
    create unique index course_titles_text_key on course_titles (term_id, title_key, author_key)
      where isbn13 is null;
    create index course_titles_term_idx on course_titles (term_id, id);
    create index course_titles_open_idx on course_titles (library_id, status);
    create table course_title_requests (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      course_id uuid not null references courses (id) on delete cascade,
      title_id uuid not null references course_titles (id) on delete cascade,
      source text not null check (source in ('teacher', 'staff', 'import')),
      requested_by uuid references accounts (id),
      created_at timestamptz not null default now(),
      unique (course_id, title_id)
    );
    create index course_title_requests_title_idx on course_title_requests (title_id);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table course_title_requests, course_titles`.execute(db)
}
