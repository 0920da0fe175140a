import { createDecipheriv } from 'node:crypto'
import { access, type RouteKind } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import {
  accessRoutes,
  fillTemplate,
  isOnCampus,
  isValidCidr,
  openAthensLink,
  proxyLink,
  targetOfProxied,
  webvpnLink,
} from './access-links.ts'
import { SHIPPED_PLATFORMS } from './access-platforms.ts'

const settings = (values: Partial<access.AccessSettings> = {}) => access.AccessSettings.parse(values)
const TARGET = 'https://www.sciencedirect.com/search?qs=covid&show=25#top'

describe('off-campus links', () => {
  it('builds the proxy starting point with the target encoded, or as it is when the proxy asks for url=', () => {
    const proxy = settings({ proxyHost: 'ezproxy.lib.example.edu.cn' })
    expect(proxyLink(proxy, TARGET)).toBe(
      'https://ezproxy.lib.example.edu.cn/login?qurl=https%3A%2F%2Fwww.sciencedirect.com%2Fsearch%3Fqs%3Dcovid%26show%3D25%23top',
    )
    expect(proxyLink({ ...proxy, proxyParameter: 'url' }, TARGET)).toBe(
      `https://ezproxy.lib.example.edu.cn/login?url=${TARGET}`,
    )
    expect(proxyLink(settings(), TARGET)).toBeNull()
  })

  it('rewrites the host for a proxy by hostname, with dashes under a wildcard certificate and the port in the name', () => {
    const proxy = settings({ proxyHost: 'proxy.lib.example.edu.cn', proxyMode: 'hostname' })
    expect(proxyLink(proxy, TARGET)).toBe(
      'https://www.sciencedirect.com.proxy.lib.example.edu.cn/search?qs=covid&show=25#top',
    )
    expect(proxyLink({ ...proxy, proxyDashes: true }, 'http://www.somedb.com:180/a')).toBe(
      'http://p180-www-somedb-com.proxy.lib.example.edu.cn/a',
    )
  })

  it('finds the address inside a link already through the proxy, and notices a prefix without one', () => {
    const proxy = settings({ proxyHost: 'ezproxy.lib.example.edu.cn' })
    const inside = (link: string) => targetOfProxied(proxy, new URL(link))
    expect(inside(`https://ezproxy.lib.example.edu.cn/login?qurl=${encodeURIComponent(TARGET)}`)).toEqual({
      target: TARGET,
    })
    expect(inside('https://ezproxy.lib.example.edu.cn/login?url=https://x.org/a?b=1&c=2')).toEqual({
      target: 'https://x.org/a?b=1&c=2',
    })
    expect(inside('https://ezproxy.lib.example.edu.cn/login?url=')).toBe('missing')
    expect(inside('https://ezproxy.lib.example.edu.cn/login')).toBe('missing')
    expect(inside('https://p8080-www.somedb.com.ezproxy.lib.example.edu.cn/a?b=1')).toEqual({
      target: 'https://www.somedb.com:8080/a?b=1',
    })
    expect(inside('https://www.somedb.com/a')).toBeNull()
  })

  it('builds the OpenAthens redirector link', () => {
    expect(openAthensLink(settings({ openAthensOrg: 'example.edu.cn' }), 'https://x.org/a?b=1')).toBe(
      'https://go.openathens.net/redirector/example.edu.cn?url=https%3A%2F%2Fx.org%2Fa%3Fb%3D1',
    )
  })

  it('builds a WebVPN link whose host part decrypts back to the target host', () => {
    const vpn = settings({
      webvpnHost: 'webvpn.example.edu.cn',
      webvpnKey: 'wrdvpnisthebest!',
      webvpnIv: 'wrdvpnisthebest!',
    })
    const link = webvpnLink(vpn, 'https://kns.cnki.net:8443/kns8/defaultresult/index?kw=图书馆')!
    const match = /^https:\/\/webvpn\.example\.edu\.cn\/https-8443\/([0-9a-f]+)(\/kns8\/.*)$/.exec(link)!
    expect(match).not.toBeNull()
    const hex = match[1]!
    // The IV first, as ASCII hex (the well-known 77726476706e69737468656265737421), then the host.
    expect(hex.slice(0, 32)).toBe('77726476706e69737468656265737421')
    const decipher = createDecipheriv(
      'aes-128-cfb',
      Buffer.from('wrdvpnisthebest!'),
      Buffer.from('wrdvpnisthebest!'),
    )
    const host = Buffer.concat([
      decipher.update(Buffer.from(hex.slice(32), 'hex')),
      decipher.final(),
    ]).toString()
    expect(host).toBe('kns.cnki.net')
    expect(match[2]).toBe('/kns8/defaultresult/index?kw=%E5%9B%BE%E4%B9%A6%E9%A6%86')
  })

  it('fills federated-login templates and names what is missing rather than half-filling', () => {
    const elsevier = SHIPPED_PLATFORMS.find((platform) => platform.code === 'elsevier')!
    expect(
      fillTemplate(elsevier.template, {
        entityID: 'https://idp.example.edu.cn/idp/shibboleth',
        target: TARGET,
      }),
    ).toEqual({
      link: `https://auth.elsevier.com/ShibAuth/institutionLogin?entityID=${encodeURIComponent('https://idp.example.edu.cn/idp/shibboleth')}&appReturnURL=${encodeURIComponent(TARGET)}`,
    })
    const ebsco = SHIPPED_PLATFORMS.find((platform) => platform.code === 'ebsco')!
    expect(fillTemplate(ebsco.template, { entityID: 'x', target: TARGET })).toEqual({
      missing: ['customerId'],
    })
  })

  it('lists every route a resource has, leaving out those the library has not set up', () => {
    const library = settings({
      proxyHost: 'ezproxy.lib.example.edu.cn',
      carsiEntityId: 'https://idp.example.edu.cn/idp/shibboleth',
      vpnGuideUrl: 'https://lib.example.edu.cn/vpn',
      roamingNoteZh: '在校园网内登录平台注册个人账号',
    })
    const route = (kind: RouteKind) => ({
      kind,
      url: null,
      values: {},
      noteZh: null,
      noteEn: null,
    })
    const routes = accessRoutes(
      library,
      {
        url: 'https://www.nature.com/',
        routes: (['carsi', 'webvpn', 'proxy', 'vpn', 'roaming'] as const).map(route),
      },
      SHIPPED_PLATFORMS.find((platform) => platform.code === 'nature'),
    )
    expect(routes.map((each) => each.kind)).toEqual(['carsi', 'proxy', 'vpn', 'roaming'])
    expect(routes[0]).toMatchObject({ unconfirmed: true })
    expect(routes[2]).toMatchObject({
      link: 'https://www.nature.com/',
      guideUrl: 'https://lib.example.edu.cn/vpn',
    })
    expect(routes[3]).toMatchObject({ noteZh: '在校园网内登录平台注册个人账号' })
  })

  it('knows the campus networks, IPv4 (also as mapped IPv6) and IPv6', () => {
    const campus = ['202.120.0.0/16', '2001:da8:8000::/48']
    expect(isOnCampus(campus, '202.120.33.4')).toBe(true)
    expect(isOnCampus(campus, '::ffff:202.120.33.4')).toBe(true)
    expect(isOnCampus(campus, '202.121.0.1')).toBe(false)
    expect(isOnCampus(campus, '2001:da8:8000:1::5')).toBe(true)
    expect(isOnCampus([], '202.120.33.4')).toBe(false)
    expect(isValidCidr('202.120.0.0/16')).toBe(true)
    expect(isValidCidr('202.120.0.0/33')).toBe(false)
    expect(isValidCidr('300.1.1.1/8')).toBe(false)
  })
})
