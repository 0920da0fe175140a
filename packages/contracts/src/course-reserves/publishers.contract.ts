import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import {
  DateOnlySchema,
  EmailSchema,
  IdSchema,
  nameText,
  noteText,
  PhoneSchema,
  TimestampSchema,
} from '../common/text.ts'
import { TitleStatus } from './course-titles.contract.ts'

/** What happened with a publisher: asked, answered, agreed, supplied the titles, or refused. */
export const CONTACT_KINDS = ['contacted', 'replied', 'agreed', 'supplied', 'refused'] as const
export const ContactKind = z.enum(CONTACT_KINDS)
export type ContactKind = z.infer<typeof ContactKind>

export const CONTACT_LABELS: Record<ContactKind, { zh: string; en: string }> = {
  contacted: { zh: '已联系', en: 'Contacted' },
  replied: { zh: '已回复', en: 'Replied' },
  agreed: { zh: '已同意', en: 'Agreed' },
  supplied: { zh: '已提供', en: 'Supplied' },
  refused: { zh: '已拒绝', en: 'Refused' },
}

const optionalText = (schema: z.ZodType<string>) => schema.nullable().optional()

export const PublisherInput = z.strictObject({
  name: nameText(200),
  contactPerson: optionalText(nameText(100)),
  email: optionalText(EmailSchema),
  phone: optionalText(PhoneSchema),
  note: optionalText(noteText(2000)),
})
export type PublisherInput = z.infer<typeof PublisherInput>

const Count = z.number().int()

/**
 * A publisher's figures: its titles (linked or matched by name); titles asked (in a
 * `contacted` entry), supplied, refused (and not supplied since), and pending (asked, neither).
 */
export const PublisherFigures = z.object({
  titles: Count,
  asked: Count,
  supplied: Count,
  pending: Count,
  refused: Count,
})

export const Publisher = z.object({
  id: IdSchema,
  name: z.string(),
  contactPerson: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  figures: PublisherFigures,
  lastContact: z.object({ kind: ContactKind, date: DateOnlySchema }).nullable(),
  createdAt: TimestampSchema,
})
export type Publisher = z.infer<typeof Publisher>

const PublisherTitle = z.object({
  id: IdSchema,
  title: z.string().nullable(),
  isbn13: z.string().nullable(),
  author: z.string().nullable(),
  status: TitleStatus,
})

export const Contact = z.object({
  id: IdSchema,
  kind: ContactKind,
  date: DateOnlySchema,
  note: z.string().nullable(),
  by: z.object({ id: IdSchema, name: z.string() }).nullable(),
  titles: z.array(PublisherTitle),
  createdAt: TimestampSchema,
})
export type Contact = z.infer<typeof Contact>

export const PublisherDetail = Publisher.extend({
  contacts: z.array(Contact),
  /** Its titles: linked by hand (`linked`) or matched by the publisher they give. */
  titles: z.array(PublisherTitle.extend({ publisher: z.string().nullable(), linked: z.boolean() })),
})
export type PublisherDetail = z.infer<typeof PublisherDetail>

const PublisherParams = z.object({ publisherId: IdSchema })

export const PublisherListQuery = z.object({
  /** Part of the name or contact person. */
  q: z.string().trim().max(100).optional(),
  /** `pending`: with titles asked and not yet answered; `contacted`: ever contacted; `never`: not yet. */
  state: z.enum(['pending', 'contacted', 'never']).optional(),
})

export const listPublishers = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/publishers',
  tag: 'course-reserves',
  summary: 'The library’s publishers with their figures (titles, asked, supplied, pending, refused), by name',
  access: STAFF_ROLES,
  query: PublisherListQuery,
  response: z.object({ items: z.array(Publisher), totals: PublisherFigures }),
})

export const createPublisher = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/publishers',
  tag: 'course-reserves',
  summary: 'Add a publisher (a name used twice, folded, is 409 publisher_name_taken)',
  access: STAFF_ROLES,
  body: PublisherInput,
  response: Publisher,
  status: 201,
})

export const getPublisher = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/publishers/:publisherId',
  tag: 'course-reserves',
  summary: 'A publisher with its figures, contact log and titles',
  access: STAFF_ROLES,
  params: PublisherParams,
  response: PublisherDetail,
})

export const updatePublisher = defineRoute({
  method: 'PATCH',
  path: '/api/course-reserves/publishers/:publisherId',
  tag: 'course-reserves',
  summary: 'Change a publisher’s name or contact details',
  access: STAFF_ROLES,
  params: PublisherParams,
  body: PublisherInput.partial(),
  response: Publisher,
})

export const ContactInput = z.strictObject({
  kind: ContactKind,
  date: DateOnlySchema,
  note: noteText(2000).optional(),
  /** The titles concerned; they are linked to the publisher. */
  titleIds: z.array(IdSchema).max(500).default([]),
})

export const addContact = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/publishers/:publisherId/contacts',
  tag: 'course-reserves',
  summary:
    'Log a contact with a publisher; `contacted` moves its titles to publisher contacted and `supplied` to obtained (where their status allows), in their history',
  access: STAFF_ROLES,
  params: PublisherParams,
  body: ContactInput,
  response: z.object({
    contact: Contact,
    /** Titles whose status the entry moved. */
    moved: Count,
  }),
  status: 201,
})

export const linkTitlePublisher = defineRoute({
  method: 'PUT',
  path: '/api/course-reserves/titles/:titleId/publisher',
  tag: 'course-reserves',
  summary: 'Link a title to one of the library’s publishers by hand (null: back to matching by name)',
  access: STAFF_ROLES,
  params: z.object({ titleId: IdSchema }),
  body: z.strictObject({ publisherId: IdSchema.nullable() }),
  response: z.object({
    publisher: z.object({ id: IdSchema, name: z.string(), linked: z.boolean() }).nullable(),
  }),
})
