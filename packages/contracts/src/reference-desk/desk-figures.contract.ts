import { z } from 'zod'
import { ADMIN_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema } from '../common/text.ts'
import { QueueRef } from './queues.contract.ts'

const TAG = 'reference-desk'

/** Where questions come in; each is counted by its own query (chats now; tickets join the list). */
export const FIGURE_SOURCES = ['chats'] as const
export const FigureSource = z.enum(FIGURE_SOURCES)
export type FigureSource = z.infer<typeof FigureSource>

/** The longest range figures are asked for at once. */
export const FIGURES_MAX_DAYS = 366

/** Counts and times of one slice (a queue, or all of them). Times in seconds; null when none. */
export const FigureLine = z.object({
  /** Questions per source, e.g. `{ chats: 12 }`. */
  counts: z.record(z.string(), z.number().int()),
  total: z.number().int(),
  /** From asking until a librarian took it (claimed or assigned), averaged over those taken. */
  averageWaitSeconds: z.number().nullable(),
  /** From asking until the first answer, averaged over those answered. */
  averageFirstAnswerSeconds: z.number().nullable(),
  ratingAverage: z.number().nullable(),
  ratingCount: z.number().int(),
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
})
export type DeskFigures = z.infer<typeof DeskFigures>

export const FiguresQuery = z.object({
  /** The consortium admin names a member library; library admins get their own. */
  libraryId: IdSchema.optional(),
  /** First and last day, inclusive, in the library's time zone. */
  from: DateOnlySchema,
  to: DateOnlySchema,
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
  summary: 'The same figures as a CSV or Excel file: per queue, or per hour of day',
  access: FIGURE_READERS,
  query: FiguresQuery.extend({
    format: z.enum(['csv', 'xlsx']).default('xlsx'),
    table: z.enum(['queues', 'hours']).default('queues'),
  }),
})
