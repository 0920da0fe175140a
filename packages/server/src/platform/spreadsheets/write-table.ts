import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { CSV_MEDIA_TYPE, CSV_OPTIONS } from './write-csv.ts'

export type Cell = string | number | null

export interface TableFile {
  fileName: string
  mediaType: string
  body: Buffer
}

const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * One table as a download: CSV as Excel on a Chinese Windows opens it (CSV_OPTIONS), or an xlsx
 * sheet with a bold, frozen, filterable header row. For tables that fit in memory; the request
 * queue streams its own.
 */
export const tableFile = async (table: {
  name: string
  sheet: string
  columns: { header: string; width: number }[]
  rows: Cell[][]
  format: 'csv' | 'xlsx'
}): Promise<TableFile> => {
  const headers = table.columns.map((column) => column.header)
  if (table.format === 'csv') {
    return {
      fileName: `${table.name}.csv`,
      mediaType: CSV_MEDIA_TYPE,
      body: Buffer.from(stringify([headers, ...table.rows], CSV_OPTIONS), 'utf8'),
    }
  }
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '书桥 Shuqiao'
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = table.columns.map((column) => ({ header: column.header, width: column.width }))
  sheet.getRow(1).font = { bold: true }
  for (const row of table.rows) sheet.addRow(row)
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } }
  return {
    fileName: `${table.name}.xlsx`,
    mediaType: XLSX_MEDIA_TYPE,
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  }
}
