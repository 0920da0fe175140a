import { nameText, ReaderNumberSchema, similarityChecks } from '@shuqiao/contracts'
import type { Table, TableRow } from '../../platform/spreadsheets/read-table.ts'
import { type ColumnMap, type ColumnSpec, cellOf, mapColumns } from './similarity-checks.columns.ts'

const { DEGREE_LABELS, DEGREE_WORDS, MAX_IMPORT_ROWS, RESULT_COLUMNS, THESIS_COLUMNS, THESIS_STATUS_LABELS } =
  similarityChecks

// The rules a row of an imported file must meet, as pure functions over the table and what the
// batch already holds, so the dry run and the apply judge every row the same way.

type Bilingual = { zh: string; en: string }
type Degree = similarityChecks.Degree
type ThesisStatus = similarityChecks.ThesisStatus

export interface RowProblem {
  line: number
  column: string | null
  code: string
  message: Bilingual
  severity: 'error' | 'warning'
}

const error = (line: number, column: string | null, code: string, message: Bilingual): RowProblem => ({
  line,
  column,
  code,
  message,
  severity: 'error',
})
const warning = (line: number, column: string | null, code: string, message: Bilingual): RowProblem => ({
  line,
  column,
  code,
  message,
  severity: 'warning',
})

/** The header a column goes by in messages: as the file wrote it, else its usual Chinese name. */
const headerOf = <K extends string>(map: ColumnMap<K>, spec: Record<K, ColumnSpec>, key: K) =>
  map.found[key] ?? spec[key].headers[0]!

/** Problems with the header itself: required columns missing, a column given twice, too many rows. */
const fileProblems = <K extends string>(
  table: Table,
  map: ColumnMap<K>,
  spec: Record<K, ColumnSpec>,
): RowProblem[] => {
  const problems: RowProblem[] = []
  for (const key of map.missing) {
    const name = spec[key].headers[0]!
    const english = spec[key].headers[1]!
    problems.push(
      error(table.headerLine, name, 'missing_column', {
        zh: `缺少“${name}”列（表头可写作：${spec[key].headers.join('、')}）。`,
        en: `The “${english}” column is missing (its header may be any of: ${spec[key].headers.join(', ')}).`,
      }),
    )
  }
  for (const name of map.repeated)
    problems.push(
      error(table.headerLine, name, 'repeated_column', {
        zh: `“${name}”列与前面的列重复。`,
        en: `The “${name}” column repeats an earlier one.`,
      }),
    )
  if (table.rows.length === 0)
    problems.push(
      error(table.headerLine, null, 'no_rows', {
        zh: '表头下面没有数据行。',
        en: 'There are no rows under the header.',
      }),
    )
  if (table.rows.length > MAX_IMPORT_ROWS)
    problems.push(
      error(0, null, 'too_many_rows', {
        zh: `一次最多导入 ${MAX_IMPORT_ROWS} 行，这个文件有 ${table.rows.length} 行；请分成几个文件。`,
        en: `At most ${MAX_IMPORT_ROWS} rows at a time; this file has ${table.rows.length}. Split it into several files.`,
      }),
    )
  return problems
}

/** Why a text cell is not acceptable, or undefined when it is. */
const textProblem = (value: string, max: number, required: boolean) => {
  if (!value) return required ? 'required' : undefined
  const parsed = nameText(max).safeParse(value)
  if (parsed.success) return undefined
  return parsed.error.issues.some((issue) => issue.message === 'unsafe_characters')
    ? 'unsafe_characters'
    : 'too_long'
}

const textMessage = (code: string, column: string, max: number): Bilingual =>
  code === 'required'
    ? { zh: `“${column}”不能为空。`, en: `“${column}” is empty.` }
    : code === 'unsafe_characters'
      ? {
          zh: `“${column}”包含不允许的字符（如 < > 或控制字符）。`,
          en: `“${column}” contains characters that are not allowed (such as < > or control characters).`,
        }
      : {
          zh: `“${column}”过长，最多 ${max} 个字符。`,
          en: `“${column}” is too long; at most ${max} characters.`,
        }

