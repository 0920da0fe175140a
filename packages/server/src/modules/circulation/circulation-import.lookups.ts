import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Table } from '../../platform/spreadsheets/read-table.ts'
import { itemsByBarcodes, type LendingItem } from '../catalogue/item-lending.ts'
import type { mapColumns } from './circulation-import.columns.ts'
import type { ImportLookups } from './circulation-import.rows.ts'
import { parseDateCell } from './import-values.ts'
import { lendingCalendar } from './lending-context.ts'
import { type Reader, readersByNumbers } from './readers.ts'

// Far below PostgreSQL's 65,535 parameters per statement, for files of 100,000 rows.
const CHUNK = 1000

const inChunks = async <T, R>(values: T[], load: (chunk: T[]) => Promise<R[]>) => {
  const all: R[] = []
  for (let start = 0; start < values.length; start += CHUNK)
    all.push(...(await load(values.slice(start, start + CHUNK))))
  return all
}

/**
 * Everything the rows of a file are checked against, in a few queries whatever its length:
 * the items and readers it names, their open loans and imported fines, and the calendar from
 * the earliest due date in the file.
 */
export const loadImportLookups = async (
  db: Kysely<DB>,
  libraryId: string,
  now: Date,
  table: Table,
  columns: ReturnType<typeof mapColumns>['columns'],
): Promise<ImportLookups> => {
  const valuesOf = (field: string) => {
    const at = columns.findIndex((column) => column.field === field)
    if (at < 0) return []
    return [...new Set(table.rows.map((row) => (row.cells[at] ?? '').trim()).filter(Boolean))]
  }
  const items = await inChunks(valuesOf('barcode'), (chunk) => itemsByBarcodes(db, libraryId, chunk))
  const readers = await inChunks(valuesOf('readerNumber'), (chunk) => readersByNumbers(db, libraryId, chunk))
  const openLoans = await inChunks(
    items.map((item) => item.id),
    (chunk) =>
      db
        .selectFrom('loans')
        .select(['item_id', 'reader_id'])
        .where('item_id', 'in', chunk)
        .where('returned_at', 'is', null)
        .execute(),
  )
  const importedFines = await inChunks(
    readers.map((reader) => reader.id),
    (chunk) =>
      db
        .selectFrom('fines')
        .select(['reader_id', 'amount_fen', 'note'])
        .where('library_id', '=', libraryId)
        .where('kind', '=', 'imported')
        .where('status', '=', 'open')
        .where('reader_id', 'in', chunk)
        .execute(),
  )
  const dueDays = valuesOf('dueAt').flatMap((text) => parseDateCell(text)?.day ?? [])
  const earliest = dueDays.sort()[0]
  const { timeZone, calendar, today } = await lendingCalendar(
    db,
    libraryId,
    now,
    earliest ? new Date(`${earliest}T00:00:00Z`) : now,
  )
  return {
    items: new Map(items.map((item: LendingItem) => [item.barcode, item])),
    readers: new Map(readers.map((reader: Reader) => [reader.reader_number, reader])),
    openLoans: new Map(openLoans.map((loan) => [loan.item_id, loan.reader_id])),
    importedFines: new Set(importedFines.map((fine) => `${fine.reader_id}|${fine.amount_fen}|${fine.note}`)),
    calendar,
    timeZone,
    today,
  }
}
