import { z } from 'zod'
import { ReaderTypeSchema } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema, noteText } from '../common/text.ts'
import { DESK_ROLES, LoanItem, LoanReader } from './loans.contract.ts'

/**
 * Closure measures (闭馆措施, FEATURES.md C1, C2): due dates moved in bulk, returns spread over
 * the first open days after a reopening, fines waived in bulk, and temporary raises of the loan
 * and renewal limits. Each bulk change is previewed first, applied as one recorded batch, and
 * can be undone.
 */

/** Days are the library's own ('YYYY-MM-DD' in its time zone); `to` is included. */
const endsAfterStart =
  (from: string, to: string) => (value: Record<string, unknown>, context: z.RefinementCtx) => {
    const start = value[from]
    const end = value[to]
    if (typeof start === 'string' && typeof end === 'string' && end < start) {
      context.addIssue({ code: 'custom', path: [to], message: 'ends_before_start' })
    }
  }

export const DueDateFilter = z
  .object({
    /** Loans due on or after this day … */
    dueFrom: DateOnlySchema,
    /** … up to and including this day. */
    dueTo: DateOnlySchema,
    readerType: ReaderTypeSchema.optional(),
    location: z.string().trim().min(1).max(100).optional(),
    /** Overdue loans (due before now) in the range are left alone unless asked for. */
    includeOverdue: z.boolean().default(false),
  })
  .strict()
  .superRefine(endsAfterStart('dueFrom', 'dueTo'))
export type DueDateFilter = z.infer<typeof DueDateFilter>

/** To a day (each loan keeps its time of day), or on by a number of days; off closed days either way. */
export const DueDateChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('to'), day: DateOnlySchema }).strict(),
  z.object({ kind: z.literal('by'), days: z.number().int().min(1).max(366) }).strict(),
])
export type DueDateChange = z.infer<typeof DueDateChange>

export const DueDateChangeInput = z
  .object({ filter: DueDateFilter, change: DueDateChange, reason: noteText(500).optional() })
  .strict()

const SampleLoan = z.object({
  id: IdSchema,
  item: LoanItem.pick({ barcode: true, title: true, location: true }),
  reader: LoanReader.pick({ name: true, readerNumber: true, type: true }),
  dueBefore: z.string(),
  dueAfter: z.string(),
  /** Both in the library's time zone, e.g. 2027-02-01 23:59. */
  dueBeforeLocal: z.string(),
  dueAfterLocal: z.string(),
})
export type SampleLoan = z.infer<typeof SampleLoan>

export const DueDatePreview = z.object({
  /** Loans the change would move. */
  count: z.number().int(),
  /** Of them, overdue now. */
  overdue: z.number().int(),
  /** New due days that fell on a closed day and were moved to the next open day. */
  movedOffClosedDays: z.number().int(),
  /** The first loans by due date, before and after. */
  sample: z.array(SampleLoan),
})
export type DueDatePreview = z.infer<typeof DueDatePreview>

export const BATCH_KINDS = ['due_dates', 'return_spread', 'fine_waiver'] as const

export const ClosureBatch = z.object({
  id: IdSchema,
  kind: z.enum(BATCH_KINDS),
  /** The filter and change as asked. */
  request: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  /** Loans or fines changed. */
  affected: z.number().int(),
  createdAt: z.string(),
  createdBy: z.object({ id: IdSchema, name: z.string() }),
  undoneAt: z.string().nullable(),
  undoneBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
  undo: z
    .object({
      restored: z.number().int(),
      /** Changed since by someone else (renewed, returned, or moved by a later batch): left alone. */
      changedSince: z.number().int(),
    })
    .nullable(),
})
export type ClosureBatch = z.infer<typeof ClosureBatch>

export const UndoResult = z.object({
  batch: ClosureBatch,
  restored: z.number().int(),
  changedSince: z.number().int(),
  /** Up to 20 of the loans left alone, as they are now. */
  changedSample: z.array(
    z.object({
      id: IdSchema,
      barcode: z.string(),
      title: z.string(),
      readerNumber: z.string(),
      dueAt: z.string(),
      returned: z.boolean(),
    }),
  ),
})
export type UndoResult = z.infer<typeof UndoResult>

export const previewDueDateChange = defineRoute({
  method: 'POST',
  path: '/api/circulation/closure/due-dates/preview',
  tag: 'circulation',
  summary: 'How many open loans a bulk due-date change would move, with a sample before and after',
  access: DESK_ROLES,
  body: DueDateChangeInput,
  response: DueDatePreview,
})

export const applyDueDateChange = defineRoute({
  method: 'POST',
  path: '/api/circulation/closure/due-dates',
  tag: 'circulation',
  summary: 'Move the due dates of every open loan matching a filter, as one batch that can be undone',
  access: DESK_ROLES,
  body: DueDateChangeInput,
  response: ClosureBatch,
  status: 201,
})

export const ReturnSpreadInput = z
  .object({
    /** Open loans due on or after this day … */
    dueFrom: DateOnlySchema,
    /** … up to and including this day are spread … */
    dueTo: DateOnlySchema,
    /** … over the open days from this one (the reopening day) … */
    startDay: DateOnlySchema,
    /** … the first `openDays` of them … */
    openDays: z.number().int().min(1).max(60),
    /** … with at most this many loans due on each. */
    dailyCap: z.number().int().min(1).max(1_000_000),
    reason: noteText(500).optional(),
  })
  .strict()
  .superRefine(endsAfterStart('dueFrom', 'dueTo'))

