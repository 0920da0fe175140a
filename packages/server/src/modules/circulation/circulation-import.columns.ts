import { headerKey } from '@shuqiao/contracts'

export type ImportField =
  | 'barcode'
  | 'readerNumber'
  | 'checkedOutAt'
  | 'dueAt'
  | 'renewals'
  | 'amount'
  | 'reason'
  | 'finedAt'

// Headers as 汇文 (Libsys), ILAS, Aleph, Sirsi and FOLIO exports of loans and fines spell them,
// compared as headerKey folds them. The first of each list is the documented one.
const HEADERS: Record<ImportField, string[]> = {
  barcode: ['条码号', '条码', '条形码', '册条码', '册条码号', 'barcode', 'itembarcode'],
  readerNumber: [
    '读者证号',
    '证号',
    '借书证号',
    '读者条码',
    '读者号',
    '学工号',
    '学号',
    '工号',
    'readernumber',
    'patronid',
    'patronbarcode',
    'userid',
    'userbarcode',
  ],
  checkedOutAt: ['借出日期', '借书日期', '借阅日期', '借出时间', '借书时间', 'checkoutdate', 'loandate'],
  dueAt: ['应还日期', '应还时间', '到期日期', '到期日', '应还日', 'duedate'],
  renewals: ['续借次数', '续借', 'renewals', 'renewalcount'],
  amount: ['金额', '罚款金额', '欠款金额', '应缴金额', '罚款', '欠款', 'amount', 'fine', 'fineamount'],
  reason: ['原因', '罚款原因', '事由', '说明', '备注', 'reason', 'description', 'note'],
  finedAt: ['产生日期', '罚款日期', '日期', 'date', 'fineddate'],
}

const FIELD_BY_HEADER = new Map(
  Object.entries(HEADERS).flatMap(([field, names]) =>
    names.map((name) => [headerKey(name), field as ImportField]),
  ),
)

export const REQUIRED: Record<'loans' | 'fines', ImportField[]> = {
  loans: ['barcode', 'readerNumber', 'checkedOutAt', 'dueAt'],
  fines: ['readerNumber', 'amount'],
}

const USED: Record<'loans' | 'fines', ImportField[]> = {
  loans: ['barcode', 'readerNumber', 'checkedOutAt', 'dueAt', 'renewals'],
  fines: ['readerNumber', 'amount', 'reason', 'finedAt'],
}

/** The documented header of a field, for messages. */
export const documentedHeader = (field: ImportField) => HEADERS[field][0]!

const ENGLISH: Record<ImportField, string> = {
  barcode: 'barcode',
  readerNumber: 'reader number',
  checkedOutAt: 'checkout date',
  dueAt: 'due date',
  renewals: 'renewals',
  amount: 'amount',
  reason: 'reason',
  finedAt: 'date',
}
export const englishHeader = (field: ImportField) => ENGLISH[field]

/**
 * What a file holds and which column feeds which field: a due-date column makes it loans, an
 * amount without one fines. Columns the kind does not use are kept and ignored.
 */
export const mapColumns = (headers: string[]) => {
  const found = headers.map((header) => FIELD_BY_HEADER.get(headerKey(header)))
  const kind: 'loans' | 'fines' = found.includes('amount') && !found.includes('dueAt') ? 'fines' : 'loans'
  const taken = new Set<ImportField>()
  const columns = headers.map((header, at) => {
    const field = found[at]
    if (!field || !USED[kind].includes(field) || taken.has(field)) return { header, field: null }
    taken.add(field)
    return { header, field }
  })
  return { kind, columns, missing: REQUIRED[kind].filter((field) => !taken.has(field)) }
}
