import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { EventBus } from '../../platform/events/event-bus.ts'
import { assignWaiting } from './assignment.ts'
import { collectSignals } from './desk-signals.ts'
import { writeDuty } from './duty.repository.ts'
import {
  forgetAppliedBefore,
  markApplied,
  rosterLibraries,
  type ShiftRow,
  shiftsQuery,
} from './roster.repository.ts'
import { floatingAt, instantOf, occurrencesBetween } from './shifts.ts'

const WEEK = 7 * 24 * 3_600_000

export const timesOf = (
  row: Pick<ShiftRow, 'starts_on' | 'start_time' | 'end_time' | 'rrule' | 'skipped_days'>,
) => ({
  startsOn: row.starts_on,
  startTime: row.start_time,
  endTime: row.end_time,
  rrule: row.rrule,
  skippedDays: row.skipped_days,
})

/**
 * Brings duty in line with the roster at `at` (the service clock). The rules:
 *
 * - When an occurrence of a shift is under way, the roster puts its librarian on duty for its
 *   queue once (`source: 'roster'`). A librarian who then goes off by hand (下岗) stays off until
 *   their next occurrence: the roster does not put them back.
 * - When no occurrence is under way any more, the roster takes off the duty it began. Duty begun
 *   by hand (`source: 'manual'`) is never ended by the roster, also after a shift.
 * - A librarian already on duty by hand when their shift begins stays on as they were.
 *
 * Idempotent, so every process may run it: each occurrence is remembered once in
 * `reference_roster_applied`. `libraryId` limits it to one library (after a roster change).
 */
export const syncRosterDuty = async (db: Kysely<DB>, events: EventBus, at: Date, libraryId?: string) => {
  let changes = 0
  const libraries = (await rosterLibraries(db)).filter((library) => !libraryId || library.id === libraryId)
  // Every library's active shifts in one read, not one read per library each minute.
  const shiftsOf = new Map<string, ShiftRow[]>()
  if (libraries.length > 0) {
    const shifts = await shiftsQuery(db)
      .where(
        's.library_id',
        'in',
        libraries.map((library) => library.id),
      )
      .where('q.active', '=', true)
      .execute()
    for (const shift of shifts) {
      const known = shiftsOf.get(shift.library_id)
      if (known) known.push(shift)
      else shiftsOf.set(shift.library_id, [shift])
    }
  }
  for (const library of libraries) {
    const wall = floatingAt(at, library.time_zone)
    const shifts = shiftsOf.get(library.id) ?? []
    const due = new Map<string, { queueId: string; accountId: string; shiftId: string; startsAt: Date }>()
    for (const shift of shifts) {
      const [occurrence] = occurrencesBetween(timesOf(shift), wall, wall + 1)
      if (!occurrence) continue
      due.set(`${shift.queue_id}:${shift.account_id}`, {
        queueId: shift.queue_id,
        accountId: shift.account_id,
        shiftId: shift.id,
        startsAt: instantOf(occurrence.start, library.time_zone),
      })
    }
    const signals = collectSignals()
    await db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('reference_duty')
        .select(['queue_id', 'account_id', 'source'])
        .where('library_id', '=', library.id)
        .execute()
      const joined = new Set<string>()
      let changed = false
      for (const duty of due.values()) {
        if (!(await markApplied(trx, duty.shiftId, duty.startsAt))) continue
        const wrote = await writeDuty(trx, {
          queueId: duty.queueId,
          accountId: duty.accountId,
          libraryId: library.id,
          onDuty: true,
          source: 'roster',
          at,
        })
        if (wrote) {
          joined.add(duty.queueId)
          changed = true
          changes++
        }
      }
      for (const row of current) {
        if (row.source !== 'roster' || due.has(`${row.queue_id}:${row.account_id}`)) continue
        await writeDuty(trx, {
          queueId: row.queue_id,
          accountId: row.account_id,
          libraryId: library.id,
          onDuty: false,
          source: 'roster',
          at,
        })
        changed = true
        changes++
      }
      for (const queueId of [...joined].sort()) await assignWaiting(trx, queueId, at, signals)
      if (changed) signals.desk(library.id)
    })
    await signals.publish(events)
  }
  await forgetAppliedBefore(db, new Date(at.getTime() - WEEK))
  return changes
}
