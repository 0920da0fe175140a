import { type Kysely, sql } from 'kysely'

// The online reference desk (在线咨询, Q1/Q5): topic queues per library (参考咨询, 荐购, 文献服务),
// librarians on duty per queue with their limit of chats at once, and the chats themselves with
// their messages numbered per chat. Guests with a nickname chat where a queue allows them; their
// tokens are signed with a key per library.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table reference_queues (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      code text not null,
      name_zh text not null,
      name_en text not null,
      allow_guests boolean not null default false,
      assignment text not null default 'claim' check (assignment in ('claim', 'auto')),
      position integer not null default 0,
      active boolean not null default true,
      created_by uuid references accounts (id),
      updated_by uuid references accounts (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (library_id, code)
    );
    create table reference_librarians (
      account_id uuid primary key references accounts (id),
      library_id uuid not null references libraries (id),
      chat_limit integer not null default 3 check (chat_limit between 1 and 20),
      updated_at timestamptz not null default now()
    );
    create table reference_duty (
      queue_id uuid not null references reference_queues (id),
      account_id uuid not null references accounts (id),
      library_id uuid not null references libraries (id),
      since timestamptz not null default now(),
      source text not null default 'manual' check (source in ('manual', 'roster')),
      primary key (queue_id, account_id)
    );
    create index reference_duty_account_idx on reference_duty (account_id);
    create table reference_guests (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      nickname text not null,
      created_at timestamptz not null default now()
    );
    create table reference_desk_keys (
      library_id uuid primary key references libraries (id),
      secret text not null,
      created_at timestamptz not null default now()
    );
    create table reference_conversations (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      queue_id uuid not null references reference_queues (id),
      reader_id uuid references accounts (id),
      guest_id uuid references reference_guests (id),
      status text not null default 'waiting' check (status in ('waiting', 'active', 'closed')),
      assignee_id uuid references accounts (id),
      last_seq integer not null default 0,
      reader_read_seq integer not null default 0,
      staff_read_seq integer not null default 0,
      created_at timestamptz not null default now(),
      assigned_at timestamptz,
      first_answer_at timestamptz,
      closed_at timestamptz,
      closed_by text check (closed_by in ('reader', 'staff')),
      updated_at timestamptz not null default now(),
      check ((reader_id is null) <> (guest_id is null))
    );
    create index reference_conversations_queue_idx on reference_conversations (library_id, status, queue_id, created_at);
    create index reference_conversations_assignee_idx on reference_conversations (assignee_id, status);
    create index reference_conversations_reader_idx on reference_conversations (reader_id, created_at desc);
    -- A reader has one open chat per library at a time; a double click does not open two.
    create unique index reference_conversations_one_open_idx on reference_conversations (library_id, reader_id)
      where status <> 'closed' and reader_id is not null;
    create index reference_conversations_guest_idx on reference_conversations (guest_id, created_at desc);
    create table reference_messages (
      id uuid primary key,
      conversation_id uuid not null references reference_conversations (id),
      library_id uuid not null references libraries (id),
      seq integer not null,
      kind text not null check (kind in ('text', 'note', 'event')),
      author_account_id uuid references accounts (id),
      author_guest_id uuid references reference_guests (id),
      body text,
      event text,
      event_data jsonb,
      client_message_id text,
      sent_at timestamptz not null default now(),
      unique (conversation_id, seq),
      unique (conversation_id, client_message_id)
    );
    create index reference_messages_account_idx on reference_messages (author_account_id, sent_at)
      where author_account_id is not null;
    create index reference_messages_guest_idx on reference_messages (author_guest_id, sent_at)
      where author_guest_id is not null;
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`
    drop table reference_messages, reference_conversations, reference_desk_keys, reference_guests,
      reference_duty, reference_librarians, reference_queues
  `.execute(db)
}
