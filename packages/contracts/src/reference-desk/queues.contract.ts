import { z } from 'zod'
import { ADMIN_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText } from '../common/text.ts'

const TAG = 'reference-desk'
export const DESK_VIEWERS = ['librarian', 'subject_librarian', 'library_admin', 'consortium_admin'] as const

export const ASSIGNMENTS = ['claim', 'auto'] as const
/** `claim`: librarians on duty take waiting chats themselves; `auto`: the least busy one under their limit gets each. */
export const AssignmentSchema = z.enum(ASSIGNMENTS)

export const Person = z.object({ id: IdSchema, name: z.string() })
export type Person = z.infer<typeof Person>

/** A queue named as a chat shows it. */
export const QueueRef = z.object({ id: IdSchema, code: z.string(), nameZh: z.string(), nameEn: z.string() })
export type QueueRef = z.infer<typeof QueueRef>

/** What anyone may know of a queue: its topic, whether guests may ask, and whether someone is on duty. */
export const QueueStatus = QueueRef.extend({ allowGuests: z.boolean(), online: z.boolean() })
export type QueueStatus = z.infer<typeof QueueStatus>

/** A queue as staff see it: its settings, who is on duty and how many chats wait or run. */
export const ReferenceQueue = QueueStatus.extend({
  libraryId: IdSchema,
  assignment: AssignmentSchema,
  position: z.number().int(),
  active: z.boolean(),
  onDuty: z.array(Person),
  waitingCount: z.number().int(),
  activeCount: z.number().int(),
})
export type ReferenceQueue = z.infer<typeof ReferenceQueue>

const QueueCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{1,39}$/)

export const QueueInput = z.strictObject({
  /** The consortium admin names the library; library admins may leave it out (their own). */
  libraryId: IdSchema.optional(),
  code: QueueCode,
  nameZh: nameText(40),
  nameEn: nameText(80),
  allowGuests: z.boolean().default(false),
  assignment: AssignmentSchema.default('claim'),
  position: z.number().int().min(0).max(1000).default(0),
})

export const QueueChange = z.strictObject({
  nameZh: nameText(40).optional(),
  nameEn: nameText(80).optional(),
  allowGuests: z.boolean().optional(),
  assignment: AssignmentSchema.optional(),
  position: z.number().int().min(0).max(1000).optional(),
  /** An inactive queue takes no new chats and is not shown to readers. */
  active: z.boolean().optional(),
})

export const listPublicQueues = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/libraries/:libraryId/queues',
  tag: TAG,
  summary:
    'A library’s topic queues, with whether anyone is on duty for each (online) and whether guests may ask',
  access: 'public',
  params: z.object({ libraryId: IdSchema }),
  response: z.object({ items: z.array(QueueStatus) }),
})

export const listQueues = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/queues',
  tag: TAG,
  summary: 'The queues of my library (or the one a consortium admin names), with duty and counts',
  access: DESK_VIEWERS,
  query: z.object({ libraryId: IdSchema.optional() }),
  response: z.object({ items: z.array(ReferenceQueue) }),
})

export const createQueue = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/queues',
  tag: TAG,
  summary: 'Add a topic queue (e.g. 荐购) to a library’s reference desk',
  access: ADMIN_ROLES,
  body: QueueInput,
  response: ReferenceQueue,
  status: 201,
})

export const updateQueue = defineRoute({
  method: 'PATCH',
  path: '/api/reference-desk/queues/:queueId',
  tag: TAG,
  summary: 'Change a queue: names, guests, how chats are assigned, order, or take it out of use',
  access: ADMIN_ROLES,
  params: z.object({ queueId: IdSchema }),
  body: QueueChange,
  response: ReferenceQueue,
})
