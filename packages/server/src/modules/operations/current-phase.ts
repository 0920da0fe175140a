import { phases } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/**
 * The phase a library is in now, for the services whose rules follow it (free document
 * delivery, pickup on or off). Undefined when the library has never switched phase: then
 * every service runs as usual.
 */
export const currentPhaseOf = async (db: Kysely<DB>, libraryId: string) => {
  const row = await db
    .selectFrom('library_operating_states as s')
    .innerJoin('operating_phases as p', 'p.id', 's.phase_id')
    .select(['p.name_zh', 'p.name_en', 'p.measures'])
    .where('s.library_id', '=', libraryId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    nameZh: row.name_zh,
    nameEn: row.name_en,
    measures: phases.PhaseMeasures.parse(row.measures),
  }
}
