import { type Kysely, sql } from 'kysely'

// Reservation and staff-mediated borrowing (S8, S9) and pickup by appointment (C3).
// A borrow request names items; each line is pulled from the stacks (found / not found) and a
// found item is held for the reader until `hold_until`. Pickup points open in windows per
// weekday cut into slots; `pickup_slots` counts the bookings of each slot and is the row a
// booking increments under `booked < readers_per_slot`, so a slot is never overbooked.
export const up = async (db: Kysely<unknown>) => {
  await sql`
    create table pickup_points (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      name_zh text not null,
      name_en text not null,
      windows jsonb not null default '[]',
      slot_minutes integer not null check (slot_minutes between 5 and 240),
      readers_per_slot integer not null check (readers_per_slot between 1 and 1000),
      lead_minutes integer not null check (lead_minutes between 0 and 10080),
      days_ahead integer not null check (days_ahead between 1 and 60),
      hold_days integer not null check (hold_days between 1 and 60),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      updated_by uuid references accounts (id)
    );
    create index pickup_points_library_idx on pickup_points (library_id);

    create table borrow_requests (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      reader_id uuid not null references accounts (id),
      pickup_point_id uuid not null references pickup_points (id),
      channel text not null check (channel in ('online', 'phone')),
      note text,
      created_by uuid not null references accounts (id),
      created_at timestamptz not null default now()
    );
    create index borrow_requests_reader_idx on borrow_requests (reader_id, created_at desc);

    create table borrow_request_lines (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      request_id uuid not null references borrow_requests (id),
      reader_id uuid not null references accounts (id),
      pickup_point_id uuid not null references pickup_points (id),
      item_id uuid not null references catalogue_items (id),
      status text not null check (status in ('requested', 'found', 'not_found', 'handed_over', 'expired')),
      hold_until timestamptz,
      loan_id uuid references loans (id),
      marked_by uuid references accounts (id),
      marked_at timestamptz
    );
    create unique index borrow_request_lines_active_item_idx
      on borrow_request_lines (item_id) where status in ('requested', 'found');
    create index borrow_request_lines_status_idx on borrow_request_lines (library_id, status);
    create index borrow_request_lines_reader_idx on borrow_request_lines (reader_id, status);

    create table pickup_slots (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      pickup_point_id uuid not null references pickup_points (id),
      starts_at timestamptz not null,
      booked integer not null default 0 check (booked >= 0)
    );
    create unique index pickup_slots_start_idx on pickup_slots (pickup_point_id, starts_at);

    create table pickup_bookings (
      id uuid primary key,
      library_id uuid not null references libraries (id),
      pickup_point_id uuid not null references pickup_points (id),
      reader_id uuid not null references accounts (id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      code text not null,
      status text not null check (status in ('booked', 'handed_over', 'no_show', 'cancelled')),
      staged_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index pickup_bookings_code_idx on pickup_bookings (library_id, code) where status = 'booked';
    create unique index pickup_bookings_reader_idx on pickup_bookings (reader_id) where status = 'booked';
    create index pickup_bookings_day_idx on pickup_bookings (pickup_point_id, starts_at);
  `.execute(db)
}

export const down = async (db: Kysely<unknown>) => {
  await sql`
    drop table pickup_bookings;
    drop table pickup_slots;
    drop table borrow_request_lines;
    drop table borrow_requests;
    drop table pickup_points;
  `.execute(db)
}
