import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { formData } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

const upload = async (
  content: Buffer | string,
  options: { apply?: boolean; cookie?: string; name?: string } = {},
) =>
  t.request({
    method: 'POST',
    url: `/api/resources/imports${options.apply ? '?apply=true' : ''}`,
    cookie: options.cookie ?? (await t.as('librarian')),
    ...(await formData(
      Buffer.isBuffer(content) ? content : Buffer.from(content),
      options.name ?? 'list.csv',
      'text/csv',
    )),
  })

const LIST = [
  '数据库名称,英文名称,类型,学科,访问网址,访问方式,试用结束,简介',
  '读秀学术搜索,Duxiu,数据库,文学、历史学,https://www.duxiu.com/,代理、WebVPN,,中文图书与期刊的检索',
  '中国知网,CNKI,数据库,"哲学,经济学",https://www.cnki.net,CARSI,,知网（更新简介）',
  'Lippincott 试用,,电子书平台,医学,https://lww.example.com/,开放,2027/1/31,',
].join('\r\n')

describe('importing a resource list', () => {
  it('previews new and known resources by their own column names, then applies them all at once', async () => {
    const preview = await upload(LIST)
    expect(preview.statusCode, preview.body).toBe(200)
    const body = preview.json()
    expect(body.columns.map((column: { field: string | null }) => column.field)).toEqual([
      'nameZh',
      'nameEn',
      'kind',
      'subjects',
      'url',
      'routes',
      'freeUntil',
      'descriptionZh',
    ])
    expect(body.problems).toEqual([])
    expect(body.rows.map((row: { nameZh: string; action: string }) => [row.nameZh, row.action])).toEqual([
      ['读秀学术搜索', 'create'],
      ['中国知网', 'update'],
      ['Lippincott 试用', 'create'],
    ])

    const applied = (await upload(LIST, { apply: true })).json()
    expect(applied).toMatchObject({ applied: true, created: 2, updated: 1 })
    const duxiu = await t.ctx.db
      .selectFrom('e_resources')
      .selectAll()
      .where('name_zh', '=', '读秀学术搜索')
      .executeTakeFirstOrThrow()
    expect(duxiu).toMatchObject({ status: 'draft', subjects: ['05', '06'], initial: 'D' })
    const trial = await t.ctx.db
      .selectFrom('e_resources')
      .select(['free_until', 'kind'])
      .where('name_zh', '=', 'Lippincott 试用')
      .executeTakeFirstOrThrow()
    expect(trial).toEqual({ free_until: '2027-01-31', kind: 'ebook_platform' })
    // The known resource keeps its status and its CARSI route's settings; the list dropped its others.
    const cnki = await t.ctx.db
      .selectFrom('e_resources')
      .select(['id', 'status', 'description_zh'])
      .where('name_zh', '=', '中国知网')
      .where('library_id', '=', t.world.libraries[0]!.id)
      .executeTakeFirstOrThrow()
    expect(cnki).toMatchObject({ status: 'published', description_zh: '知网（更新简介）' })
    const routes = await t.ctx.db
      .selectFrom('e_resource_routes')
      .select('kind')
      .where('resource_id', '=', cnki.id)
      .execute()
    expect(routes).toEqual([{ kind: 'carsi' }])
  })

  it('reads back its own Excel export', async () => {
    const librarian = await t.as('librarian')
    const exported = await t.request({
      method: 'GET',
      url: '/api/resources/export?format=xlsx',
      cookie: librarian,
    })
    const preview = (await upload(exported.rawPayload, { name: 'export.xlsx' })).json()
    expect(preview.problems).toEqual([])
    expect(preview.rows.every((row: { action: string }) => row.action === 'update')).toBe(true)
    expect(preview.rows.length).toBeGreaterThanOrEqual(10)
  })

  it('names every problem by line and column and imports nothing while there is one', async () => {
    const broken = [
      '中文名称,网址,类型,学科,校外访问方式,限时免费开始,限时免费结束',
      '好资源,https://good.example.com/,数据库,理学,开放,,',
      '坏链接,javascript:alert(1),数据库,,,,',
      '怪类型,https://odd.example.com/,百科全书,天文学,传送门,,',
      ',https://noname.example.com/,,,,,',
      '倒过来,https://dates.example.com/,,,,2026-03-01,2026-02-01',
      '重复,https://good.example.com,,,,,',
    ].join('\n')
    const preview = (await upload(broken)).json()
    expect(
      preview.problems.map((p: { line: number; column: string; code: string }) => [p.line, p.column, p.code]),
    ).toEqual([
      [3, '网址', 'invalid_url'],
      [4, '类型', 'unknown_kind'],
      [4, '学科', 'unknown_discipline'],
      [4, '校外访问方式', 'unknown_route'],
      [5, '中文名称', 'too_small'],
      [6, '限时免费结束', 'ends_before_start'],
      [7, '网址', 'duplicate_url'],
    ])
    expect(preview.rows.map((row: { line: number }) => row.line)).toEqual([2])
    const refused = await upload(broken, { apply: true })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().code).toBe('import_has_errors')
    const good = await t.ctx.db
      .selectFrom('e_resources')
      .select('id')
      .where('name_zh', '=', '好资源')
      .execute()
    expect(good).toEqual([])
  })

  it('refuses a file without names or addresses, files that are not tables, and readers', async () => {
    const noUrl = await upload('名称,类型\n知网,数据库\n')
    expect(noUrl.statusCode).toBe(422)
    expect(noUrl.json()).toMatchObject({ code: 'import_missing_columns', missing: ['网址'] })
    const empty = await upload('')
    expect(empty.statusCode).toBe(422)
    expect(empty.json().code).toBe('import_unreadable')
    expect((await upload(LIST, { cookie: await t.as('reader') })).statusCode).toBe(403)
  })

  it('reads a workbook made by another tool, by its first sheet', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('数据库')
    sheet.addRow(['名称', '网址', '类型'])
    sheet.addRow(['超星电子书', 'https://book.chaoxing.com/', '电子书平台'])
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer())
    const preview = (await upload(bytes, { name: 'list.xlsx' })).json()
    expect(preview.rows).toEqual([expect.objectContaining({ nameZh: '超星电子书', action: 'create' })])
  })
})
