import { type catalogue, REQUEST_TYPES } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import {
  describesBook,
  filterProblems,
  groupCopies,
  holdingsQueryOf,
  importFileProblem,
  publication,
} from './catalogue-logic.ts'

const item = (overrides: Partial<catalogue.CatalogueItem>): catalogue.CatalogueItem => ({
  id: crypto.randomUUID(),
  libraryId: 'lib',
  barcode: 'B1',
  title: '机器学习',
  author: '周志华',
  publisher: '清华大学出版社',
  year: 2016,
  isbn: '9787302423287',
  callNumber: 'TP181/Z77',
  location: '主馆 3楼',
  materialType: 'book',
  status: 'available',
  ...overrides,
})

describe('holdingsQueryOf', () => {
  it('asks nothing until the ISBN is valid or the title has two characters', () => {
    expect(holdingsQueryOf({})).toBeUndefined()
    expect(holdingsQueryOf({ isbn: '978730242', title: '机' })).toBeUndefined()
    expect(holdingsQueryOf({ isbn: '9787302423288' })).toBeUndefined()
    expect(holdingsQueryOf({ title: '  机 ' })).toBeUndefined()
  })

  it('sends a valid ISBN as ISBN-13 however it was typed, and never a half-typed one', () => {
    expect(holdingsQueryOf({ isbn: '7-302-42328-8' })).toEqual({ isbn: '9787302423287' })
    expect(holdingsQueryOf({ isbn: '7-302-42328-1' })).toBeUndefined()
    expect(holdingsQueryOf({ isbn: 'ISBN 978-7-302-42328-7' })).toEqual({ isbn: '9787302423287' })
    expect(holdingsQueryOf({ isbn: '97873024', title: '机器学习', author: '周志华' })).toEqual({
      title: '机器学习',
      author: '周志华',
    })
  })

  it('trims texts, cuts them to what the route takes, and drops an author without a title', () => {
    const long = '书'.repeat(150)
    expect(holdingsQueryOf({ title: ` ${long} ` })?.title).toHaveLength(100)
    expect(holdingsQueryOf({ isbn: '9787302423287', author: '周志华' })).toEqual({ isbn: '9787302423287' })
    expect(holdingsQueryOf({ title: '三体', author: '  ' })).toEqual({ title: '三体' })
    expect(holdingsQueryOf({ title: 42 })).toBeUndefined()
  })
})

describe('describesBook', () => {
  it('picks the request types whose form has an ISBN and a title', () => {
    const codes = REQUEST_TYPES.filter((type) => describesBook(type.fields)).map((type) => type.code)
    expect(codes).toContain('purchase_suggestion')
    expect(codes).toContain('interlibrary_loan')
    expect(codes).not.toContain('document_delivery')
  })
})

describe('groupCopies', () => {
  it('shows the copies of one book as one, on the shelf when any copy is', () => {
    const books = groupCopies([
      item({ barcode: 'B1', status: 'on_loan' }),
      item({ barcode: 'B2' }),
      item({ barcode: 'B3', isbn: null, title: '三体', author: '刘慈欣', callNumber: 'I247.55/L72' }),
      item({ barcode: 'B4', location: '主馆 4楼' }),
    ])
    expect(books.map((book) => [book.title, book.copies.length, book.available, book.status])).toEqual([
      ['机器学习', 3, 2, 'available'],
      ['三体', 1, 1, 'available'],
    ])
    expect(books[0]?.shelves).toEqual([
      { location: '主馆 3楼', callNumber: 'TP181/Z77' },
      { location: '主馆 4楼', callNumber: 'TP181/Z77' },
    ])
  })

  it('names the commonest status when no copy is in', () => {
    const [book] = groupCopies([
      item({ barcode: 'B1', status: 'missing' }),
      item({ barcode: 'B2', status: 'on_loan' }),
      item({ barcode: 'B3', status: 'on_loan' }),
    ])
    expect(book?.status).toBe('on_loan')
    expect(book?.available).toBe(0)
  })

  it('keeps books without an ISBN apart by title and author', () => {
    const books = groupCopies([
      item({ isbn: null, title: '文集', author: '甲' }),
      item({ isbn: null, title: '文集', author: '乙' }),
      item({ isbn: null, title: '文集', author: '甲' }),
    ])
    expect(books.map((book) => book.copies.length)).toEqual([2, 1])
  })
})

describe('importFileProblem', () => {
  it('takes CSV, TSV, text and xlsx files up to 20 MB', () => {
    for (const name of ['馆藏.csv', 'items.TSV', 'export.txt', 'holdings.xlsx'])
      expect(importFileProblem({ name, size: 1000 })).toBeUndefined()
    expect(importFileProblem({ name: 'big.csv', size: 20 * 1024 * 1024 + 1 })).toBe('tooLarge')
    expect(importFileProblem({ name: 'empty.csv', size: 0 })).toBe('empty')
  })

  it('tells an old Excel workbook from a file that is no table at all', () => {
    expect(importFileProblem({ name: '馆藏清单.xls', size: 1000 })).toBe('oldExcel')
    expect(importFileProblem({ name: 'scan.pdf', size: 1000 })).toBe('notTable')
    expect(importFileProblem({ name: 'no-extension', size: 1000 })).toBe('notTable')
  })
})

describe('filterProblems and publication', () => {
  it('keeps the problems of one severity', () => {
    const problems = [
      { line: 2, severity: 'warning' as const },
      { line: 4, severity: 'error' as const },
    ]
    expect(filterProblems(problems, 'all')).toHaveLength(2)
    expect(filterProblems(problems, 'error').map((p) => p.line)).toEqual([4])
    expect(filterProblems(problems, 'warning').map((p) => p.line)).toEqual([2])
  })

  it('joins publisher and year when known', () => {
    expect(publication('清华大学出版社', 2016)).toBe('清华大学出版社 · 2016')
    expect(publication(null, 2016)).toBe('2016')
    expect(publication('中信出版社', null)).toBe('中信出版社')
    expect(publication(null, null)).toBe('')
  })
})
