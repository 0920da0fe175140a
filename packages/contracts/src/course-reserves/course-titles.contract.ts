import { z } from 'zod'
import { isbn13Of } from '../common/isbn.ts'
import { PageQuery, page } from '../common/pagination.ts'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText, noteText, TimestampSchema } from '../common/text.ts'

/**
 * Where a title stands. `requested` until someone works on it; then searching, publisher
 * contacted, obtained (the publisher supplied it) or digitising (scanned in the library), and
 * `published` once readers can open it; or `unavailable`, with a reason. Accepting a proposed
 * match publishes the title at once.
 */
export const TITLE_STATUSES = [
  'requested',
  'searching',
  'publisher_contacted',
  'obtained',
  'digitising',
  'published',
  'unavailable',
] as const
export const TitleStatus = z.enum(TITLE_STATUSES)
export type TitleStatus = z.infer<typeof TitleStatus>

/** How the library provides a title. */
export const TITLE_CHANNELS = ['owned_platform', 'publisher_supplied', 'digitised', 'open_access'] as const
export const TitleChannel = z.enum(TITLE_CHANNELS)
export type TitleChannel = z.infer<typeof TitleChannel>

export const STATUS_LABELS: Record<TitleStatus, { zh: string; en: string }> = {
  requested: { zh: '待落实', en: 'Requested' },
  searching: { zh: '查找中', en: 'Searching' },
  publisher_contacted: { zh: '已联系出版社', en: 'Publisher contacted' },
  obtained: { zh: '已获得', en: 'Obtained' },
  digitising: { zh: '数字化中', en: 'Digitising' },
  published: { zh: '已发布', en: 'Published' },
  unavailable: { zh: '无法提供', en: 'Unavailable' },
}

export const CHANNEL_LABELS: Record<TitleChannel, { zh: string; en: string }> = {
  owned_platform: { zh: '馆藏电子资源', en: 'Owned platform' },
  publisher_supplied: { zh: '出版社提供', en: 'Publisher supplied' },
  digitised: { zh: '馆内数字化', en: 'Digitised' },
  open_access: { zh: '开放获取', en: 'Open access' },
}

/** How a proposed match was found: the same ISBN-13, or the same normalised title (and author). */
export const MATCH_KINDS = ['isbn', 'title_author', 'title'] as const
export const MatchKind = z.enum(MATCH_KINDS)
export type MatchKind = z.infer<typeof MatchKind>

/**
 * One title as a teacher or librarian asks for it: an ISBN (10 or 13 digits, hyphens and spaces
 * allowed; checked for its check digit), or a title with what else is known. With an ISBN alone,
 * the title is taken from the library's e-holdings when it is there.
 */
export const TitleInput = z
  .strictObject({
    isbn: z
      .string()
      .trim()
      .max(40)
      .refine((value) => value === '' || isbn13Of(value) !== null, { message: 'invalid_isbn' })
      .optional(),
    title: nameText(300).optional(),
    author: nameText(200).optional(),
    publisher: nameText(200).optional(),
    edition: nameText(60).optional(),
  })
  .refine((value) => !!(value.isbn || value.title), { message: 'title_or_isbn', path: ['title'] })
export type TitleInput = z.infer<typeof TitleInput>

/** A title as its course's teachers see it. */
export const CourseTitle = z.object({
  id: IdSchema,
  isbn13: z.string().nullable(),
  /** Null for a title asked for by ISBN alone that the library does not know yet. */
  title: z.string().nullable(),
  author: z.string().nullable(),
  publisher: z.string().nullable(),
  edition: z.string().nullable(),
  status: TitleStatus,
  channel: TitleChannel.nullable(),
  /** Where readers will find it, once matched. */
  link: z.object({ url: z.string(), platform: z.string() }).nullable(),
  addedAt: TimestampSchema,
})
export type CourseTitle = z.infer<typeof CourseTitle>

const CourseParams = z.object({ courseId: IdSchema })

export const listCourseTitles = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/courses/:courseId/titles',
  tag: 'course-reserves',
  summary: 'The titles a course requires, for its teachers and the library’s staff',
  access: ['reader', ...STAFF_ROLES],
  params: CourseParams,
  response: z.object({ items: z.array(CourseTitle) }),
})

export const addCourseTitle = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/courses/:courseId/titles',
  tag: 'course-reserves',
  summary:
    'Add a title a course requires, by ISBN or by title, author, publisher and edition (its teachers and staff); a book other courses of the term ask for too is one title shared by them',
  access: ['reader', ...STAFF_ROLES],
  params: CourseParams,
  body: TitleInput,
  response: z.object({
    title: CourseTitle,
    /** False when the course already had it. */
    added: z.boolean(),
  }),
})

export const PastedTitles = z.strictObject({
  /** One title a line: an ISBN, or `title / author` (optionally `/ publisher`). */
  text: noteText(50_000),
  /** Check only; nothing is added. */
  dryRun: z.boolean().default(true),
})

