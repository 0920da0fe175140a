import { describe, expect, it } from 'vitest'
import { isbnProblem, isbnText, platformNameOf, titleDetails, titleName } from './titles-logic.ts'

describe('titles in the console', () => {
  it('checks an ISBN as the server will, saying what is wrong', () => {
    expect(isbnProblem('978-7-302-14751-0')).toBeUndefined()
    expect(isbnProblem('ISBN 7-302-14751-5')).toBeUndefined()
    expect(isbnProblem('978-7-302-14751-1')).toBe('checksum')
    expect(isbnProblem('97873021475')).toBe('length')
    expect(isbnProblem('数据结构')).toBe('format')
    expect(isbnProblem('  ')).toBeUndefined()
  })

  it('names a title by its ISBN until it has a name, and lists its details', () => {
    expect(titleName({ title: null, isbn13: '9787302147510' }, '(ISBN only)')).toBe(
      '978-7-302-14751-0 (ISBN only)',
    )
    expect(titleName({ title: '数据结构', isbn13: null }, '')).toBe('数据结构')
    expect(isbnText(null)).toBe('')
    expect(titleDetails({ author: '严蔚敏', publisher: null, edition: '第2版' })).toBe('严蔚敏 · 第2版')
  })

  it('suggests a platform’s name from its KBART file’s name', () => {
    expect(platformNameOf('CambridgeBooks_EdinburghUniversityPress.tsv')).toBe(
      'CambridgeBooks EdinburghUniversityPress',
    )
    expect(platformNameOf('journals.cambridge.org_AllTitles_2015-07-14.txt')).toBe('journals.cambridge.org')
    expect(platformNameOf('超星电子书.xlsx')).toBe('超星电子书')
  })
})
