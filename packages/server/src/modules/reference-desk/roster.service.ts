import type { referenceDesk } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { type Caller, hasRole, isConsortiumAdmin, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { libraryTimeZone } from '../../platform/libraries/libraries.repository.ts'
import { deskLibraryOf } from './desk-library.ts'
import { deskStaffOf } from './duty.repository.ts'
import { presentShift, shiftSnapshot } from './roster.presenter.ts'
import * as repo from './roster.repository.ts'
import { syncRosterDuty, timesOf } from './roster-duty.ts'
import {
  dayOf,
  floatingDayStart,
  gapsOf,
  type Occurrence,
  ONE_DAY,
  occurrencesBetween,
  parseRule,
  shiftsOverlap,
  timeOfMinutes,
  weekOf,
} from './shifts.ts'

type Input = z.output<typeof referenceDesk.ShiftInput>
type WeekQuery = z.output<typeof referenceDesk.getRosterWeek.query>

const MINUTE = 60_000

/** The duty roster (值班表): shifts, the week view with its gaps, and duty driven by both. */
export const createRosterService = (ctx: AppContext) => {
  const { db } = ctx

  /** Library admins of the library, its consortium admin, and the duty leads named on its shifts. */
  const mayEdit = async (caller: Caller, libraryId: string) =>
    (hasRole(caller, 'library_admin') && caller.libraryId === libraryId) ||
    isConsortiumAdmin(caller) ||
    (caller.libraryId === libraryId && (await repo.isDutyLead(db, libraryId, caller.accountId)))

  const checkEditor = async (caller: Caller, libraryId: string) => {
    if (!(await mayEdit(caller, libraryId))) throw new ProblemError('forbidden')
  }

  const isDeskStaff = async (trx: Kysely<DB>, libraryId: string, accountId: string) =>
    Boolean(await deskStaffOf(trx, libraryId).where('a.id', '=', accountId).executeTakeFirst())

  /** Refuses input that does not fit the library: unknown queue or people, a bad rule, an overlap. */
  const check = async (trx: Kysely<DB>, libraryId: string, input: Input, shiftId?: string) => {
    const queue = await trx
      .selectFrom('reference_queues')
      .select('id')
      .where('id', '=', input.queueId)
      .where('library_id', '=', libraryId)
      .executeTakeFirst()
    if (!queue)
      throw fieldProblem(
        'body.queueId',
        'not_found',
        '本馆没有这个咨询队列',
        'This library has no such queue',
      )
    if (!(await isDeskStaff(trx, libraryId, input.accountId)))
      throw fieldProblem(
        'body.accountId',
        'not_found',
        '本馆咨询台没有这位馆员',
        'No librarian of this library’s desk has this id',
      )
    if (input.leadId && !(await isDeskStaff(trx, libraryId, input.leadId)))
      throw fieldProblem(
        'body.leadId',
        'not_found',
        '本馆咨询台没有这位馆员',
        'No librarian of this library’s desk has this id',
      )
    if (input.rrule && !parseRule(input.rrule))
      throw fieldProblem(
        'body.rrule',
        'invalid_rrule',
        '不是有效的重复规则（RFC 5545 RRULE，如 FREQ=WEEKLY;BYDAY=MO,WE）',
        'Not a valid repeating rule (an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO,WE)',
      )
    const mine = { ...input, skippedDays: input.skippedDays }
    const others = await repo
      .shiftsQuery(trx)
      .where('s.library_id', '=', libraryId)
      .where('s.queue_id', '=', input.queueId)
      .where('s.account_id', '=', input.accountId)
      .$if(Boolean(shiftId), (query) => query.where('s.id', '!=', shiftId!))
      .execute()
    const clash = others.find((other) => shiftsOverlap(mine, timesOf(other)))
    if (clash) throw new ProblemError('shift_overlaps', { extensions: { shiftId: clash.id } })
  }

  const columns = (input: Input) => ({
    queue_id: input.queueId,
    account_id: input.accountId,
    lead_id: input.leadId,
    starts_on: input.startsOn,
    start_time: input.startTime,
    end_time: input.endTime,
    rrule: input.rrule,
    skipped_days: [...new Set(input.skippedDays)].sort(),
    note: input.note,
  })

  /** A shift the caller may see, or not found. */
  const visible = async (caller: Caller, shiftId: string) => {
    const row = await repo.findShift(db, shiftId)
    if (!row || !scopeIncludes(scopeOf(caller), row.library_id)) throw new ProblemError('not_found')
    const library = await db
      .selectFrom('libraries')
      .select('consortium_id')
      .where('id', '=', row.library_id)
      .executeTakeFirstOrThrow()
    if (library.consortium_id !== caller.consortiumId) throw new ProblemError('not_found')
    return row
  }

  /** After a change the roster's duty is brought in line at once, not at the next tick. */
  const resync = (libraryId: string) => syncRosterDuty(db, ctx.events, ctx.now(), libraryId)

  return {
    async list(caller: Caller, libraryId: string | undefined) {
      const library = await deskLibraryOf(db, caller, libraryId)
      const rows = await repo.shiftsOfLibrary(db, library)
      return { items: rows.map(presentShift), canEdit: await mayEdit(caller, library) }
    },

    async create(caller: Caller, httpRequestId: string, input: Input) {
      const libraryId = await deskLibraryOf(db, caller, input.libraryId, 'body.libraryId')
      await checkEditor(caller, libraryId)
      const id = uuidv7()
      const shift = await db.transaction().execute(async (trx) => {
        await check(trx, libraryId, input)
        await trx
          .insertInto('reference_shifts')
          .values({
            id,
            library_id: libraryId,
            ...columns(input),
            created_by: caller.accountId,
            created_at: ctx.now(),
            updated_at: ctx.now(),
          })
          .execute()
        const created = presentShift((await repo.findShift(trx, id))!)
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId,
          action: 'reference_desk.shift.create',
          entityType: 'reference_shift',
          entityId: id,
          entityLabel: `${created.librarian.name} ${created.queue.nameZh}`,
          before: null,
          after: shiftSnapshot(created),
        })
        return created
      })
      await resync(libraryId)
      return shift
    },

    async update(caller: Caller, httpRequestId: string, shiftId: string, input: Input) {
      const row = await visible(caller, shiftId)
      await checkEditor(caller, row.library_id)
      const shift = await db.transaction().execute(async (trx) => {
        await check(trx, row.library_id, input, shiftId)
        await trx
          .updateTable('reference_shifts')
          .set({ ...columns(input), updated_at: ctx.now() })
          .where('id', '=', shiftId)
          .execute()
        const changed = presentShift((await repo.findShift(trx, shiftId))!)
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId: row.library_id,
          action: 'reference_desk.shift.update',
          entityType: 'reference_shift',
          entityId: shiftId,
          entityLabel: `${changed.librarian.name} ${changed.queue.nameZh}`,
          before: shiftSnapshot(presentShift(row)),
          after: shiftSnapshot(changed),
        })
        return changed
      })
      await resync(row.library_id)
      return shift
    },

    async remove(caller: Caller, httpRequestId: string, shiftId: string) {
      const row = await visible(caller, shiftId)
      await checkEditor(caller, row.library_id)
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('reference_shifts').where('id', '=', shiftId).execute()
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId: row.library_id,
          action: 'reference_desk.shift.delete',
          entityType: 'reference_shift',
          entityId: shiftId,
          entityLabel: `${row.librarian_name} ${row.queue_name_zh}`,
          before: shiftSnapshot(presentShift(row)),
          after: null,
        })
      })
      await resync(row.library_id)
      return undefined
    },

    /** Who covers which hours of a week per active queue, and the hours nobody covers. */
    async week(caller: Caller, query: WeekQuery): Promise<referenceDesk.RosterWeek> {
      const libraryId = await deskLibraryOf(db, caller, query.libraryId)
      const timeZone = await libraryTimeZone(db, libraryId)
      const days = weekOf(query.start ?? todayIn(timeZone, ctx.now()))
      const from = floatingDayStart(days[0]!)
      const to = floatingDayStart(days[6]!) + ONE_DAY
      const [queues, shifts] = await Promise.all([
        db
          .selectFrom('reference_queues')
          .select(['id', 'code', 'name_zh', 'name_en'])
          .where('library_id', '=', libraryId)
          .where('active', '=', true)
          .orderBy('position')
          .orderBy('code')
          .execute(),
        repo.shiftsOfLibrary(db, libraryId),
      ])
      return {
        libraryId,
        timeZone,
        days,
        queues: queues.map((queue) => {
          const blocks: referenceDesk.WeekBlock[] = []
          const covered: Occurrence[] = []
          for (const shift of shifts.filter((row) => row.queue_id === queue.id)) {
            for (const occurrence of occurrencesBetween(timesOf(shift), from, to)) {
              covered.push(occurrence)
              const dayStart = floatingDayStart(dayOf(occurrence.start))
              blocks.push({
                shiftId: shift.id,
                day: dayOf(occurrence.start),
                startTime: timeOfMinutes((occurrence.start - dayStart) / MINUTE),
                endTime: timeOfMinutes((occurrence.end - dayStart) / MINUTE),
                librarian: { id: shift.account_id, name: shift.librarian_name },
                lead: shift.lead_id ? { id: shift.lead_id, name: shift.lead_name ?? '' } : null,
              })
            }
          }
          blocks.sort((a, b) => a.day.localeCompare(b.day) || a.startTime.localeCompare(b.startTime))
          const { gaps, coveredMinutes } = gapsOf(days, covered)
          return {
            queue: { id: queue.id, code: queue.code, nameZh: queue.name_zh, nameEn: queue.name_en },
            blocks,
            gaps,
            coveredMinutes,
          }
        }),
      }
    },
  }
}
