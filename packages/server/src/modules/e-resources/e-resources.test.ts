import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { useTestApp } from '../../test/test-app.ts'
import { expireEndedTrials } from './e-resources.repository.ts'

const t = useTestApp()

type Summary = { id: string; nameZh: string; status: string; initial: string; routes: string[] }
type Page = { items: Summary[]; nextCursor: string | null; initials: string[] }

const directory = async (query: string, cookie?: string) => {
  const response = await t.request({
    method: 'GET',
    url: `/api/resources?${query}`,
    ...(cookie ? { cookie } : {}),
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as Page
}
const names = (page: Page) => page.items.map((item) => item.nameZh)
const idOf = async (name: string) =>
  (await directory(`library=sjtu&q=${encodeURIComponent(name)}`, await t.as('librarian'))).items.find(
    (item) => item.nameZh === name,
  )!.id

const NEW_RESOURCE = {
  nameZh: '读秀学术搜索',
  nameEn: 'Duxiu',
  aliases: ['读秀'],
  vendor: '超星',
  kind: 'database',
  subjects: ['05', '06'],
  url: 'https://www.duxiu.com/',
  routes: [{ kind: 'proxy' }, { kind: 'webvpn' }],
}

describe('database directory', () => {
  it('shows readers what is published, A–Z by pinyin, with the letters that have entries', async () => {
    const page = await directory('library=sjtu')
    // 中国知网 (zhong) after 万方 (wan) and ScienceDirect (s…), English names by their own letter.
    expect(names(page)).toEqual([
      'arXiv 预印本',
      'Bloomsbury 文化研究电子书（限时免费）',
      'EBSCOhost 学术资源',
      'ScienceDirect 电子期刊',
      'SpringerLink 电子期刊与图书',
      '万方数据知识服务平台',
      'Web of Science 核心合集',
      '中国知网',
    ])
    expect(page.initials).toEqual(['A', 'B', 'E', 'S', 'W', 'Z'])
    expect(names(await directory('library=sjtu&initial=W'))).toEqual([
      '万方数据知识服务平台',
      'Web of Science 核心合集',
    ])
    // The trial being tested and the expired one are for staff only.
    const staff = await directory('library=sjtu', await t.as('librarian'))
    expect(names(staff)).toContain('剑桥电子教材（试用）')
    expect(staff.items.find((item) => item.nameZh.startsWith('JoVE'))!.status).toBe('expired')
  })

  it('finds resources by Chinese words, pinyin, initials, English names, vendor, subject and small typos', async () => {
    const first = async (q: string) => names(await directory(`library=sjtu&q=${encodeURIComponent(q)}`))[0]
    expect(await first('知网')).toBe('中国知网')
    expect(await first('zhiwang')).toBe('中国知网')
    expect(await first('zgzw')).toBe('中国知网')
    expect(await first('wanfang')).toBe('万方数据知识服务平台')
    expect(await first('Elsevier')).toBe('ScienceDirect 电子期刊')
    expect(await first('sciencedirekt')).toBe('ScienceDirect 电子期刊')
    expect(names(await directory(`library=sjtu&q=${encodeURIComponent('医学')}`))).toEqual(
      expect.arrayContaining(['ScienceDirect 电子期刊', 'SpringerLink 电子期刊与图书']),
    )
    expect(names(await directory('library=sjtu&subject=13'))).toEqual([
      'Bloomsbury 文化研究电子书（限时免费）',
    ])
    expect(names(await directory('library=sjtu&free=true'))).toEqual([
      'Bloomsbury 文化研究电子书（限时免费）',
    ])
    const withoutVpn = names(await directory('library=sjtu&withoutVpn=true'))
    expect(withoutVpn).toContain('中国知网')
    expect(withoutVpn).toContain('arXiv 预印本')
  })

  it('asks a guest which library, and answers an unknown one with 404', async () => {
    const none = await t.request({ method: 'GET', url: '/api/resources' })
    expect(none.statusCode).toBe(400)
    expect(none.json().errors[0]).toMatchObject({ path: 'query.library', code: 'required' })
    expect((await t.request({ method: 'GET', url: '/api/resources?library=nowhere' })).statusCode).toBe(404)
  })

  it('tells a reader how to reach a resource from home on every route the library runs', async () => {
    const cnki = await idOf('中国知网')
    const detail = (
      await t.request({ method: 'GET', url: `/api/resources/${cnki}`, cookie: await t.as('reader') })
    ).json()
    expect(detail.access.map((route: { kind: string }) => route.kind)).toEqual(['carsi', 'webvpn', 'vpn'])
    expect(detail.access[0].link).toBe(
      'https://fsso.cnki.net/Shibboleth.sso/Login?entityID=https://idp.sjtu.example.edu.cn/idp/shibboleth&target=https://fsso.cnki.net/secure/default.aspx',
    )
    expect(detail.access[1].link).toMatch(
      /^https:\/\/webvpn\.sjtu\.example\.edu\.cn\/https\/77726476706e69737468656265737421[0-9a-f]+\/$/,
    )
    expect(detail.access[2]).toMatchObject({
      link: 'https://www.cnki.net/',
      guideUrl: 'https://lib.sjtu.example.edu.cn/vpn-guide',
    })
    // Readers do not get the librarian's settings.
    expect(detail.routeSettings).toEqual([])
    const ebsco = (
      await t.request({ method: 'GET', url: `/api/resources/${await idOf('EBSCOhost 学术资源')}` })
    ).json()
    expect(ebsco.access[0].link).toBe(
      'https://search.ebscohost.com/login.aspx?authtype=ip,shib&custid=s1234567',
    )
  })

  it('keeps unpublished resources from readers and guests, and a library’s resources from another’s readers', async () => {
    const testing = await idOf('剑桥电子教材（试用）')
    expect(
      (await t.request({ method: 'GET', url: `/api/resources/${testing}`, cookie: await t.as('reader') }))
        .statusCode,
    ).toBe(404)
    expect((await t.request({ method: 'GET', url: `/api/resources/${testing}` })).statusCode).toBe(404)
    expect(
      (await t.request({ method: 'GET', url: `/api/resources/${testing}`, cookie: await t.as('librarian') }))
        .statusCode,
    ).toBe(200)
    const cnki = await idOf('中国知网')
    expect(
      (
        await t.request({
          method: 'GET',
          url: `/api/resources/${cnki}`,
          cookie: await t.as('reader', 'fudan'),
        })
      ).statusCode,
    ).toBe(404)
    expect(
      (
        await t.request({
          method: 'GET',
          url: `/api/resources/${testing}`,
          cookie: await t.as('librarian', 'fudan'),
        })
      ).statusCode,
    ).toBe(404)
  })
})

describe('/go links', () => {
  const go = (id: string, options: { query?: string; ip?: string; cookie?: string; accept?: string } = {}) =>
    t.request({
      method: 'GET',
      url: `/go/${id}${options.query ?? ''}`,
      remoteAddress: options.ip ?? '198.51.100.7',
      headers: {
        accept: options.accept ?? 'text/html',
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
    })

  it('sends a reader on campus straight there, and one at home along the route asked for, chosen before, or to the panel', async () => {
    const sd = await idOf('ScienceDirect 电子期刊')
    const onCampus = await go(sd, { ip: '10.10.3.4' })
    expect(onCampus.statusCode).toBe(302)
    expect(onCampus.headers.location).toBe('https://www.sciencedirect.com/')

    const home = await go(sd)
    expect(home.headers.location).toBe(`/resources/${sd}?from=go`)

    const proxy = await go(sd, { query: '?route=proxy' })
    expect(proxy.headers.location).toBe(
      'https://ezproxy.lib.sjtu.example.edu.cn/login?qurl=https%3A%2F%2Fwww.sciencedirect.com%2F',
    )
    const chosen = await go(sd, { cookie: 'shuqiao_route=carsi' })
    expect(chosen.headers.location).toMatch(
      /^https:\/\/auth\.elsevier\.com\/ShibAuth\/institutionLogin\?entityID=https%3A%2F%2Fidp\.sjtu/,
    )
    // A route the resource does not have, or nonsense, is no way out: the panel again.
    expect((await go(sd, { query: '?route=openathens' })).headers.location).toBe(`/resources/${sd}?from=go`)
    expect((await go(sd, { query: '?route=https://evil.example.com' })).headers.location).toBe(
      `/resources/${sd}?from=go`,
    )
  })

  it('refuses unpublished, unknown and other libraries’ resources, and counts clicks per route', async () => {
    const testing = await idOf('剑桥电子教材（试用）')
    const refused = await go(testing, { accept: 'application/json' })
    expect(refused.statusCode).toBe(404)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect((await go(testing)).headers.location).toBe(`/resources/${testing}`)
    expect((await go('not-an-id', { accept: 'application/json' })).statusCode).toBe(404)
    const wos = await idOf('Web of Science 核心合集')
    expect(
      (await go(wos, { cookie: await t.as('reader', 'fudan'), accept: 'application/json' })).statusCode,
    ).toBe(404)

    await go(wos, { ip: '202.120.1.9' })
    await go(wos, { query: '?route=carsi' })
    await go(wos, { query: '?route=carsi' })
    const today = todayIn('Asia/Shanghai', new Date())
    const usage = await t.request({
      method: 'GET',
      url: `/api/resource-usage?from=${today}&to=${today}`,
      cookie: await t.as('librarian'),
    })
    expect(usage.statusCode).toBe(200)
    const wosRows = usage.json().items.filter((row: { resourceId: string }) => row.resourceId === wos)
    expect(wosRows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: 'carsi', clicks: 2 }),
        expect.objectContaining({ route: 'direct', clicks: 1 }),
      ]),
    )
    expect(usage.json().days[0].clicks).toBeGreaterThanOrEqual(3)
  })
})

