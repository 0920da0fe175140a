import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { formData } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

const upload = async (cookie: string, content: Buffer | string, name = 'items.csv') =>
  t.request({
    method: 'POST',
    url: '/api/catalogue/imports',
    cookie,
    ...(await formData(Buffer.from(content), name, 'text/csv')),
  })

const EXPORT = [
  '条码号,题名,责任者,出版社,出版年,ISBN,索书号,馆藏地,文献类型,流通状态,备注',
  'T900001,图书馆学基础,吴慰慈,高等教育出版社,2008,978-7-04-050312-4,G250/W87,主馆 3楼,中文图书,在架,',
  'T900002,信息检索教程,,,二〇一九,7-111-54493-5,G252.7/X12,主馆 3楼,图书,借出,',
  ',没有条码的书,,,,,,,,,',
  'T900001,重复条码,,,,,,,,,',
  'T900003,,,,,,,,,,',
  'T900004,数字图书馆建设与服务,王磊,科学出版社,2015-06,,G250.76/W23,主馆 4楼,缩微品,修补中,多余的列',
].join('\r\n')

describe('catalogue import', () => {
  it('previews an export with every row’s problem by line, and stores nothing until applied', async () => {
    const librarian = await t.as('librarian', 'tongji')
    const response = await upload(librarian, EXPORT)
    expect(response.statusCode, response.body).toBe(201)
    const preview = response.json()
    expect(preview).toMatchObject({ status: 'previewed', rowsTotal: 6, rowsValid: 3, errorCount: 3 })
    expect(preview.columns).toContainEqual({ header: '备注', field: null })
    expect(preview.columns).toContainEqual({ header: '流通状态', field: 'status' })
    const byLine = preview.problems.map((p: { line: number; code: string; severity: string }) => [
      p.line,
      p.code,
      p.severity,
    ])
    expect(byLine).toEqual([
      [2, 'invalid_isbn', 'warning'],
      [3, 'invalid_year', 'warning'],
      [4, 'required', 'error'],
      [5, 'duplicate_barcode', 'error'],
      [6, 'required', 'error'],
      [7, 'unknown_material_type', 'warning'],
      [7, 'unknown_status', 'warning'],
    ])
    expect(preview.problems[3].message.zh).toBe('条码 T900001 与第 2 行重复')
    expect(preview.sample[1]).toMatchObject({
      barcode: 'T900002',
      isbn: '9787111544937',
      status: 'on_loan',
      year: null,
    })
    const search = await t.request({
      method: 'GET',
      url: '/api/catalogue/items?q=T900002',
      cookie: librarian,
    })
    expect(search.json().items).toEqual([])
  })

  it('applies all valid rows at once, then updates known barcodes on the next import', async () => {
    const librarian = await t.as('librarian', 'tongji')
    const first = (await upload(librarian, EXPORT)).json()
    const applied = await t.request({
      method: 'POST',
      url: `/api/catalogue/imports/${first.id}/apply`,
      cookie: librarian,
    })
    expect(applied.statusCode, applied.body).toBe(200)
    expect(applied.json()).toMatchObject({ status: 'applied', added: 3, updated: 0 })

    const again = await t.request({
      method: 'POST',
      url: `/api/catalogue/imports/${first.id}/apply`,
      cookie: librarian,
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('import_not_previewed')

    const second = (
      await upload(
        librarian,
        '条码号,题名,流通状态\nT900002,信息检索教程（第二版）,在架\nT900009,新书,在架\n',
      )
    ).json()
    const result = await t.request({
      method: 'POST',
      url: `/api/catalogue/imports/${second.id}/apply`,
      cookie: librarian,
    })
    expect(result.json()).toMatchObject({ added: 1, updated: 1 })
    const found = await t.request({ method: 'GET', url: '/api/catalogue/items?q=T900002', cookie: librarian })
    expect(found.json().items[0]).toMatchObject({ title: '信息检索教程（第二版）', status: 'available' })

    const audit = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=catalogue.import.apply',
      cookie: await t.as('library_admin', 'tongji'),
    })
    expect(audit.json().items.length).toBeGreaterThanOrEqual(2)

    const history = await t.request({
      method: 'GET',
      url: '/api/catalogue/imports?limit=2',
      cookie: librarian,
    })
    expect(history.json().items.map((i: { id: string }) => i.id)).toEqual([second.id, first.id])
  })

  it('takes the sample file the import dialog offers without a single problem', async () => {
    const sample = readFileSync(
      new URL('../../../../web/public/samples/catalogue-items.csv', import.meta.url),
    )
    const response = await upload(await t.as('librarian', 'fudan'), sample, 'catalogue-items.csv')
    expect(response.statusCode, response.body).toBe(201)
    const preview = response.json()
    expect(preview.problems).toEqual([])
    expect(preview.rowsValid).toBe(preview.rowsTotal)
    expect(preview.columns.every((column: { field: string | null }) => column.field !== null)).toBe(true)
  })

  it('reads Excel workbooks the same way', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('馆藏')
    sheet.addRow(['Barcode', 'Title', 'Author', 'ISBN', 'Call number', 'Location'])
    sheet.addRow([
      'X0001',
      'Modern Information Retrieval',
      'Baeza-Yates',
      9787111213826,
      'G354/B14',
      'Main 3F',
    ])
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
    const librarian = await t.as('librarian', 'fudan')
    const response = await upload(librarian, bytes, 'holdings.xlsx')
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json()).toMatchObject({ fileName: 'holdings.xlsx', rowsValid: 1, errorCount: 0 })
    expect(response.json().sample[0]).toMatchObject({ isbn: '9787111213826', callNumber: 'G354/B14' })
  })

  it('refuses files it cannot read or without the required columns, storing nothing', async () => {
    const librarian = await t.as('librarian', 'fudan')
    const binary = await upload(librarian, Buffer.from([0x4d, 0x5a, 0x00, 0x01, 0x02]), 'items.exe')
    expect(binary.statusCode).toBe(422)
    expect(binary.json().code).toBe('import_unreadable')
    const empty = await upload(librarian, '\uFEFF\r\n')
    expect(empty.statusCode).toBe(422)
    expect(empty.json()).toMatchObject({ code: 'import_unreadable', detail: '文件是空的。' })
    const quote = await upload(librarian, '条码号,题名\r\nT1,书\r\nT2,"没有闭合\r\nT3,书\r\n')
    expect(quote.statusCode).toBe(422)
    expect(quote.json()).toMatchObject({
      code: 'import_unreadable',
      line: 3,
      detail: '第 3 行起 CSV 格式有误：有一个引号没有闭合。',
    })
    const columns = await upload(librarian, 'name,price\n书,10\n')
    expect(columns.statusCode).toBe(422)
    expect(columns.json().code).toBe('import_missing_columns')
    expect(columns.json().detail).toContain('条码号')
    const notMultipart = await t.request({
      method: 'POST',
      url: '/api/catalogue/imports',
      cookie: librarian,
      payload: { rows: [] },
    })
    expect(notMultipart.statusCode).toBe(415)
  })

  it('keeps each library’s imports to itself, and lets a previewed import be discarded', async () => {
    const tongji = await t.as('librarian', 'tongji')
    const preview = (await upload(tongji, '条码号,题名\nQ1,某书\n')).json()
    const stranger = await t.as('librarian', 'sjtu')
    for (const url of [`/api/catalogue/imports/${preview.id}`]) {
      expect((await t.request({ method: 'GET', url, cookie: stranger })).statusCode).toBe(404)
    }
    const foreignApply = await t.request({
      method: 'POST',
      url: `/api/catalogue/imports/${preview.id}/apply`,
      cookie: stranger,
    })
    expect(foreignApply.statusCode).toBe(404)
    const discarded = await t.request({
      method: 'POST',
      url: `/api/catalogue/imports/${preview.id}/discard`,
      cookie: tongji,
    })
    expect(discarded.json().status).toBe('discarded')
    const apply = await t.request({
      method: 'POST',
      url: `/api/catalogue/imports/${preview.id}/apply`,
      cookie: tongji,
    })
    expect(apply.statusCode).toBe(409)
    const bad = await t.request({ method: 'GET', url: '/api/catalogue/imports?cursor=nope', cookie: tongji })
    expect(bad.statusCode).toBe(400)
  })
})
