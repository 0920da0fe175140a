import { z } from 'zod'
import { ADMIN_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema } from '../common/text.ts'
import { QueueRef } from './queues.contract.ts'
import { TICKET_STATUSES } from './tickets.contract.ts'

const TAG = 'reference-desk'

/**
 * Where questions come in; each is counted by its own query. A chat nobody answered that became
 * a ticket counts once as a chat and once as a ticket: both were work at the desk.
 */
export const FIGURE_SOURCES = ['chats', 'tickets'] as const
export const FigureSource = z.enum(FIGURE_SOURCES)
export type FigureSource = z.infer<typeof FigureSource>

/** The tables of the figures a spreadsheet holds: per queue, per hour of day, per day. */
export const FIGURE_TABLES = ['queues', 'hours', 'days'] as const
export type FigureTable = (typeof FIGURE_TABLES)[number]

/** The longest range figures are asked for at once. */
export const FIGURES_MAX_DAYS = 366

/** The days shown when no range is asked for. */
export const FIGURES_DEFAULT_DAYS = 30

/** Tickets of one slice: how many stand at each status now, and how long until staff first replied. */
export const TicketFigures = z.object({
  byStatus: z.record(z.enum(TICKET_STATUSES), z.number().int()),
  /** From asking until the first staff reply, averaged over those replied to. */
  averageFirstAnswerSeconds: z.number().nullable(),
  answered: z.number().int(),
})
export type TicketFigures = z.infer<typeof TicketFigures>

/** Counts and times of one slice (a queue, or all of them). Times in seconds; null when none. */
export const FigureLine = z.object({
  /** Questions per source, e.g. `{ chats: 12, tickets: 3 }`. */
  counts: z.record(z.string(), z.number().int()),
  total: z.number().int(),
  /** Chats: from asking until a librarian took it (claimed or assigned), averaged over those taken. */
  averageWaitSeconds: z.number().nullable(),
  /** Chats: from asking until the first answer, averaged over those answered. */
  averageFirstAnswerSeconds: z.number().nullable(),
  /** Chats' ratings. */
  ratingAverage: z.number().nullable(),
  ratingCount: z.number().int(),
  tickets: TicketFigures,
})
export type FigureLine = z.infer<typeof FigureLine>

export const DeskFigures = z.object({
  libraryId: IdSchema,
  from: z.string(),
  to: z.string(),
  /** Hours of day are the library's local time. */
  timeZone: z.string(),
  sources: z.array(FigureSource),
  totals: FigureLine,
  byQueue: z.array(FigureLine.extend({ queue: QueueRef })),
  /** All 24 hours, 0–23, in order. */
  byHour: z.array(
    z.object({
      hour: z.number().int(),
      counts: z.record(z.string(), z.number().int()),
      total: z.number().int(),
    }),
  ),
  /** Every day of the range, in order (local dates). */
  byDay: z.array(
    z.object({
      day: z.string(),
      counts: z.record(z.string(), z.number().int()),
      total: z.number().int(),
    }),
  ),
})
export type DeskFigures = z.infer<typeof DeskFigures>

export const FiguresQuery = z.object({
  /** The consortium admin names a member library; library admins get their own. */
  libraryId: IdSchema.optional(),
  /**
   * First and last day, inclusive, in the library's time zone. Without them, the last
   * FIGURES_DEFAULT_DAYS days up to the library's today (not the browser's, which may be a day off).
   */
  from: DateOnlySchema.optional(),
  to: DateOnlySchema.optional(),
})

/** Who reads the desk's figures: the library's admin and the consortium admin. */
export const FIGURE_READERS = ADMIN_ROLES

export const getDeskFigures = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/figures',
  tag: TAG,
  summary:
    'Questions per hour of day and per queue, time waiting, time to first answer and ratings, for a date range',
  access: FIGURE_READERS,
  query: FiguresQuery,
  response: DeskFigures,
})

export const exportDeskFigures = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/figures/export',
  tag: TAG,
  summary: 'The same figures as a CSV or Excel file: per queue, per hour of day or per day',
  access: FIGURE_READERS,
  query: FiguresQuery.extend({
    format: z.enum(['csv', 'xlsx']).default('xlsx'),
    table: z.enum(FIGURE_TABLES).default('queues'),
  }),
})