describe('keeping the directory', () => {
  it('lets a librarian add a draft, test and publish it, audited; readers see it only once published', async () => {
    const librarian = await t.as('librarian')
    const created = await t.request({
      method: 'POST',
      url: '/api/resources',
      cookie: librarian,
      payload: NEW_RESOURCE,
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ status: 'draft', initial: 'D', routes: ['proxy', 'webvpn'] })
    const id = created.json().id
    expect(names(await directory('library=sjtu&q=duxiu'))).toEqual([])
    for (const status of ['testing', 'published']) {
      const moved = await t.request({
        method: 'POST',
        url: `/api/resources/${id}/status`,
        cookie: librarian,
        payload: { status },
      })
      expect(moved.json().status).toBe(status)
    }
    expect(names(await directory('library=sjtu&q=duxiu'))).toEqual(['读秀学术搜索'])
    // Proxy and WebVPN both need the campus login: not among those reachable without the VPN.
    expect(names(await directory('library=sjtu&withoutVpn=true'))).not.toContain('读秀学术搜索')
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute()
    expect(audit.map((row) => row.action)).toEqual([
      'e_resource.created',
      'e_resource.status_changed',
      'e_resource.status_changed',
    ])
  })

  it('refuses javascript: links, a free period ending before it starts, a route twice, and another library’s owner', async () => {
    const librarian = await t.as('librarian')
    const bad = async (payload: object) => {
      const response = await t.request({
        method: 'POST',
        url: '/api/resources',
        cookie: librarian,
        payload: { ...NEW_RESOURCE, ...payload },
      })
      expect(response.statusCode).toBe(400)
      expect(response.headers['content-type']).toContain('application/problem+json')
      return response.json().errors.map((error: { path: string }) => error.path)
    }
    expect(await bad({ url: 'javascript:alert(1)' })).toEqual(['body.url'])
    expect(await bad({ url: 'data:text/html,<script>alert(1)</script>' })).toEqual(['body.url'])
    expect(await bad({ freeFrom: '2026-03-01', freeUntil: '2026-02-01' })).toEqual(['body.freeUntil'])
    expect(await bad({ routes: [{ kind: 'proxy' }, { kind: 'proxy' }] })).toEqual(['body.routes'])
    expect(await bad({ ownerId: t.world.libraries[1]!.accounts.librarian })).toEqual(['body.ownerId'])
    expect(await bad({ routes: [{ kind: 'carsi', url: 'javascript:alert(1)' }] })).toEqual([
      'body.routes.0.url',
    ])
    const reader = await t.request({
      method: 'POST',
      url: '/api/resources',
      cookie: await t.as('reader'),
      payload: NEW_RESOURCE,
    })
    expect(reader.statusCode).toBe(403)
    const cnki = await idOf('中国知网')
    const other = await t.request({
      method: 'PUT',
      url: `/api/resources/${cnki}`,
      cookie: await t.as('librarian', 'fudan'),
      payload: NEW_RESOURCE,
    })
    expect(other.statusCode).toBe(404)
  })

  it('keeps each route’s latest access test, tried while a trial is tested, for staff only', async () => {
    const librarian = await t.as('librarian')
    const id = await idOf('剑桥电子教材（试用）')
    const test = (payload: object, cookie = librarian) =>
      t.request({ method: 'POST', url: `/api/resources/${id}/access-tests`, cookie, payload })
    expect((await test({ route: 'open', works: false, note: '出版社页面要求注册' })).statusCode).toBe(201)
    const second = await test({ route: 'open', works: true, note: '出版社已开放，免注册' })
    expect(second.json().accessTests).toEqual([
      expect.objectContaining({
        route: 'open',
        works: true,
        note: '出版社已开放，免注册',
        testedBy: expect.any(String),
      }),
    ])
    const wrongRoute = await test({ route: 'carsi', works: true })
    expect(wrongRoute.statusCode).toBe(400)
    expect(wrongRoute.json().errors[0].code).toBe('unknown_route')
    expect((await test({ route: 'open', works: true }, await t.as('reader'))).statusCode).toBe(403)
    expect((await test({ route: 'open', works: true }, await t.as('librarian', 'fudan'))).statusCode).toBe(
      404,
    )
  })

  it('expires trials after their end date, for readers at once and in the table by the sweep', async () => {
    const librarian = await t.as('librarian')
    const created = await t.request({
      method: 'POST',
      url: '/api/resources',
      cookie: librarian,
      payload: {
        ...NEW_RESOURCE,
        nameZh: '过期试用库',
        freeFrom: '2020-02-01',
        freeUntil: '2020-06-30',
        routes: [{ kind: 'open' }],
      },
    })
    const id = created.json().id
    const publish = await t.request({
      method: 'POST',
      url: `/api/resources/${id}/status`,
      cookie: librarian,
      payload: { status: 'published' },
    })
    expect(publish.statusCode).toBe(400)
    expect(publish.json().errors[0].code).toBe('free_period_over')
    await t.ctx.db.updateTable('e_resources').set({ status: 'published' }).where('id', '=', id).execute()
    expect(names(await directory(`library=sjtu&q=${encodeURIComponent('过期试用库')}`))).toEqual([])
    expect(await expireEndedTrials(t.ctx.db, (zone) => todayIn(zone, new Date()))).toBeGreaterThanOrEqual(1)
    const row = await t.ctx.db
      .selectFrom('e_resources')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('expired')
  })
})

