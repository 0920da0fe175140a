import type { catalogue } from '@shuqiao/contracts'
import type { LibraryCalendar } from '../../platform/libraries/calendar.ts'
import type { Table } from '../../platform/spreadsheets/read-table.ts'
import type { LendingItem } from '../catalogue/item-lending.ts'
import type { ImportField, mapColumns } from './circulation-import.columns.ts'
import { DUE_TIME, dueAtOn, instantAt } from './due-dates.ts'
import { parseDateCell, parseYuan } from './import-values.ts'
import type { Reader } from './readers.ts'

type Problem = catalogue.ImportProblem
type Columns = ReturnType<typeof mapColumns>['columns']

/** A loan as it will be stored, with what the preview shows of it. */
export interface StagedLoan {
  line: number
  itemId: string
  barcode: string
  title: string
  readerId: string
  readerNumber: string
  readerName: string
  checkedOutAt: string
  dueAt: string
  renewals: number
}

export interface StagedFine {
  line: number
  readerId: string
  readerNumber: string
  readerName: string
  amountFen: number
  reason: string
  finedAt: string
}

/** What the rows are checked against, looked up in one go by the service. */
export interface ImportLookups {
  items: ReadonlyMap<string, LendingItem>
  readers: ReadonlyMap<string, Reader>
  /** Reader of each item's open loan, by item id. */
  openLoans: ReadonlyMap<string, string>
  /** `${readerId}|${amountFen}|${reason}` of open imported fines, so a file imported twice adds nothing. */
  importedFines: ReadonlySet<string>
  calendar: LibraryCalendar
  timeZone: string
  today: string
}

export const IMPORTED_FINE_REASON = '从原系统导入'

const problem = (
  line: number,
  column: string | null,
  code: string,
  severity: Problem['severity'],
  zh: string,
  en: string,
): Problem => ({ line, column, code, severity, message: { zh, en } })

/** Reads one row's cells by field, with control characters blanked and spaces trimmed. */
const cellReader = (columns: Columns) => {
  const index = new Map(columns.flatMap((column, at) => (column.field ? [[column.field, at] as const] : [])))
  const headerOf = (field: ImportField) => columns[index.get(field) ?? -1]?.header ?? field
  return {
    headerOf,
    cellOf: (cells: string[]) => (field: ImportField) => {
      const at = index.get(field)
      return at === undefined ? '' : (cells[at] ?? '').replace(/\p{Cc}/gu, ' ').trim()
    },
  }
}

const requiredProblems = (
  line: number,
  fields: ImportField[],
  cell: (f: ImportField) => string,
  headerOf: (f: ImportField) => string,
) =>
  fields
    .filter((field) => !cell(field))
    .map((field) =>
      problem(
        line,
        headerOf(field),
        'required',
        'error',
        `缺少${headerOf(field)}`,
        `${headerOf(field)} is missing`,
      ),
    )

const readerProblem = (line: number, header: string, number: string) =>
  problem(
    line,
    header,
    'unknown_reader',
    'error',
    `本馆没有读者证号为 ${number} 的读者`,
    `No reader of this library has the number ${number}`,
  )

/**
 * Checks every row of a loans export: barcode and reader known in this library, dates that
 * exist, due no earlier than lent, lent no later than today, the item not on loan to someone
 * else. A due date on a closed day moves to the next open day (a warning says so); a loan
 * already recorded for the same reader is left out with a warning, so a file can be imported twice.
 */
