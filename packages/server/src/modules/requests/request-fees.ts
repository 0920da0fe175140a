import type { RequestType } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { currentPhaseOf } from '../operations/current-phase.ts'
import { findFeeWaiver } from './requests.repository.ts'

/**
 * What a request of a type costs the reader today: nothing when the type is free, when the
 * library waived it for a period (shown to readers with its last day), or, for document
 * delivery, while the library is in a phase that makes it free (e.g. 闭馆).
 */
export const feeOf = async (db: Kysely<DB>, libraryId: string, type: RequestType, today: string) => {
  if (type.feeFen === 0) return { feeFen: 0, waivedUntil: null }
  const waiver = await findFeeWaiver(db, libraryId, type.code, today)
  if (waiver) return { feeFen: 0, waivedUntil: waiver.free_until }
  if (
    type.code === 'document_delivery' &&
    (await currentPhaseOf(db, libraryId))?.measures.freeDocumentDelivery
  )
    return { feeFen: 0, waivedUntil: null }
  return { feeFen: type.feeFen, waivedUntil: null }
}
