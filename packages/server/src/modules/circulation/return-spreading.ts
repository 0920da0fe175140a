import type { closureMeasures } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import type { z } from 'zod'
import type { DB } from '../../db/schema.ts'
import { fieldProblem } from '../../http/problem.ts'
import { addDays, addOpenDays } from '../../platform/libraries/calendar.ts'
import { dayArray, type LoanTargets, moveLoans, sampleOf } from './bulk-due-dates.ts'
import { setAffected, startBatch } from './closure-batches.ts'
import { instantAt } from './due-dates.ts'
import { lendingCalendar } from './lending-context.ts'
import type { ClosureActor } from './limit-raises.ts'

type Input = z.infer<typeof closureMeasures.ReturnSpreadInput>

/**
 * The open loans due in the window, each placed on one of the first `openDays` open days from
 * `startDay`, at most `dailyCap` a day, at its own time of day. Loans are placed in order of
 * their reader's first due date and then by reader, so a reader's books fall on the same day
 * unless the cap splits them. `day` is null for a loan that does not fit.
 */
const placedLoans = async (db: Kysely<DB>, actor: ClosureActor, input: Input) => {
  const { timeZone: tz, now } = actor
  const { calendar, today } = await lendingCalendar(db, actor.libraryId, now)
  if (input.startDay < today) {
    throw fieldProblem(
      'body.startDay',
      'too_small',
      '开始日期不能早于今天',
      'The first day cannot be before today',
    )
  }
  const days: string[] = []
  for (let day = addOpenDays(calendar, input.startDay, 0); days.length < input.openDays; ) {
    days.push(day)
    day = addOpenDays(calendar, addDays(day, 1), 0)
  }
  const placed = sql`
    select id, due_before,
      (${dayArray(days)})[(row_number() over (order by first_due, reader_id, due_before, id) - 1)
        / ${input.dailyCap}::int + 1] as day
    from (
      select l.id, l.reader_id, l.due_at as due_before, min(l.due_at) over (partition by l.reader_id) as first_due
      from loans l
      where l.library_id = ${actor.libraryId}
        and l.returned_at is null
        and l.due_at >= ${instantAt(input.dueFrom, '00:00', tz)}
        and l.due_at < ${instantAt(addDays(input.dueTo, 1), '00:00', tz)}
    ) window_loans
  `
  return { days, placed }
}

const targetsOf = (placed: ReturnType<typeof sql>, timeZone: string): LoanTargets => sql`
  select id, due_before, due_after, false as moved from (
    select id, due_before, ((day + (due_before at time zone ${timeZone})::time) at time zone ${timeZone}) as due_after
    from (${placed}) p
    where day is not null
  ) target
  where due_after <> due_before
`

/** How the spread would fall: loans per open day, those that do not fit, and a sample. */
export const previewReturnSpread = async (
  db: Kysely<DB>,
  actor: ClosureActor,
  input: Input,
): Promise<closureMeasures.ReturnSpreadPreview> => {
  const { days, placed } = await placedLoans(db, actor, input)
  const { rows } = await sql<{ day: string | null; count: number }>`
    select to_char(day, 'YYYY-MM-DD') as day, count(*)::int as count from (${placed}) p group by day
  `.execute(db)
  const perDay = new Map(rows.map((row) => [row.day, row.count]))
  return {
    count: rows.reduce((sum, row) => sum + row.count, 0),
    days: days.map((day) => ({ day, count: perDay.get(day) ?? 0 })),
    unplaced: perDay.get(null) ?? 0,
    sample: await sampleOf(db, targetsOf(placed, actor.timeZone), actor.timeZone),
  }
}

/**
 * Spreads the returns inside `trx` as one batch (undone like a due-date change); refused while
 * loans would not fit in `openDays × dailyCap`. Returns the batch's id and how many loans moved.
 */
export const applyReturnSpread = async (trx: Kysely<DB>, actor: ClosureActor, input: Input) => {
  const { placed } = await placedLoans(trx, actor, input)
  const { rows } = await sql<{ total: number; unplaced: number }>`
    select count(*)::int as total, count(*) filter (where day is null)::int as unplaced from (${placed}) p
  `.execute(trx)
  const { total, unplaced } = rows[0]!
  if (unplaced > 0) {
    const capacity = input.openDays * input.dailyCap
    throw fieldProblem(
      'body.dailyCap',
      'too_small',
      `窗口内有 ${total} 笔借阅，${input.openDays} 个开馆日每天最多 ${input.dailyCap} 笔只能排下 ${capacity} 笔，请增加天数或每日上限`,
      `${total} loans are due in the window, but ${input.openDays} open days of at most ${input.dailyCap} hold only ${capacity}; add days or raise the cap`,
    )
  }
  const { reason, ...request } = input
  const batchId = await startBatch(trx, actor, 'return_spread', request, reason?.trim() || null)
  const moved = await moveLoans(trx, batchId, targetsOf(placed, actor.timeZone))
  await setAffected(trx, batchId, moved)
  return { batchId, moved }
}
