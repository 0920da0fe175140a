import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText, noteText } from '../common/text.ts'
import { DisciplineCode } from '../e-resources/disciplines.ts'
import { DESK_VIEWERS, Person, QueueRef } from './queues.contract.ts'

const TAG = 'reference-desk'

export const CONVERSATION_STATUSES = ['waiting', 'active', 'closed'] as const
export const ConversationStatus = z.enum(CONVERSATION_STATUSES)
export type ConversationStatus = z.infer<typeof ConversationStatus>

/** Who asks: a signed-in reader (staff also see the reader number) or a guest with a nickname. */
export const Asker = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reader'),
    id: IdSchema,
    name: z.string(),
    readerNumber: z.string().nullable(),
  }),
  z.object({ kind: z.literal('guest'), id: IdSchema, name: z.string() }),
])
export type Asker = z.infer<typeof Asker>

/** A chat at the reference desk (咨询). Readers get their own; staff of its library any. */
export const Conversation = z.object({
  id: IdSchema,
  libraryId: IdSchema,
  queue: QueueRef,
  status: ConversationStatus,
  asker: Asker,
  assignee: Person.nullable(),
  createdAt: z.string(),
  assignedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.enum(['reader', 'staff']).nullable(),
  /** The sequence number of the newest message (internal notes count for staff only). */
  lastSeq: z.number().int(),
  readerReadSeq: z.number().int(),
  staffReadSeq: z.number().int(),
  /** Place in line while waiting: 1 is next. */
  position: z.number().int().nullable(),
  /** The newest message a person wrote, shortened, for lists (staff only; null for readers). */
  preview: z.string().nullable(),
})
export type Conversation = z.infer<typeof Conversation>

export const MESSAGE_KINDS = ['text', 'note', 'event'] as const
export const EVENT_CODES = ['started', 'claimed', 'assigned', 'transferred', 'closed', 'ticketed'] as const
export type EventCode = (typeof EVENT_CODES)[number]

/** What a system event records, with the names as they were then. */
export const ChatEvent = z.object({
  code: z.enum(EVENT_CODES),
  librarian: Person.nullable().optional(),
  from: Person.nullable().optional(),
  queue: QueueRef.nullable().optional(),
  fromQueue: QueueRef.nullable().optional(),
  by: z.enum(['reader', 'staff']).nullable().optional(),
  /** `ticketed`: the number of the ticket the unanswered chat became. */
  ticketNumber: z.number().int().nullable().optional(),
})
export type ChatEvent = z.infer<typeof ChatEvent>

/** One message of a chat, numbered in order (`seq`). Text is text: never rendered as HTML. */
export const Message = z.object({
  id: IdSchema,
  conversationId: IdSchema,
  seq: z.number().int(),
  /** `note`: internal, only staff get it; `event`: what happened, written by the system. */
  kind: z.enum(MESSAGE_KINDS),
  author: z.object({ kind: z.enum(['reader', 'guest', 'staff']), id: IdSchema, name: z.string() }).nullable(),
  text: z.string().nullable(),
  event: ChatEvent.nullable(),
  clientMessageId: z.string().nullable(),
  sentAt: z.string(),
})
export type Message = z.infer<typeof Message>

const ConversationParams = z.object({ conversationId: IdSchema })

export const startConversation = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/conversations',
  tag: TAG,
  summary:
    'Start a chat in a queue of my library while someone is on duty; an open chat in the same queue is returned instead',
  access: 'signed_in',
  body: z.strictObject({
    queueId: IdSchema,
    /** A discipline of the library's list: the chat goes first to its subject librarians on duty. */
    subject: DisciplineCode.optional(),
  }),
  response: Conversation,
  status: 201,
})

export const GuestChat = z.object({
  /** Sent in the socket's hello frame; signed, valid for a day. */
  guestToken: z.string(),
  guest: z.object({ id: IdSchema, name: z.string() }),
  conversation: Conversation,
})
export type GuestChat = z.infer<typeof GuestChat>

export const startGuestConversation = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/guest-conversations',
  tag: TAG,
  summary: 'A guest with a nickname starts a chat, where the queue allows guests',
  access: 'public',
  body: z.strictObject({
    queueId: IdSchema,
    nickname: nameText(30),
    /** As for readers: the chat goes first to the discipline's subject librarians on duty. */
    subject: DisciplineCode.optional(),
  }),
  response: GuestChat,
  status: 201,
})

export const listMyConversations = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/conversations/mine',
  tag: TAG,
  summary: 'My chats, open ones first, then the latest closed',
  access: 'signed_in',
  response: z.object({ items: z.array(Conversation) }),
})

export const ConversationQuery = PageQuery.extend({
  libraryId: IdSchema.optional(),
  status: ConversationStatus.optional(),
  queueId: IdSchema.optional(),
  /** `me`: chats assigned to me. */
  assignee: z.enum(['me']).optional(),
})

export const listConversations = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/conversations',
  tag: TAG,
  summary: 'Chats of my library: waiting ones oldest first (the line), others newest first',
  access: DESK_VIEWERS,
  query: ConversationQuery,
  response: page(Conversation),
})

export const getConversation = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/conversations/:conversationId',
  tag: TAG,
  summary: 'One chat: the reader’s own, or any of their library’s for staff',
  access: 'signed_in',
  params: ConversationParams,
  response: Conversation,
})

export const listMessages = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/conversations/:conversationId/messages',
  tag: TAG,
  summary: 'A chat’s messages after a sequence number (readers never get internal notes)',
  access: 'signed_in',
  params: ConversationParams,
  query: z.object({
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  }),
  response: z.object({ items: z.array(Message), nextAfter: z.number().int().nullable() }),
})

export const claimConversation = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/conversations/:conversationId/claim',
  tag: TAG,
  summary: 'Take a waiting chat (I must be on duty for its queue and under my limit)',
  access: STAFF_ROLES,
  params: ConversationParams,
  response: Conversation,
})

export const TransferInput = z
  .strictObject({
    /** A colleague on duty takes the chat over. */
    toAccountId: IdSchema.optional(),
    /** Or it goes back to wait in another queue. */
    toQueueId: IdSchema.optional(),
    /** An internal note for the colleagues; the reader never sees it. */
    note: noteText(500).optional(),
  })
  .refine((value) => (value.toAccountId === undefined) !== (value.toQueueId === undefined), {
    message: 'one_target',
    path: ['toAccountId'],
  })

export const transferConversation = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/conversations/:conversationId/transfer',
  tag: TAG,
  summary: 'Hand a chat to a colleague on duty, or to another queue',
  access: STAFF_ROLES,
  params: ConversationParams,
  body: TransferInput,
  response: Conversation,
})

export const closeConversation = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/conversations/:conversationId/close',
  tag: TAG,
  summary: 'End a chat: the reader their own, staff any of their library’s',
  access: 'signed_in',
  params: ConversationParams,
  response: Conversation,
})
