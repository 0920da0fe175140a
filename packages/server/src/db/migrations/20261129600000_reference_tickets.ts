import { type Kysely, sql } from 'kysely'

// Tickets at the reference desk (留言咨询, Q1/Q2): questions answered over time rather than live —
// a chat nobody took within the library's wait, a reader's web form, a phone call staff log. Each
// has a thread of replies between reader and staff and internal notes. Chat transcripts are kept
// segmented for staff search once a chat has ended.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table reference_ticket_settings (
      library_id uuid primary key references libraries (id),
      chat_wait_minutes integer not null default 10 check (chat_wait_minutes between 1 and 1440),
      last_number integer not null default 0,
      updated_at timestamptz not null default now()
    );
    create table reference_tickets (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      number integer not null,
      queue_id uuid not null references reference_queues (id),
      status text not null default 'new' check (status in ('new', 'open', 'pending', 'closed')),
      source text not null check (source in ('chat', 'web', 'phone')),
      reader_id uuid references accounts (id),
      guest_name text,
      guest_email text,
      guest_language text check (guest_language in ('zh-CN', 'en')),
      phone text,
      subject text not null,
      assignee_id uuid references accounts (id),
      conversation_id uuid unique references reference_conversations (id),
      created_by uuid references accounts (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      first_reply_at timestamptz,
      closed_at timestamptz,
      search_text text not null default '',
      search_doc tsvector generated always as (to_tsvector('simple', search_text)) stored,
      unique (library_id, number),
      check (reader_id is not null or guest_name is not null)
    );
    create index reference_tickets_library_idx on reference_tickets (library_id, status, id);
    create index reference_tickets_reader_idx on reference_tickets (reader_id, id);
    create index reference_tickets_search_idx on reference_tickets using gin (search_doc);
    create index reference_tickets_trgm_idx on reference_tickets using gin (search_text gin_trgm_ops);
    create table reference_ticket_posts (
      id uuid primary key,
      ticket_id uuid not null references reference_tickets (id),
      kind text not null check (kind in ('reply', 'note', 'event')),
      side text check (side in ('reader', 'staff')),
      author_id uuid references accounts (id),
      body text,
      event text,
      event_data jsonb,
      created_at timestamptz not null default now()
    );
    create index reference_ticket_posts_ticket_idx on reference_ticket_posts (ticket_id, id);
    create table reference_transcripts (
      conversation_id uuid primary key references reference_conversations (id),
      library_id uuid not null references libraries (id),
      search_text text not null default '',
      search_doc tsvector generated always as (to_tsvector('simple', search_text)) stored,
      indexed_at timestamptz not null default now()
    );
    create index reference_transcripts_search_idx on reference_transcripts using gin (search_doc);
    create index reference_transcripts_trgm_idx on reference_transcripts using gin (search_text gin_trgm_ops);
  `.execute(db)
}
