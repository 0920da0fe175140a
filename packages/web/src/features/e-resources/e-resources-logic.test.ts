import { describe, expect, it } from 'vitest'
import {
  builtLinksRows,
  builtLinksText,
  everyDay,
  forgetRouteCookie,
  formFieldOf,
  formValuesOf,
  freePeriodOf,
  goLink,
  LINK_BUILDER_MAX,
  rememberedRoute,
  rememberRouteCookie,
  resourceInputOf,
  settingsFormValuesOf,
  settingsInputOf,
  templateValueNames,
  unusedRouteKinds,
  urlLines,
  usageByResource,
  usageRows,
} from './e-resources-logic.ts'

describe('the remembered route', () => {
  it('is written for a year on the whole site and read back, ignoring anything but a route kind', () => {
    expect(rememberRouteCookie('carsi')).toBe('shuqiao_route=carsi; path=/; max-age=31536000; samesite=lax')
    expect(forgetRouteCookie()).toBe('shuqiao_route=; path=/; max-age=0; samesite=lax')
    expect(rememberedRoute('lang=zh-CN; shuqiao_route=proxy; other=1')).toBe('proxy')
    expect(rememberedRoute('shuqiao_route=https://evil.example.com')).toBeUndefined()
    expect(rememberedRoute('shuqiao_route=')).toBeUndefined()
    expect(rememberedRoute('lang=en')).toBeUndefined()
  })

  it('goes through /go, which counts the click', () => {
    expect(goLink('0190c1c6-0000-7000-8000-000000000001', 'carsi')).toBe(
      '/go/0190c1c6-0000-7000-8000-000000000001?route=carsi',
    )
    expect(goLink('abc')).toBe('/go/abc')
  })
})

describe('the link builder', () => {
  it('takes one address a line, without blanks or repeats, up to the route’s limit', () => {
    expect(urlLines(' https://a.example/x \n\n\r\nhttps://b.example/\nhttps://a.example/x\n')).toEqual({
      urls: ['https://a.example/x', 'https://b.example/'],
      dropped: 0,
    })
    const many = Array.from({ length: LINK_BUILDER_MAX + 3 }, (_, at) => `https://e.example/${at}`).join('\n')
    expect(urlLines(many).urls).toHaveLength(LINK_BUILDER_MAX)
    expect(urlLines(many).dropped).toBe(3)
  })

  const items = [
    {
      input: 'https://www.sciencedirect.com/science/article/pii/S1',
      problem: null,
      resource: { id: 'r1', nameZh: 'ScienceDirect 电子期刊', nameEn: 'ScienceDirect' },
      links: [
        {
          kind: 'carsi' as const,
          link: 'https://auth.elsevier.com/x',
          guideUrl: null,
          noteZh: null,
          noteEn: null,
          unconfirmed: true,
        },
        {
          kind: 'proxy' as const,
          link: 'https://ezproxy.example/login?qurl=y',
          guideUrl: null,
          noteZh: null,
          noteEn: null,
          unconfirmed: false,
        },
      ],
    },
    { input: 'javascript:alert(1)', problem: '不是 http(s) 网址', resource: null, links: [] },
  ]
  const labels = {
    route: (kind: string) => kind.toUpperCase(),
    resource: (resource: { nameZh: string }) => resource.nameZh,
  }

  it('copies every address with its links as text', () => {
    expect(builtLinksText(items, { ...labels, problem: '无法转换' })).toBe(
      [
        'https://www.sciencedirect.com/science/article/pii/S1  (ScienceDirect 电子期刊)',
        '  CARSI: https://auth.elsevier.com/x',
        '  PROXY: https://ezproxy.example/login?qurl=y',
        '',
        'javascript:alert(1)',
        '  无法转换: 不是 http(s) 网址',
      ].join('\n'),
    )
  })

  it('downloads one CSV row per address and route, refused addresses with their reason', () => {
    expect(
      builtLinksRows(items, {
        ...labels,
        header: ['input', 'resource', 'route', 'link', 'note'],
        unconfirmed: '待确认',
      }),
    ).toEqual([
      ['input', 'resource', 'route', 'link', 'note'],
      [items[0]!.input, 'ScienceDirect 电子期刊', 'CARSI', 'https://auth.elsevier.com/x', '待确认'],
      [items[0]!.input, 'ScienceDirect 电子期刊', 'PROXY', 'https://ezproxy.example/login?qurl=y', ''],
      ['javascript:alert(1)', '', '', '', '不是 http(s) 网址'],
    ])
  })
})

