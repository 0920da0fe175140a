import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { BorrowLineStatus, DB, PickupBookingStatus } from '../../db/schema.ts'

// Queries of borrow requests, holds, pickup points, slots and bookings; no rules.

export const pointsOf = (db: Kysely<DB>, libraryId: string, activeOnly: boolean) =>
  db
    .selectFrom('pickup_points')
    .selectAll()
    .where('library_id', '=', libraryId)
    .$if(activeOnly, (q) => q.where('active', '=', true))
    .orderBy('name_zh')
    .execute()

export const pointOf = (db: Kysely<DB>, libraryId: string, pointId: string, lock = false) =>
  db
    .selectFrom('pickup_points')
    .selectAll()
    .where('library_id', '=', libraryId)
    .where('id', '=', pointId)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst()

export type PointRow = NonNullable<Awaited<ReturnType<typeof pointOf>>>

/** Booked places per slot start of a point between two instants. */
export const bookedBetween = async (db: Kysely<DB>, pointId: string, from: Date, to: Date) => {
  const rows = await db
    .selectFrom('pickup_slots')
    .select(['starts_at', 'booked'])
    .where('pickup_point_id', '=', pointId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .execute()
  return new Map(rows.map((row) => [row.starts_at.getTime(), row.booked]))
}

/**
 * Takes one place of a slot if one is free, in one statement: the slot's row is created with
 * its first place taken, or its count raised while below the point's `readers_per_slot`.
 * Concurrent bookings queue on the row, and none can pass the limit. Returns false when full.
 */
export const takePlace = async (
  trx: Kysely<DB>,
  point: { id: string; library_id: string; readers_per_slot: number },
  startsAt: Date,
) => (await sql<{ id: string }>`${placeTaken(point, startsAt)}`.execute(trx)).rows.length === 1

const placeTaken = (
  point: { id: string; library_id: string; readers_per_slot: number },
  startsAt: Date,
) => sql`
  insert into pickup_slots as s (id, library_id, pickup_point_id, starts_at, booked)
  select ${uuidv7()}, ${point.library_id}, ${point.id}, ${startsAt}, 1
  where ${point.readers_per_slot} >= 1
  on conflict (pickup_point_id, starts_at) do update set booked = s.booked + 1
    where s.booked < (select p.readers_per_slot from pickup_points p where p.id = s.pickup_point_id)
  returning s.id`

/**
 * Takes a place and writes the booking in the same statement, so that the slot's row, locked
 * from then until the commit, is held for one round trip; the same statement returns the
 * booking as the lists show it (reader and point joined), so a rush's winners need no read
 * back. Returns undefined (nothing written) when the slot is full.
 */
export const takePlaceAndBook = async (
  trx: Kysely<DB>,
  point: { id: string; library_id: string; readers_per_slot: number },
  booking: { id: string; readerId: string; startsAt: Date; endsAt: Date; code: string; now: Date },
) => {
  // The columns of BOOKING_COLUMNS, from the row just written.
  const { rows } = await sql<BookingRow>`
    with place as (${placeTaken(point, booking.startsAt)}),
    booked as (
      insert into pickup_bookings
        (id, library_id, pickup_point_id, reader_id, starts_at, ends_at, code, status, created_at, updated_at)
      select ${booking.id}, ${point.library_id}, ${point.id}, ${booking.readerId}, ${booking.startsAt},
        ${booking.endsAt}, ${booking.code}, 'booked', ${booking.now}, ${booking.now}
      from place
      returning *)
    select b.id, b.library_id, b.pickup_point_id, b.reader_id, b.starts_at, b.ends_at, b.code, b.status,
      b.staged_at, a.name as reader_name, a.reader_number, a.type as reader_type,
      p.name_zh as point_name_zh, p.name_en as point_name_en
    from booked b
    join accounts a on a.id = b.reader_id
    join pickup_points p on p.id = b.pickup_point_id`.execute(trx)
  return rows[0]
}

/** Gives a place of a slot back (a booking moved or cancelled). */
export const releasePlace = (trx: Kysely<DB>, pointId: string, startsAt: Date) =>
  trx
    .updateTable('pickup_slots')
    .set((eb) => ({ booked: eb('booked', '-', 1) }))
    .where('pickup_point_id', '=', pointId)
    .where('starts_at', '=', startsAt)
    .where('booked', '>', 0)
    .execute()

const LINE_COLUMNS = [
  'l.id',
  'l.request_id',
  'l.reader_id',
  'l.pickup_point_id',
  'l.status',
  'l.hold_until',
  'l.marked_at',
  'l.loan_id',
  'i.id as item_id',
  'i.barcode',
  'i.title',
  'i.author',
  'i.call_number',
  'i.location',
  'i.material_type',
  'i.status as item_status',
  'r.created_at as requested_at',
  'r.channel',
  'a.name as reader_name',
  'a.reader_number',
  'a.type as reader_type',
  'p.name_zh as point_name_zh',
  'p.name_en as point_name_en',
] as const

const linesQuery = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('borrow_request_lines as l')
    .innerJoin('catalogue_items as i', 'i.id', 'l.item_id')
    .innerJoin('borrow_requests as r', 'r.id', 'l.request_id')
    .innerJoin('accounts as a', 'a.id', 'l.reader_id')
    .innerJoin('pickup_points as p', 'p.id', 'l.pickup_point_id')
    .select(LINE_COLUMNS)
    .where('l.library_id', '=', libraryId)

/** What is still to be pulled, in the order a person walks the stacks: location, call number. */
export const pullList = (db: Kysely<DB>, libraryId: string) =>
  linesQuery(db, libraryId)
    .where('l.status', '=', 'requested')
    .orderBy(sql`i.location nulls last`)
    .orderBy(sql`i.call_number nulls last`)
    .orderBy('i.barcode')
    .execute()

export type LineRow = Awaited<ReturnType<typeof pullList>>[number]

export const lineById = (db: Kysely<DB>, libraryId: string, lineId: string) =>
  linesQuery(db, libraryId).where('l.id', '=', lineId).executeTakeFirst()

export const linesOfRequests = (db: Kysely<DB>, libraryId: string, requestIds: string[]) =>
  requestIds.length === 0
    ? Promise.resolve([] as LineRow[])
    : linesQuery(db, libraryId).where('l.request_id', 'in', requestIds).orderBy('l.id').execute()

/** Found items waiting for readers at a point (one reader, or several). */
export const waitingLines = (db: Kysely<DB>, libraryId: string, pointId: string, readerIds: string[]) =>
  readerIds.length === 0
    ? Promise.resolve([] as LineRow[])
    : linesQuery(db, libraryId)
        .where('l.pickup_point_id', '=', pointId)
        .where('l.reader_id', 'in', readerIds)
        .where('l.status', '=', 'found')
        .orderBy('i.location')
        .orderBy('i.call_number')
        .execute()

export const lockLine = (trx: Kysely<DB>, libraryId: string, lineId: string) =>
  trx
    .selectFrom('borrow_request_lines')
    .selectAll()
    .where('library_id', '=', libraryId)
    .where('id', '=', lineId)
    .forUpdate()
    .executeTakeFirst()

export const setLineStatus = (
  trx: Kysely<DB>,
  lineIds: string[],
  values: {
    status: BorrowLineStatus
    hold_until?: Date | null
    loan_id?: string
    marked_by?: string
    marked_at?: Date
  },
) =>
  lineIds.length === 0
    ? Promise.resolve()
    : trx
        .updateTable('borrow_request_lines')
        .set(values)
        .where('id', 'in', lineIds)
        .execute()
        .then(() => undefined)

/** A reader's requested or found (held) items in a library by material type, to count against their limits. */
export const heldCounts = async (
  db: Kysely<DB>,
  libraryId: string,
  readerId: string,
  statuses: BorrowLineStatus[],
) => {
  const rows = await db
    .selectFrom('borrow_request_lines as l')
    .innerJoin('catalogue_items as i', 'i.id', 'l.item_id')
    .select(['i.material_type', (eb) => eb.fn.countAll<string>().as('count')])
    .where('l.library_id', '=', libraryId)
    .where('l.reader_id', '=', readerId)
    .where('l.status', 'in', statuses)
    .groupBy('i.material_type')
    .execute()
  return new Map(rows.map((row) => [row.material_type, Number(row.count)]))
}

/**
 * Found items whose hold has run out by its recorded end and whose reader has no pickup booked
 * at that point (of one reader, when given), with what their end is worked out from; locked.
 */
export const lockExpiredHolds = (trx: Kysely<DB>, libraryId: string, now: Date, readerId?: string) =>
  trx
    .selectFrom('borrow_request_lines as l')
    .innerJoin('pickup_points as p', 'p.id', 'l.pickup_point_id')
    .select(['l.id', 'l.item_id', 'l.marked_at', 'l.hold_until', 'p.hold_days'])
    .where('l.library_id', '=', libraryId)
    .where('l.status', '=', 'found')
    .where('l.hold_until', '<', now)
    .$if(readerId !== undefined, (q) => q.where('l.reader_id', '=', readerId!))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('pickup_bookings as b')
            .select('b.id')
            .whereRef('b.reader_id', '=', 'l.reader_id')
            .whereRef('b.pickup_point_id', '=', 'l.pickup_point_id')
            .where('b.status', '=', 'booked'),
        ),
      ),
    )
    .forUpdate('l')
    .skipLocked()
    .execute()