export const ReturnSpreadPreview = z.object({
  count: z.number().int(),
  /** Loans due on each open day, in order; a reader's loans fall on the same day where the cap allows. */
  days: z.array(z.object({ day: z.string(), count: z.number().int() })),
  /** Loans that do not fit in `openDays × dailyCap`; the spread cannot be applied while any remain. */
  unplaced: z.number().int(),
  sample: z.array(SampleLoan),
})
export type ReturnSpreadPreview = z.infer<typeof ReturnSpreadPreview>

export const previewReturnSpread = defineRoute({
  method: 'POST',
  path: '/api/circulation/closure/return-spreads/preview',
  tag: 'circulation',
  summary: 'How the returns of loans due in a window would spread over the first open days, per day',
  access: DESK_ROLES,
  body: ReturnSpreadInput,
  response: ReturnSpreadPreview,
})

export const applyReturnSpread = defineRoute({
  method: 'POST',
  path: '/api/circulation/closure/return-spreads',
  tag: 'circulation',
  summary: 'Spread the due dates of loans due in a window over the first open days, with a daily cap',
  access: DESK_ROLES,
  body: ReturnSpreadInput,
  response: ClosureBatch,
  status: 201,
})

export const FineWaiverInput = z
  .object({
    readerType: ReaderTypeSchema.optional(),
    /** Open fines made on or after this day … */
    createdFrom: DateOnlySchema.optional(),
    /** … up to and including this day; neither: every open fine. */
    createdTo: DateOnlySchema.optional(),
    reason: noteText(500),
  })
  .strict()
  .superRefine(endsAfterStart('createdFrom', 'createdTo'))

export const FineWaiverPreview = z.object({
  count: z.number().int(),
  totalFen: z.number().int(),
  readers: z.number().int(),
})
export type FineWaiverPreview = z.infer<typeof FineWaiverPreview>

export const previewFineWaiver = defineRoute({
  method: 'POST',
  path: '/api/circulation/closure/fine-waivers/preview',
  tag: 'circulation',
  summary: 'How many open fines, of how many readers and for how much, a bulk waiver would waive',
  access: DESK_ROLES,
  body: FineWaiverInput,
  response: FineWaiverPreview,
})

export const applyFineWaiver = defineRoute({
  method: 'POST',
  path: '/api/circulation/closure/fine-waivers',
  tag: 'circulation',
  summary: 'Waive every open fine matching a filter, with a reason, as one batch that can be undone',
  access: DESK_ROLES,
  body: FineWaiverInput,
  response: ClosureBatch,
  status: 201,
})

export const listClosureBatches = defineRoute({
  method: 'GET',
  path: '/api/circulation/closure/batches',
  tag: 'circulation',
  summary: 'The closure batches of my library, newest first (the latest 100)',
  access: DESK_ROLES,
  response: z.object({ batches: z.array(ClosureBatch) }),
})

export const undoClosureBatch = defineRoute({
  method: 'POST',
  path: '/api/circulation/closure/batches/:batchId/undo',
  tag: 'circulation',
  summary:
    'Undo a closure batch: restore what it changed, leaving alone (and reporting) what was changed since',
  access: DESK_ROLES,
  params: z.object({ batchId: IdSchema }),
  response: UndoResult,
})

export const LimitRaise = z.object({
  id: IdSchema,
  /** Null: every reader type. */
  readerType: ReaderTypeSchema.nullable(),
  /** Added to the general item limit of the reader type's rule. */
  extraItems: z.number().int(),
  /** Added to the renewal limit of every rule of the reader type. */
  extraRenewals: z.number().int(),
  /** The last day it holds (the library's day, included). */
  endDay: z.string(),
  endsAt: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.object({ id: IdSchema, name: z.string() }),
  endedAt: z.string().nullable(),
  /** Holds now. */
  active: z.boolean(),
})
export type LimitRaise = z.infer<typeof LimitRaise>

export const LimitRaiseInput = z
  .object({
    readerType: ReaderTypeSchema.nullable().default(null),
    extraItems: z.number().int().min(0).max(500),
    extraRenewals: z.number().int().min(0).max(20),
    endDay: DateOnlySchema,
    note: noteText(500).optional(),
  })
  .strict()

export const listLimitRaises = defineRoute({
  method: 'GET',
  path: '/api/circulation/closure/limit-raises',
  tag: 'circulation',
  summary: 'Temporary raises of loan and renewal limits in my library, newest first',
  access: DESK_ROLES,
  response: z.object({ raises: z.array(LimitRaise) }),
})

export const createLimitRaise = defineRoute({
  method: 'POST',
  path: '/api/circulation/closure/limit-raises',
  tag: 'circulation',
  summary: 'Raise the item and renewal limits of a reader type (or all) until an end day',
  access: DESK_ROLES,
  body: LimitRaiseInput,
  response: LimitRaise,
  status: 201,
})

export const endLimitRaise = defineRoute({
  method: 'POST',
  path: '/api/circulation/closure/limit-raises/:raiseId/end',
  tag: 'circulation',
  summary: 'End a limit raise now, before its end day',
  access: DESK_ROLES,
  params: z.object({ raiseId: IdSchema }),
  response: LimitRaise,
})
