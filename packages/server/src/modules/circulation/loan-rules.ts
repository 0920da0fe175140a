import type { loanRules } from '@shuqiao/contracts'
import type { Selectable } from 'kysely'
import type { LoanRulesTable } from '../../db/schema.ts'

type LoanRule = loanRules.LoanRule
export type LoanRuleRow = Selectable<LoanRulesTable>

/**
 * What a new library starts from, and the demo libraries have: the loan periods, limits and
 * fines usual at Chinese university libraries, with audiovisual items lent for two weeks.
 */
export const DEFAULT_LOAN_RULES: LoanRule[] = [
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

export const presentRule = (row: LoanRuleRow): LoanRule => ({
  readerType: row.reader_type,
  materialType: row.material_type as LoanRule['materialType'],
  loanDays: row.loan_days,
  itemLimit: row.item_limit,
  renewalLimit: row.renewal_limit,
  renewalDays: row.renewal_days,
  renewOverdue: row.renew_overdue,
  finePerDayFen: row.fine_per_day_fen,
})

/** General rules first, in reader-type order, then each reader type's material types. */
export const sortRules = (rules: LoanRule[]) => {
  const order = { student: 0, teacher: 1, staff: 2 }
  return [...rules].sort(
    (a, b) =>
      order[a.readerType] - order[b.readerType] ||
      Number(a.materialType !== null) - Number(b.materialType !== null) ||
      (a.materialType ?? '').localeCompare(b.materialType ?? ''),
  )
}

/** The rules one reader borrows by, in a library. */
export interface ReaderRules {
  general: LoanRule | undefined
  /** A material type's own rule, else the general one. */
  forMaterial: (materialType: string) => LoanRule | undefined
  /** Material types with a rule of their own, each counted against its own limit. */
  ownLimits: LoanRule[]
}

export const rulesForReader = (rules: LoanRule[], readerType: string): ReaderRules => {
  const mine = rules.filter((rule) => rule.readerType === readerType)
  const general = mine.find((rule) => rule.materialType === null)
  return {
    general,
    forMaterial: (materialType) => mine.find((rule) => rule.materialType === materialType) ?? general,
    ownLimits: mine.filter((rule) => rule.materialType !== null),
  }
}
