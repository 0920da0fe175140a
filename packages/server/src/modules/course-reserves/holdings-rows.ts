import { type eHoldings, headerKey } from '@shuqiao/contracts'
import type { TableRow } from '../../platform/spreadsheets/read-table.ts'
import { type RowProblem, warning } from './course-import.problems.ts'
import { authorKey, readIsbn, titleKey } from './title-keys.ts'

// A vendor's rows as e-holdings. KBART columns are found by their standard names; CSV and Excel
// title lists by the headers Chinese platforms and libraries use. Vendor files are messy, so
// nothing in a row stops an import: a row without a title is skipped, an identifier that is
// `n/a`, blank or not an ISBN is kept as given (ISSNs) or left out, and each is said once by line.

type Field = eHoldings.HoldingField

const HEADERS: Record<Field, readonly string[]> = {
  title: [
    'publication_title',
    'title',
    '题名',
    '书名',
    '刊名',
    '正题名',
    '资源名称',
    '图书名称',
    '电子书名称',
  ],
  printIdentifier: [
    'print_identifier',
    'isbn',
    'print isbn',
    'pisbn',
    'p-isbn',
    'issn',
    'print issn',
    '纸本isbn',
    '纸书isbn',
    '印刷版isbn',
  ],
  onlineIdentifier: [
    'online_identifier',
    'eisbn',
    'e-isbn',
    'online isbn',
    'eissn',
    'e-issn',
    '电子isbn',
    '电子版isbn',
    '电子书isbn',
  ],
  titleUrl: ['title_url', 'url', 'link', '链接', '网址', '访问地址', '访问链接', '全文链接'],
  author: ['first_author', 'author', 'authors', '作者', '责任者', '著者', '第一作者'],
  publisher: ['publisher_name', 'publisher', '出版社', '出版者'],
  publicationType: ['publication_type', '文献类型', '资源类型'],
  edition: ['monograph_edition', 'edition', '版次'],
  accessType: ['access_type'],
}

const FIELD_BY_KEY = new Map<string, Field>(
  (Object.entries(HEADERS) as [Field, readonly string[]][]).flatMap(([field, names]) =>
    names.map((name) => [headerKey(name), field] as const),
  ),
)

export type HoldingColumns = Partial<Record<Field, number>>

/** Which column feeds which field (the first header of each field), and the headers not read. */
export const holdingColumns = (headers: readonly string[]) => {
  const index: HoldingColumns = {}
  const ignored: string[] = []
  headers.forEach((header, at) => {
    const field = FIELD_BY_KEY.get(headerKey(header))
    if (field && index[field] === undefined) index[field] = at
    else if (header.trim()) ignored.push(header)
  })
  const named = Object.fromEntries(
    (Object.entries(index) as [Field, number][]).map(([field, at]) => [field, headers[at]!]),
  )
  const kbart = headers.some((header) => headerKey(header) === headerKey('publication_title'))
  return { index, named, ignored, format: kbart ? ('kbart' as const) : ('title_list' as const) }
}

/** A holding as it is stored (without its ids). */
export interface StagedHolding {
  title: string
  title_key: string
  author: string | null
  author_key: string
  publisher: string | null
  print_identifier: string | null
  online_identifier: string | null
  print_isbn13: string | null
  online_isbn13: string | null
  title_url: string | null
  publication_type: string | null
  edition: string | null
  free: boolean
}

export interface HoldingCounts {
  titles: number
  withIsbn: number
  withIssn: number
  withoutIdentifier: number
  withoutUrl: number
  skipped: number
}

export const emptyCounts = (): HoldingCounts => ({
  titles: 0,
  withIsbn: 0,
  withIssn: 0,
  withoutIdentifier: 0,
  withoutUrl: 0,
  skipped: 0,
})

// Written where a vendor has no identifier.
const NONE = new Set(['', 'n/a', 'na', 'n.a.', '-', '--', 'null', 'none', '无', '暂无'])
const ISSN = /^\d{4}-?\d{3}[\dXx]$/
const MAX_TEXT = 1000

/** A cell as text: NFKC, spaces tidied, control characters dropped, at most 1,000 characters. */
const text = (value: string | undefined) => {
  const cleaned = (value ?? '')
    .normalize('NFKC')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return cleaned ? cleaned.slice(0, MAX_TEXT) : null
}

/**
 * One row as a holding, or undefined for a row without a title; its problems are added to
 * `problems` and what it is counted in `counts`.
 */
export const readHolding = (
  row: TableRow,
  columns: HoldingColumns,
  headers: readonly string[],
  counts: HoldingCounts,
  problems: { add(problem: RowProblem): void },
): StagedHolding | undefined => {
  const cell = (field: Field) => {
    const at = columns[field]
    return at === undefined ? undefined : row.cells[at]
  }
  const title = text(cell('title'))
  if (!title) {
    counts.skipped++
    problems.add(
      warning(row.line, headers[columns.title!] ?? null, 'missing_title', {
        zh: '这一行没有题名，已跳过。',
        en: 'This row has no title and was skipped.',
      }),
    )
    return undefined
  }
  const identifier = (field: 'printIdentifier' | 'onlineIdentifier') => {
    const raw = text(cell(field))
    if (!raw || NONE.has(raw.toLowerCase())) return { raw: null, isbn13: null }
    const isbn = readIsbn(raw)
    if (isbn?.problem === 'checksum')
      problems.add(
        warning(row.line, headers[columns[field]!] ?? null, 'bad_isbn', {
          zh: `“${raw}”像是 ISBN 但校验位不对，不用它匹配。`,
          en: `“${raw}” looks like an ISBN but its check digit is wrong; it is not used for matching.`,
        }),
      )
    return { raw: raw.slice(0, 40), isbn13: isbn?.isbn13 ?? null }
  }
  const print = identifier('printIdentifier')
  const online = identifier('onlineIdentifier')
  let url = text(cell('titleUrl'))
  if (url && !/^https?:\/\//i.test(url)) {
    problems.add(
      warning(row.line, headers[columns.titleUrl!] ?? null, 'bad_url', {
        zh: `“${url}”不是 http 或 https 网址，这一条不会被推荐。`,
        en: `“${url}” is not an http or https address; this title will not be proposed.`,
      }),
    )
    url = null
  }
  const author = text(cell('author'))
  counts.titles++
  if (print.isbn13 || online.isbn13) counts.withIsbn++
  else if ([print.raw, online.raw].some((raw) => raw && ISSN.test(raw))) counts.withIssn++
  else counts.withoutIdentifier++
  if (!url) counts.withoutUrl++
  return {
    title,
    title_key: titleKey(title),
    author,
    author_key: authorKey(author),
    publisher: text(cell('publisher')),
    print_identifier: print.raw,
    online_identifier: online.raw,
    print_isbn13: print.isbn13,
    online_isbn13: online.isbn13,
    title_url: url,
    publication_type: text(cell('publicationType'))?.slice(0, 40) ?? null,
    edition: text(cell('edition'))?.slice(0, 60) ?? null,
    free: (text(cell('accessType')) ?? '').toUpperCase() === 'F',
  }
}