const BOOKING_COLUMNS = [
  'b.id',
  'b.library_id',
  'b.pickup_point_id',
  'b.reader_id',
  'b.starts_at',
  'b.ends_at',
  'b.code',
  'b.status',
  'b.staged_at',
  'a.name as reader_name',
  'a.reader_number',
  'a.type as reader_type',
  'p.name_zh as point_name_zh',
  'p.name_en as point_name_en',
] as const

const bookingsQuery = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('pickup_bookings as b')
    .innerJoin('accounts as a', 'a.id', 'b.reader_id')
    .innerJoin('pickup_points as p', 'p.id', 'b.pickup_point_id')
    .select(BOOKING_COLUMNS)
    .where('b.library_id', '=', libraryId)

export const bookingById = (db: Kysely<DB>, libraryId: string, bookingId: string) =>
  bookingsQuery(db, libraryId).where('b.id', '=', bookingId).executeTakeFirst()

export type BookingRow = NonNullable<Awaited<ReturnType<typeof bookingById>>>

export const activeBookingByCode = (db: Kysely<DB>, libraryId: string, code: string) =>
  bookingsQuery(db, libraryId).where('b.code', '=', code).where('b.status', '=', 'booked').executeTakeFirst()

export const activeBookingsOfReader = (db: Kysely<DB>, libraryId: string, readerId: string) =>
  bookingsQuery(db, libraryId)
    .where('b.reader_id', '=', readerId)
    .where('b.status', '=', 'booked')
    .orderBy('b.starts_at')
    .execute()

