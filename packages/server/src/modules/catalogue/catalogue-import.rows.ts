import { type catalogue, headerKey, isbn13Of } from '@shuqiao/contracts'
import type { Table } from '../../platform/spreadsheets/read-table.ts'

type ItemField =
  | 'barcode'
  | 'title'
  | 'author'
  | 'publisher'
  | 'year'
  | 'isbn'
  | 'callNumber'
  | 'location'
  | 'materialType'
  | 'status'

/** An item as it will be stored, before it has an id. */
export type StagedItem = Omit<catalogue.CatalogueItem, 'id' | 'libraryId'>

// Headers as 汇文 (Libsys), ILAS, Aleph, Sirsi and FOLIO exports spell them, compared after
// lower-casing and removing spaces, underscores and full-width forms.
const HEADERS: Record<ItemField, string[]> = {
  barcode: ['条码', '条码号', '条形码', '册条码', '册条码号', 'barcode', 'itembarcode'],
  title: ['题名', '书名', '正题名', '题名与责任者', 'title'],
  author: ['责任者', '著者', '作者', '主要责任者', 'author', 'creator'],
  publisher: ['出版社', '出版者', '出版发行者', 'publisher'],
  year: ['出版年', '出版日期', '出版时间', 'year', 'publicationyear', 'pubyear', 'date'],
  isbn: ['isbn', 'isbn号', '标准号', '国际标准书号'],
  callNumber: ['索书号', '索取号', '分类号/书次号', 'callnumber', 'callno'],
  location: ['馆藏地', '馆藏地点', '馆藏位置', '馆藏部门', '典藏地', 'location', 'shelvinglocation'],
  materialType: ['文献类型', '资料类型', '载体类型', 'materialtype', 'itemtype', 'type'],
  status: ['状态', '流通状态', '馆藏状态', '册状态', 'status', 'itemstatus'],
}
const REQUIRED: ItemField[] = ['barcode', 'title']

const MATERIAL_WORDS: Record<string, catalogue.CatalogueItem['materialType']> = {
  图书: 'book',
  中文图书: 'book',
  外文图书: 'book',
  普通图书: 'book',
  book: 'book',
  电子书: 'ebook',
  电子图书: 'ebook',
  ebook: 'ebook',
  期刊: 'journal',
  报刊: 'journal',
  journal: 'journal',
  serial: 'journal',
  学位论文: 'thesis',
  论文: 'thesis',
  thesis: 'thesis',
  音像: 'audiovisual',
  视听资料: 'audiovisual',
  光盘: 'audiovisual',
  audiovisual: 'audiovisual',
  其他: 'other',
  other: 'other',
}

const STATUS_WORDS: Record<string, catalogue.CatalogueItem['status']> = {
  在架: 'available',
  可借: 'available',
  在馆: 'available',
  available: 'available',
  借出: 'on_loan',
  已借出: 'on_loan',
  外借: 'on_loan',
  onloan: 'on_loan',
  checkedout: 'on_loan',
  预约: 'on_hold',
  预约保留: 'on_hold',
  onhold: 'on_hold',
  在途: 'in_transit',
  intransit: 'in_transit',
  加工中: 'processing',
  编目中: 'processing',
  processing: 'processing',
  丢失: 'missing',
  遗失: 'missing',
  missing: 'missing',
  lost: 'missing',
  剔除: 'withdrawn',
  注销: 'withdrawn',
  withdrawn: 'withdrawn',
}

const keyOf = headerKey

const FIELD_BY_HEADER = new Map(
  Object.entries(HEADERS).flatMap(([field, names]) => names.map((name) => [keyOf(name), field as ItemField])),
)

/** Which column feeds which field; a header we do not know is kept and ignored. */
export const mapColumns = (headers: string[]) => {
  const taken = new Set<ItemField>()
  const columns = headers.map((header) => {
    const field = FIELD_BY_HEADER.get(keyOf(header))
    if (!field || taken.has(field)) return { header, field: null }
    taken.add(field)
    return { header, field }
  })
  const missing = REQUIRED.filter((field) => !taken.has(field))
  return { columns, missing }
}

export const REQUIRED_HEADERS = { barcode: HEADERS.barcode[0], title: HEADERS.title[0] }

const LIMITS: Partial<Record<ItemField, number>> = {
  barcode: 40,
  title: 500,
  author: 300,
  publisher: 200,
  callNumber: 80,
  location: 100,
}

type Problem = catalogue.ImportProblem

