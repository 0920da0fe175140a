import type { referenceDesk } from '@shuqiao/contracts'
import type { ShiftRow } from './roster.repository.ts'

export const presentShift = (row: ShiftRow): referenceDesk.Shift => ({
  id: row.id,
  libraryId: row.library_id,
  queue: { id: row.queue_id, code: row.queue_code, nameZh: row.queue_name_zh, nameEn: row.queue_name_en },
  librarian: { id: row.account_id, name: row.librarian_name },
  lead: row.lead_id ? { id: row.lead_id, name: row.lead_name ?? '' } : null,
  startsOn: row.starts_on,
  startTime: row.start_time,
  endTime: row.end_time,
  rrule: row.rrule,
  skippedDays: [...row.skipped_days].sort(),
  note: row.note,
})

/** What the audit log keeps of a shift. */
export const shiftSnapshot = (shift: referenceDesk.Shift) => ({
  queue: shift.queue.code,
  librarian: shift.librarian.name,
  lead: shift.lead?.name ?? null,
  startsOn: shift.startsOn,
  startTime: shift.startTime,
  endTime: shift.endTime,
  rrule: shift.rrule,
  skippedDays: shift.skippedDays,
})
