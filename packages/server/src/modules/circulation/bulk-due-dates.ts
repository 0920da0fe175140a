import type { closureMeasures } from '@shuqiao/contracts'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { fieldProblem } from '../../http/problem.ts'
import { addDays, addOpenDays, isOpenDay, type LibraryCalendar } from '../../platform/libraries/calendar.ts'
import { setAffected, startBatch } from './closure-batches.ts'
import { instantAt, localDayAndTime } from './due-dates.ts'
import { lendingCalendar } from './lending-context.ts'
import type { ClosureActor } from './limit-raises.ts'

type Filter = closureMeasures.DueDateFilter
type Change = closureMeasures.DueDateChange

/**
 * A query of loans to move, with columns `id`, `due_before` and `due_after`; it may be
 * selected from (preview) or fed to {@link moveLoans} (apply).
 */
export type LoanTargets = RawBuilder<unknown>

/** Lists of days as one text parameter, read back as date[] by either engine. */
export const dayArray = (days: string[]) => sql`string_to_array(${days.join(',')}, ',')::date[]`

/** The closed days among `from`…`to` and the open day each moves to. */
const closedDayMap = (calendar: LibraryCalendar, from: string, to: string) => {
  const closed: string[] = []
  const open: string[] = []
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (!isOpenDay(calendar, day)) {
      closed.push(day)
      open.push(addOpenDays(calendar, day, 0))
    }
  }
  return { closed, open }
}

/**
 * The open loans a filter selects, each with the due date the change gives it: the new day
 * (moved to the next open day when closed) at the loan's own time of day in the library's
 * time zone. A change never shortens a loan: loans it would make due earlier are not selected.
 */
export const dueDateTargets = async (
  db: Kysely<DB>,
  actor: ClosureActor,
  filter: Filter,
  change: Change,
): Promise<LoanTargets> => {
  const { timeZone: tz, now } = actor
  const { calendar, today } = await lendingCalendar(db, actor.libraryId, now)
  if (change.kind === 'to' && change.day <= today) {
    throw fieldProblem(
      'body.change.day',
      'too_small',
      '新的应还日期须晚于今天',
      'The new due date must be after today',
    )
  }
  const firstDay = change.kind === 'to' ? change.day : addDays(filter.dueFrom, change.days)
  const lastDay = change.kind === 'to' ? change.day : addDays(filter.dueTo, change.days)
  const { closed, open } = closedDayMap(calendar, firstDay, lastDay)
  const local = sql`(l.due_at at time zone ${tz})`
  const newDay = change.kind === 'to' ? sql`${change.day}::date` : sql`(${local}::date + ${change.days}::int)`
  return sql`
    select id, due_before, due_after, moved from (
      select l.id, l.due_at as due_before, m.open_day is not null as moved,
        ((coalesce(m.open_day, t.day) + ${local}::time) at time zone ${tz}) as due_after
      from loans l
      ${filter.readerType ? sql`join accounts a on a.id = l.reader_id and a.type = ${filter.readerType}` : sql``}
      ${filter.location ? sql`join catalogue_items i on i.id = l.item_id and i.location = ${filter.location}` : sql``}
      cross join lateral (select ${newDay} as day) t
      left join unnest(${dayArray(closed)}, ${dayArray(open)}) as m (day, open_day) on m.day = t.day
      where l.library_id = ${actor.libraryId}
        and l.returned_at is null
        and l.due_at >= ${instantAt(filter.dueFrom, '00:00', tz)}
        and l.due_at < ${instantAt(addDays(filter.dueTo, 1), '00:00', tz)}
        ${filter.includeOverdue ? sql`` : sql`and l.due_at >= ${now}`}
    ) target
    where due_after > due_before
  `
}

/** The first loans of a target query by due date, before and after, for a preview. */
export const sampleOf = async (
  db: Kysely<DB>,
  targets: LoanTargets,
  timeZone: string,
  limit = 10,
): Promise<closureMeasures.SampleLoan[]> => {
  const { rows } = await sql<{
    id: string
    due_before: Date
    due_after: Date
    barcode: string
    title: string
    location: string | null
    name: string
    reader_number: string
    type: 'student' | 'teacher' | 'staff'
  }>`
    select t.id, t.due_before, t.due_after, i.barcode, i.title, i.location, a.name, a.reader_number, a.type
    from (${targets}) t
    join loans l on l.id = t.id
    join catalogue_items i on i.id = l.item_id
    join accounts a on a.id = l.reader_id
    order by t.due_before, t.id
    limit ${limit}
  `.execute(db)
  const local = (at: Date) => {
    const shown = localDayAndTime(at, timeZone)
    return `${shown.day} ${shown.time}`
  }
  return rows.map((row) => ({
    id: row.id,
    item: { barcode: row.barcode, title: row.title, location: row.location },
    reader: { name: row.name, readerNumber: row.reader_number, type: row.type },
    dueBefore: row.due_before.toISOString(),
    dueAfter: row.due_after.toISOString(),
    dueBeforeLocal: local(row.due_before),
    dueAfterLocal: local(row.due_after),
  }))
}

/**
 * Moves every target loan to its new due date in one statement, keeping the due date each had
 * (and got) under the batch so an undo can restore it. Returns how many loans moved: a loan
 * renewed or returned at a desk while the statement ran keeps what the desk gave it.
 */
export const moveLoans = async (trx: Kysely<DB>, batchId: string, targets: LoanTargets) => {
  const result = await sql`
    with target as (${targets}),
    saved as (
      insert into closure_batch_loans (batch_id, loan_id, due_before, due_after)
      select ${batchId}, id, due_before, due_after from target
      returning loan_id, due_before, due_after
    )
    update loans l set due_at = s.due_after
    from saved s
    -- Re-checked on a loan a desk renewed or took back meanwhile, which is then left as it is.
    where l.id = s.loan_id and l.returned_at is null and l.due_at = s.due_before
  `.execute(trx)
  return Number(result.numAffectedRows ?? 0)
}

/** What a bulk due-date change would do: counts and the first loans before and after. */
export const previewDueDateChange = async (
  db: Kysely<DB>,
  actor: ClosureActor,
  input: { filter: Filter; change: Change },
): Promise<closureMeasures.DueDatePreview> => {
  const targets = await dueDateTargets(db, actor, input.filter, input.change)
  const { rows } = await sql<{ count: number; overdue: number; moved: number }>`
    select count(*)::int as count,
      count(*) filter (where due_before < ${actor.now})::int as overdue,
      count(*) filter (where moved)::int as moved
    from (${targets}) t
  `.execute(db)
  const counts = rows[0]!
  return {
    count: counts.count,
    overdue: counts.overdue,
    movedOffClosedDays: counts.moved,
    sample: await sampleOf(db, targets, actor.timeZone),
  }
}

/**
 * Applies a bulk due-date change inside `trx` as one batch; returns its id and how many loans
 * it moved. The batch is undone with `undoBatch(trx, actor, batchId)`.
 */
export const applyDueDateChange = async (
  trx: Kysely<DB>,
  actor: ClosureActor,
  input: { filter: Filter; change: Change; reason?: string | undefined },
) => {
  const targets = await dueDateTargets(trx, actor, input.filter, input.change)
  const batchId = await startBatch(
    trx,
    actor,
    'due_dates',
    { filter: input.filter, change: input.change },
    input.reason?.trim() || null,
  )
  const moved = await moveLoans(trx, batchId, targets)
  await setAffected(trx, batchId, moved)
  return { batchId, moved }
}
