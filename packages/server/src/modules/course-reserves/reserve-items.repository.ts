import { type Kysely, type Selectable, sql } from 'kysely'
import type { CourseReserveItemsTable, DB, ReserveItemReview } from '../../db/schema.ts'

// Reserve items, their permalinks, seats and openings: queries only.

export type ItemRow = Selectable<CourseReserveItemsTable>

const itemColumns = (db: Kysely<DB>, day: string) =>
  db
    .selectFrom('course_reserve_items as i')
    .innerJoin('course_reserve_permalinks as p', 'p.item_id', 'i.id')
    .leftJoin('files as f', 'f.id', 'i.file_id')
    .selectAll('i')
    .select([
      'p.code',
      'f.original_name as file_name',
      'f.size as file_size',
      sql<number>`coalesce((select sum(o.openings) from course_reserve_openings o where o.item_id = i.id), 0)::int`.as(
        'openings_total',
      ),
      sql<number>`coalesce((select o.openings from course_reserve_openings o where o.item_id = i.id and o.day = ${day}), 0)::int`.as(
        'openings_today',
      ),
    ])

export type ItemView = Awaited<ReturnType<ReturnType<typeof itemColumns>['execute']>>[number]

export const itemsOfCourse = (db: Kysely<DB>, courseId: string, day: string) =>
  itemColumns(db, day).where('i.course_id', '=', courseId).orderBy('i.created_at').orderBy('i.id').execute()

export const itemById = (db: Kysely<DB>, itemId: string, day: string) =>
  itemColumns(db, day).where('i.id', '=', itemId).executeTakeFirst()

/** Items of a library under review (or reviewed), oldest first, with their course. */
export const itemsInReview = (db: Kysely<DB>, libraryId: string, status: ReserveItemReview, day: string) =>
  itemColumns(db, day)
    .innerJoin('courses as c', 'c.id', 'i.course_id')
    .innerJoin('accounts as a', 'a.id', 'i.added_by')
    .select([
      'c.code as course_code',
      'c.name_zh as course_name_zh',
      'c.name_en as course_name_en',
      'a.name as added_by_name',
    ])
    .where('i.library_id', '=', libraryId)
    .where('i.review_status', '=', status)
    .orderBy('i.created_at')
    .orderBy('i.id')
    .limit(500)
    .execute()

/** The course's requested titles not yet published, for readers' "not yet available". */
export const waitingTitles = (db: Kysely<DB>, courseId: string) =>
  db
    .selectFrom('course_title_requests as r')
    .innerJoin('course_titles as t', 't.id', 'r.title_id')
    .select(['t.id', 't.title', 't.author', 't.isbn13', 't.status'])
    .where('r.course_id', '=', courseId)
    .where('t.status', '<>', 'published')
    .orderBy('r.created_at')
    .orderBy('t.id')
    .execute()

export const shareLimitOf = async (db: Kysely<DB>, libraryId: string) => {
  const row = await db
    .selectFrom('course_reserve_settings')
    .select('share_limit_percent')
    .where('library_id', '=', libraryId)
    .executeTakeFirst()
  return row?.share_limit_percent ?? 20
}

export const saveShareLimit = (db: Kysely<DB>, libraryId: string, percent: number, now: Date) =>
  db
    .insertInto('course_reserve_settings')
    .values({ library_id: libraryId, share_limit_percent: percent, updated_at: now })
    .onConflict((conflict) =>
      conflict.column('library_id').doUpdateSet({ share_limit_percent: percent, updated_at: now }),
    )
    .execute()

/** What a permalink code leads to: a course list (item null) or one item, with its course. */
export const permalinkTarget = (db: Kysely<DB>, code: string) =>
  db
    .selectFrom('course_reserve_permalinks as p')
    .innerJoin('courses as c', 'c.id', 'p.course_id')
    .leftJoin('course_reserve_items as i', 'i.id', 'p.item_id')
    .leftJoin('files as f', 'f.id', 'i.file_id')
    .select([
      'p.code',
      'p.library_id',
      'c.id as course_id',
      'c.code as course_code',
      'c.name_zh as course_name_zh',
      'c.name_en as course_name_en',
      'i.id as item_id',
      'i.kind',
      'i.name',
      'i.note',
      'i.link_url',
      'i.downloadable',
      'i.seat_limit',
      'i.seat_minutes',
      'i.review_status',
      'f.sha256 as file_sha256',
      'f.size as file_size',
      'f.original_name as file_name',
    ])
    .where('p.code', '=', code)
    .executeTakeFirst()

