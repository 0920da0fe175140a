import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'
import { Asker } from './conversations.contract.ts'
import { DESK_VIEWERS, Person, QueueRef } from './queues.contract.ts'

const TAG = 'reference-desk'

/** An ended chat found by staff search, with the lines that matched. */
export const TranscriptHit = z.object({
  conversationId: IdSchema,
  queue: QueueRef,
  asker: Asker,
  assignee: Person.nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  /** Up to three messages (never notes) containing a word searched for, shortened. */
  excerpts: z.array(z.string()),
})
export type TranscriptHit = z.infer<typeof TranscriptHit>

export const searchTranscripts = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/transcripts',
  tag: TAG,
  summary:
    'Search the ended chats of my library (Chinese segmented, partial words and small typos), newest first',
  access: DESK_VIEWERS,
  query: PageQuery.extend({
    libraryId: IdSchema.optional(),
    q: z.string().trim().max(100).optional(),
    queueId: IdSchema.optional(),
  }),
  response: page(TranscriptHit),
})

const ConversationParams = z.object({ conversationId: IdSchema })

export const downloadTranscript = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/conversations/:conversationId/transcript',
  tag: TAG,
  summary:
    'A chat’s transcript as a text file: the reader’s own (without internal notes), or any of the library’s for staff',
  access: 'signed_in',
  params: ConversationParams,
})

export const emailTranscript = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/conversations/:conversationId/transcript/email',
  tag: TAG,
  summary:
    'Send a chat’s transcript to its reader by e-mail (and to their 消息 inbox): the reader asks, or staff for them',
  access: 'signed_in',
  params: ConversationParams,
  status: 202,
})