const problem = (
  line: number,
  column: string | null,
  code: string,
  severity: Problem['severity'],
  zh: string,
  en: string,
): Problem => ({ line, column, code, severity, message: { zh, en } })

/**
 * Turns a file's rows into items to store and problems by line: a row without a barcode or a
 * title, or with a barcode seen earlier in the file, is left out; a bad ISBN, year, type or
 * status is dropped from its row, which is kept, and reported as a warning.
 */
export const stageRows = (table: Table, columns: ReturnType<typeof mapColumns>['columns']) => {
  const items: StagedItem[] = []
  const problems: Problem[] = []
  const seen = new Map<string, number>()
  const index = new Map(columns.flatMap((column, at) => (column.field ? [[column.field, at] as const] : [])))
  const headerOf = (field: ItemField) => columns[index.get(field) ?? -1]?.header ?? field

  for (const { line, cells } of table.rows) {
    const cell = (field: ItemField) => {
      const at = index.get(field)
      return at === undefined ? '' : (cells[at] ?? '').replace(/\p{Cc}/gu, ' ').trim()
    }
    const rowProblems: Problem[] = []
    for (const field of REQUIRED) {
      if (!cell(field)) {
        rowProblems.push(
          problem(
            line,
            headerOf(field),
            'required',
            'error',
            `缺少${headerOf(field)}`,
            `${headerOf(field)} is missing`,
          ),
        )
      }
    }
    for (const [field, max] of Object.entries(LIMITS) as [ItemField, number][]) {
      if (cell(field).length > max) {
        rowProblems.push(
          problem(
            line,
            headerOf(field),
            'too_long',
            'error',
            `${headerOf(field)}超过 ${max} 个字符`,
            `${headerOf(field)} is longer than ${max} characters`,
          ),
        )
      }
    }
    const barcode = cell('barcode')
    const earlier = barcode ? seen.get(barcode) : undefined
    if (earlier !== undefined) {
      rowProblems.push(
        problem(
          line,
          headerOf('barcode'),
          'duplicate_barcode',
          'error',
          `条码 ${barcode} 与第 ${earlier} 行重复`,
          `Barcode ${barcode} repeats line ${earlier}`,
        ),
      )
    }
    if (rowProblems.some((p) => p.severity === 'error')) {
      problems.push(...rowProblems)
      continue
    }
    seen.set(barcode, line)

    const rawIsbn = cell('isbn')
    const isbn = rawIsbn ? isbn13Of(rawIsbn.split(/[;；,，/]/)[0] ?? '') : null
    if (rawIsbn && !isbn) {
      rowProblems.push(
        problem(
          line,
          headerOf('isbn'),
          'invalid_isbn',
          'warning',
          `ISBN“${rawIsbn}”无效（长度或校验位不对），该册仍导入但不带 ISBN`,
          `ISBN "${rawIsbn}" is not valid (length or check digit); the item is kept without it`,
        ),
      )
    }
    const rawYear = cell('year')
    const yearMatch = rawYear.match(/(1[5-9]|20)\d\d/)
    const year = yearMatch ? Number(yearMatch[0]) : null
    if (rawYear && year === null) {
      rowProblems.push(
        problem(
          line,
          headerOf('year'),
          'invalid_year',
          'warning',
          `出版年“${rawYear}”无法识别，已留空`,
          `Year "${rawYear}" is not a year; left empty`,
        ),
      )
    }
    const rawType = cell('materialType')
    const materialType = rawType ? MATERIAL_WORDS[keyOf(rawType)] : 'book'
    if (!materialType) {
      rowProblems.push(
        problem(
          line,
          headerOf('materialType'),
          'unknown_material_type',
          'warning',
          `文献类型“${rawType}”不认识，按“其他”导入`,
          `Material type "${rawType}" is unknown; imported as "other"`,
        ),
      )
    }
    const rawStatus = cell('status')
    const status = rawStatus ? STATUS_WORDS[keyOf(rawStatus)] : 'available'
    if (!status) {
      rowProblems.push(
        problem(
          line,
          headerOf('status'),
          'unknown_status',
          'warning',
          `状态“${rawStatus}”不认识，按“在架”导入`,
          `Status "${rawStatus}" is unknown; imported as available`,
        ),
      )
    }
    problems.push(...rowProblems)
    items.push({
      barcode,
      title: cell('title'),
      author: cell('author') || null,
      publisher: cell('publisher') || null,
      year,
      isbn,
      callNumber: cell('callNumber') || null,
      location: cell('location') || null,
      materialType: materialType ?? 'other',
      status: status ?? 'available',
    })
  }
  return { items, problems }
}
