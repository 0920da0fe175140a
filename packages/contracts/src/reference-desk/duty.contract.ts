import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'
import { DESK_VIEWERS, QueueRef } from './queues.contract.ts'

const TAG = 'reference-desk'

export const CHAT_LIMIT_DEFAULT = 3
export const CHAT_LIMIT_MAX = 20

/** A librarian's place at the desk: the queues they are on duty for, their limit and their open chats. */
export const MyDesk = z.object({
  libraryId: IdSchema,
  chatLimit: z.number().int(),
  activeChats: z.number().int(),
  queues: z.array(
    z.object({
      queue: QueueRef,
      onDuty: z.boolean(),
      since: z.string().nullable(),
      /** `manual`: the 上岗 switch; `roster`: put on duty by a shift. */
      source: z.enum(['manual', 'roster']).nullable(),
    }),
  ),
})
export type MyDesk = z.infer<typeof MyDesk>

/** A colleague at the desk, for transfers and the duty overview. */
export const DeskLibrarian = z.object({
  id: IdSchema,
  name: z.string(),
  readerNumber: z.string(),
  chatLimit: z.number().int(),
  activeChats: z.number().int(),
  onDutyQueueIds: z.array(IdSchema),
})
export type DeskLibrarian = z.infer<typeof DeskLibrarian>

export const getMyDesk = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/duty',
  tag: TAG,
  summary: 'My duty at the reference desk: per queue on or off duty, my limit of chats and how many I have',
  access: STAFF_ROLES,
  response: MyDesk,
})

export const setMyDuty = defineRoute({
  method: 'PUT',
  path: '/api/reference-desk/duty/:queueId',
  tag: TAG,
  summary: 'Go on duty (上岗) or off duty (下岗) for one queue',
  access: STAFF_ROLES,
  params: z.object({ queueId: IdSchema }),
  body: z.strictObject({ onDuty: z.boolean() }),
  response: MyDesk,
})

export const listDeskLibrarians = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/librarians',
  tag: TAG,
  summary: 'Staff of my library at the desk: who is on duty where, their limits and open chats',
  access: DESK_VIEWERS,
  query: z.object({ libraryId: IdSchema.optional() }),
  response: z.object({ items: z.array(DeskLibrarian) }),
})

export const setChatLimit = defineRoute({
  method: 'PUT',
  path: '/api/reference-desk/librarians/:accountId/chat-limit',
  tag: TAG,
  summary: 'How many chats a librarian takes at once (their own, or any colleague’s for a library admin)',
  access: [...STAFF_ROLES, 'consortium_admin'],
  params: z.object({ accountId: IdSchema }),
  body: z.strictObject({ chatLimit: z.number().int().min(1).max(CHAT_LIMIT_MAX) }),
  response: DeskLibrarian,
})
