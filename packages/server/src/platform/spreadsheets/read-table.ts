import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { ProblemError } from '../../http/problem.ts'

/** A spreadsheet's header and rows as text, each row with the line people see it on. */
export interface Table {
  headers: string[]
  rows: { line: number; cells: string[] }[]
}

/** An Office Open XML file (xlsx) is a zip archive. */
export const isZip = (bytes: Buffer) => bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50

/**
 * Reads a CSV or an Excel (.xlsx) file as Chinese offices and vendors send them: UTF-8 with or
 * without a BOM, UTF-16 with a BOM, or GBK/GB18030 (what Excel on a Chinese Windows saves as
 * "CSV"); comma- or tab-separated. Blank rows are skipped; cells are trimmed.
 */
export const readTable = async (bytes: Buffer, maxRows: number): Promise<Table> => {
  const table = isZip(bytes) ? await readWorkbook(bytes) : readDelimited(decode(bytes))
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

const unreadable = () => new ProblemError('import_unreadable')

const decode = (bytes: Buffer): string => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  if (bytes.includes(0)) throw unreadable()
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    // Not UTF-8: a Chinese Windows export. GB18030 is a superset of GBK and GB2312.
    return new TextDecoder('gb18030').decode(bytes)
  }
}

const readDelimited = (text: string): Table => {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const delimiter = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ','
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records
  } catch {
    throw unreadable()
  }
  const [header, ...rest] = records
  if (!header) throw unreadable()
  return {
    headers: header.record,
    rows: rest
      .filter(({ record }) => record.some((cell) => cell !== ''))
      .map(({ record, info }) => ({ line: info.lines, cells: record })),
  }
}

const readWorkbook = async (bytes: Buffer): Promise<Table> => {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw unreadable()
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0)
  if (!sheet) throw unreadable()
  const rows: Table['rows'] = []
  let headers: string[] | undefined
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value))
    if (!headers) headers = cells
    else if (cells.some((cell) => cell !== '')) rows.push({ line: rowNumber, cells })
  })
  if (!headers) throw unreadable()
  return { headers, rows }
}

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim()
    if ('text' in value) return String(value.text).trim()
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('error' in value) return ''
  }
  return String(value).trim()
}
