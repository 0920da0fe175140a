import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { ProblemError } from '../../http/problem.ts'
import { decodeText } from '../files/text-encoding.ts'

type Bilingual = { zh: string; en: string }

export interface TableRow {
  /** The line (CSV) or row (Excel) the row starts on, counting the file's first line as 1. */
  line: number
  cells: string[]
}

/** A spreadsheet's header and rows as trimmed text, each row with the line people see it on. */
export interface Table {
  headers: string[]
  /** The header's line: the first line that is not blank. */
  headerLine: number
  /** Rows under the header, blank ones left out. */
  rows: TableRow[]
}

/**
 * The file cannot be read as a table: 422 `import_unreadable`, saying why in both languages
 * and, when it is known, from which line (also given to API clients as `line`). Line 0 is the
 * file as a whole; without a reason the problem names the formats that can be read.
 */
export class UnreadableTable extends ProblemError {
  constructor(
    readonly line: number,
    readonly reason?: Bilingual,
  ) {
    super('import_unreadable', {
      ...(reason ? { detail: reason } : {}),
      ...(line > 0 ? { extensions: { line } } : {}),
    })
  }
}

const EMPTY: Bilingual = { zh: '文件是空的。', en: 'The file is empty.' }

/** An Office Open XML file (xlsx) is a zip archive. */
export const isZip = (bytes: Buffer) => bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50

/**
 * Reads a CSV or an Excel (.xlsx) file as Chinese offices and vendors send them: UTF-8 with or
 * without a BOM, UTF-16 with a BOM, or GBK/GB18030 (what Excel on a Chinese Windows saves as
 * "CSV"); comma- or tab-separated. The first line that is not blank is the header; blank rows
 * are skipped; cells are trimmed. More rows than `maxRows` is 413 `import_too_many_rows`.
 */
export const readTable = async (bytes: Buffer, maxRows = Number.POSITIVE_INFINITY): Promise<Table> => {
  const table = isZip(bytes) ? await readWorkbook(bytes) : await readDelimited(bytes)
  if (table.rows.length > maxRows) {
    throw new ProblemError('import_too_many_rows', {
      detail: {
        zh: `文件有 ${table.rows.length} 行，一次最多导入 ${maxRows} 行，请拆分为多个文件。`,
        en: `The file has ${table.rows.length} rows; one import takes at most ${maxRows}. Split it into several files.`,
      },
    })
  }
  return table
}

const isBlank = (cells: string[]) => cells.every((cell) => cell === '')

/** The first record that is not blank is the header; blank records after it are dropped. */
const split = (records: TableRow[]): Table => {
  const first = records.findIndex((row) => !isBlank(row.cells))
  if (first < 0) throw new UnreadableTable(0, EMPTY)
  const header = records[first]!
  return {
    headers: header.cells,
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

const readDelimited = async (bytes: Buffer): Promise<Table> => {
  const decoded = await decodeText(bytes)
  if (decoded === undefined) throw new UnreadableTable(0)
  // One kind of line end: csv-parse counts a CRLF inside a quoted cell as two lines.
  const text = decoded.replace(/\r\n?/g, '\n')
  const firstLine = text.slice(0, text.search(/\n|$/))
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ','
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
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
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

/** The first sheet that has anything in it (workbooks often open with a sheet of notes); row numbers are the sheet's own. */
const readWorkbook = async (bytes: Buffer): Promise<Table> => {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new UnreadableTable(0, {
      zh: '无法打开这个 Excel 文件，它可能已损坏。',
      en: 'This Excel file cannot be opened; it may be damaged.',
    })
  }
  if (workbook.worksheets.length === 0)
    throw new UnreadableTable(0, { zh: '工作簿中没有工作表。', en: 'The workbook has no sheet.' })
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0)
  if (!sheet) throw new UnreadableTable(0, EMPTY)
  const records: TableRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column)))
    records.push({ line: rowNumber, cells })
  })
  return split(records)
}

const cellText = (cell: ExcelJS.Cell) => textOf(cell.value, cell.numFmt)

/** A cell as the sheet shows it: numbers in full, a percentage as Excel shows it, dates as YYYY-MM-DD. */
const textOf = (value: unknown, numFmt: string | undefined): string => {
  if (value === null || value === undefined) return ''
  // A cell shown as a percentage holds a fraction: 0.123 is what the sheet shows as 12.3%.
  if (typeof value === 'number')
    return numFmt?.includes('%') ? `${Math.round(value * 1e6) / 1e4}%` : String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value)
      return (value as ExcelJS.CellRichTextValue).richText
        .map((part) => part.text)
        .join('')
        .trim()
    // A hyperlink, whose text may itself be rich text.
    if ('text' in value) return textOf(value.text, numFmt)
    // A formula: what it last came to.
    if ('result' in value) return textOf(value.result, numFmt)
    if ('error' in value) return ''
  }
  return String(value).trim()
}
