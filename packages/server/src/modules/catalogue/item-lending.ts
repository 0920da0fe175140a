import type { catalogue } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'

/**
 * What circulation asks of the catalogue: an item by barcode, locked inside the lending
 * transaction, and its status kept in step with its loans. Circulation reads and writes
 * items only through these.
 */

const LENDING_COLUMNS = [
  'id',
  'library_id',
  'barcode',
  'title',
  'author',
  'call_number',
  'location',
  'material_type',
  'status',
  'quarantine_until',
] as const

/** One item of a library by its barcode, locked until the transaction ends. */
export const lockItemByBarcode = (trx: Kysely<DB>, libraryId: string, barcode: string) =>
  trx
    .selectFrom('catalogue_items')
    .select(LENDING_COLUMNS)
    .where('library_id', '=', libraryId)
    .where('barcode', '=', barcode)
    .forUpdate()
    .executeTakeFirst()

export type LendingItem = NonNullable<Awaited<ReturnType<typeof lockItemByBarcode>>>

/** An item as lending sees it, without a lock: for answers read after the change committed. */
export const findLendingItem = (db: Kysely<DB>, itemId: string) =>
  db.selectFrom('catalogue_items').select(LENDING_COLUMNS).where('id', '=', itemId).executeTakeFirstOrThrow()

/** Items of a library by id, locked until the transaction ends (in id order, so two callers cannot deadlock). */
export const lockItemsByIds = (trx: Kysely<DB>, libraryId: string, itemIds: string[]) =>
  itemIds.length === 0
    ? Promise.resolve([] as LendingItem[])
    : trx
        .selectFrom('catalogue_items')
        .select(LENDING_COLUMNS)
        .where('library_id', '=', libraryId)
        .where('id', 'in', itemIds)
        .orderBy('id')
        .forUpdate()
        .execute()

/** Items of a library by barcode, for an import to check every row at once. */
export const itemsByBarcodes = (db: Kysely<DB>, libraryId: string, barcodes: string[]) =>
  barcodes.length === 0
    ? Promise.resolve([] as LendingItem[])
    : db
        .selectFrom('catalogue_items')
        .select(LENDING_COLUMNS)
        .where('library_id', '=', libraryId)
        .where('barcode', 'in', barcodes)
        .execute()

/** The other member libraries holding a barcode, to tell a desk where an item belongs. */
export const librariesHoldingBarcode = (
  db: Kysely<DB>,
  consortiumId: string,
  exceptLibraryId: string,
  barcode: string,
) =>
  db
    .selectFrom('catalogue_items as i')
    .innerJoin('libraries as l', 'l.id', 'i.library_id')
    .select(['l.id', 'l.name_zh', 'l.name_en'])
    .where('l.consortium_id', '=', consortiumId)
    .where('i.library_id', '!=', exceptLibraryId)
    .where('i.barcode', '=', barcode)
    .limit(1)
    .executeTakeFirst()

/**
 * The update setting items' status (lent, returned), for a caller that writes it in one
 * statement with the loan. `quarantineUntil` goes with `quarantined` only; any other status
 * clears it.
 */
export const itemStatusUpdate = (
  db: Kysely<DB>,
  itemIds: string[],
  status: catalogue.CatalogueItem['status'],
  at: Date,
  quarantineUntil: Date | null = null,
) =>
  db
    .updateTable('catalogue_items')
    .set({ status, updated_at: at, quarantine_until: status === 'quarantined' ? quarantineUntil : null })
    .where('id', 'in', itemIds)

/** Sets the status of items (see itemStatusUpdate); call inside the transaction that changes their loans. */
export const setItemStatus = (
  trx: Kysely<DB>,
  itemIds: string[],
  status: catalogue.CatalogueItem['status'],
  at: Date,
  quarantineUntil: Date | null = null,
) =>
  itemIds.length === 0
    ? Promise.resolve()
    : itemStatusUpdate(trx, itemIds, status, at, quarantineUntil)
        .execute()
        .then(() => undefined)

/** A library's items in quarantine, by when they may leave it (soonest first). */
export const quarantinedItems = (db: Kysely<DB>, libraryId: string) =>
  db
    .selectFrom('catalogue_items')
    .select(LENDING_COLUMNS)
    .where('library_id', '=', libraryId)
    .where('status', '=', 'quarantined')
    .orderBy('quarantine_until')
    .orderBy('barcode')
    .execute()

/** Quarantined items of a library, locked: one by id, or all whose time has come by `dueBy`. */
export const lockQuarantinedItems = (
  trx: Kysely<DB>,
  libraryId: string,
  which: { itemId: string } | { dueBy: Date },
) => {
  let query = trx
    .selectFrom('catalogue_items')
    .select(LENDING_COLUMNS)
    .where('library_id', '=', libraryId)
    .where('status', '=', 'quarantined')
  query =
    'itemId' in which
      ? query.where('id', '=', which.itemId)
      : query.where('quarantine_until', '<=', which.dueBy)
  return query.orderBy('quarantine_until').orderBy('id').forUpdate().execute()
}
