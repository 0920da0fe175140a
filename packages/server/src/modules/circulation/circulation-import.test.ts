import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formData } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'
import { addItems, addReader, deskOf, resetClock, setClock } from './circulation.fixtures.ts'

const t = useTestApp()

const upload = async (content: Buffer | string, name = 'loans.csv', libraryCode = 'tongji') =>
  t.request({
    method: 'POST',
    url: '/api/circulation/imports',
    cookie: await t.as('librarian', libraryCode),
    ...(await formData(Buffer.from(content), name, 'text/csv')),
  })

const act = async (id: string, action: 'apply' | 'discard', libraryCode = 'tongji') =>
  t.request({
    method: 'POST',
    url: `/api/circulation/imports/${id}/${action}`,
    cookie: await t.as('librarian', libraryCode),
  })

const loansOf = async (readerNumber: string) =>
  (
    await t.request({
      method: 'GET',
      url: `/api/circulation/loans?readerNumber=${readerNumber}&state=all`,
      cookie: await t.as('librarian', 'tongji'),
    })
  ).json().items as { item: { barcode: string }; dueAt: string; renewals: number; checkedOutAt: string }[]

beforeAll(async () => {
  await addItems(
    t,
    'tongji',
    [
      '条码号,题名,流通状态',
      ...Array.from({ length: 9 }, (_, n) => `IM00${n + 1},迁移测试图书${n + 1},在架`),
    ].join('\n'),
  )
  await addReader(t, 'tongji', { readerNumber: '2023001', name: '褚同学', type: 'student' })
  await addReader(t, 'tongji', { readerNumber: '2023002', name: '卫同学', type: 'student' })
})

afterEach(() => resetClock(t))

describe('importing loans from the old system', () => {
  it('lists every row’s problem by line and stores nothing, nor applies a file with errors', async () => {
    setClock(t, '2027-01-10T10:00:00+08:00')
    await deskOf(t, 'tongji').checkOut('2023002', 'IM009')
    const file = [
      '条码号,读者证号,借出日期,应还日期,续借次数,题名',
      'IM001,2023001,2026-12-01,2026-12-31,1,迁移测试图书1',
      'NOPE9,2023001,2026-12-01,2026-12-31,0,',
      'IM002,8888888,2026-12-01,2026-12-31,0,',
      'IM003,2023001,2026/13/01,2026-12-31,0,',
      'IM004,2023001,2026-12-20,2026-12-01,0,',
      'IM001,2023001,2026-12-01,2026-12-31,0,',
      'IM005,2023001,2026年12月2日,2027-01-01,两次,',
      'IM006,,2026-12-01,2026-12-31,0,',
      'IM009,2023001,2026-12-01,2026-12-31,0,',
    ].join('\r\n')
    const response = await upload(file)
    expect(response.statusCode, response.body).toBe(201)
    const preview = response.json()
    expect(preview).toMatchObject({
      kind: 'loans',
      status: 'previewed',
      rowsTotal: 9,
      rowsValid: 2,
      errorCount: 7,
    })
    expect(preview.columns).toContainEqual({ header: '题名', field: null })
    expect(
      preview.problems.map((p: { line: number; code: string; severity: string }) => [
        p.line,
        p.code,
        p.severity,
      ]),
    ).toEqual([
      [3, 'unknown_barcode', 'error'],
      [4, 'unknown_reader', 'error'],
      [5, 'invalid_date', 'error'],
      [6, 'due_before_checkout', 'error'],
      [7, 'duplicate_barcode', 'error'],
      [8, 'due_moved', 'warning'],
      [8, 'invalid_renewals', 'warning'],
      [9, 'required', 'error'],
      [10, 'already_on_loan', 'error'],
    ])
    expect(preview.problems[5].message.zh).toBe('应还日期 2027-01-01 闭馆，顺延至 2027-01-02')
    expect(preview.sample[1]).toMatchObject({ line: 8, barcode: 'IM005', dueAt: '2027-01-02T15:59:00.000Z' })
    expect(await loansOf('2023001')).toEqual([])

    const refused = await act(preview.id, 'apply')
    expect(refused.statusCode).toBe(422)
    expect(refused.json().code).toBe('import_has_errors')
    expect(await loansOf('2023001')).toEqual([])
  })

  it('applies a clean file at once, keeping the old system’s dates, and skips it when imported again', async () => {
    setClock(t, '2027-01-10T10:00:00+08:00')
    const file =
      '条码号,读者证号,借出日期,应还日期,续借次数\nIM001,2023001,2026-12-01 09:15,2026-12-31 18:30,1\nIM002,2023001,2026-12-05,2027-01-04,0\n'
    const preview = (await upload(file)).json()
    expect(preview).toMatchObject({ rowsValid: 2, errorCount: 0, warningCount: 0 })
    const applied = await act(preview.id, 'apply')
    expect(applied.statusCode, applied.body).toBe(200)
    expect(applied.json()).toMatchObject({ status: 'applied', added: 2 })
    const loans = await loansOf('2023001')
    expect(loans.map((loan) => [loan.item.barcode, loan.checkedOutAt, loan.dueAt, loan.renewals])).toEqual([
      ['IM002', '2026-12-04T16:00:00.000Z', '2027-01-04T15:59:00.000Z', 0],
      ['IM001', '2026-12-01T01:15:00.000Z', '2026-12-31T10:30:00.000Z', 1],
    ])
    const item = await t.request({
      method: 'GET',
      url: '/api/catalogue/items?q=IM001',
      cookie: await t.as('librarian', 'tongji'),
    })
    expect(item.json().items[0].status).toBe('on_loan')
    expect((await act(preview.id, 'apply')).json().code).toBe('import_not_previewed')

    const again = (await upload(file)).json()
    expect(again).toMatchObject({ rowsValid: 0, errorCount: 0, warningCount: 2 })
    expect(again.problems[0].code).toBe('loan_exists')
    const audit = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=circulation.import.loans',
      cookie: await t.as('library_admin', 'tongji'),
    })
    expect(audit.json().items[0].after).toMatchObject({ added: 2 })
  })

  it('stores nothing when an item was lent between the preview and the apply', async () => {
    const preview = (
      await upload(
        '条码号,读者证号,借出日期,应还日期\nIM003,2023001,2026-11-01,2026-12-01\nIM004,2023001,2026-11-01,2026-12-01\n',
      )
    ).json()
    expect(preview.errorCount).toBe(0)
    expect((await deskOf(t, 'tongji').checkOut('2023002', 'IM004')).statusCode).toBe(201)
    const applied = await act(preview.id, 'apply')
    expect(applied.statusCode).toBe(409)
    expect(applied.json()).toMatchObject({ code: 'import_out_of_date', lines: [3] })
    expect((await loansOf('2023001')).map((loan) => loan.item.barcode)).not.toContain('IM003')
    const detail = await t.request({
      method: 'GET',
      url: `/api/circulation/imports/${preview.id}`,
      cookie: await t.as('librarian', 'tongji'),
    })
    expect(detail.json().status).toBe('previewed')
    expect((await act(preview.id, 'discard')).json().status).toBe('discarded')
  })

  it('reads Excel workbooks with date cells', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('在借')
    sheet.addRow(['Barcode', 'Patron ID', 'Loan date', 'Due date'])
    sheet.addRow(['IM006', '2023002', new Date('2026-11-02T00:00:00Z'), new Date('2026-12-02T00:00:00Z')])
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
    const response = await upload(bytes, 'loans.xlsx')
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json()).toMatchObject({ kind: 'loans', rowsValid: 1, errorCount: 0 })
    expect(response.json().sample[0]).toMatchObject({ barcode: 'IM006', dueAt: '2026-12-02T15:59:00.000Z' })
  })

  it('refuses a file without the columns it needs, naming them', async () => {
    const response = await upload('条码号,读者证号\nIM007,2023001\n')
    expect(response.statusCode).toBe(422)
    expect(response.json().code).toBe('import_missing_columns')
    expect(response.json().detail).toContain('借出日期、应还日期')
  })
})

