import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { IdSchema, noteText } from '../common/text.ts'

const TAG = 'reference-desk'

/** How long after rating a chat the reader may still change the rating. */
export const RATING_CHANGE_MINUTES = 30

/** A reader's rating of a chat that has ended: 1 (poor) to 5 (excellent), with an optional comment. */
export const Rating = z.object({
  conversationId: IdSchema,
  score: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  ratedAt: z.string(),
  /** Until when the reader may change it; after that it is final. */
  changeableUntil: z.string(),
})
export type Rating = z.infer<typeof Rating>

export const RatingInput = z.strictObject({
  score: z.number().int().min(1).max(5),
  /** An empty comment is stored as none. */
  comment: noteText(500).optional(),
})
export type RatingInput = z.infer<typeof RatingInput>

const ConversationParams = z.object({ conversationId: IdSchema })

export const getRating = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/conversations/:conversationId/rating',
  tag: TAG,
  summary: 'The rating of a chat: its reader’s own, or any of their library’s chats for staff',
  access: 'signed_in',
  params: ConversationParams,
  response: z.object({ rating: Rating.nullable() }),
})

export const rateConversation = defineRoute({
  method: 'PUT',
  path: '/api/reference-desk/conversations/:conversationId/rating',
  tag: TAG,
  summary: `Rate my chat once it has ended (1–5, optional comment); changeable for ${RATING_CHANGE_MINUTES} minutes`,
  access: 'signed_in',
  params: ConversationParams,
  body: RatingInput,
  response: Rating,
})

export const rateGuestConversation = defineRoute({
  method: 'PUT',
  path: '/api/reference-desk/guest-conversations/:conversationId/rating',
  tag: TAG,
  summary: 'A guest rates their chat once it has ended, with the token they chat with',
  access: 'public',
  params: ConversationParams,
  body: RatingInput.extend({ guestToken: z.string().min(1).max(300) }),
  response: Rating,
})
