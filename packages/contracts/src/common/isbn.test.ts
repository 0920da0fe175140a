import { describe, expect, it } from 'vitest'
import { hyphenatedIsbn, isbn13Of } from './isbn.ts'

describe('isbn13Of', () => {
  it('normalises ISBN-10 and ISBN-13 as people write them', () => {
    expect(isbn13Of('978-7-111-54493-7')).toBe('9787111544937')
    expect(isbn13Of('978 7 111 54493 7')).toBe('9787111544937')
    expect(isbn13Of('7-111-54493-5')).toBe('9787111544937')
    expect(isbn13Of('ISBN 7-02-000220-x')).toBe('9787020002207')
    expect(isbn13Of('ISBN：9787020002207')).toBe('9787020002207')
  })

  it('refuses wrong check digits, lengths and words', () => {
    expect(isbn13Of('9787111544938')).toBeNull()
    expect(isbn13Of('7-02-000220-6')).toBeNull()
    expect(isbn13Of('12345')).toBeNull()
    expect(isbn13Of('n/a')).toBeNull()
    expect(isbn13Of('')).toBeNull()
  })
})

describe('hyphenatedIsbn', () => {
  it('hyphenates as printed on the book, and leaves what it cannot place alone', () => {
    expect(hyphenatedIsbn('9787302423287')).toBe('978-7-302-42328-7')
    expect(hyphenatedIsbn('9787111544937')).toBe('978-7-111-54493-7')
    expect(hyphenatedIsbn('12345')).toBe('12345')
  })
})
