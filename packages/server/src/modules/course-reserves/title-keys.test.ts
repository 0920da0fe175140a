import { describe, expect, it } from 'vitest'
import { authorKey, authorsAgree, readIsbn, titleKey } from './title-keys.ts'

describe('reading ISBNs', () => {
  it('normalises ISBN-10 and ISBN-13 however they are written to ISBN-13', () => {
    expect(readIsbn('978-7-302-14751-0')).toEqual({ isbn13: '9787302147510' })
    expect(readIsbn('ISBN 7-302-14751-5')).toEqual({ isbn13: '9787302147510' })
    expect(readIsbn('isbn：９７８７３０２１４７５１０')).toEqual({ isbn13: '9787302147510' })
    expect(readIsbn('0-19-852663-6')).toEqual({ isbn13: '9780198526636' })
    expect(readIsbn('019852663x')).toBeDefined()
    expect(readIsbn('   ')).toBeUndefined()
  })

  it('says why an ISBN is refused: its check digit, its length, or not digits at all', () => {
    expect(readIsbn('978-7-302-14751-1')).toEqual({ problem: 'checksum' })
    expect(readIsbn('7-302-14751-8')).toEqual({ problem: 'checksum' })
    expect(readIsbn('97873021475')).toEqual({ problem: 'length' })
    expect(readIsbn('n/a')).toEqual({ problem: 'format' })
  })
})

describe('comparing titles and authors', () => {
  it('folds full-width forms, case, editions in brackets, subtitles and articles', () => {
    expect(titleKey('数据结构（C语言版）')).toBe('数据结构')
    expect(titleKey('数据结构：C语言版')).toBe(titleKey('数据结构 (第2版)'))
    expect(titleKey('The Art of Computer Programming')).toBe(titleKey('art of computer programming'))
    expect(titleKey('Science & Society')).toBe(titleKey('Science and Society'))
    expect(titleKey('《高等数学》')).toBe('高等数学')
    // A short main title is too generic on its own: the whole title is kept.
    expect(titleKey('C: A Reference Manual')).toBe('careferencemanual')
    expect(titleKey(null)).toBe('')
  })

  it('drops words of responsibility from authors and lets one name hold the other', () => {
    expect(authorKey('严蔚敏，吴伟民 编著')).toBe('严蔚敏吴伟民')
    expect(authorKey('同济大学数学系 编')).toBe('同济大学数学系')
    expect(authorKey('谭浩强著')).toBe('谭浩强')
    expect(authorKey('R. Holloway (ed.)')).toBe('rholloway')
    expect(authorsAgree(authorKey('Richard Holloway'), authorKey('Holloway'))).toBe(true)
    expect(authorsAgree(authorKey('严蔚敏'), authorKey('严蔚敏，吴伟民 编著'))).toBe(true)
    expect(authorsAgree(authorKey('谭浩强'), authorKey('严蔚敏'))).toBe(false)
    expect(authorsAgree('', authorKey('严蔚敏'))).toBe(true)
  })
})
