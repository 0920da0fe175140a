import type { loanRules, loans } from '@shuqiao/contracts'
import { localDayAndTime } from './due-dates.ts'
import type { FineRow } from './fines.repository.ts'
import { rulesForReader } from './loan-rules.ts'
import type { LoanRow } from './loans.repository.ts'

/** What presenting a library's loans needs: its time zone, the time now and its rules. */
export interface LendingView {
  timeZone: string
  now: Date
  rules: loanRules.LoanRule[]
}

type ReaderType = loans.LoanReader['type']
type MaterialType = loans.LoanItem['materialType']

export const presentLoan = (row: LoanRow, view: LendingView): loans.Loan => {
  const rule = rulesForReader(view.rules, row.reader_type).forMaterial(row.material_type)
  const open = row.returned_at === null
  return {
    id: row.id,
    libraryId: row.library_id,
    item: {
      id: row.item_id,
      barcode: row.barcode,
      title: row.title,
      author: row.author,
      callNumber: row.call_number,
      location: row.location,
      materialType: row.material_type as MaterialType,
    },
    reader: {
      id: row.reader_id,
      name: row.reader_name,
      readerNumber: row.reader_number,
      type: row.reader_type as ReaderType,
    },
    checkedOutAt: row.checked_out_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    dueDay: localDayAndTime(row.due_at, view.timeZone).day,
    renewals: row.renewals,
    renewalsLeft: open && rule ? Math.max(0, rule.renewalLimit - row.renewals) : null,
    returnedAt: row.returned_at?.toISOString() ?? null,
    overdue: open && row.due_at.getTime() < view.now.getTime(),
  }
}

export const presentFine = (row: FineRow): loans.Fine => ({
  id: row.id,
  libraryId: row.library_id,
  reader: {
    id: row.reader_id,
    name: row.reader_name,
    readerNumber: row.reader_number,
    type: row.reader_type as ReaderType,
  },
  loanId: row.loan_id,
  item: row.barcode && row.title ? { barcode: row.barcode, title: row.title } : null,
  amountFen: row.amount_fen,
  kind: row.kind,
  overdueDays: row.overdue_days,
  note: row.note,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  settledAt: row.settled_at?.toISOString() ?? null,
})
