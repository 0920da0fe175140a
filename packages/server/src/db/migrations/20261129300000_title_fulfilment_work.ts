import { type Kysely, sql } from 'kysely'

// Course reserves, the fulfilment work: who works on each title (assigned to a subject
// librarian of its courses' department), the title's history (every status change and
// reassignment: who, when, from, to, note), and the publishers the library asks for titles with
// their contact log (contacted, replied, agreed, supplied, refused — dated, with the titles
// concerned). A title belongs to the publisher linked by hand, else to the library's publisher
// whose folded name equals the folded publisher the title gives (publisher_key: NFKC, lower
// case, what is in brackets, spaces, punctuation and a trailing 有限公司 dropped).
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create function publisher_key(name text) returns text language sql immutable parallel safe as $$
      select regexp_replace(
        regexp_replace(
          regexp_replace(lower(normalize(coalesce(name, ''), NFKC)), '\\([^)]*\\)|【[^】]*】', '', 'g'),
          '[[:space:][:punct:]·、，。《》“”‘’【】—－]+', '', 'g'),
        '(股份)?有限(责任)?公司$', '')
    $$;
    create table course_publishers (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      name text not null,
      name_key text not null check (name_key <> ''),
      contact_person text,
      email text,
      phone text,
      note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index course_publishers_name_key on course_publishers (library_id, name_key);
    alter table course_titles
      add column assignee_id uuid references accounts (id) on delete set null,
      add column publisher_id uuid references course_publishers (id) on delete set null;
    create index course_titles_assignee_idx on course_titles (assignee_id) where assignee_id is not null;
    create index course_titles_publisher_idx on course_titles (publisher_id) where publisher_id is not null;
    create index course_titles_publisher_key_idx on course_titles (library_id, publisher_key(publisher));
    create table course_title_events (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      title_id uuid not null references course_titles (id) on delete cascade,
      at timestamptz not null,
      actor_id uuid references accounts (id) on delete set null,
      kind text not null check (kind in ('status', 'assigned')),
      from_status text,
      to_status text,
      channel text,
      assignee_id uuid references accounts (id) on delete set null,
      note text
    );
    create index course_title_events_title_idx on course_title_events (title_id, at);
    create table course_publisher_contacts (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      publisher_id uuid not null references course_publishers (id) on delete cascade,
      kind text not null check (kind in ('contacted', 'replied', 'agreed', 'supplied', 'refused')),
      on_date date not null,
      note text,
      created_by uuid references accounts (id) on delete set null,
      created_at timestamptz not null
    );
    create index course_publisher_contacts_publisher_idx on course_publisher_contacts (publisher_id, on_date);
    create table course_publisher_contact_titles (
      contact_id uuid not null references course_publisher_contacts (id) on delete cascade,
      title_id uuid not null references course_titles (id) on delete cascade,
      primary key (contact_id, title_id)
    );
    create index course_publisher_contact_titles_title_idx on course_publisher_contact_titles (title_id);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`
    drop table course_publisher_contact_titles;
    drop table course_publisher_contacts;
    drop table course_title_events;
    alter table course_titles drop column assignee_id, drop column publisher_id;
    drop table course_publishers;
    drop function publisher_key(text);
  `.execute(db)
}
