import type { referenceDesk } from '@shuqiao/contracts'
import type { Selectable } from 'kysely'
import type { ReferenceQueuesTable } from '../../db/schema.ts'
import type { QueueRow } from './queues.repository.ts'

type QueueNames = Pick<Selectable<ReferenceQueuesTable>, 'id' | 'code' | 'name_zh' | 'name_en'>

export const presentQueueRef = (row: QueueNames): referenceDesk.QueueRef => ({
  id: row.id,
  code: row.code,
  nameZh: row.name_zh,
  nameEn: row.name_en,
})

export const presentQueue = (
  row: QueueRow,
  onDuty: referenceDesk.Person[],
): referenceDesk.ReferenceQueue => ({
  ...presentQueueRef(row),
  libraryId: row.library_id,
  allowGuests: row.allow_guests,
  online: row.active && onDuty.length > 0,
  assignment: row.assignment,
  position: row.position,
  active: row.active,
  onDuty,
  waitingCount: Number(row.waiting_count ?? 0),
  activeCount: Number(row.active_count ?? 0),
})

/** What the audit log keeps of a queue. */
export const queueSnapshot = (queue: referenceDesk.ReferenceQueue) => ({
  code: queue.code,
  nameZh: queue.nameZh,
  nameEn: queue.nameEn,
  allowGuests: queue.allowGuests,
  assignment: queue.assignment,
  position: queue.position,
  active: queue.active,
})
