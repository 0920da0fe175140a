import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText, noteText, TimestampSchema } from '../common/text.ts'
import { WebUrl } from '../e-resources/e-resources.contract.ts'
import { TitleChannel, type TitleStatus, TitleStatus as TitleStatusSchema } from './course-titles.contract.ts'

/**
 * Where a title may go next from each status. Work starts from `requested` in any direction;
 * once obtained or digitising it is published or given up; a published title goes back to
 * searching when its link stops serving (or an item is withdrawn); an unavailable one is looked
 * for again. Publishing by an approved reserve item is allowed from any status but published.
 */
export const TITLE_TRANSITIONS: Record<TitleStatus, readonly TitleStatus[]> = {
  requested: ['searching', 'publisher_contacted', 'obtained', 'digitising', 'published', 'unavailable'],
  searching: ['requested', 'publisher_contacted', 'obtained', 'digitising', 'published', 'unavailable'],
  publisher_contacted: ['searching', 'obtained', 'digitising', 'published', 'unavailable'],
  obtained: ['digitising', 'published', 'unavailable'],
  digitising: ['obtained', 'published', 'unavailable'],
  published: ['searching'],
  unavailable: ['searching'],
}

/** The statuses a title may move to from `from`. */
export const nextStatuses = (from: TitleStatus): readonly TitleStatus[] => TITLE_TRANSITIONS[from]

const TitleParams = z.object({ titleId: IdSchema })

/**
 * A status change by staff. `published` needs the channel and the link readers open (unless a
 * reserve item publishes it); `unavailable` needs a reason.
 */
export const StatusChange = z
  .strictObject({
    status: TitleStatusSchema,
    channel: TitleChannel.optional(),
    link: z.strictObject({ url: WebUrl, platform: nameText(100).optional() }).optional(),
    reason: noteText(500).optional(),
    note: noteText(2000).optional(),
  })
  .superRefine((value, context) => {
    if (value.status === 'published') {
      if (!value.channel) context.addIssue({ code: 'custom', message: 'channel_required', path: ['channel'] })
      if (!value.link) context.addIssue({ code: 'custom', message: 'link_required', path: ['link', 'url'] })
    }
    if (value.status === 'unavailable' && !value.reason?.trim())
      context.addIssue({ code: 'custom', message: 'reason_required', path: ['reason'] })
  })
export type StatusChange = z.infer<typeof StatusChange>

const Person = z.object({ id: IdSchema, name: z.string() })

/** One line of a title's history. */
export const TitleEvent = z.object({
  id: IdSchema,
  at: TimestampSchema,
  /** Null when the system did it (assignment on creation, a reserve item approved). */
  actor: Person.nullable(),
  kind: z.enum(['status', 'assigned']),
  from: TitleStatusSchema.nullable(),
  to: TitleStatusSchema.nullable(),
  channel: TitleChannel.nullable(),
  /** For `assigned`: who the title went to (null: nobody). */
  assignee: Person.nullable(),
  note: z.string().nullable(),
})
export type TitleEvent = z.infer<typeof TitleEvent>

/** Where a title stands in the fulfilment work, as its staff drawer shows it. */
export const TitleWork = z.object({
  id: IdSchema,
  status: TitleStatusSchema,
  channel: TitleChannel.nullable(),
  link: z.object({ url: z.string(), platform: z.string() }).nullable(),
  unavailableReason: z.string().nullable(),
  publishedAt: TimestampSchema.nullable(),
  assignee: Person.nullable(),
  publisher: z.object({ id: IdSchema, name: z.string(), linked: z.boolean() }).nullable(),
  /** Where it may go from here. */
  next: z.array(TitleStatusSchema),
  history: z.array(TitleEvent),
})
export type TitleWork = z.infer<typeof TitleWork>

export const getTitleWork = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/titles/:titleId/work',
  tag: 'course-reserves',
  summary: 'A title’s status, assignee, publisher, allowed next statuses and time-stamped history',
  access: STAFF_ROLES,
  params: TitleParams,
  response: TitleWork,
})

export const changeTitleStatus = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/titles/:titleId/status',
  tag: 'course-reserves',
  summary:
    'Move a title to another status (409 invalid_title_transition, naming the allowed ones, when it may not go there); recorded in its history',
  access: STAFF_ROLES,
  params: TitleParams,
  body: StatusChange,
  response: TitleWork,
})

export const assignTitle = defineRoute({
  method: 'PUT',
  path: '/api/course-reserves/titles/:titleId/assignee',
  tag: 'course-reserves',
  summary: 'Reassign a title to one of the library’s staff (or to nobody)',
  access: STAFF_ROLES,
  params: TitleParams,
  body: z.strictObject({ assigneeId: IdSchema.nullable(), note: noteText(2000).optional() }),
  response: TitleWork,
})

export const assignTitles = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/titles/assign',
  tag: 'course-reserves',
  summary: 'Assign several titles at once to one of the library’s staff (or to nobody)',
  access: STAFF_ROLES,
  body: z.strictObject({
    titleIds: z.array(IdSchema).min(1).max(500),
    assigneeId: IdSchema.nullable(),
  }),
  response: z.object({ assigned: z.number().int() }),
})

/** Someone titles can be assigned to: a member of the library's staff, with their departments. */
export const Assignee = z.object({
  id: IdSchema,
  name: z.string(),
  readerNumber: z.string(),
  subjectLibrarian: z.boolean(),
  departments: z.array(z.object({ id: IdSchema, nameZh: z.string() })),
})
export type Assignee = z.infer<typeof Assignee>

export const listAssignees = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/assignees',
  tag: 'course-reserves',
  summary: 'The library’s staff titles can be assigned to, subject librarians first, with their departments',
  access: STAFF_ROLES,
  response: z.object({ items: z.array(Assignee) }),
})

export const AssigneeFilter = z.union([z.literal('me'), z.literal('none'), IdSchema])
