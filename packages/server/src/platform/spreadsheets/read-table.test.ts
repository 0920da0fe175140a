import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { gbk } from './gbk.fixtures.ts'
import { readTable, UnreadableTable } from './read-table.ts'

const xlsx = async (rows: (string | number | null)[][], percentColumn?: number) => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('名单')
  for (const row of rows) sheet.addRow(row)
  if (percentColumn) sheet.getColumn(percentColumn).numFmt = '0.0%'
  return Buffer.from(await workbook.xlsx.writeBuffer())
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
    const table = await readTable(gbk('条码,题名\r\nB1,Hamlet\r\n'), 10)
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

  it('counts lines across quoted line breaks and blank lines, naming each row by the line it starts on', async () => {
    const table = await readTable(
      Buffer.from(
        '\uFEFF学号,姓名,论文题目\r\n2020001,李明,"电网故障诊断\r\n（修订稿）"\r\n\r\n2020002,王芳,边缘计算\r\n',
      ),
    )
    expect(table.headers).toEqual(['学号', '姓名', '论文题目'])
    expect(table.headerLine).toBe(1)
    expect(table.rows.map((row) => row.line)).toEqual([2, 5])
    expect(table.rows[0]!.cells[2]).toBe('电网故障诊断\n（修订稿）')
  })

  it('takes the first line that is not blank as the header', async () => {
    const table = await readTable(Buffer.from('\n,,\n学号,姓名\n2020001,李明\n'))
    expect(table.headers).toEqual(['学号', '姓名'])
    expect(table.headerLine).toBe(3)
    expect(table.rows).toEqual([{ line: 4, cells: ['2020001', '李明'] }])
  })

  it('takes tab-separated text pasted from a sheet', async () => {
    const table = await readTable(Buffer.from('学号\t姓名\n2020001\t李明, 硕士\n'))
    expect(table.rows[0]!.cells).toEqual(['2020001', '李明, 硕士'])
  })

  it('names the line where a CSV stops being well formed, in a GBK file too', async () => {
    for (const bytes of [
      Buffer.from('学号,姓名\n2020001,李明\n2020002,"王芳\n2020003,张伟\n'),
      gbk('学号,姓名\r\n2020001,李明\r\n2020002,"王芳\r\n2020003,张伟\r\n'),
    ]) {
      const error = await readTable(bytes).then(
        () => expect.unreachable(),
        (thrown: unknown) => thrown,
      )
      expect(error).toBeInstanceOf(UnreadableTable)
      expect(error).toMatchObject({ code: 'import_unreadable', line: 3 })
      expect((error as UnreadableTable).reason!.zh).toBe('第 3 行起 CSV 格式有误：有一个引号没有闭合。')
      expect((error as UnreadableTable).reason!.en).toBe(
        'The CSV is malformed from line 3: a quote is never closed.',
      )
    }
  })

  it('refuses an empty file as a whole, saying it is empty', async () => {
    for (const bytes of [Buffer.from('\uFEFF\n\n'), Buffer.from(',,\r\n'), Buffer.alloc(0), await xlsx([])])
      await expect(readTable(bytes)).rejects.toMatchObject({
        code: 'import_unreadable',
        line: 0,
        reason: { zh: '文件是空的。', en: 'The file is empty.' },
      })
  })

  it('reads numbers in full, and percentages as Excel shows them', async () => {
    const table = await readTable(
      await xlsx(
        [
          ['学号', '复制比'],
          [118037910002, 0.234],
          [2020001, 0.086],
        ],
        2,
      ),
    )
    expect(table.rows.map((row) => row.cells)).toEqual([
      ['118037910002', '23.4%'],
      ['2020001', '8.6%'],
    ])
    expect(table.rows.map((row) => row.line)).toEqual([2, 3])
  })

  it('says a damaged Excel file cannot be opened', async () => {
    await expect(readTable(Buffer.from('PK\u0003\u0004 not really a workbook'))).rejects.toMatchObject({
      code: 'import_unreadable',
      reason: { zh: '无法打开这个 Excel 文件，它可能已损坏。' },
    })
  })
})
