import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText, noteText } from '../common/text.ts'
import { DESK_VIEWERS, QueueRef } from './queues.contract.ts'

const TAG = 'reference-desk'

export const FAQ_VISIBILITIES = ['public', 'staff'] as const
/** `public`: readers and guests see it; `staff`: only the library's staff, e.g. for answers at the desk. */
export const FaqVisibility = z.enum(FAQ_VISIBILITIES)
export const FAQ_STATUSES = ['draft', 'published'] as const
export const FaqStatus = z.enum(FAQ_STATUSES)

/** An FAQ article as a reader (or a librarian looking for an answer) sees it. */
export const FaqArticle = z.object({
  id: IdSchema,
  topic: QueueRef.nullable(),
  questionZh: z.string(),
  answerZh: z.string(),
  questionEn: z.string().nullable(),
  answerEn: z.string().nullable(),
  visibility: FaqVisibility,
})
export type FaqArticle = z.infer<typeof FaqArticle>

/** An article as staff manage it, drafts included. */
export const ManagedFaqArticle = FaqArticle.extend({
  libraryId: IdSchema,
  status: FaqStatus,
  position: z.number().int(),
  updatedAt: z.string(),
})
export type ManagedFaqArticle = z.infer<typeof ManagedFaqArticle>

const answerText = (max: number) =>
  noteText(max)
    .transform((value) => value.trim())
    .pipe(z.string().min(1))

const optionalText = <T extends z.ZodType<string | null>>(schema: T) =>
  z
    .union([z.literal('').transform(() => null), schema])
    .nullable()
    .default(null)

export const FaqInput = z.strictObject({
  /** The consortium admin names the library; staff may leave it out (their own). */
  libraryId: IdSchema.optional(),
  /** The desk's topic queue the article belongs to; none for general questions. */
  queueId: IdSchema.nullable().default(null),
  questionZh: nameText(200),
  answerZh: answerText(4000),
  questionEn: optionalText(nameText(300)),
  answerEn: optionalText(answerText(8000)),
  visibility: FaqVisibility.default('public'),
  status: FaqStatus.default('draft'),
  position: z.number().int().min(0).max(1000).default(0),
})

const FaqParams = z.object({ articleId: IdSchema })

export const searchFaq = defineRoute({
  method: 'GET',
  path: '/api/faq',
  tag: TAG,
  summary:
    'Search a library’s published FAQ (Chinese words, English words, partial words and small typos); staff of the library also see staff-only articles',
  access: 'public',
  query: z.object({
    /** The library's code; a signed-in caller's own by default. */
    library: z.string().trim().max(40).optional(),
    q: z.string().trim().max(100).optional(),
    /** Only the articles of one topic queue. */
    queueId: IdSchema.optional(),
    /** A small limit serves suggestions while a reader types. */
    limit: z.coerce.number().int().min(1).max(100).default(50),
  }),
  response: z.object({ items: z.array(FaqArticle) }),
})

export const listManagedFaq = defineRoute({
  method: 'GET',
  path: '/api/faq/manage',
  tag: TAG,
  summary:
    'Every FAQ article of my library (or the one a consortium admin names), drafts included, with filters',
  access: DESK_VIEWERS,
  query: z.object({
    libraryId: IdSchema.optional(),
    q: z.string().trim().max(100).optional(),
    queueId: IdSchema.optional(),
    status: FaqStatus.optional(),
    visibility: FaqVisibility.optional(),
  }),
  response: z.object({ items: z.array(ManagedFaqArticle) }),
})

export const createFaq = defineRoute({
  method: 'POST',
  path: '/api/faq',
  tag: TAG,
  summary: 'Write an FAQ article for my library',
  access: DESK_VIEWERS,
  body: FaqInput,
  response: ManagedFaqArticle,
  status: 201,
})

export const updateFaq = defineRoute({
  method: 'PUT',
  path: '/api/faq/:articleId',
  tag: TAG,
  summary: 'Change an FAQ article: its texts, topic, who sees it, order, or publish it',
  access: DESK_VIEWERS,
  params: FaqParams,
  body: FaqInput.omit({ libraryId: true }),
  response: ManagedFaqArticle,
})

export const deleteFaq = defineRoute({
  method: 'DELETE',
  path: '/api/faq/:articleId',
  tag: TAG,
  summary: 'Remove an FAQ article',
  access: DESK_VIEWERS,
  params: FaqParams,
  status: 204,
})