describe('free periods', () => {
  it('say whether a period has begun, how many days are left, and when it is over', () => {
    expect(freePeriodOf({ freeFrom: null, freeUntil: null }, '2026-03-01')).toBeNull()
    expect(freePeriodOf({ freeFrom: '2026-02-01', freeUntil: '2026-03-31' }, '2026-03-01')).toEqual({
      state: 'running',
      daysLeft: 30,
    })
    expect(freePeriodOf({ freeFrom: '2026-03-05', freeUntil: '2026-03-31' }, '2026-03-01')?.state).toBe(
      'upcoming',
    )
    expect(freePeriodOf({ freeFrom: null, freeUntil: '2026-03-01' }, '2026-03-01')).toEqual({
      state: 'running',
      daysLeft: 0,
    })
    expect(freePeriodOf({ freeFrom: null, freeUntil: '2026-02-28' }, '2026-03-01')?.state).toBe('ended')
  })
})

describe('the resource form', () => {
  it('sends blanks as null, trimmed names, and value pairs as a record without empty ones', () => {
    expect(
      resourceInputOf({
        nameZh: ' 读秀 ',
        nameEn: '  ',
        aliases: [' 读秀学术 ', ''],
        kind: 'database',
        url: ' https://www.duxiu.com/ ',
        freeFrom: '2026-03-01',
        freeUntil: null,
        routes: [
          {
            kind: 'carsi',
            url: '',
            values: [{ key: 'customerId', value: ' s123 ' }, { key: 'x' }, { value: 'y' }],
            noteZh: ' 先选择学校 ',
          },
        ],
      }),
    ).toEqual({
      nameZh: '读秀',
      nameEn: null,
      aliases: ['读秀学术'],
      vendor: null,
      platform: null,
      kind: 'database',
      subjects: [],
      descriptionZh: null,
      descriptionEn: null,
      url: 'https://www.duxiu.com/',
      ownerId: null,
      freeFrom: '2026-03-01',
      freeUntil: null,
      routes: [
        { kind: 'carsi', url: null, values: { customerId: 's123' }, noteZh: '先选择学校', noteEn: null },
      ],
    })
  })

  it('starts from a saved resource’s own route settings', () => {
    const values = formValuesOf({
      id: 'r1',
      libraryId: 'l1',
      nameZh: 'EBSCOhost',
      nameEn: null,
      aliases: [],
      vendor: 'EBSCO',
      kind: 'database',
      subjects: ['02'],
      status: 'published',
      initial: 'E',
      freeFrom: null,
      freeUntil: null,
      routes: ['carsi'],
      platform: 'ebsco',
      descriptionZh: null,
      descriptionEn: null,
      url: 'https://search.ebscohost.com/',
      owner: { id: 'a1', name: '王芳' },
      routeSettings: [{ kind: 'carsi', url: null, values: { customerId: 's1' }, noteZh: null, noteEn: null }],
      access: [],
      accessTests: [],
      updatedAt: '2026-03-01T00:00:00.000Z',
    })
    expect(values.ownerId).toBe('a1')
    expect(values.routes).toEqual([
      { kind: 'carsi', url: null, values: [{ key: 'customerId', value: 's1' }], noteZh: null, noteEn: null },
    ])
    expect(resourceInputOf(values).routes?.[0]?.values).toEqual({ customerId: 's1' })
  })

  it('offers the route kinds not yet used, and the values a platform’s template asks for', () => {
    expect(unusedRouteKinds([{ kind: 'carsi' }, { kind: 'vpn' }])).toEqual([
      'proxy',
      'webvpn',
      'openathens',
      'roaming',
      'open',
    ])
    expect(
      templateValueNames(
        'https://search.ebscohost.com/login.aspx?authtype=shib&custid={customerId}&t={enc:target}',
      ),
    ).toEqual(['customerId'])
    expect(templateValueNames('https://x.example/?idp={enc:entityID}&u={target}')).toEqual([])
    expect(templateValueNames(undefined)).toEqual([])
  })

  it('puts a problem on the deepest field the form has, never on a list position', () => {
    const fields = new Set(['nameZh', 'routes', 'routes.0.url', 'routes.0.values', 'campusNetworks'])
    const exists = (name: (string | number)[]) => fields.has(name.join('.'))
    expect(formFieldOf('body.nameZh', exists)).toEqual(['nameZh'])
    expect(formFieldOf('body.routes.0.url', exists)).toEqual(['routes', 0, 'url'])
    expect(formFieldOf('body.routes.0.values.customerId', exists)).toEqual(['routes', 0, 'values'])
    expect(formFieldOf('body.routes.1.noteZh', exists)).toEqual(['routes'])
    expect(formFieldOf('body.routes', exists)).toEqual(['routes'])
    expect(formFieldOf('body.campusNetworks.3', exists)).toEqual(['campusNetworks'])
    expect(formFieldOf('body.nowhere', exists)).toBeUndefined()
    expect(formFieldOf('query.cursor', exists)).toBeUndefined()
    expect(formFieldOf('body', exists)).toBeUndefined()
  })
})

