import { type Kysely, sql } from 'kysely'

// A library's e-holdings, per platform, as vendors list them in KBART files or title lists:
// the titles it can already give readers online. Importing a platform's file replaces its
// titles. Course titles are matched against them (ISBN-13 from either identifier first, then
// normalised title and author); each match is a proposal a librarian accepts or rejects. A
// proposal keeps what it showed (title, link), so re-importing a platform leaves decisions be.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table e_holding_platforms (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      name text not null,
      -- Everything on it is free to read (an open-access list): matches are published as open access.
      open_access boolean not null default false,
      title_count integer not null default 0,
      file_name text,
      imported_at timestamptz,
      imported_by uuid references accounts (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (library_id, name)
    );
    create table e_holdings (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      platform_id uuid not null references e_holding_platforms (id) on delete cascade,
      title text not null,
      title_key text not null,
      author text,
      author_key text not null default '',
      publisher text,
      -- Identifiers as the file gave them (ISBN, ISSN), and as ISBN-13 when they are ISBNs.
      print_identifier text,
      online_identifier text,
      print_isbn13 text,
      online_isbn13 text,
      title_url text,
      publication_type text,
      edition text,
      -- KBART access_type F: free to read.
      free boolean not null default false
    );
    create index e_holdings_platform_idx on e_holdings (platform_id);
    create index e_holdings_print_isbn_idx on e_holdings (library_id, print_isbn13) where print_isbn13 is not null;
    create index e_holdings_online_isbn_idx on e_holdings (library_id, online_isbn13)
      where online_isbn13 is not null;
    create index e_holdings_title_idx on e_holdings (library_id, title_key);
    create table course_title_matches (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      title_id uuid not null references course_titles (id) on delete cascade,
      platform_id uuid not null references e_holding_platforms (id) on delete cascade,
      matched_by text not null check (matched_by in ('isbn', 'title_author', 'title')),
      title text not null,
      author text,
      publisher text,
      isbn13 text,
      url text not null,
      free boolean not null default false,
      state text not null default 'proposed' check (state in ('proposed', 'accepted', 'rejected')),
      decided_by uuid references accounts (id),
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      unique (title_id, platform_id, url)
    );
    create unique index course_title_matches_accepted_key on course_title_matches (title_id)
      where state = 'accepted';
    create index course_title_matches_platform_idx on course_title_matches (platform_id, state);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table course_title_matches, e_holdings, e_holding_platforms`.execute(db)
}
