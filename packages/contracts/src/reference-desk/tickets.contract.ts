import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import { ADMIN_ROLES, STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { EmailSchema, IdSchema, nameText, noteText, PhoneSchema, ReaderNumberSchema } from '../common/text.ts'
import { DESK_VIEWERS, Person, QueueRef } from './queues.contract.ts'

const TAG = 'reference-desk'

export const TICKET_STATUSES = ['new', 'open', 'pending', 'closed'] as const
/** `new`: nobody has answered yet; `open`: staff are on it; `pending`: waiting for the reader; `closed`. */
export const TicketStatus = z.enum(TICKET_STATUSES)
export type TicketStatus = z.infer<typeof TicketStatus>

/** Where a ticket came from: an unanswered chat, the portal's form, or a phone call staff logged. */
export const TICKET_SOURCES = ['chat', 'web', 'phone'] as const
export const TicketSource = z.enum(TICKET_SOURCES)
export type TicketSource = z.infer<typeof TicketSource>

/**
 * The changes of status staff may make; replies move a ticket too (a staff reply to `pending`,
 * a reader's to `open`). A closed ticket is reopened to `open`.
 */
export const TICKET_TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'pending', 'closed'],
  open: ['pending', 'closed'],
  pending: ['open', 'closed'],
  closed: ['open'],
}

/** Longest reply or note, in characters. */
export const TICKET_TEXT_MAX = 4000

/** Who asks: a reader (staff also see the reader number) or a guest known by name (and e-mail for staff). */
export const TicketAsker = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reader'),
    id: IdSchema,
    name: z.string(),
    readerNumber: z.string().nullable(),
  }),
  z.object({ kind: z.literal('guest'), name: z.string(), email: z.string().nullable() }),
])

export const Ticket = z.object({
  id: IdSchema,
  libraryId: IdSchema,
  /** Counted per library: 留言 #12. */
  number: z.number().int(),
  queue: QueueRef,
  status: TicketStatus,
  source: TicketSource,
  subject: z.string(),
  asker: TicketAsker,
  /** A phone number staff noted for a call back (staff only). */
  phone: z.string().nullable(),
  assignee: Person.nullable(),
  conversationId: IdSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  firstReplyAt: z.string().nullable(),
  closedAt: z.string().nullable(),
})
export type Ticket = z.infer<typeof Ticket>

export const TICKET_EVENTS = ['created', 'status', 'assigned'] as const

/** One entry of a ticket's thread. Readers get replies only; notes and events are for staff. */
export const TicketPost = z.object({
  id: IdSchema,
  kind: z.enum(['reply', 'note', 'event']),
  side: z.enum(['reader', 'staff']).nullable(),
  author: Person.nullable(),
  /** Text, never HTML. */
  text: z.string().nullable(),
  event: z
    .object({
      code: z.enum(TICKET_EVENTS),
      /** `created`: where the ticket came from. */
      source: TicketSource.optional(),
      from: TicketStatus.nullable().optional(),
      to: TicketStatus.nullable().optional(),
      assignee: Person.nullable().optional(),
    })
    .nullable(),
  createdAt: z.string(),
})
export type TicketPost = z.infer<typeof TicketPost>

export const TicketDetail = Ticket.extend({ posts: z.array(TicketPost) })
export type TicketDetail = z.infer<typeof TicketDetail>

/** A reply or note: trimmed, 1–4000 characters, no control characters but line breaks. */
export const ticketText = () =>
  noteText(TICKET_TEXT_MAX)
    .transform((value) => value.trim())
    .pipe(z.string().min(1))

const TicketParams = z.object({ ticketId: IdSchema })

export const createTicket = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/tickets',
  tag: TAG,
  summary: 'Ask the desk through the web form, in a topic of my library; answered in 我的咨询 and by e-mail',
  access: 'signed_in',
  body: z.strictObject({ queueId: IdSchema, subject: nameText(120), text: ticketText() }),
  response: TicketDetail,
  status: 201,
})

export const createGuestTicket = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/guest-tickets',
  tag: TAG,
  summary: 'A guest asks through the web form with a name and e-mail, where the topic takes guests',
  access: 'public',
  body: z.strictObject({
    queueId: IdSchema,
    name: nameText(30),
    email: EmailSchema,
    language: z.enum(['zh-CN', 'en']).default('zh-CN'),
    subject: nameText(120),
    text: ticketText(),
  }),
  response: z.object({ number: z.number().int() }),
  status: 201,
})

