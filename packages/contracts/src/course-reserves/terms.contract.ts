import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema, nameText } from '../common/text.ts'

/** A term's code as academic affairs offices write it, e.g. `2025-2026-2` (学年-学期). */
export const TermCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/)

export const Term = z.object({
  id: IdSchema,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  startsOn: DateOnlySchema,
  endsOn: DateOnlySchema,
  /** The library's current term: what readers see under 我的课程. At most one per library. */
  current: z.boolean(),
  courseCount: z.number().int(),
})
export type Term = z.infer<typeof Term>

const endsAfterStart = (value: { startsOn?: string | undefined; endsOn?: string | undefined }) =>
  !(value.startsOn && value.endsOn && value.endsOn < value.startsOn)

export const TermInput = z
  .strictObject({
    code: TermCode,
    nameZh: nameText(60),
    nameEn: nameText(100),
    startsOn: DateOnlySchema,
    endsOn: DateOnlySchema,
    /** Make this the current term (the one current before stops being so). */
    current: z.boolean().default(false),
  })
  .refine(endsAfterStart, { message: 'ends_before_start', path: ['endsOn'] })

export const TermChange = z
  .strictObject({
    code: TermCode.optional(),
    nameZh: nameText(60).optional(),
    nameEn: nameText(100).optional(),
    startsOn: DateOnlySchema.optional(),
    endsOn: DateOnlySchema.optional(),
    current: z.boolean().optional(),
  })
  .refine(endsAfterStart, { message: 'ends_before_start', path: ['endsOn'] })

const TermParams = z.object({ termId: IdSchema })

export const listTerms = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/terms',
  tag: 'course-reserves',
  summary: 'Terms of my library, newest first, with how many courses each has',
  access: STAFF_ROLES,
  response: z.object({ items: z.array(Term) }),
})

export const createTerm = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/terms',
  tag: 'course-reserves',
  summary: 'Add a term to my library',
  access: STAFF_ROLES,
  body: TermInput,
  response: Term,
  status: 201,
})

export const updateTerm = defineRoute({
  method: 'PATCH',
  path: '/api/course-reserves/terms/:termId',
  tag: 'course-reserves',
  summary: 'Change a term, or make it the current one',
  access: STAFF_ROLES,
  params: TermParams,
  body: TermChange,
  response: Term,
})
