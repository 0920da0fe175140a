import { type loanRules, SUGGESTED_LOAN_RULES } from '@shuqiao/contracts'
import type { Selectable } from 'kysely'
import type { LoanRulesTable } from '../../db/schema.ts'

type LoanRule = loanRules.LoanRule
export type LoanRuleRow = Selectable<LoanRulesTable>

/** What a new library starts from, and the demo libraries have. */
export const DEFAULT_LOAN_RULES: LoanRule[] = SUGGESTED_LOAN_RULES

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
