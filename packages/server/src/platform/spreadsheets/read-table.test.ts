import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readTable } from './read-table.ts'

const gb18030 = (text: string) => {
  // Node cannot encode GBK, so the bytes of a short Chinese export are written out by hand.
  const bytes: Record<string, number[]> = { 条码: [0xcc, 0xf5, 0xc2, 0xeb], 题名: [0xcc, 0xe2, 0xc3, 0xfb] }
  const parts: number[] = []
  for (const piece of text.split(/(条码|题名)/)) {
    if (bytes[piece]) parts.push(...(bytes[piece] as number[]))
    else parts.push(...Buffer.from(piece, 'latin1'))
  }
  return Buffer.from(parts)
}

describe('readTable', () => {
  it('reads UTF-8 CSV with a BOM, CRLF lines, quotes and blank rows, keeping file line numbers', async () => {
    const csv = '\uFEFF条码,题名\r\nA001,"数据, 与算法"\r\n\r\nA002,图书馆学\r\n'
    const table = await readTable(Buffer.from(csv), 10)
    expect(table.headers).toEqual(['条码', '题名'])
    expect(table.rows).toEqual([
      { line: 2, cells: ['A001', '数据, 与算法'] },
      { line: 4, cells: ['A002', '图书馆学'] },
    ])
  })

  it('reads GBK CSV as saved by Excel on a Chinese Windows', async () => {
    const table = await readTable(gb18030('条码,题名\r\nB1,Hamlet\r\n'), 10)
    expect(table.headers).toEqual(['条码', '题名'])
    expect(table.rows[0]?.cells).toEqual(['B1', 'Hamlet'])
  })

  it('reads tab-separated UTF-16 with a BOM', async () => {
    const text = '条码\t题名\nC1\t古籍整理\n'
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const table = await readTable(bytes, 10)
    expect(table.rows[0]?.cells).toEqual(['C1', '古籍整理'])
  })

  it('reads the first non-empty sheet of an Excel workbook, numbers as text', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('说明')
    const sheet = workbook.addWorksheet('馆藏')
    sheet.addRow(['条码', '题名', 'ISBN'])
    sheet.addRow(['D1', { richText: [{ text: '机器' }, { text: '学习' }] }, 9787302423287])
    sheet.addRow([])
    sheet.addRow(['D2', '统计学', null])
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
    const table = await readTable(bytes, 10)
    expect(table.headers).toEqual(['条码', '题名', 'ISBN'])
    expect(table.rows).toEqual([
      { line: 2, cells: ['D1', '机器学习', '9787302423287'] },
      { line: 4, cells: ['D2', '统计学'] },
    ])
  })

  it('refuses binaries and broken workbooks, and files over the row limit', async () => {
    await expect(readTable(Buffer.from([0x4d, 0x5a, 0, 0, 1]), 10)).rejects.toMatchObject({
      code: 'import_unreadable',
    })
    await expect(readTable(Buffer.from('PK\u0003\u0004broken'), 10)).rejects.toMatchObject({
      code: 'import_unreadable',
    })
    const many = `条码,题名\n${Array.from({ length: 11 }, (_, i) => `E${i},书${i}`).join('\n')}`
    await expect(readTable(Buffer.from(many), 10)).rejects.toMatchObject({ code: 'import_too_many_rows' })
  })
})
