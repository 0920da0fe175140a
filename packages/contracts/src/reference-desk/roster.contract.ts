import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema, noteText } from '../common/text.ts'
import { DESK_VIEWERS, Person, QueueRef } from './queues.contract.ts'

const TAG = 'reference-desk'

/** A time of day in the library's time zone, 'HH:MM'. */
export const TimeOfDay = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/)
/** The end of a shift: a time of day, or '24:00' for midnight at the end of the day. */
export const EndOfShift = z.string().regex(/^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/)

/** Most days a shift may skip (exceptions to its rule). */
export const MAX_SKIPPED_DAYS = 366

/** A shift of the duty roster (值班表) as staff see it. */
export const Shift = z.object({
  id: IdSchema,
  libraryId: IdSchema,
  queue: QueueRef,
  librarian: Person,
  /** The duty lead (值班长) for the shift. */
  lead: Person.nullable(),
  startsOn: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  /** An RFC 5545 RRULE such as `FREQ=WEEKLY;BYDAY=MO,WE`; null for a single shift on `startsOn`. */
  rrule: z.string().nullable(),
  skippedDays: z.array(z.string()),
  note: z.string().nullable(),
})
export type Shift = z.infer<typeof Shift>

export const ShiftInput = z
  .strictObject({
    /** The consortium admin names the library; staff may leave it out (their own). */
    libraryId: IdSchema.optional(),
    queueId: IdSchema,
    accountId: IdSchema,
    leadId: IdSchema.nullable().default(null),
    startsOn: DateOnlySchema,
    startTime: TimeOfDay,
    endTime: EndOfShift,
    rrule: z
      .string()
      .trim()
      .max(300)
      .nullable()
      .default(null)
      .transform((value) => (value ? value.replace(/^RRULE:/i, '') : null)),
    skippedDays: z.array(DateOnlySchema).max(MAX_SKIPPED_DAYS).default([]),
    note: noteText(200)
      .nullable()
      .default(null)
      .transform((value) => value?.trim() || null),
  })
  .superRefine((value, context) => {
    if (value.endTime <= value.startTime)
      context.addIssue({ code: 'custom', message: 'end_before_start', path: ['endTime'] })
  })
export type ShiftInput = z.input<typeof ShiftInput>

/** One librarian's hours on one day of a week view. */
export const WeekBlock = z.object({
  shiftId: IdSchema,
  day: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  librarian: Person,
  lead: Person.nullable(),
})
export type WeekBlock = z.infer<typeof WeekBlock>

/** Hours of a day nobody covers. */
export const WeekGap = z.object({ day: z.string(), startTime: z.string(), endTime: z.string() })
export type WeekGap = z.infer<typeof WeekGap>

export const RosterWeek = z.object({
  libraryId: IdSchema,
  timeZone: z.string(),
  /** Monday of the week, then the six days after it. */
  days: z.array(z.string()),
  queues: z.array(
    z.object({
      queue: QueueRef,
      blocks: z.array(WeekBlock),
      /** Hours of the week (7×24) nobody covers in this queue. */
      gaps: z.array(WeekGap),
      /** Minutes covered out of the week's 10,080. */
      coveredMinutes: z.number().int(),
    }),
  ),
})
export type RosterWeek = z.infer<typeof RosterWeek>

const ShiftParams = z.object({ shiftId: IdSchema })

export const listShifts = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/roster/shifts',
  tag: TAG,
  summary:
    'The duty roster’s shifts of my library (or the one a consortium admin names), and whether I may change them',
  access: DESK_VIEWERS,
  query: z.object({ libraryId: IdSchema.optional() }),
  response: z.object({ items: z.array(Shift), canEdit: z.boolean() }),
})

export const createShift = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/roster/shifts',
  tag: TAG,
  summary: 'Add a shift to the duty roster (library admins and duty leads)',
  access: DESK_VIEWERS,
  body: ShiftInput,
  response: Shift,
  status: 201,
})

export const updateShift = defineRoute({
  method: 'PUT',
  path: '/api/reference-desk/roster/shifts/:shiftId',
  tag: TAG,
  summary: 'Change a shift: who, which queue, its hours, rule, skipped days or duty lead',
  access: DESK_VIEWERS,
  params: ShiftParams,
  body: ShiftInput,
  response: Shift,
})

export const deleteShift = defineRoute({
  method: 'DELETE',
  path: '/api/reference-desk/roster/shifts/:shiftId',
  tag: TAG,
  summary: 'Remove a shift from the duty roster',
  access: DESK_VIEWERS,
  params: ShiftParams,
  status: 204,
})

export const getRosterWeek = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/roster/week',
  tag: TAG,
  summary: 'Who covers which hours of a week per queue, and the hours of 7×24 nobody covers',
  access: DESK_VIEWERS,
  query: z.object({
    libraryId: IdSchema.optional(),
    /** Any day of the week wanted; this week by default. */
    start: DateOnlySchema.optional(),
  }),
  response: RosterWeek,
})