describe('off-campus settings and the link builder', () => {
  it('lets the library admin set the routes, refusing networks that are not CIDR, and librarians only read them', async () => {
    const admin = await t.as('library_admin')
    const current = (await t.request({ method: 'GET', url: '/api/access-settings', cookie: admin })).json()
    const bad = await t.request({
      method: 'PUT',
      url: '/api/access-settings',
      cookie: admin,
      payload: { ...current, updatedAt: undefined, campusNetworks: ['202.120.0.0/16', '300.0.0.0/8'] },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ path: 'body.campusNetworks.1', code: 'invalid_cidr' }),
    ])
    const { updatedAt: _ignored, ...settings } = current
    const saved = await t.request({
      method: 'PUT',
      url: '/api/access-settings',
      cookie: admin,
      payload: { ...settings, proxyMode: 'hostname', proxyDashes: true },
    })
    expect(saved.statusCode, saved.body).toBe(200)
    const sd = await idOf('ScienceDirect 电子期刊')
    const detail = (await t.request({ method: 'GET', url: `/api/resources/${sd}` })).json()
    expect(detail.access.find((route: { kind: string }) => route.kind === 'proxy').link).toBe(
      'https://www-sciencedirect-com.ezproxy.lib.sjtu.example.edu.cn/',
    )
    const librarianPut = await t.request({
      method: 'PUT',
      url: '/api/access-settings',
      cookie: await t.as('librarian'),
      payload: settings,
    })
    expect(librarianPut.statusCode).toBe(403)
    await t.request({ method: 'PUT', url: '/api/access-settings', cookie: admin, payload: settings })
  })

  it('turns a pasted list of vendor URLs into off-campus links, saying which ones it cannot use', async () => {
    const teacher = await t.as('reader')
    const article = 'https://www.sciencedirect.com/science/article/pii/S0140673620301835'
    const built = await t.request({
      method: 'POST',
      url: '/api/access-links',
      cookie: teacher,
      payload: {
        urls: [
          article,
          'javascript:alert(1)',
          'https://journals.example.org/a?b=1',
          `https://ezproxy.lib.sjtu.example.edu.cn/login?url=${article}`,
          'https://ezproxy.lib.sjtu.example.edu.cn/login?url=',
        ],
      },
    })
    expect(built.statusCode).toBe(200)
    const [sd, bad, unknown, proxied, prefixOnly] = built.json().items
    // A link already through the proxy is built from the address inside it, not proxied twice.
    expect(proxied.resource.nameZh).toBe('ScienceDirect 电子期刊')
    expect(proxied.links.map((link: { link: string }) => link.link)).toEqual(
      sd.links.map((link: { link: string }) => link.link),
    )
    expect(prefixOnly).toMatchObject({ problem: '这是代理服务器的登录地址，缺少要打开的目标网址', links: [] })
    expect(sd.resource.nameZh).toBe('ScienceDirect 电子期刊')
    expect(sd.links.map((link: { kind: string }) => link.kind)).toEqual(['carsi', 'proxy', 'webvpn', 'vpn'])
    expect(sd.links[0].link).toContain(`appReturnURL=${encodeURIComponent(article)}`)
    expect(bad).toMatchObject({ problem: '不是 http(s) 网址', links: [] })
    // Not in the directory: the library's general routes, without a federated link.
    expect(unknown.resource).toBeNull()
    expect(unknown.links.map((link: { kind: string }) => link.kind)).toEqual(['proxy', 'webvpn', 'vpn'])
  })

  it('lets the library admin change a federated-login template, refusing one that is not a link', async () => {
    const admin = await t.as('library_admin')
    const bad = await t.request({
      method: 'PUT',
      url: '/api/access-platforms/nature',
      cookie: admin,
      payload: { name: 'Nature', template: 'javascript:{target}', confirmed: true },
    })
    expect(bad.statusCode).toBe(400)
    const ok = await t.request({
      method: 'PUT',
      url: '/api/access-platforms/nature',
      cookie: admin,
      payload: {
        name: 'Nature',
        template: 'https://sp.nature.com/saml/login?idp={enc:entityID}&targetUrl={enc:target}',
        confirmed: true,
        hosts: ['www.nature.com'],
      },
    })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json()).toMatchObject({ code: 'nature', confirmed: true, custom: true })
    const list = (
      await t.request({ method: 'GET', url: '/api/access-platforms', cookie: await t.as('librarian') })
    ).json()
    expect(list.items.find((item: { code: string }) => item.code === 'cnki')).toMatchObject({
      confirmed: true,
      custom: false,
    })
  })
})