export const bookingsBetween = (db: Kysely<DB>, libraryId: string, pointId: string, from: Date, to: Date) =>
  bookingsQuery(db, libraryId)
    .where('b.pickup_point_id', '=', pointId)
    .where('b.starts_at', '>=', from)
    .where('b.starts_at', '<', to)
    .where('b.status', '!=', 'cancelled')
    .orderBy('b.starts_at')
    .orderBy('a.name')
    .execute()

export const lockBooking = (trx: Kysely<DB>, libraryId: string, bookingId: string) =>
  trx
    .selectFrom('pickup_bookings')
    .selectAll()
    .where('library_id', '=', libraryId)
    .where('id', '=', bookingId)
    .forUpdate()
    .executeTakeFirst()

export const updateBooking = (
  trx: Kysely<DB>,
  bookingId: string,
  values: {
    status?: PickupBookingStatus
    starts_at?: Date
    ends_at?: Date
    staged_at?: Date
    updated_at: Date
  },
) => trx.updateTable('pickup_bookings').set(values).where('id', '=', bookingId).execute()

export const insertRequest = async (
  trx: Kysely<DB>,
  request: {
    id: string
    library_id: string
    reader_id: string
    pickup_point_id: string
    channel: 'online' | 'phone'
    note: string | null
    created_by: string
    created_at: Date
  },
  itemIds: string[],
) => {
  await trx.insertInto('borrow_requests').values(request).execute()
  await trx
    .insertInto('borrow_request_lines')
    .values(
      itemIds.map((itemId) => ({
        id: uuidv7(),
        library_id: request.library_id,
        request_id: request.id,
        reader_id: request.reader_id,
        pickup_point_id: request.pickup_point_id,
        item_id: itemId,
        status: 'requested' as const,
      })),
    )
    .execute()
}

/** Items already requested or held for someone, among these. */
export const activeLinesOfItems = (db: Kysely<DB>, itemIds: string[]) =>
  db
    .selectFrom('borrow_request_lines')
    .select(['item_id'])
    .where('item_id', 'in', itemIds)
    .where('status', 'in', ['requested', 'found'])
    .execute()

export const requestsOfReader = (db: Kysely<DB>, libraryId: string, readerId: string) =>
  db
    .selectFrom('borrow_requests')
    .select(['id', 'pickup_point_id', 'channel', 'note', 'created_at'])
    .where('library_id', '=', libraryId)
    .where('reader_id', '=', readerId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute()

/** A reader has holds at a point that ran out (expired, or found and past their time). */
export const hasLapsedHolds = async (db: Kysely<DB>, readerId: string, pointId: string, now: Date) =>
  (await db
    .selectFrom('borrow_request_lines')
    .select('id')
    .where('reader_id', '=', readerId)
    .where('pickup_point_id', '=', pointId)
    .where((eb) =>
      eb.or([eb('status', '=', 'expired'), eb.and([eb('status', '=', 'found'), eb('hold_until', '<', now)])]),
    )
    .limit(1)
    .executeTakeFirst()) !== undefined

export const codeInUse = async (db: Kysely<DB>, libraryId: string, code: string) =>
  (await db
    .selectFrom('pickup_bookings')
    .select('id')
    .where('library_id', '=', libraryId)
    .where('code', '=', code)
    .where('status', '=', 'booked')
    .executeTakeFirst()) !== undefined
