import { type Kysely, sql } from 'kysely'

// Uploaded files. The bytes live on disk by SHA-256, so identical content is stored once;
// each upload still gets its own row (its own name, uploader and owner).
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table files (
      id uuid primary key,
      consortium_id uuid not null references consortia (id),
      library_id uuid references libraries (id),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      size bigint not null check (size >= 0),
      media_type text not null,
      original_name text not null check (length(original_name) between 1 and 255),
      uploaded_by uuid not null references accounts (id),
      created_at timestamptz not null default now(),
      owner_kind text check (owner_kind ~ '^[a-z][a-z_]{0,39}$'),
      owner_id uuid,
      attached_at timestamptz,
      check ((owner_kind is null) = (owner_id is null) and (owner_kind is null) = (attached_at is null))
    );
    -- The hourly upload limit counts an account's recent rows.
    create index files_uploader_idx on files (uploaded_by, created_at);
    create index files_owner_idx on files (owner_kind, owner_id) where owner_kind is not null;
    -- Whether a blob on disk is still referenced.
    create index files_sha256_idx on files (sha256);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`drop table files`.execute(db)
}
