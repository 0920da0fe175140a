import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

const resourceId = async (name: string, library = 'sjtu') =>
  (
    await t.ctx.db
      .selectFrom('e_resources as r')
      .innerJoin('libraries as l', 'l.id', 'r.library_id')
      .select('r.id')
      .where('r.name_zh', '=', name)
      .where('l.code', '=', library)
      .executeTakeFirstOrThrow()
  ).id

const guideInput = async () => ({
  titleZh: '免 VPN 也能用的中文资源',
  titleEn: 'Chinese resources without the VPN',
  descriptionZh: '闭馆期间在家即可使用。',
  discipline: '05',
  items: [
    { resourceId: await resourceId('中国知网'), noteZh: '用学校统一身份认证登录（CARSI）' },
    { resourceId: await resourceId('万方数据知识服务平台'), noteZh: '漫游账号或 CARSI' },
    { resourceId: await resourceId('剑桥电子教材（试用）'), noteZh: '试用中' },
  ],
})

describe('resource guides', () => {
  it('lets a librarian write a guide in order, publish it, and readers open it at its short address, counted', async () => {
    const librarian = await t.as('librarian')
    const created = await t.request({
      method: 'POST',
      url: '/api/guides',
      cookie: librarian,
      payload: await guideInput(),
    })
    expect(created.statusCode, created.body).toBe(201)
    const guide = created.json()
    expect(guide.code).toMatch(/^[0-9a-z]{6}$/)
    expect(guide.status).toBe('draft')
    // Staff see every item, the trial being tested too, in the order given.
    expect(guide.items.map((item: { resource: { nameZh: string } }) => item.resource.nameZh)).toEqual([
      '中国知网',
      '万方数据知识服务平台',
      '剑桥电子教材（试用）',
    ])

    // A draft is not there for readers, nor at its short address.
    expect((await t.request({ method: 'GET', url: `/api/guides/by-code/${guide.code}` })).statusCode).toBe(
      404,
    )
    expect((await t.request({ method: 'GET', url: `/g/${guide.code}` })).statusCode).toBe(404)
    // A browser is taken to the guide's page instead, which tells the reader; no visit is counted.
    const browser = await t.request({
      method: 'GET',
      url: `/g/${guide.code}`,
      headers: { accept: 'text/html,application/xhtml+xml' },
    })
    expect(browser.statusCode).toBe(302)
    expect(browser.headers.location).toBe(`/guides/${guide.code}`)
    const published = await t.request({
      method: 'POST',
      url: `/api/guides/${guide.id}/status`,
      cookie: librarian,
      payload: { status: 'published' },
    })
    expect(published.json().status).toBe('published')

    for (let visit = 0; visit < 3; visit++) {
      const short = await t.request({ method: 'GET', url: `/g/${guide.code.toUpperCase()}` })
      expect(short.statusCode).toBe(302)
      expect(short.headers.location).toBe(`/guides/${guide.code}`)
    }
    const reader = (await t.request({ method: 'GET', url: `/api/guides/by-code/${guide.code}` })).json()
    // Readers do not see the trial still being tested, nor count it.
    expect(reader.items.map((item: { resource: { nameZh: string } }) => item.resource.nameZh)).toEqual([
      '中国知网',
      '万方数据知识服务平台',
    ])
    expect(reader.items[0].noteZh).toBe('用学校统一身份认证登录（CARSI）')
    expect(reader.visits).toBe(3)
    const listed = (await t.request({ method: 'GET', url: '/api/guides?library=sjtu&discipline=05' })).json()
    expect(listed.items).toEqual([expect.objectContaining({ code: guide.code, resources: 2, visits: 3 })])

    // Usage counts the visits beside the clicks, on the page and in the monthly Excel report.
    const today = todayIn('Asia/Shanghai', new Date())
    const usage = await t.request({
      method: 'GET',
      url: `/api/resource-usage?from=${today}&to=${today}`,
      cookie: librarian,
    })
    expect(usage.json().guides).toEqual([
      { guideId: guide.id, code: guide.code, titleZh: guide.titleZh, titleEn: guide.titleEn, visits: 3 },
    ])
    const month = today.slice(0, 7)
    const report = await t.request({
      method: 'GET',
      url: `/api/resource-usage/report?from=${month}&to=${month}&format=xlsx`,
      cookie: librarian,
    })
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(report.rawPayload as unknown as ArrayBuffer)
    const visits = workbook.worksheets[1]!
    expect(visits.name).toBe('Guide visits 导航访问')
    expect(visits.getRow(2).values).toEqual([
      undefined,
      `${guide.titleZh} (${guide.titleEn})`,
      `/g/${guide.code}`,
      3,
      3,
    ])
  })

  it('filters a guide to what can be reached without the VPN', async () => {
    const librarian = await t.as('librarian')
    const input = await guideInput()
    const sd = await resourceId('ScienceDirect 电子期刊')
    const created = (
      await t.request({
        method: 'POST',
        url: '/api/guides',
        cookie: librarian,
        payload: { ...input, titleZh: '综合', items: [{ resourceId: sd }, input.items[0]] },
      })
    ).json()
    // Everyone's ScienceDirect has CARSI; take it away to see the filter work.
    await t.ctx.db
      .deleteFrom('e_resource_routes')
      .where('resource_id', '=', sd)
      .where('kind', '=', 'carsi')
      .execute()
    const filtered = (
      await t.request({
        method: 'GET',
        url: `/api/guides/by-code/${created.code}?withoutVpn=true`,
        cookie: librarian,
      })
    ).json()
    expect(filtered.items.map((item: { resource: { nameZh: string } }) => item.resource.nameZh)).toEqual([
      '中国知网',
    ])
  })

  it('refuses another library’s resources, a resource twice, and other libraries’ staff', async () => {
    const librarian = await t.as('librarian')
    const input = await guideInput()
    const foreign = await t.request({
      method: 'POST',
      url: '/api/guides',
      cookie: librarian,
      payload: { ...input, items: [{ resourceId: await resourceId('中国知网', 'fudan') }] },
    })
    expect(foreign.statusCode).toBe(400)
    expect(foreign.json().errors).toEqual([
      expect.objectContaining({ path: 'body.items.0.resourceId', code: 'unknown_resource' }),
    ])
    const twice = await t.request({
      method: 'POST',
      url: '/api/guides',
      cookie: librarian,
      payload: { ...input, items: [input.items[0], input.items[0]] },
    })
    expect(twice.statusCode).toBe(400)
    const mine = (
      await t.request({ method: 'POST', url: '/api/guides', cookie: librarian, payload: input })
    ).json()
    const other = await t.request({
      method: 'PUT',
      url: `/api/guides/${mine.id}`,
      cookie: await t.as('librarian', 'fudan'),
      payload: input,
    })
    expect(other.statusCode).toBe(404)
    const reader = await t.request({
      method: 'POST',
      url: '/api/guides',
      cookie: await t.as('reader'),
      payload: input,
    })
    expect(reader.statusCode).toBe(403)
  })
})
