import { z } from 'zod'
import { ItemStatus, MaterialType } from '../catalogue/catalogue.contract.ts'
import { PageQuery, page } from '../common/pagination.ts'
import { ReaderTypeSchema, STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema, noteText, ReaderNumberSchema, TimestampSchema } from '../common/text.ts'

/** Who lends at a desk: librarians and library admins of the item's library. */
export const DESK_ROLES = ['librarian', 'library_admin'] as const

export const LoanItem = z.object({
  id: IdSchema,
  barcode: z.string(),
  title: z.string(),
  author: z.string().nullable(),
  callNumber: z.string().nullable(),
  location: z.string().nullable(),
  materialType: MaterialType,
})
export type LoanItem = z.infer<typeof LoanItem>

export const LoanReader = z.object({
  id: IdSchema,
  name: z.string(),
  readerNumber: z.string(),
  type: ReaderTypeSchema,
})
export type LoanReader = z.infer<typeof LoanReader>

export const Loan = z.object({
  id: IdSchema,
  libraryId: IdSchema,
  item: LoanItem,
  reader: LoanReader,
  checkedOutAt: z.string(),
  dueAt: z.string(),
  /** The due date as the library's calendar names it, e.g. 2026-12-28. */
  dueDay: z.string(),
  renewals: z.number().int(),
  /** Renewals still allowed by the current rule; null once returned or without a rule. */
  renewalsLeft: z.number().int().nullable(),
  returnedAt: z.string().nullable(),
  overdue: z.boolean(),
})
export type Loan = z.infer<typeof Loan>

export const FINE_STATUSES = ['open', 'paid', 'waived'] as const

export const Fine = z.object({
  id: IdSchema,
  libraryId: IdSchema,
  reader: LoanReader,
  loanId: IdSchema.nullable(),
  item: z.object({ barcode: z.string(), title: z.string() }).nullable(),
  amountFen: z.number().int(),
  /** `overdue`: computed at check-in from open days late; `imported`: from the old system, with its reason. */
  kind: z.enum(['overdue', 'imported']),
  overdueDays: z.number().int().nullable(),
  note: z.string().nullable(),
  status: z.enum(FINE_STATUSES),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
})
export type Fine = z.infer<typeof Fine>

/** A reader as the desk sees them after scanning their card. */
export const ReaderAtDesk = z.object({
  reader: LoanReader.extend({ status: z.enum(['active', 'disabled']) }),
  loans: z.array(Loan),
  fines: z.array(Fine),
  /** Items the reader may have at once, by their general rule; null without a rule. */
  itemLimit: z.number().int().nullable(),
  openFinesFen: z.number().int(),
})
export type ReaderAtDesk = z.infer<typeof ReaderAtDesk>

const Barcode = z.string().trim().min(1).max(40)
const SeenDueAt = TimestampSchema.optional()

export const findReaderAtDesk = defineRoute({
  method: 'GET',
  path: '/api/circulation/readers/:readerNumber',
  tag: 'circulation',
  summary: 'A reader of my library by reader number, with their loans and open fines',
  access: DESK_ROLES,
  params: z.object({ readerNumber: ReaderNumberSchema }),
  response: ReaderAtDesk,
})

export const checkOut = defineRoute({
  method: 'POST',
  path: '/api/circulation/check-outs',
  tag: 'circulation',
  summary: 'Lend an item to a reader by reader number and barcode, with a due date by the loan rules',
  access: DESK_ROLES,
  body: z.object({ readerNumber: ReaderNumberSchema, barcode: Barcode }),
  response: z.object({ loan: Loan, reader: ReaderAtDesk }),
  status: 201,
})

export const checkIn = defineRoute({
  method: 'POST',
  path: '/api/circulation/check-ins',
  tag: 'circulation',
  summary: 'Take an item back by barcode; an overdue return gets a fine for each open day late',
  access: DESK_ROLES,
  body: z.object({ barcode: Barcode }),
  response: z.object({
    /** Null when the item was marked on loan without a loan record (e.g. from a catalogue import). */
    loan: Loan.nullable(),
    item: LoanItem.extend({
      status: ItemStatus,
      /** Set when the item went into quarantine rather than back on the shelf. */
      quarantineUntil: z.string().nullable(),
    }),
    fine: Fine.nullable(),
  }),
})

export const renewAtDesk = defineRoute({
  method: 'POST',
  path: '/api/circulation/renewals',
  tag: 'circulation',
  summary: 'Renew the loan of an item by barcode',
  access: DESK_ROLES,
  body: z.object({ barcode: Barcode, seenDueAt: SeenDueAt }),
  response: Loan,
})

export const LOAN_STATES = ['open', 'returned', 'all'] as const

export const listLoans = defineRoute({
  method: 'GET',
  path: '/api/circulation/loans',
  tag: 'circulation',
  summary: 'Loans of my library by due date, filtered by reader, due dates, overdue, location, reader type',
  access: [...STAFF_ROLES, 'consortium_admin'],
  query: PageQuery.extend({
    libraryId: IdSchema.optional(),
    state: z.enum(LOAN_STATES).default('open'),
    readerNumber: ReaderNumberSchema.optional(),
    barcode: Barcode.optional(),
    dueFrom: DateOnlySchema.optional(),
    dueTo: DateOnlySchema.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    location: z.string().trim().min(1).max(100).optional(),
    readerType: ReaderTypeSchema.optional(),
  }),
  response: page(Loan),
})

export const listMyLoans = defineRoute({
  method: 'GET',
  path: '/api/circulation/my-loans',
  tag: 'circulation',
  summary: 'My loans with their due dates, and my fines',
  access: 'signed_in',
  response: z.object({
    loans: z.array(Loan),
    fines: z.array(Fine),
    itemLimit: z.number().int().nullable(),
    openFinesFen: z.number().int(),
  }),
})

export const renewMyLoan = defineRoute({
  method: 'POST',
  path: '/api/circulation/my-loans/:loanId/renew',
  tag: 'circulation',
  summary:
    'Renew one of my loans; `seenDueAt` makes a second click harmless (a loan already renewed past it is answered as it is)',
  access: 'signed_in',
  params: z.object({ loanId: IdSchema }),
  body: z.object({ seenDueAt: SeenDueAt }),
  response: Loan,
})

export const settleFine = defineRoute({
  method: 'POST',
  path: '/api/circulation/fines/:fineId/settle',
  tag: 'circulation',
  summary: 'Record an open fine as paid at the desk, or waive it with a reason',
  access: DESK_ROLES,
  params: z.object({ fineId: IdSchema }),
  body: z.object({ status: z.enum(['paid', 'waived']), note: noteText(500).optional() }),
  response: Fine,
})