describe('exporting the directory', () => {
  it('gives staff every resource as CSV or as an Excel sheet, with headers in their language', async () => {
    const librarian = await t.as('librarian')
    const csv = await t.request({ method: 'GET', url: '/api/resources/export?format=csv', cookie: librarian })
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe(
      '中文名称,英文名称,别名,供应商,类型,学科,网址,校外访问方式,状态,限时免费开始,限时免费结束,负责馆员,更新时间',
    )
    const cnki = lines.find((line) => line.startsWith('中国知网,'))!
    expect(cnki).toContain('"carsi, webvpn, vpn",已发布')
    // Staff exports include what readers do not see.
    expect(lines.some((line) => line.startsWith('剑桥电子教材（试用）,'))).toBe(true)

    const xlsx = await t.request({
      method: 'GET',
      url: '/api/resources/export?format=xlsx',
      cookie: librarian,
    })
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    expect(sheet.getRow(1).getCell(1).value).toBe('中文名称')
    expect(sheet.getRow(1).font?.bold).toBe(true)
    expect(sheet.rowCount).toBe(lines.filter(Boolean).length)

    const reader = await t.request({
      method: 'GET',
      url: '/api/resources/export',
      cookie: await t.as('reader'),
    })
    expect(reader.statusCode).toBe(403)
  })
})