/** One line of a pasted list and what it was read as. */
export const PastedLine = z.object({
  line: z.number().int(),
  text: z.string(),
  isbn13: z.string().nullable(),
  title: z.string().nullable(),
  author: z.string().nullable(),
  publisher: z.string().nullable(),
  /** What is wrong with the line (it stops the list being added), in the caller's language. */
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The course has the title already, or an earlier line asks for it too. */
  duplicate: z.boolean(),
})

export const pasteCourseTitles = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/courses/:courseId/titles/paste',
  tag: 'course-reserves',
  summary:
    'Add a pasted list of titles to a course, one a line (an ISBN, or title / author): a dry run reads every line; adding is all or nothing and refused while a line is wrong',
  access: ['reader', ...STAFF_ROLES],
  params: CourseParams,
  body: PastedTitles,
  response: z.object({
    dryRun: z.boolean(),
    lines: z.array(PastedLine),
    /** Titles added to the course (0 in a dry run). */
    added: z.number().int(),
    applied: z.boolean(),
  }),
})

export const removeCourseTitle = defineRoute({
  method: 'DELETE',
  path: '/api/course-reserves/courses/:courseId/titles/:titleId',
  tag: 'course-reserves',
  summary: 'Remove a title from a course’s list (its teachers and staff)',
  access: ['reader', ...STAFF_ROLES],
  params: CourseParams.extend({ titleId: IdSchema }),
  status: 204,
})

/** A proposed match of a title: a title of a platform the library has, found by ISBN or by title. */
export const MatchProposal = z.object({
  id: IdSchema,
  platform: z.object({ id: IdSchema, name: z.string(), openAccess: z.boolean() }),
  matchedBy: MatchKind,
  title: z.string(),
  author: z.string().nullable(),
  publisher: z.string().nullable(),
  isbn13: z.string().nullable(),
  url: z.string(),
  /** Free to read (an open-access platform, or KBART access_type F). */
  free: z.boolean(),
  state: z.enum(['proposed', 'accepted', 'rejected']),
})
export type MatchProposal = z.infer<typeof MatchProposal>

/** A title as staff see it: the courses that need it and its proposed matches. */
export const StaffTitle = CourseTitle.omit({ addedAt: true }).extend({
  termId: IdSchema,
  courses: z.array(
    z.object({ id: IdSchema, code: z.string(), nameZh: z.string(), department: z.string().nullable() }),
  ),
  /** Proposed and accepted matches (rejected ones are only counted). */
  proposals: z.array(MatchProposal),
  rejectedCount: z.number().int(),
  createdAt: TimestampSchema,
  /** Who works on it: a subject librarian of its courses' department unless reassigned. */
  assignee: z.object({ id: IdSchema, name: z.string() }).nullable(),
})
export type StaffTitle = z.infer<typeof StaffTitle>

export const TitleListQuery = PageQuery.extend({
  cursor: IdSchema.optional(),
  /** Default: the current term. */
  termId: IdSchema.optional(),
  courseId: IdSchema.optional(),
  /** Titles needed by a course of this department. */
  departmentId: IdSchema.optional(),
  status: TitleStatus.optional(),
  /** `proposed`: waiting for a decision on a proposed match; `none`: requested with no proposal. */
  match: z.enum(['proposed', 'none']).optional(),
  /** Part of the title, author or publisher, or an ISBN. */
  q: z.string().trim().max(100).optional(),
  /** `me`: assigned to the caller; `none`: to nobody; or an account id. */
  assignee: z.union([z.enum(['me', 'none']), IdSchema]).optional(),
})

const Count = z.number().int()

export const listTitles = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/titles',
  tag: 'course-reserves',
  summary:
    'The titles a term’s courses require (the current term unless named), oldest first, filtered by course, department, status and whether a match is proposed; with the term’s figures',
  access: STAFF_ROLES,
  query: TitleListQuery,
  response: page(StaffTitle).extend({
    termId: IdSchema.nullable(),
    /** The whole term's titles, whatever the filters. */
    summary: z.object({ total: Count, published: Count, proposed: Count, unmatched: Count }),
  }),
})

const MatchParams = z.object({ titleId: IdSchema, matchId: IdSchema })

export const acceptMatch = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/titles/:titleId/matches/:matchId/accept',
  tag: 'course-reserves',
  summary:
    'Accept a proposed match: the title is published through the fulfilment workflow (in its history), with the platform’s link and the channel (owned platform, or open access); a title already published keeps what it has',
  access: STAFF_ROLES,
  params: MatchParams,
  response: StaffTitle,
})

export const rejectMatch = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/titles/:titleId/matches/:matchId/reject',
  tag: 'course-reserves',
  summary:
    'Reject a proposed match (it is not proposed again); rejecting the accepted one the title was published with returns the title to requested',
  access: STAFF_ROLES,
  params: MatchParams,
  response: StaffTitle,
})

export const matchTitles = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/titles/match',
  tag: 'course-reserves',
  summary:
    'Match every requested title of my library against its e-holdings now (it also happens when titles are added and e-holdings imported)',
  access: STAFF_ROLES,
  body: z.strictObject({}),
  response: z.object({ titles: Count, proposed: Count }),
})
