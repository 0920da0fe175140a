import type { catalogue } from '@shuqiao/contracts'
import type { ItemRow } from './catalogue.repository.ts'

type Item = catalogue.CatalogueItem

export const presentItem = (
  row: Pick<
    ItemRow,
    Exclude<keyof ItemRow, 'search_doc' | 'search_text' | 'created_at' | 'updated_at' | 'quarantine_until'>
  >,
): Item => ({
  id: row.id,
  libraryId: row.library_id,
  barcode: row.barcode,
  title: row.title,
  author: row.author,
  publisher: row.publisher,
  year: row.year,
  isbn: row.isbn13,
  callNumber: row.call_number,
  location: row.location,
  materialType: row.material_type as Item['materialType'],
  status: row.status as Item['status'],
})

/** Copies of one book (same ISBN, or same title and author) summed up, with their shelves. */
export const groupHoldings = (items: Item[]): catalogue.Holding[] => {
  const groups = new Map<string, Item[]>()
  for (const item of items) {
    const key = item.isbn ?? `${item.title}\u0000${item.author ?? ''}`
    groups.set(key, [...(groups.get(key) ?? []), item])
  }
  return [...groups.values()].map((copies) => {
    const first = copies[0] as Item
    const shelves = new Map(
      copies.map((copy) => [
        `${copy.location}\u0000${copy.callNumber}`,
        { location: copy.location, callNumber: copy.callNumber },
      ]),
    )
    return {
      isbn: first.isbn,
      title: first.title,
      author: first.author,
      publisher: first.publisher,
      year: first.year,
      materialType: first.materialType,
      copies: copies.length,
      available: copies.filter((copy) => copy.status === 'available').length,
      shelves: [...shelves.values()],
    }
  })
}