export const stageLoans = (table: Table, columns: Columns, lookups: ImportLookups) => {
  const { headerOf, cellOf } = cellReader(columns)
  const staged: StagedLoan[] = []
  const problems: Problem[] = []
  const seen = new Map<string, number>()
  for (const { line, cells } of table.rows) {
    const cell = cellOf(cells)
    const row = requiredProblems(line, ['barcode', 'readerNumber', 'checkedOutAt', 'dueAt'], cell, headerOf)
    const barcode = cell('barcode')
    const readerNumber = cell('readerNumber')
    const item = barcode ? lookups.items.get(barcode) : undefined
    const reader = readerNumber ? lookups.readers.get(readerNumber) : undefined
    if (barcode && !item) {
      row.push(
        problem(
          line,
          headerOf('barcode'),
          'unknown_barcode',
          'error',
          `本馆没有条码为 ${barcode} 的馆藏`,
          `No item of this library has the barcode ${barcode}`,
        ),
      )
    }
    if (barcode && seen.has(barcode)) {
      row.push(
        problem(
          line,
          headerOf('barcode'),
          'duplicate_barcode',
          'error',
          `条码 ${barcode} 与第 ${seen.get(barcode)} 行重复`,
          `Barcode ${barcode} repeats line ${seen.get(barcode)}`,
        ),
      )
    } else if (barcode) seen.set(barcode, line)
    if (readerNumber && !reader) row.push(readerProblem(line, headerOf('readerNumber'), readerNumber))
    if (item?.status === 'withdrawn') {
      row.push(
        problem(
          line,
          headerOf('barcode'),
          'item_withdrawn',
          'error',
          `条码 ${barcode} 的馆藏已剔除，不能有借阅`,
          `The item with barcode ${barcode} is withdrawn and cannot be on loan`,
        ),
      )
    }
    const lent = cell('checkedOutAt') ? parseDateCell(cell('checkedOutAt')) : undefined
    const due = cell('dueAt') ? parseDateCell(cell('dueAt')) : undefined
    for (const [field, text, parsed] of [
      ['checkedOutAt', cell('checkedOutAt'), lent],
      ['dueAt', cell('dueAt'), due],
    ] as const) {
      if (text && !parsed) {
        row.push(
          problem(
            line,
            headerOf(field),
            'invalid_date',
            'error',
            `${headerOf(field)}“${text}”不是有效日期，请写成 2026-12-01 这样的格式`,
            `${headerOf(field)} "${text}" is not a date; write it like 2026-12-01`,
          ),
        )
      }
    }
    if (lent && lent.day > lookups.today) {
      row.push(
        problem(
          line,
          headerOf('checkedOutAt'),
          'checkout_in_future',
          'error',
          `借出日期 ${lent.day} 晚于今天`,
          `Checkout date ${lent.day} is after today`,
        ),
      )
    }
    if (lent && due && due.day < lent.day) {
      row.push(
        problem(
          line,
          headerOf('dueAt'),
          'due_before_checkout',
          'error',
          `应还日期 ${due.day} 早于借出日期 ${lent.day}`,
          `Due date ${due.day} is before the checkout date ${lent.day}`,
        ),
      )
    }
    const lentTo = item ? lookups.openLoans.get(item.id) : undefined
    if (item && lentTo && reader && lentTo !== reader.id) {
      row.push(
        problem(
          line,
          headerOf('barcode'),
          'already_on_loan',
          'error',
          `条码 ${barcode} 在书桥中已借给另一位读者`,
          `The item with barcode ${barcode} is already on loan to another reader in Shuqiao`,
        ),
      )
    }
    if (row.length > 0 || !item || !reader || !lent || !due) {
      problems.push(...row)
      continue
    }
    if (lentTo === reader.id) {
      problems.push(
        problem(
          line,
          headerOf('barcode'),
          'loan_exists',
          'warning',
          `这笔借阅已在书桥中，本行跳过`,
          'This loan is already in Shuqiao; the row is skipped',
        ),
      )
      continue
    }
    const dueAt = dueAtOn(lookups.calendar, lookups.timeZone, due.day, due.time ?? DUE_TIME)
    if (dueAt.moved) {
      problems.push(
        problem(
          line,
          headerOf('dueAt'),
          'due_moved',
          'warning',
          `应还日期 ${due.day} 闭馆，顺延至 ${dueAt.day}`,
          `The library is closed on the due date ${due.day}; moved to ${dueAt.day}`,
        ),
      )
    }
    if (reader.status !== 'active') {
      problems.push(
        problem(
          line,
          headerOf('readerNumber'),
          'reader_disabled',
          'warning',
          `读者 ${readerNumber} 的账号已停用，借阅仍会导入`,
          `Reader ${readerNumber} is disabled; the loan is imported all the same`,
        ),
      )
    }
    const renewalsText = cell('renewals')
    const renewals = /^\d{1,2}$/.test(renewalsText) ? Number(renewalsText) : 0
    if (renewalsText && !/^\d{1,2}$/.test(renewalsText)) {
      problems.push(
        problem(
          line,
          headerOf('renewals'),
          'invalid_renewals',
          'warning',
          `续借次数“${renewalsText}”不是整数，按 0 次导入`,
          `Renewals "${renewalsText}" is not a whole number; imported as 0`,
        ),
      )
    }
    staged.push({
      line,
      itemId: item.id,
      barcode,
      title: item.title,
      readerId: reader.id,
      readerNumber,
      readerName: reader.name,
      checkedOutAt: instantAt(lent.day, lent.time ?? '00:00', lookups.timeZone).toISOString(),
      dueAt: dueAt.at.toISOString(),
      renewals,
    })
  }
  return { staged, problems }
}

