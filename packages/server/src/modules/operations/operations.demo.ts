import { phases } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { insertPhase } from './phases.repository.ts'

/** The suggested phases; the demo libraries are in limited service by appointment since `now`. */
export const seedDemoPhases = async (trx: Kysely<DB>, libraryId: string, now = new Date()) => {
  const ids: string[] = []
  for (const [position, suggested] of phases.SUGGESTED_PHASES.entries()) {
    const phase = phases.PhaseInput.parse(suggested)
    const id = uuidv7()
    ids.push(id)
    await insertPhase(trx, {
      id,
      library_id: libraryId,
      position,
      name_zh: phase.nameZh,
      name_en: phase.nameEn,
      notice_zh: phase.noticeZh,
      notice_en: phase.noticeEn,
      services: phase.services,
      measures: phase.measures,
      updated_at: now,
    })
  }
  await trx
    .insertInto('library_operating_states')
    .values({ library_id: libraryId, phase_id: ids[1]!, switch_id: null, since: now, phases_updated_at: now })
    .execute()
}