const squash = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '')

/** A degree as schools write it (博士, 专业学位硕士, 本科, Master, PhD …), or undefined. */
export const degreeOf = (text: string): Degree | undefined => {
  const value = squash(text)
  if (value.includes('博士')) return 'doctor'
  if (value.includes('硕士') || value === '专硕' || value === '学硕') return 'master'
  if (value.includes('学士') || value.includes('本科')) return 'bachelor'
  return DEGREE_WORDS[value.replace(/['’]s?$|degree$/g, '')]
}

/** A similarity percent from `12.3`, `12.3%`, `１２．３％`; undefined unless 0–100. In hundredths. */
export const percentOf = (text: string): number | undefined => {
  const value = text.normalize('NFKC').trim().replace(/\s*%$/, '').trim()
  if (!/^\d{1,3}(\.\d+)?$/.test(value)) return undefined
  const number = Number(value)
  if (!(number >= 0 && number <= 100)) return undefined
  return Math.round(number * 100)
}

export interface Department {
  id: string
  code: string
  nameZh: string
  nameEn: string
}

/** The library's department a cell names by code or name, in either language. */
export const matchDepartment = (text: string, departments: readonly Department[]) => {
  const value = squash(text)
  return departments.find((department) =>
    [department.code, department.nameZh, department.nameEn].some((name) => squash(name) === value),
  )
}

export interface ThesisRowContext {
  batchDegree: Degree
  /** Reader numbers already in the batch. */
  existing: ReadonlySet<string>
  /** Reader accounts of the library by reader number. */
  accounts: ReadonlyMap<string, string>
  departments: readonly Department[]
}

export interface ThesisCandidate {
  line: number
  readerNumber: string
  authorName: string
  title: string
  supervisor: string | null
  departmentId: string | null
  department: string | null
  major: string | null
  degree: Degree | null
  accountId: string | null
  ok: boolean
}

const columnsOf = <K extends string>(map: ColumnMap<K>) => ({
  found: map.found as Record<string, string>,
  ignored: map.ignored,
})

/** Every row of a thesis list checked against the batch: what would be added, and every problem by line. */
export const checkThesisRows = (table: Table, context: ThesisRowContext) => {
  const spec = THESIS_COLUMNS
  const map = mapColumns(table.headers, spec)
  const problems = fileProblems(table, map, spec)
  const items: ThesisCandidate[] = []
  if (map.missing.length > 0 || table.rows.length > MAX_IMPORT_ROWS)
    return { columns: columnsOf(map), items, problems }
  const firstLine = new Map<string, number>()
  const batchDegree = DEGREE_LABELS[context.batchDegree]
  for (const row of table.rows) {
    const own: RowProblem[] = []
    const cell = (key: keyof typeof spec) => cellOf(map, row, key)
    const column = (key: keyof typeof spec) => headerOf(map, spec, key)
    const text = (key: keyof typeof spec, max: number, required: boolean) => {
      const value = cell(key)
      const code = textProblem(value, max, required)
      if (code) own.push(error(row.line, column(key), code, textMessage(code, column(key), max)))
      return value
    }

    const readerNumber = cell('readerNumber')
    if (!readerNumber)
      own.push(
        error(
          row.line,
          column('readerNumber'),
          'required',
          textMessage('required', column('readerNumber'), 40),
        ),
      )
    else if (!ReaderNumberSchema.safeParse(readerNumber).success)
      own.push(
        error(row.line, column('readerNumber'), 'invalid_reader_number', {
          zh: `学号“${readerNumber}”格式不正确：只能包含字母、数字和 . - _，最多 40 位。`,
          en: `Reader number “${readerNumber}” is not valid: letters, digits and . - _ only, at most 40.`,
        }),
      )
    else if (firstLine.has(readerNumber))
      own.push(
        error(row.line, column('readerNumber'), 'duplicate_in_file', {
          zh: `学号 ${readerNumber} 与第 ${firstLine.get(readerNumber)} 行重复。`,
          en: `Reader number ${readerNumber} repeats line ${firstLine.get(readerNumber)}.`,
        }),
      )
    else if (context.existing.has(readerNumber))
      own.push(
        error(row.line, column('readerNumber'), 'already_in_batch', {
          zh: `学号 ${readerNumber} 的论文已在本批次中。`,
          en: `A thesis by reader number ${readerNumber} is already in this batch.`,
        }),
      )
    if (readerNumber && !firstLine.has(readerNumber)) firstLine.set(readerNumber, row.line)

    const authorName = text('authorName', 60, true)
    const title = text('title', 300, true)
    const supervisor = text('supervisor', 100, false)
    const departmentText = text('department', 100, false)
    const major = text('major', 100, false)

    const degreeText = cell('degree')
    let degree: Degree | null = context.batchDegree
    if (degreeText) {
      const found = degreeOf(degreeText)
      degree = found ?? null
      if (!found)
        own.push(
          error(row.line, column('degree'), 'bad_degree', {
            zh: `学位“${degreeText}”无法识别，应为博士、硕士或学士。`,
            en: `Degree “${degreeText}” is not recognised; use doctoral, master or bachelor.`,
          }),
        )
      else if (found !== context.batchDegree)
        own.push(
          error(row.line, column('degree'), 'degree_mismatch', {
            zh: `学位为${DEGREE_LABELS[found].zh}，与本批次（${batchDegree.zh}）不符；请放入${DEGREE_LABELS[found].zh}批次。`,
            en: `The degree is ${DEGREE_LABELS[found].en}, not this batch’s ${batchDegree.en}; put it in a ${DEGREE_LABELS[found].en} batch.`,
          }),
        )
    }

    const department = departmentText ? matchDepartment(departmentText, context.departments) : undefined
    if (departmentText && !department && !own.some((problem) => problem.column === column('department')))
      own.push(
        warning(row.line, column('department'), 'department_not_found', {
          zh: `院系“${departmentText}”不在本馆的院系列表中，将按原文保存。`,
          en: `Department “${departmentText}” is not one of the library’s; it is kept as written.`,
        }),
      )

    const accountId = readerNumber ? (context.accounts.get(readerNumber) ?? null) : null
    if (readerNumber && !accountId && !own.some((problem) => problem.severity === 'error'))
      own.push(
        warning(row.line, column('readerNumber'), 'no_account', {
          zh: `本馆没有学号为 ${readerNumber} 的读者账户：开通账户前，作者在读者门户看不到结果，也收不到通知。`,
          en: `No reader account has number ${readerNumber}: until one is opened, the author cannot see the result in the portal or be notified.`,
        }),
      )

    problems.push(...own)
    items.push({
      line: row.line,
      readerNumber,
      authorName,
      title,
      supervisor: supervisor || null,
      departmentId: department?.id ?? null,
      department: department ? department.nameZh : departmentText || null,
      major: major || null,
      degree,
      accountId,
      ok: !own.some((problem) => problem.severity === 'error'),
    })
  }
  return { columns: columnsOf(map), items, problems }
}

export interface ThesisForResult {
  id: string
  status: ThesisStatus
  similarityBp: number | null
  authorName: string
  title: string
}

export interface ResultRowContext {
  theses: ReadonlyMap<string, ThesisForResult>
  thresholdBp: number
}

export interface ResultCandidate {
  line: number
  readerNumber: string
  thesis: ThesisForResult | null
  similarityBp: number | null
  note: string | null
  /** The thesis already has exactly this result: the row changes nothing. */
  unchanged: boolean
  ok: boolean
}

const RECORDABLE: readonly ThesisStatus[] = ['waiting', 'submitted']

/** Every row of a results file checked against the batch's theses. */
export const checkResultRows = (table: Table, context: ResultRowContext) => {
  const spec = RESULT_COLUMNS
  const map = mapColumns(table.headers, spec)
  const problems = fileProblems(table, map, spec)
  const items: ResultCandidate[] = []
  if (map.missing.length > 0 || table.rows.length > MAX_IMPORT_ROWS)
    return { columns: columnsOf(map), items, problems }
  const firstLine = new Map<string, number>()
  const column = (key: keyof typeof spec) => headerOf(map, spec, key)
  for (const row of table.rows as TableRow[]) {
    const own: RowProblem[] = []
    const readerNumber = cellOf(map, row, 'readerNumber')
    const thesis = readerNumber ? (context.theses.get(readerNumber) ?? null) : null
    if (!readerNumber)
      own.push(
        error(
          row.line,
          column('readerNumber'),
          'required',
          textMessage('required', column('readerNumber'), 40),
        ),
      )
    else if (firstLine.has(readerNumber))
      own.push(
        error(row.line, column('readerNumber'), 'duplicate_in_file', {
          zh: `学号 ${readerNumber} 与第 ${firstLine.get(readerNumber)} 行重复。`,
          en: `Reader number ${readerNumber} repeats line ${firstLine.get(readerNumber)}.`,
        }),
      )
    else if (!thesis)
      own.push(
        error(row.line, column('readerNumber'), 'not_in_batch', {
          zh: `本批次中没有学号为 ${readerNumber} 的论文。`,
          en: `This batch has no thesis by reader number ${readerNumber}.`,
        }),
      )
    if (readerNumber && !firstLine.has(readerNumber)) firstLine.set(readerNumber, row.line)

    const percentText = cellOf(map, row, 'similarityPercent')
    const similarityBp = percentText ? percentOf(percentText) : undefined
    if (!percentText)
      own.push(
        error(
          row.line,
          column('similarityPercent'),
          'required',
          textMessage('required', column('similarityPercent'), 0),
        ),
      )
    else if (similarityBp === undefined)
      own.push(
        error(row.line, column('similarityPercent'), 'bad_percent', {
          zh: `复制比“${percentText}”应为 0 到 100 之间的数字，如 12.3 或 12.3%。`,
          en: `Similarity “${percentText}” should be a number from 0 to 100, such as 12.3 or 12.3%.`,
        }),
      )

    const noteText = cellOf(map, row, 'note')
    const noteCode = textProblem(noteText, 1000, false)
    if (noteCode)
      own.push(error(row.line, column('note'), noteCode, textMessage(noteCode, column('note'), 1000)))

    let unchanged = false
    if (thesis && similarityBp !== undefined && !own.length) {
      if (thesis.status === 'checked') {
        if (thesis.similarityBp === similarityBp) {
          unchanged = true
          own.push(
            warning(row.line, column('similarityPercent'), 'same_result', {
              zh: '已录入相同的结果，这一行不会改变什么。',
              en: 'The same result is already recorded; this row changes nothing.',
            }),
          )
        } else
          own.push(
            error(row.line, column('similarityPercent'), 'already_checked', {
              zh: `这篇论文已有结果 ${(thesis.similarityBp ?? 0) / 100}%，与文件中的不同；如需更正，请在论文上逐条“更正结果”。`,
              en: `This thesis already has a result of ${(thesis.similarityBp ?? 0) / 100}%, which differs; to change it, use “Correct result” on the thesis.`,
            }),
          )
      } else if (!RECORDABLE.includes(thesis.status)) {
        const label = THESIS_STATUS_LABELS[thesis.status]
        own.push(
          error(row.line, column('readerNumber'), 'not_recordable', {
            zh: `这篇论文${label.zh}，不能录入结果；请先恢复为待送检。`,
            en: `This thesis is ${label.en.toLowerCase()}, so no result can be recorded; put it back to waiting first.`,
          }),
        )
      }
    }

    problems.push(...own)
    items.push({
      line: row.line,
      readerNumber,
      thesis,
      similarityBp: similarityBp ?? null,
      note: noteText || null,
      unchanged,
      ok: !own.some((problem) => problem.severity === 'error'),
    })
  }
  return { columns: columnsOf(map), items, problems }
}
