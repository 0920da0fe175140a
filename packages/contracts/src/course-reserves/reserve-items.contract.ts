import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText, noteText, TimestampSchema } from '../common/text.ts'
import { WebUrl } from '../e-resources/e-resources.contract.ts'
import { TitleChannel, TitleStatus } from './course-titles.contract.ts'

/**
 * Reserve items (E6): what a course's readers open. A link (a platform's address, opened through
 * the library's off-campus route) or an uploaded PDF, streamed to the browser. Each has a
 * permalink (/r/<code>), a copyright record, and — when a teacher added it — a staff review.
 */

export const PERMISSIONS = ['not_needed', 'requested', 'granted', 'refused'] as const
export const Permission = z.enum(PERMISSIONS)
export type Permission = z.infer<typeof Permission>

export const PERMISSION_LABELS: Record<Permission, { zh: string; en: string }> = {
  not_needed: { zh: '无需授权', en: 'Not needed' },
  requested: { zh: '已申请', en: 'Requested' },
  granted: { zh: '已授权', en: 'Granted' },
  refused: { zh: '被拒绝', en: 'Refused' },
}

export const REVIEW_STATUSES = ['pending', 'approved', 'rejected'] as const
export const ReviewStatus = z.enum(REVIEW_STATUSES)
export type ReviewStatus = z.infer<typeof ReviewStatus>

/**
 * A permalink code: 8 letters and digits, without look-alikes (0/o, 1/l/i). Read as typed — a
 * code copied from a slide may come in capitals or with a space — and lower-cased.
 */
export const PermalinkCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[2-9a-hjkmnp-z]{8}$/)

const CopyrightFields = {
  /** Pages of the work used, of its total pages; the share is worked out from them. */
  pagesUsed: z.number().int().min(0).max(100_000).nullable().default(null),
  pagesTotal: z.number().int().min(1).max(100_000).nullable().default(null),
  permission: Permission.default('not_needed'),
  /** Who granted (or was asked for) permission, or the licence it rests on. */
  permissionSource: nameText(300).nullable().default(null),
}

const AccessFields = {
  /** Whether readers may download a PDF; when not, it is shown in the browser only. */
  downloadable: z.boolean().default(false),
  /** Readers who may have the item open at once; null for no limit. */
  seatLimit: z.number().int().min(1).max(10_000).nullable().default(null),
  /** How long an opening holds a seat. */
  seatMinutes: z.number().int().min(1).max(1440).default(30),
}

export const NewItem = z
  .strictObject({
    kind: z.enum(['link', 'file']),
    name: nameText(300),
    note: noteText(2000).nullable().default(null),
    /** The platform address, for a link. */
    url: WebUrl.optional(),
    /** A PDF uploaded to POST /api/course-reserves/courses/:courseId/item-files, for a file. */
    fileId: IdSchema.optional(),
    /** One of the course's requested titles this item provides. */
    titleId: IdSchema.nullable().default(null),
    /** The channel the title is published with when the item is approved (a title's item only). */
    channel: TitleChannel.nullable().default(null),
    ...AccessFields,
    ...CopyrightFields,
  })
  .refine((value) => value.kind !== 'link' || !!value.url, { message: 'required', path: ['url'] })
  .refine((value) => value.kind !== 'file' || !!value.fileId, { message: 'required', path: ['fileId'] })
  .refine(
    (value) => value.pagesUsed === null || value.pagesTotal === null || value.pagesUsed <= value.pagesTotal,
    {
      message: 'pages_over_total',
      path: ['pagesUsed'],
    },
  )
export type NewItem = z.input<typeof NewItem>

export const ItemChange = z
  .strictObject({
    name: nameText(300),
    note: noteText(2000).nullable(),
    url: WebUrl,
    downloadable: AccessFields.downloadable.unwrap(),
    seatLimit: AccessFields.seatLimit.unwrap(),
    seatMinutes: AccessFields.seatMinutes.unwrap(),
    pagesUsed: CopyrightFields.pagesUsed.unwrap(),
    pagesTotal: CopyrightFields.pagesTotal.unwrap(),
    permission: Permission,
    permissionSource: CopyrightFields.permissionSource.unwrap(),
    channel: TitleChannel.nullable(),
  })
  .partial()