describe('importing fines from the old system', () => {
  it('checks readers and amounts by line, then adds the fines to the readers’ accounts once', async () => {
    const bad = (
      await upload(
        '读者证号,金额,原因\n2023001,3.50,逾期\n7777777,1,逾期\n2023002,abc,污损\n2023002,0,\n',
        'fines.csv',
      )
    ).json()
    expect(bad).toMatchObject({ kind: 'fines', rowsValid: 1, errorCount: 3 })
    expect(bad.problems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [3, 'unknown_reader'],
      [4, 'invalid_amount'],
      [5, 'invalid_amount'],
    ])
    const file =
      '读者证号,金额,原因,产生日期\n2023001,3.50,逾期 35 天（原系统）,2026-09-15\n2023002,12,图书污损赔偿,\n'
    const preview = (await upload(file, 'fines.csv')).json()
    expect(preview.sample[0]).toMatchObject({
      readerName: '褚同学',
      amountFen: 350,
      reason: '逾期 35 天（原系统）',
    })
    expect((await act(preview.id, 'apply')).json()).toMatchObject({ status: 'applied', added: 2 })
    const reader = await t.signIn('2023001', 'tongji', 'reader-password-1')
    const mine = (await t.request({ method: 'GET', url: '/api/circulation/my-loans', cookie: reader })).json()
    expect(mine.openFinesFen).toBe(350)
    expect(mine.fines[0]).toMatchObject({ kind: 'imported', note: '逾期 35 天（原系统）', status: 'open' })
    const again = (await upload(file, 'fines.csv')).json()
    expect(again).toMatchObject({ rowsValid: 0, warningCount: 2 })
    expect(again.problems[0].code).toBe('fine_exists')
  })
})

describe('the sample files and other libraries', () => {
  it('take the documented samples without a single problem in the demo library they were written for', async () => {
    for (const name of ['circulation-loans.csv', 'circulation-fines.csv']) {
      const sample = readFileSync(new URL(`../../../../web/public/samples/${name}`, import.meta.url))
      const response = await upload(sample, name, 'sjtu')
      expect(response.statusCode, response.body).toBe(201)
      expect(response.json().problems).toEqual([])
      expect(response.json().rowsValid).toBe(response.json().rowsTotal)
    }
  })

  it('keep each library’s imports to itself', async () => {
    const preview = (await upload('读者证号,金额\n2023001,1\n', 'fines.csv')).json()
    const stranger = await t.request({
      method: 'GET',
      url: `/api/circulation/imports/${preview.id}`,
      cookie: await t.as('librarian', 'sjtu'),
    })
    expect(stranger.statusCode).toBe(404)
    expect((await act(preview.id, 'apply', 'sjtu')).statusCode).toBe(404)
    const list = await t.request({
      method: 'GET',
      url: '/api/circulation/imports',
      cookie: await t.as('librarian', 'sjtu'),
    })
    expect(list.json().items.map((item: { id: string }) => item.id)).not.toContain(preview.id)
  })
})
