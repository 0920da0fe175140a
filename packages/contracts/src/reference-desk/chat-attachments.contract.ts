import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'

const TAG = 'reference-desk'

/** What may be sent in a chat: photos (JPEG, PNG) and PDF, told by their bytes, up to 5 MiB. */
export const CHAT_ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const
export const CHAT_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024

/** A file sent in a chat; fetched at `url` by the chat's reader and the library's staff only. */
export const ChatAttachment = z.object({
  fileId: IdSchema,
  conversationId: IdSchema,
  name: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  /** `image`: shown inline; `file`: a link. */
  display: z.enum(['image', 'file']),
  url: z.string(),
  side: z.enum(['reader', 'staff']),
  /** The chat message announcing it (📎 and the name), for placing it in the history. */
  seq: z.number().int(),
  createdAt: z.string(),
})
export type ChatAttachment = z.infer<typeof ChatAttachment>

const ConversationParams = z.object({ conversationId: IdSchema })

export const sendChatAttachment = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/conversations/:conversationId/attachments',
  tag: TAG,
  summary:
    'Send a file uploaded with POST /api/files in an open chat: its reader, or staff of its library (JPEG, PNG or PDF, up to 5 MiB)',
  access: 'signed_in',
  params: ConversationParams,
  body: z.strictObject({ fileId: IdSchema }),
  response: ChatAttachment,
  status: 201,
})

export const listChatAttachments = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/conversations/:conversationId/attachments',
  tag: TAG,
  summary: 'The files sent in a chat, oldest first',
  access: 'signed_in',
  params: ConversationParams,
  response: z.object({ items: z.array(ChatAttachment) }),
})

/** The header a guest's requests carry their chat token in (a guest has no session). */
export const GUEST_TOKEN_HEADER = 'x-guest-token'

/** A guest's file routes: the token in GUEST_TOKEN_HEADER, the same kinds and limits as readers. */
export const sendGuestChatAttachment = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/guest-conversations/:conversationId/attachments',
  tag: TAG,
  summary:
    'A guest sends one file (multipart/form-data) in their open chat, while its queue takes guests (JPEG, PNG or PDF, up to 5 MiB)',
  access: 'public',
  params: ConversationParams,
  response: ChatAttachment,
  status: 201,
})

export const listGuestChatAttachments = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/guest-conversations/:conversationId/attachments',
  tag: TAG,
  summary: 'The files sent in a guest’s chat, oldest first, for the guest',
  access: 'public',
  params: ConversationParams,
  response: z.object({ items: z.array(ChatAttachment) }),
})

export const downloadGuestChatAttachment = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/guest-conversations/:conversationId/attachments/:fileId',
  tag: TAG,
  summary: 'The bytes of a file of a guest’s chat, for the guest',
  access: 'public',
  params: ConversationParams.extend({ fileId: IdSchema }),
})
