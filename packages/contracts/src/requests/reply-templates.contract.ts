import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText, noteText } from '../common/text.ts'
import { REQUEST_TYPE_CODES } from './types/index.ts'

const STAFF = ['librarian', 'subject_librarian', 'library_admin', 'consortium_admin'] as const

/** Longest template body; a filled-in template must still fit a note (4000). */
export const REPLY_BODY_MAX = 2000
export const REPLY_TITLE_MAX = 60
/** A library keeps at most this many templates (library-wide and everyone's own together). */
export const REPLY_TEMPLATES_MAX = 500

const TypeCode = z.enum(REQUEST_TYPE_CODES)
const ActionName = z.string().regex(/^[a-z_]{1,40}$/)
const Title = nameText(REPLY_TITLE_MAX)
const Body = noteText(REPLY_BODY_MAX).refine((text) => text.trim().length > 0, { message: 'too_small' })
const PersonRef = z.object({ id: IdSchema, name: z.string(), readerNumber: z.string() })

/**
 * A canned reply (回复模板) of a library: library-wide, or personal to the librarian who wrote
 * it; for every request type or one, for any step or one transition (`action`). The English
 * title and body are optional: readers who read English get the Chinese text when they are missing.
 */
export const ReplyTemplate = z.object({
  id: IdSchema,
  libraryId: IdSchema,
  /** Seen and changed only by its owner; otherwise shared by the library's staff. */
  personal: z.boolean(),
  owner: PersonRef.nullable(),
  type: TypeCode.nullable(),
  action: z.string().nullable(),
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  bodyZh: z.string(),
  bodyEn: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: PersonRef.nullable(),
})
export type ReplyTemplate = z.infer<typeof ReplyTemplate>

export const ReplyTemplateInput = z.strictObject({
  /** The consortium admin names the library; library staff may leave it out (their own). */
  libraryId: IdSchema.optional(),
  personal: z.boolean().default(false),
  type: TypeCode.nullable().default(null),
  /** A staff transition of the type (or of any type when `type` is null); null: any step and comments. */
  action: ActionName.nullable().default(null),
  titleZh: Title,
  titleEn: Title.nullable().default(null),
  bodyZh: Body,
  bodyEn: Body.nullable().default(null),
})

// No defaults: what a change leaves out stays as it is.
export const ReplyTemplateChange = z.strictObject({
  personal: z.boolean().optional(),
  type: TypeCode.nullable().optional(),
  action: ActionName.nullable().optional(),
  titleZh: Title.optional(),
  titleEn: Title.nullable().optional(),
  bodyZh: Body.optional(),
  bodyEn: Body.nullable().optional(),
})

export const ReplyTemplateQuery = z.object({
  libraryId: IdSchema.optional(),
  /** Templates that apply to this type: its own and those for every type. */
  type: TypeCode.optional(),
  /** Templates that apply to this step: its own and those for any step. */
  action: ActionName.optional(),
  /** `mine`: my personal ones; `library`: the library-wide ones; left out: both. */
  owner: z.enum(['mine', 'library']).optional(),
})

const TemplateParams = z.object({ templateId: IdSchema })

export const listReplyTemplates = defineRoute({
  method: 'GET',
  path: '/api/reply-templates',
  tag: 'requests',
  summary: 'Reply templates I may use: my library’s and my own, filtered by type, step and owner',
  access: STAFF,
  query: ReplyTemplateQuery,
  response: z.object({ items: z.array(ReplyTemplate) }),
})

export const createReplyTemplate = defineRoute({
  method: 'POST',
  path: '/api/reply-templates',
  tag: 'requests',
  summary: 'Write a reply template, library-wide or for myself (unknown placeholders are refused)',
  access: STAFF,
  body: ReplyTemplateInput,
  response: ReplyTemplate,
  status: 201,
})

export const updateReplyTemplate = defineRoute({
  method: 'PATCH',
  path: '/api/reply-templates/:templateId',
  tag: 'requests',
  summary: 'Change a reply template (someone else’s personal ones are not found)',
  access: STAFF,
  params: TemplateParams,
  body: ReplyTemplateChange,
  response: ReplyTemplate,
})

export const deleteReplyTemplate = defineRoute({
  method: 'DELETE',
  path: '/api/reply-templates/:templateId',
  tag: 'requests',
  summary: 'Remove a reply template',
  access: STAFF,
  params: TemplateParams,
  status: 204,
})

export const RenderedReply = z.object({
  id: IdSchema,
  personal: z.boolean(),
  type: TypeCode.nullable(),
  action: z.string().nullable(),
  title: z.object({ zh: z.string(), en: z.string() }),
  /** The body with the request's values filled in, in the reader's language. */
  text: z.string(),
  /** The reader reads English but the template has only Chinese, which `text` then is. */
  untranslated: z.boolean(),
})
export type RenderedReply = z.infer<typeof RenderedReply>

export const replyTemplatesForRequest = defineRoute({
  method: 'GET',
  path: '/api/requests/:requestId/reply-templates',
  tag: 'requests',
  summary:
    'Templates that fit a request (and a step, with `action`; without it, those for comments), filled in for its reader',
  access: STAFF,
  params: z.object({ requestId: IdSchema }),
  query: z.object({ action: ActionName.optional() }),
  response: z.object({
    /** The reader's language, which `text` is written in. */
    language: z.enum(['zh-CN', 'en']),
    items: z.array(RenderedReply),
  }),
})
