import type { phases } from '@shuqiao/contracts'
import type { Kysely, Selectable } from 'kysely'
import type { DB, OperatingPhasesTable, PhaseSwitchesTable } from '../../db/schema.ts'

export type PhaseRow = Selectable<OperatingPhasesTable>
export type SwitchRow = Selectable<PhaseSwitchesTable> & {
  switched_by_name: string | null
  undone_by_name: string | null
}

export const phasesOf = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('operating_phases')
    .selectAll()
    .where('library_id', '=', libraryId)
    .orderBy('position')
    .execute()

export const stateOf = (db: Kysely<DB>, libraryId: string) =>
  db.selectFrom('library_operating_states').selectAll().where('library_id', '=', libraryId).executeTakeFirst()

/**
 * The library's state row, locked until the transaction ends: switches, undos and saves of the
 * phase book queue on it. Created on first use.
 */
export const lockState = async (trx: Kysely<DB>, libraryId: string) => {
  await trx
    .insertInto('library_operating_states')
    .values({ library_id: libraryId })
    .onConflict((conflict) => conflict.column('library_id').doNothing())
    .execute()
  return trx
    .selectFrom('library_operating_states')
    .selectAll()
    .where('library_id', '=', libraryId)
    .forUpdate()
    .executeTakeFirstOrThrow()
}

export const setState = (
  trx: Kysely<DB>,
  libraryId: string,
  state: { phase_id: string | null; switch_id: string | null; since: Date | null },
) => trx.updateTable('library_operating_states').set(state).where('library_id', '=', libraryId).execute()

export const insertPhase = (
  trx: Kysely<DB>,
  row: Omit<PhaseRow, 'created_at' | 'services' | 'measures'> & {
    services: phases.Phase['services']
    measures: phases.PhaseMeasures
  },
) =>
  trx
    .insertInto('operating_phases')
    .values({
      ...row,
      services: JSON.stringify(row.services),
      measures: JSON.stringify(row.measures),
      created_at: row.updated_at,
    })
    .execute()

const switchColumns = (db: Kysely<DB>) =>
  db
    .selectFrom('phase_switches as s')
    .leftJoin('accounts as by', 'by.id', 's.switched_by')
    .leftJoin('accounts as un', 'un.id', 's.undone_by')
    .selectAll('s')
    .select(['by.name as switched_by_name', 'un.name as undone_by_name'])

export const switchesOf = (db: Kysely<DB>, libraryId: string, limit: number): Promise<SwitchRow[]> =>
  switchColumns(db)
    .where('s.library_id', '=', libraryId)
    .orderBy('s.switched_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(limit)
    .execute()

export const switchById = (db: Kysely<DB>, switchId: string): Promise<SwitchRow | undefined> =>
  switchColumns(db).where('s.id', '=', switchId).executeTakeFirst()
