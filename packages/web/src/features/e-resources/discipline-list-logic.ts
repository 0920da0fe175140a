import { DISCIPLINE_CODE_PATTERN, type FieldProblem, MAX_DISCIPLINES } from '@shuqiao/contracts'

/** A discipline as the list editor holds it; `key` stays with the row while its code is typed over. */
export interface DisciplineRow {
  key: string
  code: string
  zh: string
  en: string
}

export type DisciplineField = 'code' | 'zh' | 'en'

/** What is wrong with one cell, by `<row index>.<field>`. */
export type RowProblems = Record<string, DisciplineProblem>
export type DisciplineProblem =
  | { kind: 'required' | 'codeFormat' | 'duplicateCode' | 'duplicateName' | 'tooLong' | 'unsafe' }
  | { kind: 'server'; message: string }

export const cellKey = (index: number, field: DisciplineField) => `${index}.${field}`

// The contract's limits (disciplines.contract.ts), checked before sending.
const LIMITS: Record<DisciplineField, number> = { code: 12, zh: 60, en: 120 }
const UNSAFE_IN_NAME = /[<>\p{Cc}]/u

let counter = 0
const nextKey = () => `row-${++counter}`

/** A list from the server as rows to edit. */
export const rowsOf = (items: readonly { code: string; zh: string; en: string }[]): DisciplineRow[] =>
  items.map((item) => ({ key: nextKey(), code: item.code, zh: item.zh, en: item.en }))

/** An empty row at the end, unless the list is full. */
export const withNewRow = (rows: readonly DisciplineRow[]) =>
  rows.length >= MAX_DISCIPLINES ? [...rows] : [...rows, { key: nextKey(), code: '', zh: '', en: '' }]

/** The row at `from` moved to `to`, the others keeping their order; the same list for a place outside it. */
export const moveRow = (rows: readonly DisciplineRow[], from: number, to: number) => {
  if (from < 0 || from >= rows.length || to < 0 || to >= rows.length) return [...rows]
  const next = [...rows]
  const [row] = next.splice(from, 1)
  next.splice(to, 0, row!)
  return next
}

export const withoutRow = (rows: readonly DisciplineRow[], index: number) =>
  rows.filter((_, at) => at !== index)

export const changeRow = (
  rows: readonly DisciplineRow[],
  index: number,
  field: DisciplineField,
  value: string,
) => rows.map((row, at) => (at === index ? { ...row, [field]: value } : row))

/**
 * What the server would refuse, found before sending: blank or too long cells, angle brackets,
 * codes not of letters and digits, a code twice (case ignored, as the server does) or a Chinese
 * name twice.
 */
export const rowProblemsOf = (rows: readonly DisciplineRow[]): RowProblems => {
  const problems: RowProblems = {}
  const codes = new Set<string>()
  const names = new Set<string>()
  rows.forEach((row, index) => {
    for (const field of ['code', 'zh', 'en'] as const) {
      const value = row[field].trim()
      if (!value) problems[cellKey(index, field)] = { kind: 'required' }
      else if (value.length > LIMITS[field]) problems[cellKey(index, field)] = { kind: 'tooLong' }
      else if (UNSAFE_IN_NAME.test(value)) problems[cellKey(index, field)] = { kind: 'unsafe' }
    }
    const code = row.code.trim()
    if (code && !problems[cellKey(index, 'code')]) {
      if (!DISCIPLINE_CODE_PATTERN.test(code)) problems[cellKey(index, 'code')] = { kind: 'codeFormat' }
      else if (codes.has(code.toLowerCase())) problems[cellKey(index, 'code')] = { kind: 'duplicateCode' }
      codes.add(code.toLowerCase())
    }
    const zh = row.zh.trim()
    if (zh && !problems[cellKey(index, 'zh')]) {
      if (names.has(zh)) problems[cellKey(index, 'zh')] = { kind: 'duplicateName' }
      names.add(zh)
    }
  })
  return problems
}

/** The rows as the body of PUT /api/disciplines, trimmed. */
export const disciplineInputOf = (rows: readonly DisciplineRow[]) => ({
  items: rows.map((row) => ({ code: row.code.trim(), zh: row.zh.trim(), en: row.en.trim() })),
})

/**
 * The server's field problems on the cells they name (`body.items.3.code`); problems about the
 * list as a whole (`body.items`: too many) are returned apart, to show above the table.
 */
export const serverProblemsOf = (errors: readonly FieldProblem[]) => {
  const cells: RowProblems = {}
  const general: string[] = []
  for (const error of errors) {
    const match = /^body\.items\.(\d+)\.(code|zh|en)$/.exec(error.path)
    if (match)
      cells[cellKey(Number(match[1]), match[2] as DisciplineField)] = {
        kind: 'server',
        message: error.message,
      }
    else general.push(error.message)
  }
  return { cells, general }
}

/** Whether the rows say the same as a saved list (same codes, names and order). */
export const sameList = (
  rows: readonly DisciplineRow[],
  items: readonly { code: string; zh: string; en: string }[],
) =>
  rows.length === items.length &&
  rows.every(
    (row, at) =>
      row.code.trim() === items[at]!.code &&
      row.zh.trim() === items[at]!.zh &&
      row.en.trim() === items[at]!.en,
  )
