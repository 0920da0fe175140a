import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { switchPhase } from '../operations/phases.fixtures.ts'
import { EXPORT_BATCH } from './requests-export.service.ts'

const t = useTestApp()

// Fees as in normal service: 有限开放, where the demo libraries are, makes delivery free.
beforeAll(() => switchPhase(t, 'sjtu', '正常开放'))

const deliveryForm = (citation: string) => ({ type: 'document_delivery', form: { citation } })

const submit = async (cookie: string, body: object) =>
  (await t.request({ method: 'POST', url: '/api/requests', cookie, payload: body })).json()

const exportQueue = async (cookie: string, query: string) =>
  t.request({ method: 'GET', url: `/api/requests/export?${query}`, cookie })

/** The CSV as rows of cells, after checking the byte order mark Excel needs for 中文. */
const csvRows = (body: Buffer): string[][] => {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(body.toString('utf8')).toContain('\r\n')
  return parse(body, { bom: true })
}

const xlsxRows = async (body: Buffer) => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as unknown as ArrayBuffer)
  const sheet = workbook.worksheets[0]!
  const rows: ExcelJS.CellValue[][] = []
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)))
  return { name: sheet.name, rows }
}

/** A timestamp as the library's wall clock (Asia/Shanghai is UTC+8, no daylight saving). */
const shanghai = (iso: string) => {
  const local = new Date(new Date(iso).getTime() + 8 * 3600_000)
  return {
    text: local.toISOString().slice(0, 16).replace('T', ' '),
    excel: new Date(`${local.toISOString().slice(0, 16)}:00Z`),
  }
}

