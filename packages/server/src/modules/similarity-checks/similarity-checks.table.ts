import { similarityChecks } from '@shuqiao/contracts'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'

const { normaliseHeader } = similarityChecks

// Reading a list that a graduate school or a checking service sent: CSV (UTF-8, with or without
// the BOM Excel writes) or Excel .xlsx, as a header and rows of text with their line numbers.

type Bilingual = { zh: string; en: string }

export interface TableRow {
  /** The line (CSV) or row (Excel) number in the file, counting the header as 1 when it is first. */
  line: number
  cells: string[]
}

export interface Table {
  header: string[]
  headerLine: number
  rows: TableRow[]
}

/** The file cannot be read as a table at all; `line` says where, when known. */
export class UnreadableTable extends Error {
  constructor(
    readonly line: number,
    readonly reason: Bilingual,
  ) {
    super(reason.en)
  }
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '')

const split = (records: TableRow[]): Table => {
  const first = records.findIndex((row) => !isBlank(row.cells))
  if (first < 0) throw new UnreadableTable(0, { zh: '文件是空的。', en: 'The file is empty.' })
  const header = records[first]!
  return {
    header: header.cells.map((cell) => cell.trim()),
    headerLine: header.line,
    rows: records.slice(first + 1).filter((row) => !isBlank(row.cells)),
  }
}

const CSV_REASONS: Record<string, Bilingual> = {
  CSV_QUOTE_NOT_CLOSED: { zh: '有一个引号没有闭合', en: 'a quote is never closed' },
  CSV_INVALID_CLOSING_QUOTE: {
    zh: '引号后面紧跟了其他字符',
    en: 'a closing quote is followed by other characters',
  },
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: {
    zh: '引号后面紧跟了其他字符',
    en: 'a closing quote is followed by other characters',
  },
}

/**
 * A CSV file's rows. The delimiter is a comma, or a tab when the first line has tabs and no
 * commas (a sheet pasted into a text file). Rows may have fewer or more cells than the header.
 */
export const readCsv = (bytes: Buffer): Table => {
  // One kind of line end: csv-parse counts a CRLF inside a quoted cell as two lines.
  const text = bytes.toString('utf8').replace(/\r\n?/g, '\n')
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ','
  const records: TableRow[] = []
  // csv-parse reports the line a record ends on; it starts after the previous one and the blank
  // lines skipped since, so multi-line cells do not shift the numbers that follow.
  let lastEnd = 0
  let lastEmpty = 0
  try {
    parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], info) => {
        const start = lastEnd + 1 + (info.empty_lines - lastEmpty)
        lastEnd = info.lines
        lastEmpty = info.empty_lines
        records.push({ line: start, cells: record })
        return null
      },
    })
  } catch (error) {
    const code = (error as { code?: string }).code ?? ''
    const reason = CSV_REASONS[code] ?? { zh: 'CSV 格式不正确', en: 'the CSV is not well formed' }
    const line = lastEnd + 1
    throw new UnreadableTable(line, {
      zh: `第 ${line} 行起 CSV 格式有误：${reason.zh}。`,
      en: `The CSV is malformed from line ${line}: ${reason.en}.`,
    })
  }
  return split(records)
}

const textOf = (cell: ExcelJS.Cell): string => {
  const value = cell.value
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') {
    // A cell shown as a percentage holds a fraction: 0.123 is what the sheet shows as 12.3%.
    if (cell.numFmt?.includes('%')) return `${Math.round(value * 1e6) / 1e4}%`
    return String(value)
  }
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object' && 'result' in value) {
    const result = (value as { result?: unknown }).result
    if (typeof result === 'number' && cell.numFmt?.includes('%')) return `${Math.round(result * 1e6) / 1e4}%`
    if (result instanceof Date) return result.toISOString().slice(0, 10)
    return result === undefined || result === null ? '' : String(result)
  }
  return cell.text ?? ''
}

/** The first worksheet of an .xlsx file; row numbers are the sheet's own. */
export const readXlsx = async (bytes: Buffer): Promise<Table> => {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new UnreadableTable(0, {
      zh: '无法打开这个 Excel 文件，它可能已损坏。',
      en: 'This Excel file cannot be opened; it may be damaged.',
    })
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new UnreadableTable(0, { zh: '工作簿中没有工作表。', en: 'The workbook has no sheet.' })
  const records: TableRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = textOf(cell)
    })
    records.push({ line: rowNumber, cells: Array.from(cells, (cell) => cell ?? '') })
  })
  return split(records)
}

export const CSV_MEDIA_TYPE = 'text/plain'
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Reads a CSV (stored as text) or an .xlsx file; anything else is unreadable. */
export const readTable = (bytes: Buffer, mediaType: string): Promise<Table> | Table => {
  if (mediaType === XLSX_MEDIA_TYPE) return readXlsx(bytes)
  if (mediaType === CSV_MEDIA_TYPE) return readCsv(bytes)
  throw new UnreadableTable(0, {
    zh: '只能导入 CSV（UTF-8 编码）或 Excel（.xlsx）文件。',
    en: 'Only CSV (UTF-8) or Excel (.xlsx) files can be imported.',
  })
}

export interface ColumnSpec {
  required: boolean
  headers: readonly string[]
}

export interface ColumnMap<K extends string> {
  /** Cell index of each column found. */
  index: Partial<Record<K, number>>
  /** The header each column was found under, as written. */
  found: Partial<Record<K, string>>
  ignored: string[]
  missing: K[]
  /** Headers naming a column that an earlier header already named. */
  repeated: string[]
}

/** Which cell holds which column, by header (Chinese or English, case and spacing ignored). */
export const mapColumns = <K extends string>(header: string[], spec: Record<K, ColumnSpec>): ColumnMap<K> => {
  const byHeader = new Map<string, K>()
  for (const [key, column] of Object.entries(spec) as [K, ColumnSpec][])
    for (const name of column.headers) byHeader.set(normaliseHeader(name), key)
  const map: ColumnMap<K> = { index: {}, found: {}, ignored: [], missing: [], repeated: [] }
  header.forEach((name, index) => {
    if (!name) return
    const key = byHeader.get(normaliseHeader(name))
    if (!key) map.ignored.push(name)
    else if (map.index[key] !== undefined) map.repeated.push(name)
    else {
      map.index[key] = index
      map.found[key] = name
    }
  })
  for (const [key, column] of Object.entries(spec) as [K, ColumnSpec][])
    if (column.required && map.index[key] === undefined) map.missing.push(key)
  return map
}

/** A row's cell for a column, trimmed; '' when the column or cell is absent. */
export const cellOf = <K extends string>(map: ColumnMap<K>, row: TableRow, key: K) => {
  const index = map.index[key]
  return index === undefined ? '' : (row.cells[index] ?? '').trim()
}
