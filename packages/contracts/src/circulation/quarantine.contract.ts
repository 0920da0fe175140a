import { z } from 'zod'
import { MaterialType } from '../catalogue/catalogue.contract.ts'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'
import { DESK_ROLES, LoanItem } from './loans.contract.ts'

/**
 * How long a returned item rests before it goes back on the shelf: for every material type
 * (`materialType` null) or for one, which then overrides the general period.
 */
export const QuarantinePeriod = z.object({
  materialType: MaterialType.nullable(),
  /** Hours from check-in; at most 30 days. */
  hours: z.number().int().min(1).max(720),
})
export type QuarantinePeriod = z.infer<typeof QuarantinePeriod>

/** What the demo libraries have: books rest three days, everything else one. */
export const SUGGESTED_QUARANTINE_PERIODS: QuarantinePeriod[] = [
  { materialType: null, hours: 24 },
  { materialType: 'book', hours: 72 },
]

export const QuarantinePeriods = z.object({
  libraryId: IdSchema,
  /** Empty: quarantine is off and returned items are shelved at once. */
  periods: z.array(QuarantinePeriod),
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
})
export type QuarantinePeriods = z.infer<typeof QuarantinePeriods>

/** At most one period per material type, and one general one. */
export const QuarantinePeriodSet = z
  .array(QuarantinePeriod)
  .max(10)
  .superRefine((periods, context) => {
    const seen = new Set<string>()
    periods.forEach((period, index) => {
      const key = period.materialType ?? '*'
      if (seen.has(key))
        context.addIssue({ code: 'custom', path: [index, 'materialType'], message: 'duplicate_period' })
      seen.add(key)
    })
  })

const LibraryQuery = z.object({
  /** Consortium admins name the library; everyone else gets their own. */
  libraryId: IdSchema.optional(),
})

export const getQuarantinePeriods = defineRoute({
  method: 'GET',
  path: '/api/circulation/quarantine-periods',
  tag: 'circulation',
  summary: 'How many hours returned items of my library rest in quarantine, per material type',
  access: [...STAFF_ROLES, 'consortium_admin'],
  query: LibraryQuery,
  response: QuarantinePeriods,
})

export const saveQuarantinePeriods = defineRoute({
  method: 'PUT',
  path: '/api/circulation/quarantine-periods',
  tag: 'circulation',
  summary: 'Replace the quarantine periods of my library; an empty list turns quarantine off',
  access: ['library_admin', 'consortium_admin'],
  query: LibraryQuery,
  body: z.object({ periods: QuarantinePeriodSet }),
  response: QuarantinePeriods,
})

export const QuarantinedItem = LoanItem.extend({
  /** When it may go back on the shelf. */
  quarantineUntil: z.string(),
  /** That moment in the library's time zone, e.g. 2027-01-20 10:00. */
  untilLocal: z.string(),
  /** Its time has come: it may be released now. */
  due: z.boolean(),
})
export type QuarantinedItem = z.infer<typeof QuarantinedItem>

/** `today`: leaves quarantine later today; `overdue`: its time has passed and it awaits release. */
export const QUARANTINE_FILTERS = ['all', 'today', 'overdue'] as const

export const listQuarantine = defineRoute({
  method: 'GET',
  path: '/api/circulation/quarantine',
  tag: 'circulation',
  summary: 'Items of my library in quarantine, by when they leave it',
  access: DESK_ROLES,
  query: z.object({ show: z.enum(QUARANTINE_FILTERS).default('all') }),
  response: z.object({
    items: z.array(QuarantinedItem),
    /** Counts whatever the filter: all in quarantine, leaving later today, due for release now. */
    counts: z.object({ all: z.number().int(), today: z.number().int(), overdue: z.number().int() }),
  }),
})

export const releaseFromQuarantine = defineRoute({
  method: 'POST',
  path: '/api/circulation/quarantine/:itemId/release',
  tag: 'circulation',
  summary: 'Put one quarantined item back on the shelf (also before its time, e.g. when it is needed)',
  access: DESK_ROLES,
  params: z.object({ itemId: IdSchema }),
  response: z.object({ released: z.number().int() }),
})

export const releaseDueFromQuarantine = defineRoute({
  method: 'POST',
  path: '/api/circulation/quarantine/release-due',
  tag: 'circulation',
  summary: 'Put every quarantined item whose time has come back on the shelf',
  access: DESK_ROLES,
  response: z.object({ released: z.number().int() }),
})
