import { referenceDesk } from '@shuqiao/contracts'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem } from '../../http/problem.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { libraryTimeZone } from '../../platform/libraries/libraries.repository.ts'
import { FIGURE_SOURCE_QUERIES, type FigureRange, type FigureRow } from './desk-figures.repository.ts'
import { deskLibraryOf } from './desk-library.ts'
import { presentQueueRef } from './queues.presenter.ts'

type FiguresQuery = z.output<typeof referenceDesk.FiguresQuery>
type Sourced = FigureRow & { source: referenceDesk.FigureSource }

const DAY_MS = 24 * 60 * 60 * 1000

const average = (sum: number, n: number) => (n === 0 ? null : Math.round((sum / n) * 10) / 10)

/** Counts per source, every source present. */
const countsOf = (rows: Sourced[]) => {
  const counts = Object.fromEntries(referenceDesk.FIGURE_SOURCES.map((source) => [source, 0]))
  for (const row of rows) counts[row.source] = (counts[row.source] ?? 0) + row.count
  return { counts, total: rows.reduce((total, row) => total + row.count, 0) }
}

/** Tickets' part of a line: per status now, and time to the first staff reply. */
const ticketsOf = (rows: Sourced[]): referenceDesk.TicketFigures => {
  const byStatus = Object.fromEntries(referenceDesk.TICKET_STATUSES.map((status) => [status, 0])) as Record<
    referenceDesk.TicketStatus,
    number
  >
  let answerSum = 0
  let answered = 0
  for (const row of rows) {
    if (row.source !== 'tickets' || !row.status) continue
    byStatus[row.status] += row.count
    answerSum += row.answer_sum
    answered += row.answer_n
  }
  return { byStatus, averageFirstAnswerSeconds: average(answerSum, answered), answered }
}

/**
 * Adds up rows into one line of the figures. Waiting, first answer and ratings are the chats'
 * (a chat's minutes and a ticket's hours would make one meaningless average); tickets have their own.
 */
const lineOf = (rows: Sourced[]): referenceDesk.FigureLine => {
  const sum = { wait: 0, waitN: 0, answer: 0, answerN: 0, rating: 0, ratingN: 0 }
  for (const row of rows) {
    if (row.source !== 'chats') continue
    sum.wait += row.wait_sum
    sum.waitN += row.wait_n
    sum.answer += row.answer_sum
    sum.answerN += row.answer_n
    sum.rating += row.rating_sum
    sum.ratingN += row.rating_n
  }
  return {
    ...countsOf(rows),
    averageWaitSeconds: average(sum.wait, sum.waitN),
    averageFirstAnswerSeconds: average(sum.answer, sum.answerN),
    ratingAverage: sum.ratingN === 0 ? null : Math.round((sum.rating / sum.ratingN) * 100) / 100,
    ratingCount: sum.ratingN,
    tickets: ticketsOf(rows),
  }
}

/** The local days from `from` to `to`, inclusive. */
const daysOf = (from: string, to: string) => {
  const days: string[] = []
  for (let at = Date.parse(from); at <= Date.parse(to); at += DAY_MS)
    days.push(new Date(at).toISOString().slice(0, 10))
  return days
}

/** The reference desk's figures for a library's admin: per queue and per hour of day, in a range. */
export const createDeskFiguresService = (ctx: AppContext) => {
  const { db } = ctx

  /** The library, its time zone and the range, checked: from ≤ to, at most a year. */
  const rangeOf = async (caller: Caller, query: FiguresQuery): Promise<FigureRange> => {
    const libraryId = await deskLibraryOf(db, caller, query.libraryId)
    const timeZone = await libraryTimeZone(db, libraryId)
    const to = query.to ?? todayIn(timeZone, ctx.now())
    const from =
      query.from ??
      new Date(Date.parse(to) - (referenceDesk.FIGURES_DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10)
    if (to < from)
      throw fieldProblem(
        'query.to',
        'ends_before_start',
        '结束日期不能早于开始日期',
        'The end date cannot be before the start date',
      )
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1
    if (days > referenceDesk.FIGURES_MAX_DAYS)
      throw fieldProblem('query.to', 'too_big', '日期范围最长一年', 'The range can be a year at most')
    return { libraryId, from, to, timeZone }
  }

  return {
    async figures(caller: Caller, query: FiguresQuery): Promise<referenceDesk.DeskFigures> {
      const range = await rangeOf(caller, query)
      const [queues, ...perSource] = await Promise.all([
        db
          .selectFrom('reference_queues')
          .selectAll()
          .where('library_id', '=', range.libraryId)
          .orderBy('position')
          .orderBy('code')
          .execute(),
        ...referenceDesk.FIGURE_SOURCES.map(async (source) =>
          (await FIGURE_SOURCE_QUERIES[source](db, range)).map((row): Sourced => ({ ...row, source })),
        ),
      ])
      const rows = perSource.flat()
      return {
        libraryId: range.libraryId,
        from: range.from,
        to: range.to,
        timeZone: range.timeZone,
        sources: [...referenceDesk.FIGURE_SOURCES],
        totals: lineOf(rows),
        // Active queues always; an inactive one only when it had questions in the range.
        byQueue: queues
          .map((queue) => ({ queue, rows: rows.filter((row) => row.queue_id === queue.id) }))
          .filter(({ queue, rows }) => queue.active || rows.length > 0)
          .map(({ queue, rows }) => ({ queue: presentQueueRef(queue), ...lineOf(rows) })),
        byHour: Array.from({ length: 24 }, (_, hour) => ({
          hour,
          ...countsOf(rows.filter((row) => row.hour === hour)),
        })),
        byDay: daysOf(range.from, range.to).map((day) => ({
          day,
          ...countsOf(rows.filter((row) => row.day === day)),
        })),
      }
    },
  }
}

export type DeskFiguresService = ReturnType<typeof createDeskFiguresService>
