import { type Kysely, sql } from 'kysely'

// Guests send images and PDFs in chats too. They have no account, so a file may have no
// uploading account; the desk keeps which guest sent it, in which chat, and counts a guest's
// uploads per hour from here as platform/files counts an account's.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    alter table files alter column uploaded_by drop not null;
    create table reference_guest_uploads (
      file_id uuid primary key references files (id) on delete cascade,
      guest_id uuid not null references reference_guests (id),
      conversation_id uuid not null references reference_conversations (id),
      created_at timestamptz not null default now()
    );
    create index reference_guest_uploads_guest_idx on reference_guest_uploads (guest_id, created_at);
  `.execute(db)
}
