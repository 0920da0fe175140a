import type { loanRules } from '@shuqiao/contracts'

type LoanRule = loanRules.LoanRule

/** An amount in fen as people read it: ¥3.50. */
export const formatFen = (fen: number) => `¥${(fen / 100).toFixed(2)}`

/** Where the sample exports lie (packages/web/public/samples/). */
export const SAMPLE_FILES = {
  loans: '/samples/circulation-loans.csv',
  fines: '/samples/circulation-fines.csv',
} as const

/** How soon a loan is due, for its tag: overdue, due within three days, or later. */
export const dueState = (loan: { overdue: boolean; dueDay: string }, today: string) => {
  if (loan.overdue) return 'overdue' as const
  const days = Math.round((Date.parse(loan.dueDay) - Date.parse(today)) / 86_400_000)
  return days <= 3 ? ('soon' as const) : ('later' as const)
}

/**
 * What a scanner or a person typed, as a barcode or reader number: trimmed, with the control
 * characters some scanners add before or after the code left out. Empty when nothing is left.
 */
export const scannedCode = (typed: string) => typed.replace(/\p{Cc}/gu, '').trim()

/** A material type's own rule, started from the reader type's general rule. */
export const newMaterialRule = (
  rules: LoanRule[],
  readerType: LoanRule['readerType'],
  materialType: NonNullable<LoanRule['materialType']>,
): LoanRule => {
  const general = rules.find((rule) => rule.readerType === readerType && rule.materialType === null)
  return {
    readerType,
    materialType,
    loanDays: general?.loanDays ?? 30,
    itemLimit: general?.itemLimit ?? 10,
    renewalLimit: general?.renewalLimit ?? 1,
    renewalDays: general?.renewalDays ?? 30,
    renewOverdue: general?.renewOverdue ?? false,
    finePerDayFen: general?.finePerDayFen ?? 10,
  }
}

/** Material types a reader type has no rule of its own for yet. */
export const freeMaterialTypes = (
  rules: LoanRule[],
  readerType: LoanRule['readerType'],
  all: readonly NonNullable<LoanRule['materialType']>[],
) => all.filter((type) => !rules.some((rule) => rule.readerType === readerType && rule.materialType === type))