describe('access settings', () => {
  it('edit campus networks one a line and send blanks as null', () => {
    const form = settingsFormValuesOf({
      campusNetworks: ['10.0.0.0/8', '202.120.0.0/16'],
      proxyHost: 'ezproxy.example.edu.cn',
      proxyMode: 'starting_point',
      proxyParameter: 'qurl',
      proxyDashes: false,
      openAthensOrg: null,
      webvpnHost: null,
      webvpnKey: null,
      webvpnIv: null,
      vpnGuideUrl: null,
      carsiEntityId: null,
      roamingNoteZh: null,
      roamingNoteEn: null,
    })
    expect(form.campusNetworks).toBe('10.0.0.0/8\n202.120.0.0/16')
    expect(
      settingsInputOf({
        ...form,
        campusNetworks: ' 10.0.0.0/8 \n\n 172.16.0.0/12',
        openAthensOrg: ' ',
        webvpnKey: 'wrdvpnisthebest!',
      }),
    ).toMatchObject({
      campusNetworks: ['10.0.0.0/8', '172.16.0.0/12'],
      proxyHost: 'ezproxy.example.edu.cn',
      openAthensOrg: null,
      webvpnKey: 'wrdvpnisthebest!',
      webvpnIv: null,
    })
  })
})

describe('usage figures', () => {
  const rows = [
    { resourceId: 'a', nameZh: '中国知网', nameEn: 'CNKI', route: 'carsi', clicks: 5 },
    { resourceId: 'b', nameZh: '万方', nameEn: null, route: 'direct', clicks: 9 },
    { resourceId: 'a', nameZh: '中国知网', nameEn: 'CNKI', route: 'direct', clicks: 7 },
    { resourceId: 'b', nameZh: '万方', nameEn: null, route: 'proxy', clicks: 1 },
  ]

  it('gather one row per resource, most used first, with routes in a fixed order', () => {
    const usage = usageByResource(rows)
    expect(usage.routes).toEqual(['direct', 'carsi', 'proxy'])
    expect(usage.resources.map((row) => [row.nameZh, row.total, row.byRoute])).toEqual([
      ['中国知网', 12, { carsi: 5, direct: 7 }],
      ['万方', 10, { direct: 9, proxy: 1 }],
    ])
    expect(
      usageRows(usage, {
        header: ['resource', 'total'],
        route: (route) => route,
        name: (row) => row.nameZh,
      }),
    ).toEqual([
      ['resource', 'total', 'direct', 'carsi', 'proxy'],
      ['中国知网', 12, 7, 5, 0],
      ['万方', 10, 9, 0, 1],
    ])
  })

  it('fill the days without clicks with 0 for the chart', () => {
    expect(everyDay([{ day: '2026-02-27', clicks: 3 }], '2026-02-26', '2026-03-01')).toEqual([
      { day: '2026-02-26', clicks: 0 },
      { day: '2026-02-27', clicks: 3 },
      { day: '2026-02-28', clicks: 0 },
      { day: '2026-03-01', clicks: 0 },
    ])
  })
})
