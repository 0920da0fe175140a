import { type Kysely, sql } from 'kysely'

// Course reserves, reserve items (E6): what readers of a course open — a link (a platform's
// address, taken through the library's off-campus route) or a PDF — with its copyright record,
// its review by staff when a teacher added it, its permalink, the seats of an item with a limit
// of simultaneous readers, and the openings counted per day. A course list has a permalink too.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table course_reserve_items (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      course_id uuid not null references courses (id) on delete cascade,
      title_id uuid references course_titles (id) on delete set null,
      kind text not null check (kind in ('link', 'file')),
      name text not null,
      note text,
      link_url text,
      file_id uuid references files (id),
      downloadable boolean not null default false,
      seat_limit int check (seat_limit between 1 and 10000),
      seat_minutes int not null default 30 check (seat_minutes between 1 and 1440),
      pages_used int check (pages_used >= 0),
      pages_total int check (pages_total > 0),
      permission text not null default 'not_needed'
        check (permission in ('not_needed', 'requested', 'granted', 'refused')),
      permission_source text,
      publish_channel text check (publish_channel in ('owned_platform', 'publisher_supplied', 'digitised', 'open_access')),
      review_status text not null check (review_status in ('pending', 'approved', 'rejected')),
      rejected_reason text,
      reviewed_by uuid references accounts (id),
      reviewed_at timestamptz,
      added_by uuid not null references accounts (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((kind = 'link') = (link_url is not null)),
      check ((kind = 'file') = (file_id is not null)),
      check ((review_status = 'rejected') = (rejected_reason is not null))
    );
    create index course_reserve_items_course on course_reserve_items (course_id, created_at);
    create index course_reserve_items_review on course_reserve_items (library_id, review_status, created_at);

    create table course_reserve_permalinks (
      code text primary key,
      library_id uuid not null references libraries (id),
      course_id uuid not null references courses (id) on delete cascade,
      item_id uuid unique references course_reserve_items (id) on delete cascade
    );
    create unique index course_reserve_permalinks_course on course_reserve_permalinks (course_id)
      where item_id is null;

    create table course_reserve_seats (
      item_id uuid not null references course_reserve_items (id) on delete cascade,
      account_id uuid not null references accounts (id),
      held_until timestamptz not null,
      primary key (item_id, account_id)
    );

    create table course_reserve_openings (
      item_id uuid not null references course_reserve_items (id) on delete cascade,
      library_id uuid not null references libraries (id),
      day date not null,
      openings int not null,
      primary key (item_id, day)
    );

    create table course_reserve_settings (
      library_id uuid primary key references libraries (id),
      share_limit_percent int not null default 20 check (share_limit_percent between 1 and 100),
      updated_at timestamptz not null default now()
    );
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`
    drop table course_reserve_settings;
    drop table course_reserve_openings;
    drop table course_reserve_seats;
    drop table course_reserve_permalinks;
    drop table course_reserve_items;
  `.execute(db)
}
