import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** Shifts with the names of their queue, librarian and duty lead. */
export const shiftsQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('reference_shifts as s')
    .innerJoin('reference_queues as q', 'q.id', 's.queue_id')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('accounts as l', 'l.id', 's.lead_id')
    .select([
      's.id',
      's.library_id',
      's.queue_id',
      's.account_id',
      's.lead_id',
      's.starts_on',
      's.start_time',
      's.end_time',
      's.rrule',
      's.skipped_days',
      's.note',
      'q.code as queue_code',
      'q.name_zh as queue_name_zh',
      'q.name_en as queue_name_en',
      'q.position as queue_position',
      'a.name as librarian_name',
      'l.name as lead_name',
    ])

export type ShiftRow = Awaited<ReturnType<ReturnType<typeof shiftsQuery>['execute']>>[number]

export const shiftsOfLibrary = (db: Kysely<DB>, libraryId: string) =>
  shiftsQuery(db)
    .where('s.library_id', '=', libraryId)
    .orderBy('q.position')
    .orderBy('s.start_time')
    .orderBy('a.name')
    .orderBy('s.id')
    .execute()

export const findShift = (db: Kysely<DB>, shiftId: string) =>
  shiftsQuery(db).where('s.id', '=', shiftId).executeTakeFirst()

/** Whether an account is the duty lead (值班长) of any shift of the library. */
export const isDutyLead = async (db: Kysely<DB>, libraryId: string, accountId: string) =>
  Boolean(
    await db
      .selectFrom('reference_shifts')
      .select('id')
      .where('library_id', '=', libraryId)
      .where('lead_id', '=', accountId)
      .executeTakeFirst(),
  )

/** Libraries that keep a roster or still have librarians on duty by it, with their time zones. */
export const rosterLibraries = (db: Kysely<DB>) =>
  db
    .selectFrom('libraries as l')
    .select(['l.id', 'l.time_zone'])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('reference_shifts as s').select('s.id').whereRef('s.library_id', '=', 'l.id'),
        ),
        eb.exists(
          eb
            .selectFrom('reference_duty as d')
            .select('d.queue_id')
            .whereRef('d.library_id', '=', 'l.id')
            .where('d.source', '=', 'roster'),
        ),
      ]),
    )
    .orderBy('l.id')
    .execute()

/**
 * Remembers that the roster put an occurrence of a shift on duty; false when it had already
 * (the librarian may have gone off by hand since).
 */
export const markApplied = async (db: Kysely<DB>, shiftId: string, startsAt: Date) => {
  const inserted = await db
    .insertInto('reference_roster_applied')
    .values({ shift_id: shiftId, starts_at: startsAt })
    .onConflict((oc) => oc.columns(['shift_id', 'starts_at']).doNothing())
    .executeTakeFirst()
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0
}

export const forgetAppliedBefore = (db: Kysely<DB>, before: Date) =>
  db.deleteFrom('reference_roster_applied').where('starts_at', '<', before).execute()