describe('the monthly usage report', () => {
  it('lays the month’s clicks out like COUNTER’s Database Report, naming them as link clicks', async () => {
    const cnki = await idOf('中国知网')
    await t.request({ method: 'GET', url: `/go/${cnki}?route=carsi`, remoteAddress: '198.51.100.9' })
    await t.request({ method: 'GET', url: `/go/${cnki}`, remoteAddress: '10.10.0.9' })
    const month = todayIn('Asia/Shanghai', new Date()).slice(0, 7)
    const report = await t.request({
      method: 'GET',
      url: `/api/resource-usage/report?from=${month}&to=${month}&format=tsv`,
      cookie: await t.as('librarian'),
    })
    expect(report.statusCode, report.body).toBe(200)
    const rows = report.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .map((line) => line.split('\t'))
    expect(rows[0]).toEqual(['Report_Name', 'Database Report (link clicks through Shuqiao)'])
    expect(rows[8]![1]).toContain('Searches, Investigations and Requests are counted by the vendors')
    const header = rows[13]!
    expect(header.slice(0, 9)).toEqual([
      'Database',
      'Publisher',
      'Publisher_ID',
      'Platform',
      'Proprietary_ID',
      'Data_Type',
      'Access_Method',
      'Metric_Type',
      'Reporting_Period_Total',
    ])
    const cnkiRows = rows.filter((row) => row[4] === `shuqiao:${cnki}`)
    expect(cnkiRows.map((row) => [row[7], row[8]])).toEqual(
      expect.arrayContaining([
        ['Link_Clicks', '2'],
        ['Link_Clicks_CARSI', '1'],
        ['Link_Clicks_Campus', '1'],
      ]),
    )
    const tooLong = await t.request({
      method: 'GET',
      url: '/api/resource-usage/report?from=2020-01&to=2026-12',
      cookie: await t.as('librarian'),
    })
    expect(tooLong.statusCode).toBe(400)
  })
})