export const logPhoneTicket = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/tickets/phone',
  tag: TAG,
  summary: 'Log a phone call as a ticket: for a reader of my library by reader number, or a caller by name',
  access: STAFF_ROLES,
  body: z
    .strictObject({
      queueId: IdSchema,
      readerNumber: ReaderNumberSchema.optional(),
      callerName: nameText(30).optional(),
      callerEmail: EmailSchema.optional(),
      phone: PhoneSchema.optional(),
      subject: nameText(120),
      text: ticketText(),
    })
    .refine((value) => (value.readerNumber === undefined) !== (value.callerName === undefined), {
      message: 'one_asker',
      path: ['readerNumber'],
    }),
  response: TicketDetail,
  status: 201,
})

export const listMyTickets = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/tickets/mine',
  tag: TAG,
  summary: 'My questions (我的咨询), newest first',
  access: 'signed_in',
  response: z.object({ items: z.array(Ticket) }),
})

export const TicketQuery = PageQuery.extend({
  libraryId: IdSchema.optional(),
  status: TicketStatus.optional(),
  queueId: IdSchema.optional(),
  /** `me`, `none` (nobody yet) or a colleague's account id. */
  assignee: z.union([z.enum(['me', 'none']), IdSchema]).optional(),
  /** Words of the subject, the thread or the asker's name (Chinese segmented). */
  q: z.string().trim().max(100).optional(),
})

export const listTickets = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/tickets',
  tag: TAG,
  summary: 'Tickets of my library, newest first, by status, topic, assignee and words',
  access: DESK_VIEWERS,
  query: TicketQuery,
  response: page(Ticket),
})

export const getTicket = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/tickets/:ticketId',
  tag: TAG,
  summary: 'One ticket with its thread: the reader’s own (replies only), or any of their library’s for staff',
  access: 'signed_in',
  params: TicketParams,
  response: TicketDetail,
})

export const replyToTicket = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/tickets/:ticketId/replies',
  tag: TAG,
  summary:
    'Reply: staff to the reader (notified in the portal and by e-mail; the ticket waits for the reader), or the reader to staff',
  access: 'signed_in',
  params: TicketParams,
  body: z.strictObject({ text: ticketText() }),
  response: TicketDetail,
  status: 201,
})

export const addTicketNote = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/tickets/:ticketId/notes',
  tag: TAG,
  summary: 'An internal note on a ticket; the reader never sees it',
  access: STAFF_ROLES,
  params: TicketParams,
  body: z.strictObject({ text: ticketText() }),
  response: TicketDetail,
  status: 201,
})

export const updateTicket = defineRoute({
  method: 'PATCH',
  path: '/api/reference-desk/tickets/:ticketId',
  tag: TAG,
  summary: 'Change a ticket’s status (new → open/pending/closed …) or who handles it (null: nobody)',
  access: STAFF_ROLES,
  params: TicketParams,
  body: z
    .strictObject({ status: TicketStatus.optional(), assigneeId: IdSchema.nullable().optional() })
    .refine((value) => value.status !== undefined || value.assigneeId !== undefined, {
      message: 'nothing_to_change',
      path: ['status'],
    }),
  response: TicketDetail,
})

export const TicketSettings = z.object({
  libraryId: IdSchema,
  /** A chat nobody has taken after this many minutes becomes a ticket. */
  chatWaitMinutes: z.number().int().min(1).max(1440),
})
export type TicketSettings = z.infer<typeof TicketSettings>

export const getTicketSettings = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/ticket-settings',
  tag: TAG,
  summary: 'How long a chat may wait unanswered before it becomes a ticket',
  access: DESK_VIEWERS,
  query: z.object({ libraryId: IdSchema.optional() }),
  response: TicketSettings,
})

export const setTicketSettings = defineRoute({
  method: 'PUT',
  path: '/api/reference-desk/ticket-settings',
  tag: TAG,
  summary: 'Set how long a chat may wait unanswered before it becomes a ticket',
  access: ADMIN_ROLES,
  body: TicketSettings.partial({ libraryId: true }).strict(),
  response: TicketSettings,
})
