import { type catalogue, isbn13Of } from '@shuqiao/contracts'

type Item = catalogue.CatalogueItem
type Status = catalogue.CatalogueItem['status']

/** The largest export the server takes (IMPORT_MAX_BYTES) and its row limit. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024
export const IMPORT_MAX_ROWS = 100_000

/** Where the sample export lies (packages/web/public/samples/). */
export const SAMPLE_CSV = '/samples/catalogue-items.csv'

/** The longest text the holdings check takes for a title or an author. */
const SEARCH_MAX = 100

/** Antd tag colours per item status: green on the shelf, orange out, red gone. */
export const STATUS_COLOURS: Record<Status, string> = {
  available: 'green',
  on_loan: 'orange',
  quarantined: 'purple',
  on_hold: 'gold',
  in_transit: 'blue',
  processing: 'cyan',
  missing: 'red',
  withdrawn: 'default',
}

export interface HoldingsInput {
  isbn?: unknown
  title?: unknown
  author?: unknown
}

const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '')

/**
 * What to ask `GET /api/catalogue/holdings` about a book someone is describing, or undefined
 * while there is nothing worth asking: an ISBN only once it is valid (a half-typed one would
 * be refused), a title from two characters on. Texts are cut to what the route takes.
 */
export const holdingsQueryOf = ({ isbn, title, author }: HoldingsInput) => {
  const isbn13 = textOf(isbn) ? isbn13Of(textOf(isbn)) : null
  const titleText = [...textOf(title)].slice(0, SEARCH_MAX).join('').trim()
  const hasTitle = [...titleText].length >= 2
  if (!isbn13 && !hasTitle) return undefined
  const authorText = [...textOf(author)].slice(0, SEARCH_MAX).join('').trim()
  return {
    ...(isbn13 ? { isbn: isbn13 } : {}),
    ...(hasTitle ? { title: titleText } : {}),
    ...(hasTitle && authorText ? { author: authorText } : {}),
  }
}

/** Whether a request type's form describes a book the catalogue can be asked about. */
export const describesBook = (fields: readonly { name: string; kind: string }[]) =>
  fields.some((field) => field.name === 'isbn' && field.kind === 'isbn') &&
  fields.some((field) => field.name === 'title' && field.kind === 'text')

/** Copies of one book in a result list, shown to readers as one card. */
export interface BookGroup {
  key: string
  title: string
  author: string | null
  publisher: string | null
  year: number | null
  isbn: string | null
  copies: Item[]
  available: number
  shelves: { location: string | null; callNumber: string | null }[]
  /** In order of preference: on the shelf, else the status most copies have. */
  status: Status
}

const statusOf = (copies: Item[]): Status => {
  if (copies.some((copy) => copy.status === 'available')) return 'available'
  const counts = new Map<Status, number>()
  for (const copy of copies) counts.set(copy.status, (counts.get(copy.status) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'processing'
}

/**
 * Gathers the copies of each book (same ISBN, else same title and author) in the order books
 * first appear, so pages loaded later add copies to a book already shown.
 */
export const groupCopies = (items: Item[]): BookGroup[] => {
  const groups = new Map<string, Item[]>()
  for (const item of items) {
    const key = item.isbn ?? `${item.title}\u0000${item.author ?? ''}`
    const copies = groups.get(key)
    if (copies) copies.push(item)
    else groups.set(key, [item])
  }
  return [...groups].map(([key, copies]) => {
    const first = copies[0] as Item
    const shelves = new Map(
      copies.map((copy) => [
        `${copy.location ?? ''}\u0000${copy.callNumber ?? ''}`,
        { location: copy.location, callNumber: copy.callNumber },
      ]),
    )
    return {
      key,
      title: first.title,
      author: first.author,
      publisher: first.publisher,
      year: first.year,
      isbn: first.isbn,
      copies,
      available: copies.filter((copy) => copy.status === 'available').length,
      shelves: [...shelves.values()],
      status: statusOf(copies),
    }
  })
}

/** "出版社 · 2016": the parts that are known, joined. */
export const publication = (publisher: string | null, year: number | null) =>
  [publisher, year === null ? null : String(year)].filter(Boolean).join(' · ')

export type ImportFileProblem = 'tooLarge' | 'oldExcel' | 'notTable' | 'empty'

/**
 * Why a picked file would be refused before it is sent, or undefined: the server decides from
 * the content, but an old .xls workbook or a 50 MB file is better told at once.
 */
export const importFileProblem = (file: { name: string; size: number }): ImportFileProblem | undefined => {
  if (file.size === 0) return 'empty'
  if (file.size > IMPORT_MAX_BYTES) return 'tooLarge'
  const extension = file.name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? ''
  if (extension === 'xls' || extension === 'et') return 'oldExcel'
  if (!['csv', 'txt', 'tsv', 'xlsx'].includes(extension)) return 'notTable'
  return undefined
}

export type ProblemFilter = 'all' | 'error' | 'warning'

/** The problems of a preview the filter keeps. */
export const filterProblems = <P extends { severity: 'error' | 'warning' }>(
  problems: P[],
  filter: ProblemFilter,
) => (filter === 'all' ? problems : problems.filter((problem) => problem.severity === filter))
