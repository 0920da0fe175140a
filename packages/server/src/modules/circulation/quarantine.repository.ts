import type { quarantine } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'

export const periodsOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('quarantine_periods')
    .select(['material_type', 'hours'])
    .where('library_id', '=', libraryId)
    .execute()

/** Who changed the periods last, and when. */
export const lastPeriodChangeOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('quarantine_periods as p')
    .leftJoin('accounts as a', 'a.id', 'p.updated_by')
    .select(['p.updated_at', 'a.id as account_id', 'a.name as account_name'])
    .where('p.library_id', '=', libraryId)
    .orderBy('p.updated_at', 'desc')
    .limit(1)
    .executeTakeFirst()

/** Replaces a library's periods; call inside a transaction. */
export const replacePeriods = async (
  trx: Kysely<DB>,
  libraryId: string,
  periods: quarantine.QuarantinePeriod[],
  by: string,
  at: Date,
) => {
  await trx.deleteFrom('quarantine_periods').where('library_id', '=', libraryId).execute()
  if (periods.length === 0) return
  await trx
    .insertInto('quarantine_periods')
    .values(
      periods.map((period) => ({
        id: uuidv7(),
        library_id: libraryId,
        material_type: period.materialType,
        hours: period.hours,
        updated_at: at,
        updated_by: by,
      })),
    )
    .execute()
}

/** Hours an item of a material type rests after its return: its own period, else the general one, else none. */
export const restingHours = (
  periods: { material_type: string | null; hours: number }[],
  materialType: string,
): number | null =>
  periods.find((period) => period.material_type === materialType)?.hours ??
  periods.find((period) => period.material_type === null)?.hours ??
  null
