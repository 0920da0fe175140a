import type { referenceDesk } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** A library and a range of whole days in its time zone (`to` inclusive). */
export interface FigureRange {
  libraryId: string
  from: string
  to: string
  timeZone: string
}

/**
 * One source's questions in a range, grouped by queue, local day and hour of day (and a ticket's
 * status), with sums to average waiting, first-answer times and ratings over. Sums are seconds;
 * `*_n` how many had one.
 */
export interface FigureRow {
  queue_id: string
  day: string
  hour: number
  /** A ticket's status now; null for chats. */
  status: referenceDesk.TicketStatus | null
  count: number
  wait_sum: number
  wait_n: number
  answer_sum: number
  answer_n: number
  rating_sum: number
  rating_n: number
}

type SourceQuery = (db: Kysely<DB>, range: FigureRange) => Promise<FigureRow[]>

/** The instant a local day starts, as SQL: `day` 00:00 in the library's time zone. */
const startOf = (day: string, timeZone: string) =>
  sql<Date>`(${day}::date)::timestamp at time zone ${timeZone}`

/** The end of a range: the instant the day after `to` starts. */
const endOf = (to: string, timeZone: string) =>
  sql<Date>`(${to}::date + 1)::timestamp at time zone ${timeZone}`

/** Numbers as numbers whatever the driver hands back for sums and counts. */
const numeric = <T extends Omit<FigureRow, 'status'> & { status?: FigureRow['status'] }>(
  row: T,
): FigureRow => ({
  queue_id: row.queue_id,
  day: String(row.day),
  hour: Number(row.hour),
  status: row.status ?? null,
  count: Number(row.count),
  wait_sum: Number(row.wait_sum),
  wait_n: Number(row.wait_n),
  answer_sum: Number(row.answer_sum),
  answer_n: Number(row.answer_n),
  rating_sum: Number(row.rating_sum),
  rating_n: Number(row.rating_n),
})

/** Chats: asked when created, waited until assigned, answered at the first librarian message. */
const chats: SourceQuery = async (db, { libraryId, from, to, timeZone }) => {
  const rows = await db
    .selectFrom('reference_conversations as c')
    .leftJoin('reference_ratings as r', 'r.conversation_id', 'c.id')
    .select([
      'c.queue_id',
      sql<string>`to_char(c.created_at at time zone ${timeZone}, 'YYYY-MM-DD')`.as('day'),
      sql<number>`extract(hour from c.created_at at time zone ${timeZone})::int`.as('hour'),
      sql<number>`count(*)::int`.as('count'),
      sql<number>`coalesce(sum(extract(epoch from c.assigned_at - c.created_at)), 0)::float8`.as('wait_sum'),
      sql<number>`count(c.assigned_at)::int`.as('wait_n'),
      sql<number>`coalesce(sum(extract(epoch from c.first_answer_at - c.created_at)), 0)::float8`.as(
        'answer_sum',
      ),
      sql<number>`count(c.first_answer_at)::int`.as('answer_n'),
      sql<number>`coalesce(sum(r.score), 0)::int`.as('rating_sum'),
      sql<number>`count(r.score)::int`.as('rating_n'),
    ])
    .where('c.library_id', '=', libraryId)
    .where('c.created_at', '>=', startOf(from, timeZone))
    .where('c.created_at', '<', endOf(to, timeZone))
    .groupBy(['c.queue_id', sql`2`, sql`3`])
    .execute()
  return rows.map(numeric)
}

/**
 * Tickets: asked when created (a ticketed chat when it became one), answered at the first staff
 * reply; grouped by the status each stands at now. Tickets neither wait in line nor are rated.
 */
const tickets: SourceQuery = async (db, { libraryId, from, to, timeZone }) => {
  const rows = await db
    .selectFrom('reference_tickets as t')
    .select([
      't.queue_id',
      sql<string>`to_char(t.created_at at time zone ${timeZone}, 'YYYY-MM-DD')`.as('day'),
      sql<number>`extract(hour from t.created_at at time zone ${timeZone})::int`.as('hour'),
      't.status',
      sql<number>`count(*)::int`.as('count'),
      sql<number>`0`.as('wait_sum'),
      sql<number>`0`.as('wait_n'),
      sql<number>`coalesce(sum(extract(epoch from t.first_reply_at - t.created_at)), 0)::float8`.as(
        'answer_sum',
      ),
      sql<number>`count(t.first_reply_at)::int`.as('answer_n'),
      sql<number>`0`.as('rating_sum'),
      sql<number>`0`.as('rating_n'),
    ])
    .where('t.library_id', '=', libraryId)
    .where('t.created_at', '>=', startOf(from, timeZone))
    .where('t.created_at', '<', endOf(to, timeZone))
    .groupBy(['t.queue_id', sql`2`, sql`3`, 't.status'])
    .execute()
  return rows.map(numeric)
}

/** Every source's query; a new source adds its own here and to FIGURE_SOURCES. */
export const FIGURE_SOURCE_QUERIES: Record<referenceDesk.FigureSource, SourceQuery> = { chats, tickets }