export type PermalinkTarget = NonNullable<Awaited<ReturnType<typeof permalinkTarget>>>

export const coursePermalink = async (db: Kysely<DB>, courseId: string) =>
  (
    await db
      .selectFrom('course_reserve_permalinks')
      .select('code')
      .where('course_id', '=', courseId)
      .where('item_id', 'is', null)
      .executeTakeFirst()
  )?.code

/** Inserts a permalink unless its code is taken; true when it was written. */
export const insertPermalink = async (
  db: Kysely<DB>,
  row: { code: string; libraryId: string; courseId: string; itemId: string | null },
) => {
  const written = await db
    .insertInto('course_reserve_permalinks')
    .values({ code: row.code, library_id: row.libraryId, course_id: row.courseId, item_id: row.itemId })
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst()
  return Number(written.numInsertedOrUpdatedRows ?? 0) > 0
}

/**
 * Takes or renews `accountId`'s seat on an item with a limit, the item's row locked so two
 * readers cannot take the last seat at once. Answers the seat's end, or when the first seat frees.
 */
export const takeSeat = async (
  db: Kysely<DB>,
  seat: { itemId: string; accountId: string; limit: number; minutes: number; now: Date },
) => {
  // A reader who holds a live seat only renews it: one statement, no lock, the count unchanged.
  const heldUntil = new Date(seat.now.getTime() + seat.minutes * 60_000)
  const renewed = await db
    .updateTable('course_reserve_seats')
    .set({ held_until: heldUntil })
    .where('item_id', '=', seat.itemId)
    .where('account_id', '=', seat.accountId)
    .where('held_until', '>', seat.now)
    .executeTakeFirst()
  if (Number(renewed.numUpdatedRows) > 0) return { taken: true as const, heldUntil }
  return db.transaction().execute(async (trx) => {
    await trx
      .selectFrom('course_reserve_items')
      .select('id')
      .where('id', '=', seat.itemId)
      .forUpdate()
      .execute()
    await trx
      .deleteFrom('course_reserve_seats')
      .where('item_id', '=', seat.itemId)
      .where('held_until', '<=', seat.now)
      .execute()
    const others = await trx
      .selectFrom('course_reserve_seats')
      .select(['account_id', 'held_until'])
      .where('item_id', '=', seat.itemId)
      .where('account_id', '<>', seat.accountId)
      .orderBy('held_until')
      .execute()
    const mine = await trx
      .selectFrom('course_reserve_seats')
      .select('held_until')
      .where('item_id', '=', seat.itemId)
      .where('account_id', '=', seat.accountId)
      .executeTakeFirst()
    if (!mine && others.length >= seat.limit) return { taken: false as const, freesAt: others[0]!.held_until }
    await trx
      .insertInto('course_reserve_seats')
      .values({ item_id: seat.itemId, account_id: seat.accountId, held_until: heldUntil })
      .onConflict((conflict) =>
        conflict.columns(['item_id', 'account_id']).doUpdateSet({ held_until: heldUntil }),
      )
      .execute()
    return { taken: true as const, heldUntil }
  })
}

export const holdsSeat = async (db: Kysely<DB>, itemId: string, accountId: string, now: Date) =>
  !!(await db
    .selectFrom('course_reserve_seats')
    .select('item_id')
    .where('item_id', '=', itemId)
    .where('account_id', '=', accountId)
    .where('held_until', '>', now)
    .executeTakeFirst())

/** Adds counted openings to their items' days. */
export const addOpenings = (
  db: Kysely<DB>,
  rows: readonly { itemId: string; libraryId: string; day: string; openings: number }[],
) =>
  db
    .insertInto('course_reserve_openings')
    .values(
      rows.map((row) => ({
        item_id: row.itemId,
        library_id: row.libraryId,
        day: row.day,
        openings: row.openings,
      })),
    )
    .onConflict((conflict) =>
      conflict
        .columns(['item_id', 'day'])
        .doUpdateSet({ openings: sql`course_reserve_openings.openings + excluded.openings` }),
    )
    .execute()