export type ItemChange = z.input<typeof ItemChange>

/** An item as the course's teachers and the library's staff see it. */
export const ReserveItem = z.object({
  id: IdSchema,
  courseId: IdSchema,
  titleId: IdSchema.nullable(),
  kind: z.enum(['link', 'file']),
  name: z.string(),
  note: z.string().nullable(),
  /** The platform address of a link; null for a file. */
  url: z.string().nullable(),
  file: z.object({ name: z.string(), size: z.number().int() }).nullable(),
  downloadable: z.boolean(),
  seatLimit: z.number().int().nullable(),
  seatMinutes: z.number().int(),
  permalink: z.string(),
  code: PermalinkCode,
  copyright: z.object({
    pagesUsed: z.number().int().nullable(),
    pagesTotal: z.number().int().nullable(),
    /** Percent of the work used, one decimal; null without both page counts. */
    sharePercent: z.number().nullable(),
    /** The share is over the library's limit. */
    overLimit: z.boolean(),
    permission: Permission,
    permissionSource: z.string().nullable(),
  }),
  channel: TitleChannel.nullable(),
  review: z.object({
    status: ReviewStatus,
    reason: z.string().nullable(),
    at: TimestampSchema.nullable(),
  }),
  openings: z.object({ total: z.number().int(), today: z.number().int() }),
  addedAt: TimestampSchema,
})
export type ReserveItem = z.infer<typeof ReserveItem>

/** An item as a reader sees it: what it is and where it opens. */
export const ReaderItem = z.object({
  id: IdSchema,
  code: PermalinkCode,
  kind: z.enum(['link', 'file']),
  name: z.string(),
  note: z.string().nullable(),
  permalink: z.string(),
  downloadable: z.boolean(),
  seatLimit: z.number().int().nullable(),
})
export type ReaderItem = z.infer<typeof ReaderItem>

/** A requested title readers cannot open yet, and why. */
export const WaitingTitle = z.object({
  id: IdSchema,
  title: z.string().nullable(),
  author: z.string().nullable(),
  isbn13: z.string().nullable(),
  status: TitleStatus,
})

const CourseSummary = z.object({
  id: IdSchema,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
})

const CourseParams = z.object({ courseId: IdSchema })
const ItemParams = z.object({ itemId: IdSchema })
const CodeParams = z.object({ code: PermalinkCode })

export const listCourseItems = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/courses/:courseId/items',
  tag: 'course-reserves',
  summary:
    'A course’s reserve items: every item with its review and copyright for its teachers and staff; approved items and titles not yet available for its students',
  access: ['reader', ...STAFF_ROLES],
  params: CourseParams,
  response: z.object({
    course: CourseSummary,
    viewpoint: z.enum(['staff', 'teacher', 'student']),
    /** The course list’s permalink. */
    permalink: z.string(),
    shareLimitPercent: z.number().int(),
    /** For teachers and staff; empty for students. */
    items: z.array(ReserveItem),
    /** What readers can open. */
    readerItems: z.array(ReaderItem),
    /** Requested titles not published yet. */
    waiting: z.array(WaitingTitle),
  }),
})

export const uploadItemFile = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/courses/:courseId/item-files',
  tag: 'course-reserves',
  summary:
    'Upload a reserve item’s PDF (multipart/form-data, one file); anything but a PDF is 400 not_a_pdf, over FILE_MAX_BYTES 413',
  access: ['reader', ...STAFF_ROLES],
  params: CourseParams,
  response: z.object({ id: IdSchema, name: z.string(), size: z.number().int() }),
  status: 201,
})

export const createItem = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/courses/:courseId/items',
  tag: 'course-reserves',
  summary:
    'Add a reserve item (a link or an uploaded PDF) to a course; a teacher’s goes to the staff review queue, staff’s is approved at once',
  access: ['reader', ...STAFF_ROLES],
  params: CourseParams,
  body: NewItem,
  response: ReserveItem,
  status: 201,
})

