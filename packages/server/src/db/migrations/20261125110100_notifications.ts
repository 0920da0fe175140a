import { type Kysely, sql } from 'kysely'

// Notices: a library's group robots and webhooks, and the outbox holding one row per delivery
// (an inbox notice, an e-mail, a robot or webhook post) written in the announcing transaction.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table notice_channels (
      id uuid primary key,
      library_id uuid not null references libraries (id) on delete cascade,
      name text not null,
      kind text not null check (kind in ('wecom', 'dingtalk', 'webhook')),
      url text not null,
      secret text,
      events text[] not null default '{}',
      enabled boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index notice_channels_library_idx on notice_channels (library_id, name);
    create index notice_channels_events_idx on notice_channels using gin (events);

    create table notice_outbox (
      id uuid primary key,
      library_id uuid not null references libraries (id) on delete cascade,
      event text not null,
      channel text not null check (channel in ('inbox', 'email', 'wecom', 'dingtalk', 'webhook')),
      recipient_account_id uuid references accounts (id) on delete cascade,
      notice_channel_id uuid references notice_channels (id) on delete set null,
      address text,
      language text not null check (language in ('zh-CN', 'en')),
      subject text not null,
      body text not null,
      data jsonb not null default '{}',
      dedupe_key text,
      status text not null default 'pending'
        check (status in ('pending', 'failed', 'sent', 'dead', 'skipped')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      claim_id uuid,
      last_error text,
      sent_at timestamptz,
      read_at timestamptz,
      created_at timestamptz not null default now()
    );
    -- What a worker claims: only rows still to send, in due order.
    create index notice_outbox_due_idx on notice_outbox (next_attempt_at)
      where status in ('pending', 'failed');
    create index notice_outbox_inbox_idx on notice_outbox (recipient_account_id, id desc)
      where channel = 'inbox';
    create index notice_outbox_unread_idx on notice_outbox (recipient_account_id)
      where channel = 'inbox' and read_at is null;
    create index notice_outbox_library_idx on notice_outbox (library_id, id desc) where channel <> 'inbox';
    -- The same announcement (dedupe key) reaches each target once, however often it is enqueued.
    create unique index notice_outbox_dedupe_key on notice_outbox
      (library_id, dedupe_key, channel, coalesce(notice_channel_id, recipient_account_id))
      where dedupe_key is not null;
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table notice_outbox, notice_channels`.execute(db)
}