describe('staff exports of the request queue', () => {
  it('writes the filtered queue as CSV with Chinese headers, labels and the library’s time', async () => {
    const reader = await t.as('reader')
    const librarian = await t.as('librarian')
    const first = await submit(reader, deliveryForm('Zhang W. Library services during closure. 2020'))
    const second = await submit(reader, deliveryForm('=HYPERLINK("http://evil.example","点我")'))
    await submit(reader, { type: 'interlibrary_loan', form: { title: '中国图书馆分类法', pickup: 'mail' } })
    await submit(await t.as('reader', 'fudan'), deliveryForm('复旦的申请'))
    await t.request({
      method: 'POST',
      url: `/api/requests/${first.id}/transitions`,
      cookie: librarian,
      payload: { action: 'accept' },
    })

    const response = await exportQueue(librarian, 'format=csv&type=document_delivery&open=true')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['cache-control']).toBe('private, no-store')
    expect(String(response.headers['content-disposition'])).toMatch(
      /^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''%E6%9C%8D%E5%8A%A1%E7%94%B3%E8%AF%B7-\d{4}-\d{2}-\d{2}\.csv$/,
    )
    const [header, ...rows] = csvRows(response.rawPayload)
    expect(header).toEqual([
      '编号',
      '类型',
      '状态',
      '申请内容',
      '读者',
      '学工号',
      '院系',
      '处理人',
      '提交时间',
      '预计办结日期',
      '办结时间',
      '逾期',
      '费用（元）',
    ])
    // Newest first, as the queue shows them; the other type and the other library left out.
    expect(rows.map((row) => row[0])).toEqual([second.number, first.number])
    const [secondRow, firstRow] = rows
    expect(firstRow).toEqual([
      first.number,
      '文献传递',
      '处理中',
      'Zhang W. Library services during closure. 2020',
      '李明',
      '2020001',
      '电子信息与电气工程学院',
      '张伟',
      shanghai(first.submittedAt).text,
      first.dueDate,
      '',
      '否',
      '5.00',
    ])
    // Text Excel would run as a formula is defused.
    expect(secondRow![3]).toBe(`'=HYPERLINK("http://evil.example","点我")`)
    expect(secondRow![2]).toBe('已提交')

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'request.export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ entity_type: 'request_export', library_id: t.world.libraries[0]!.id })
    expect(audit.after).toMatchObject({
      format: 'csv',
      rows: 2,
      filters: { type: 'document_delivery', open: 'true' },
    })
  })

  it('writes xlsx with real dates and numbers, and English headers for English-speaking staff', async () => {
    const librarian = await t.as('librarian')
    await t.request({ method: 'PATCH', url: '/api/me', cookie: librarian, payload: { language: 'en' } })
    try {
      const queue = await t.request({
        method: 'GET',
        url: '/api/requests?type=document_delivery',
        cookie: librarian,
      })
      const expected = queue.json().items
      const response = await exportQueue(librarian, 'format=xlsx&type=document_delivery')
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      expect(String(response.headers['content-disposition'])).toContain("filename*=UTF-8''service-requests-")
      const { name, rows } = await xlsxRows(response.rawPayload)
      expect(name).toBe('Requests')
      expect(rows[0]).toEqual([
        'Number',
        'Type',
        'Status',
        'Subject',
        'Reader',
        'Reader number',
        'Department',
        'Assignee',
        'Submitted',
        'Due by',
        'Closed',
        'Overdue',
        'Fee (yuan)',
      ])
      expect(rows.slice(1).map((row) => row[0])).toEqual(
        expected.map((item: { number: string }) => item.number),
      )
      const last = rows.at(-1)!
      const oldest = expected.at(-1)
      expect(last[1]).toBe('Document delivery')
      expect(last[2]).toBe('Processing')
      expect(last[6]).toBe('School of Electronic Information and Electrical Engineering')
      expect(last[8]).toEqual(shanghai(oldest.submittedAt).excel)
      expect(last[9]).toEqual(new Date(`${oldest.dueDate}T00:00:00Z`))
      expect(last[10] ?? null).toBeNull()
      expect(last[11]).toBe('no')
      expect(last[12]).toBe(5)
      // A formula-looking text is a plain string cell, which Excel never runs.
      expect(rows.some((row) => row[3] === '=HYPERLINK("http://evil.example","点我")')).toBe(true)
    } finally {
      await t.request({ method: 'PATCH', url: '/api/me', cookie: librarian, payload: { language: 'zh-CN' } })
    }
  })

  it('gives the consortium admin every library with a library column, or one library', async () => {
    const admin = await t.as('consortium_admin')
    const all = csvRows((await exportQueue(admin, 'format=csv')).rawPayload)
    expect(all[0]![0]).toBe('图书馆')
    const libraries = new Set(all.slice(1).map((row) => row[0]))
    expect(libraries).toEqual(new Set(['上海交通大学图书馆', '复旦大学图书馆']))
    const fudan = csvRows(
      (await exportQueue(admin, `format=csv&libraryId=${t.world.libraries[1]!.id}`)).rawPayload,
    )
    expect(fudan.slice(1).map((row) => row[0])).toEqual(['复旦大学图书馆'])
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'request.export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit.library_id).toBe(t.world.libraries[1]!.id)
  })

  it('refuses readers, other libraries and unknown formats', async () => {
    const reader = await t.as('reader')
    expect((await exportQueue(reader, 'format=csv')).statusCode).toBe(403)
    const librarian = await t.as('librarian')
    const foreign = await exportQueue(librarian, `format=csv&libraryId=${t.world.libraries[1]!.id}`)
    expect(foreign.statusCode).toBe(404)
    const badFormat = await exportQueue(librarian, 'format=pdf')
    expect(badFormat.statusCode).toBe(400)
    expect(badFormat.json().errors[0].path).toBe('query.format')
    const anonymous = await t.request({ method: 'GET', url: '/api/requests/export?format=csv' })
    expect(anonymous.statusCode).toBe(401)
  })

  it('exports the per-type figures of a period', async () => {
    const librarian = await t.as('librarian')
    const csv = await t.request({
      method: 'GET',
      url: '/api/requests/figures/export?from=2020-01-01&to=2099-12-31&format=csv',
      cookie: librarian,
    })
    expect(csv.statusCode).toBe(200)
    const [header, ...rows] = csvRows(csv.rawPayload)
    expect(header).toEqual(['类型', '收到', '办结', '未办结', '逾期', '办理天数中位数', '按期办结率'])
    expect(rows).toHaveLength(6)
    expect(rows.find((row) => row[0] === '文献传递')!.slice(1, 4)).toEqual(['2', '0', '2'])
    const xlsx = await t.request({
      method: 'GET',
      url: '/api/requests/figures/export?from=2020-01-01&to=2099-12-31&format=xlsx',
      cookie: librarian,
    })
    const { rows: sheet } = await xlsxRows(xlsx.rawPayload)
    expect(sheet[0]![0]).toBe('类型')
    expect(sheet.find((row) => row[0] === '馆际互借')!.slice(1, 4)).toEqual([1, 0, 1])
  })

  // Several batches here; bench/export.ts measures 100,000 rows and the server's memory meanwhile.
  it('reads every matching request, batch after batch, in the queue’s order', async () => {
    const library = t.world.libraries[2]!
    const rowsWanted = EXPORT_BATCH * 2 + 500
    await sql`
      insert into requests (id, library_id, type, number, reader_id, status, form, due_date, submitted_at)
      select gen_random_uuid(), ${library.id}::uuid, 'purchase_suggestion', 'PS-2026-' || lpad(n::text, 6, '0'),
             ${library.accounts.reader!}::uuid, 'submitted', jsonb_build_object('title', '图书 ' || n),
             date '2026-12-31', timestamptz '2026-11-01 00:00:00+00' + n * interval '1 second'
      from generate_series(1, ${rowsWanted}::int) as n
    `.execute(t.ctx.db)
    const librarian = await t.as('librarian', 'tongji')
    const csv = csvRows((await exportQueue(librarian, 'format=csv&type=purchase_suggestion')).rawPayload)
    expect(csv).toHaveLength(rowsWanted + 1)
    expect(new Set(csv.slice(1).map((row) => row[0])).size).toBe(rowsWanted)
    const ids = await t.ctx.db
      .selectFrom('requests')
      .select('number')
      .where('library_id', '=', library.id)
      .orderBy('id', 'desc')
      .execute()
    expect(csv.slice(1).map((row) => row[0])).toEqual(ids.map((row) => row.number))
    const first = csv.find((row) => row[0] === 'PS-2026-000001')!
    expect(first.slice(3, 4)).toEqual(['图书 1'])
    expect(first[8]).toBe('2026-11-01 08:00')

    const { rows: sheet } = await xlsxRows(
      (await exportQueue(librarian, 'format=xlsx&type=purchase_suggestion')).rawPayload,
    )
    expect(sheet).toHaveLength(rowsWanted + 1)
  }, 60_000)
})