/**
 * Checks every row of a fines export: reader known in this library, an amount in yuan above
 * zero, a reason of at most 200 characters. A fine already imported (same reader, amount and
 * reason, still open) is left out with a warning.
 */
export const stageFines = (table: Table, columns: Columns, lookups: ImportLookups) => {
  const { headerOf, cellOf } = cellReader(columns)
  const staged: StagedFine[] = []
  const problems: Problem[] = []
  for (const { line, cells } of table.rows) {
    const cell = cellOf(cells)
    const row = requiredProblems(line, ['readerNumber', 'amount'], cell, headerOf)
    const readerNumber = cell('readerNumber')
    const reader = readerNumber ? lookups.readers.get(readerNumber) : undefined
    if (readerNumber && !reader) row.push(readerProblem(line, headerOf('readerNumber'), readerNumber))
    const amountText = cell('amount')
    const amountFen = amountText ? parseYuan(amountText) : undefined
    if (amountText && (amountFen === undefined || amountFen <= 0)) {
      row.push(
        problem(
          line,
          headerOf('amount'),
          'invalid_amount',
          'error',
          `金额“${amountText}”无效，请写大于 0 的元数，如 3.50`,
          `Amount "${amountText}" is not valid; write yuan above zero, like 3.50`,
        ),
      )
    }
    const reason = cell('reason') || IMPORTED_FINE_REASON
    if (reason.length > 200) {
      row.push(
        problem(
          line,
          headerOf('reason'),
          'too_long',
          'error',
          `${headerOf('reason')}超过 200 个字符`,
          `${headerOf('reason')} is longer than 200 characters`,
        ),
      )
    }
    if (row.length > 0 || !reader || !amountFen) {
      problems.push(...row)
      continue
    }
    if (lookups.importedFines.has(`${reader.id}|${amountFen}|${reason}`)) {
      problems.push(
        problem(
          line,
          headerOf('amount'),
          'fine_exists',
          'warning',
          '这笔罚款已导入过，本行跳过',
          'This fine was imported before; the row is skipped',
        ),
      )
      continue
    }
    const finedText = cell('finedAt')
    const fined = finedText ? parseDateCell(finedText) : undefined
    if (finedText && !fined) {
      problems.push(
        problem(
          line,
          headerOf('finedAt'),
          'invalid_date',
          'warning',
          `日期“${finedText}”无法识别，按今天导入`,
          `Date "${finedText}" is not a date; imported as today`,
        ),
      )
    }
    staged.push({
      line,
      readerId: reader.id,
      readerNumber,
      readerName: reader.name,
      amountFen,
      reason,
      finedAt: instantAt(fined?.day ?? lookups.today, fined?.time ?? '00:00', lookups.timeZone).toISOString(),
    })
  }
  return { staged, problems }
}
