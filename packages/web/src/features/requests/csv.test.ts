import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from './csv.ts'

describe('csv', () => {
  it('starts with a BOM and ends lines with CRLF', () => {
    const text = toCsv([
      ['类型', '收到'],
      ['文献传递', 3],
    ])
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.slice(1)).toBe('类型,收到\r\n文献传递,3\r\n')
  })

  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
  })

  it('defuses text that Excel would run as a formula, not negative numbers', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(csvCell(-1)).toBe('-1')
    expect(csvCell(null)).toBe('')
    expect(csvCell(0.875)).toBe('0.875')
  })
})
