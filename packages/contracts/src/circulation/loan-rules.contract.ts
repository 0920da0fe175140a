import { z } from 'zod'
import { MaterialType } from '../catalogue/catalogue.contract.ts'
import { READER_TYPES, ReaderTypeSchema, STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'

/**
 * How one kind of reader borrows: for every material type (`materialType` null), or for one
 * material type, which then overrides the general rule for those items and has its own limit.
 */
export const LoanRule = z.object({
  readerType: ReaderTypeSchema,
  materialType: MaterialType.nullable(),
  /** Days from check-out to the due date, before it is moved off a closed day. */
  loanDays: z.number().int().min(1).max(366),
  /** Items the reader may have at once (of this material type, for a material type's rule). */
  itemLimit: z.number().int().min(0).max(500),
  renewalLimit: z.number().int().min(0).max(20),
  /** Days a renewal adds to the due date (to today, for an overdue loan that may be renewed). */
  renewalDays: z.number().int().min(1).max(366),
  renewOverdue: z.boolean(),
  /** Fine per open day overdue, in fen; closed days cost nothing. */
  finePerDayFen: z.number().int().min(0).max(10_000),
})
export type LoanRule = z.infer<typeof LoanRule>

/**
 * What a new library starts from, and the demo libraries have: the loan periods, limits and
 * fines usual at Chinese university libraries, with audiovisual items lent for two weeks.
 */
export const SUGGESTED_LOAN_RULES: LoanRule[] = [
  {
    readerType: 'student',
    materialType: null,
    loanDays: 30,
    itemLimit: 20,
    renewalLimit: 1,
    renewalDays: 30,
    renewOverdue: false,
    finePerDayFen: 10,
  },
  {
    readerType: 'teacher',
    materialType: null,
    loanDays: 90,
    itemLimit: 50,
    renewalLimit: 2,
    renewalDays: 60,
    renewOverdue: false,
    finePerDayFen: 10,
  },
  {
    readerType: 'staff',
    materialType: null,
    loanDays: 60,
    itemLimit: 30,
    renewalLimit: 1,
    renewalDays: 30,
    renewOverdue: false,
    finePerDayFen: 10,
  },
  {
    readerType: 'student',
    materialType: 'audiovisual',
    loanDays: 14,
    itemLimit: 5,
    renewalLimit: 1,
    renewalDays: 14,
    renewOverdue: false,
    finePerDayFen: 20,
  },
]

/** Rules in reading order: by reader type, each one's general rule before its material types. */
export const sortLoanRules = (rules: LoanRule[]) => {
  const order = { student: 0, teacher: 1, staff: 2 }
  return [...rules].sort(
    (a, b) =>
      order[a.readerType] - order[b.readerType] ||
      Number(a.materialType !== null) - Number(b.materialType !== null) ||
      (a.materialType ?? '').localeCompare(b.materialType ?? ''),
  )
}

export const LoanRules = z.object({
  libraryId: IdSchema,
  rules: z.array(LoanRule),
  updatedAt: z.string().nullable(),
  updatedBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
})
export type LoanRules = z.infer<typeof LoanRules>

const keyOf = (rule: Pick<LoanRule, 'readerType' | 'materialType'>) =>
  `${rule.readerType}/${rule.materialType ?? '*'}`

/** Every reader type needs its general rule; no two rules for the same reader and material type. */
export const LoanRuleSet = z
  .array(LoanRule)
  .max(60)
  .superRefine((rules, context) => {
    const seen = new Set<string>()
    rules.forEach((rule, index) => {
      if (seen.has(keyOf(rule)))
        context.addIssue({ code: 'custom', path: [index, 'materialType'], message: 'duplicate_rule' })
      seen.add(keyOf(rule))
    })
    READER_TYPES.forEach((readerType) => {
      if (!seen.has(keyOf({ readerType, materialType: null })))
        context.addIssue({ code: 'custom', path: [], message: 'general_rule_missing' })
    })
  })

const LibraryQuery = z.object({
  /** Consortium admins name the library; everyone else gets their own. */
  libraryId: IdSchema.optional(),
})

export const getLoanRules = defineRoute({
  method: 'GET',
  path: '/api/circulation/loan-rules',
  tag: 'circulation',
  summary: 'The loan rules of my library: loan period, item limit, renewals and fines per reader type',
  access: [...STAFF_ROLES, 'consortium_admin'],
  query: LibraryQuery,
  response: LoanRules,
})

export const saveLoanRules = defineRoute({
  method: 'PUT',
  path: '/api/circulation/loan-rules',
  tag: 'circulation',
  summary:
    'Replace the loan rules of my library: one general rule per reader type, optionally one per material type',
  access: ['library_admin', 'consortium_admin'],
  query: LibraryQuery,
  body: z.object({ rules: LoanRuleSet }),
  response: LoanRules,
})
