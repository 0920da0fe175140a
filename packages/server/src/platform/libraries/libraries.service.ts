import type { libraries } from '@shuqiao/contracts'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { type Caller, hasRole, scopeOf } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { addDays, daysBetween, isOpenDay } from './calendar.ts'
import { presentDepartment, presentLibrary } from './libraries.presenter.ts'
import * as repo from './libraries.repository.ts'

const MAX_CALENDAR_SPAN_DAYS = 400

const dateRangeProblem = (code: 'too_big' | 'invalid_value') =>
  code === 'too_big'
    ? fieldProblem('to', code, '日期范围最长 400 天', 'The range can be at most 400 days')
    : fieldProblem('to', code, '结束日期早于开始日期', 'The range ends before it starts')

const checkRange = (from: string, to: string) => {
  const span = daysBetween(from, to)
  if (span < 0) throw dateRangeProblem('invalid_value')
  if (span > MAX_CALENDAR_SPAN_DAYS) throw dateRangeProblem('too_big')
}

/** Told when a library's open days or time zone change; the payload is the library's id. */
export const CALENDAR_CHANGED_CHANNEL = 'library_calendar_changed'

export const createLibrariesService = (ctx: AppContext) => {
  const { db } = ctx
  /** Services that keep a library's days at hand (pickup slots) read them again. */
  const calendarChanged = (libraryId: string) => ctx.events.publish(CALENDAR_CHANGED_CHANNEL, libraryId)

  /** A library the caller may see (their own; any in the consortium for consortium admins). */
  const visibleLibrary = async (caller: Caller, libraryId: string) => {
    const row = await repo.findLibraryInScope(db, scopeOf(caller), libraryId)
    if (!row) throw new ProblemError('not_found')
    return row
  }

  /** Readers and staff may read calendars and departments of any member library (public facts). */
  const memberLibrary = async (caller: Caller, libraryId: string) => {
    const row = await repo.findLibraryInScope(
      db,
      { consortiumId: caller.consortiumId, libraryIds: 'all' },
      libraryId,
    )
    if (!row) throw new ProblemError('not_found')
    return row
  }

  const requireAdminOf = async (caller: Caller, libraryId: string) => {
    const row = await visibleLibrary(caller, libraryId)
    if (!hasRole(caller, 'library_admin', 'consortium_admin')) throw new ProblemError('forbidden')
    return row
  }

  return {
    async listPublic() {
      const consortium = await repo.findFirstConsortium(db)
      if (!consortium) return { consortium: null, items: [] }
      const rows = await repo.listConsortiumLibraries(db, consortium.id)
      return {
        consortium: { id: consortium.id, nameZh: consortium.name_zh, nameEn: consortium.name_en },
        items: rows.map(presentLibrary),
      }
    },

    async create(caller: Caller, requestId: string, input: z.output<typeof libraries.LibraryInput>) {
      const id = uuidv7()
      return db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom('libraries')
          .select('id')
          .where('consortium_id', '=', caller.consortiumId)
          .where('code', '=', input.code)
          .executeTakeFirst()
        if (taken) throw new ProblemError('library_code_taken')
        const row = await trx
          .insertInto('libraries')
          .values({
            id,
            consortium_id: caller.consortiumId,
            code: input.code,
            name_zh: input.nameZh,
            name_en: input.nameEn,
            time_zone: input.timeZone,
            open_weekdays: input.openWeekdays,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        const after = presentLibrary(row)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId: id,
          action: 'library.create',
          entityType: 'library',
          entityId: id,
          entityLabel: input.nameZh,
          before: null,
          after,
        })
        return after
      })
    },

    async update(
      caller: Caller,
      requestId: string,
      libraryId: string,
      change: z.output<typeof libraries.LibraryChange>,
    ) {
      const current = await requireAdminOf(caller, libraryId)
      const updated = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('libraries')
          .set({
            ...(change.nameZh !== undefined ? { name_zh: change.nameZh } : {}),
            ...(change.nameEn !== undefined ? { name_en: change.nameEn } : {}),
            ...(change.timeZone !== undefined ? { time_zone: change.timeZone } : {}),
            ...(change.openWeekdays !== undefined
              ? { open_weekdays: [...new Set(change.openWeekdays)] }
              : {}),
            updated_at: ctx.now(),
          })
          .where('id', '=', libraryId)
          .returningAll()
          .executeTakeFirstOrThrow()
        const before = presentLibrary(current)
        const after = presentLibrary(row)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'library.update',
          entityType: 'library',
          entityId: libraryId,
          entityLabel: row.name_zh,
          before,
          after,
        })
        return after
      })
      await calendarChanged(libraryId)
      return updated
    },

    async calendar(caller: Caller, libraryId: string, from: string, to: string) {
      checkRange(from, to)
      const library = await memberLibrary(caller, libraryId)
      const rows = await repo.listCalendarExceptions(db, libraryId, from, to)
      const exceptions = new Map(rows.map((row) => [row.day, { open: row.open, note: row.note }]))
      const calendar = { openWeekdays: library.open_weekdays, exceptions }
      const days: libraries.CalendarDay[] = []
      for (let day = from; day <= to; day = addDays(day, 1)) {
        const exception = exceptions.get(day)
        days.push({
          date: day,
          open: isOpenDay(calendar, day),
          note: exception?.note ?? null,
          exception: !!exception,
        })
      }
      return { days }
    },

    async setCalendarDays(
      caller: Caller,
      requestId: string,
      libraryId: string,
      input: { from: string; to: string; open: boolean | null; note?: string | undefined },
    ) {
      checkRange(input.from, input.to)
      const library = await requireAdminOf(caller, libraryId)
      const changed = await db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('library_calendar_days')
          .select(['day', 'open', 'note'])
          .where('library_id', '=', libraryId)
          .where('day', '>=', input.from)
          .where('day', '<=', input.to)
          .execute()
        await trx
          .deleteFrom('library_calendar_days')
          .where('library_id', '=', libraryId)
          .where('day', '>=', input.from)
          .where('day', '<=', input.to)
          .execute()
        const days: string[] = []
        for (let day = input.from; day <= input.to; day = addDays(day, 1)) days.push(day)
        if (input.open !== null) {
          const open = input.open
          await trx
            .insertInto('library_calendar_days')
            .values(
              days.map((day) => ({ library_id: libraryId, day, open, note: input.note?.trim() || null })),
            )
            .execute()
        }
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'library.calendar.set',
          entityType: 'library_calendar',
          entityId: libraryId,
          entityLabel: `${library.name_zh} ${input.from} – ${input.to}`,
          before: { from: input.from, to: input.to, exceptions: before },
          after: {
            from: input.from,
            to: input.to,
            exceptions:
              input.open === null
                ? []
                : days.map((day) => ({ day, open: input.open, note: input.note?.trim() || null })),
          },
        })
        return { changed: days.length }
      })
      await calendarChanged(libraryId)
      return changed
    },

    async departments(caller: Caller, libraryId: string) {
      await memberLibrary(caller, libraryId)
      return { items: (await repo.listDepartments(db, libraryId)).map(presentDepartment) }
    },

    async createDepartment(
      caller: Caller,
      requestId: string,
      libraryId: string,
      input: { code: string; nameZh: string; nameEn: string },
    ) {
      await requireAdminOf(caller, libraryId)
      return db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom('departments')
          .select('id')
          .where('library_id', '=', libraryId)
          .where('code', '=', input.code)
          .executeTakeFirst()
        if (taken) {
          throw fieldProblem('body.code', 'taken', '院系代码已存在', 'This department code is already in use')
        }
        const row = await trx
          .insertInto('departments')
          .values({
            id: uuidv7(),
            library_id: libraryId,
            code: input.code,
            name_zh: input.nameZh,
            name_en: input.nameEn,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        const after = presentDepartment(row)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'department.create',
          entityType: 'department',
          entityId: row.id,
          entityLabel: input.nameZh,
          before: null,
          after,
        })
        return after
      })
    },
  }
}
