import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText, noteText } from '../common/text.ts'

const TAG = 'reference-desk'
const DESK_STAFF = ['librarian', 'subject_librarian', 'library_admin'] as const

export const CANNED_SCOPES = ['library', 'personal'] as const
/** `library`: every librarian of the library uses it (library admins write them); `personal`: only its owner. */
export const CannedScope = z.enum(CANNED_SCOPES)

/** A short code typed after `/` in a chat, e.g. `/hours`. */
export const CannedCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,19}$/)

/** A canned reply (快捷回复). */
export const CannedReply = z.object({
  id: IdSchema,
  scope: CannedScope,
  code: z.string(),
  title: z.string(),
  body: z.string(),
  /** Whether the caller may change it. */
  editable: z.boolean(),
  updatedAt: z.string(),
})
export type CannedReply = z.infer<typeof CannedReply>

export const CannedReplyInput = z.strictObject({
  scope: CannedScope.default('personal'),
  code: CannedCode,
  title: nameText(60),
  body: noteText(2000)
    .transform((value) => value.trim())
    .pipe(z.string().min(1)),
})
export type CannedReplyInput = z.input<typeof CannedReplyInput>

const ReplyParams = z.object({ replyId: IdSchema })

export const listCannedReplies = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/canned-replies',
  tag: TAG,
  summary:
    'The canned replies I may use: my library’s and my own; a personal one hides a library one with its code',
  access: DESK_STAFF,
  response: z.object({ items: z.array(CannedReply) }),
})

export const createCannedReply = defineRoute({
  method: 'POST',
  path: '/api/reference-desk/canned-replies',
  tag: TAG,
  summary: 'Write a personal canned reply, or (library admins) one for the whole library',
  access: DESK_STAFF,
  body: CannedReplyInput,
  response: CannedReply,
  status: 201,
})

export const updateCannedReply = defineRoute({
  method: 'PUT',
  path: '/api/reference-desk/canned-replies/:replyId',
  tag: TAG,
  summary: 'Change a canned reply’s code, title or text (my own, or the library’s as its admin)',
  access: DESK_STAFF,
  params: ReplyParams,
  body: CannedReplyInput.omit({ scope: true }),
  response: CannedReply,
})

export const deleteCannedReply = defineRoute({
  method: 'DELETE',
  path: '/api/reference-desk/canned-replies/:replyId',
  tag: TAG,
  summary: 'Remove a canned reply',
  access: DESK_STAFF,
  params: ReplyParams,
  status: 204,
})