export const updateItem = defineRoute({
  method: 'PATCH',
  path: '/api/course-reserves/items/:itemId',
  tag: 'course-reserves',
  summary: 'Correct a reserve item: name, link, downloads, seats, copyright (staff)',
  access: STAFF_ROLES,
  params: ItemParams,
  body: ItemChange,
  response: ReserveItem,
})

export const deleteItem = defineRoute({
  method: 'DELETE',
  path: '/api/course-reserves/items/:itemId',
  tag: 'course-reserves',
  summary: 'Remove a reserve item (the course’s teachers and staff)',
  access: ['reader', ...STAFF_ROLES],
  params: ItemParams,
  status: 204,
})

export const ReviewEntry = ReserveItem.extend({ course: CourseSummary, addedBy: z.string() })

export const listReviews = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/item-reviews',
  tag: 'course-reserves',
  summary: 'Reserve items waiting for review (or reviewed), oldest first (staff)',
  access: STAFF_ROLES,
  query: z.object({ status: ReviewStatus.default('pending') }),
  response: z.object({ items: z.array(ReviewEntry) }),
})

export const approveItem = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/items/:itemId/approve',
  tag: 'course-reserves',
  summary:
    'Approve a reserve item so readers see it; an item of a requested title publishes the title with the channel chosen (staff)',
  access: STAFF_ROLES,
  params: ItemParams,
  body: z.strictObject({ channel: TitleChannel.nullable().default(null) }),
  response: ReserveItem,
})

export const rejectItem = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/items/:itemId/reject',
  tag: 'course-reserves',
  summary: 'Reject a reserve item with a reason the teacher sees (staff)',
  access: STAFF_ROLES,
  params: ItemParams,
  body: z.strictObject({ reason: nameText(500) }),
  response: ReserveItem,
})

export const ItemSettings = z.strictObject({
  /** The share of a work the library lets one course use without permission, in percent. */
  shareLimitPercent: z.number().int().min(1).max(100),
})
export type ItemSettings = z.infer<typeof ItemSettings>

export const getItemSettings = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/item-settings',
  tag: 'course-reserves',
  summary: 'The library’s copyright share limit for reserve items (staff)',
  access: STAFF_ROLES,
  response: ItemSettings,
})

export const putItemSettings = defineRoute({
  method: 'PUT',
  path: '/api/course-reserves/item-settings',
  tag: 'course-reserves',
  summary: 'Set the library’s copyright share limit (library admin)',
  access: ['library_admin'],
  body: ItemSettings,
  response: ItemSettings,
})

export const getPermalinkItem = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/r/:code',
  tag: 'course-reserves',
  summary:
    'What a permalink leads to, after the access check: the item (or the course list) and where it opens; 403 course_item_not_allowed for anyone but the course’s readers, teachers and staff',
  access: 'signed_in',
  params: CodeParams,
  response: z.object({
    course: CourseSummary,
    item: ReaderItem.nullable(),
  }),
})

export const itemFile = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/r/:code/file',
  tag: 'course-reserves',
  summary:
    'A PDF item’s bytes, with Range support: inline unless downloads are on; needs the seat the permalink gave, when the item has a seat limit',
  access: 'signed_in',
  params: CodeParams,
})

export const DeliveryLinks = z.object({
  course: CourseSummary,
  permalink: z.string(),
  embedUrl: z.string(),
  items: z.array(z.object({ name: z.string(), permalink: z.string() })),
  /** Ready to paste into the online teaching platform. */
  snippets: z.object({ list: z.string(), iframe: z.string() }),
})

export const getDelivery = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/courses/:courseId/delivery',
  tag: 'course-reserves',
  summary: 'A course’s links and embed snippets for the online teaching platform (its teachers and staff)',
  access: ['reader', ...STAFF_ROLES],
  params: CourseParams,
  response: DeliveryLinks,
})

export const sendDelivery = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/courses/:courseId/delivery/send',
  tag: 'course-reserves',
  summary:
    'Send the course’s teachers its links: an in-app notice, and an e-mail when mail is configured (staff)',
  access: STAFF_ROLES,
  params: CourseParams,
  response: z.object({
    /** Teachers with an account, who were sent the links. */
    sent: z.array(z.string()),
    /** Teachers known only by name, who have no account to send to yet. */
    withoutAccount: z.array(z.string()),
  }),
})
