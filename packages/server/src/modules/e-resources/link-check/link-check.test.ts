import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { checkLinks, DEFAULT_USER_AGENT, type LinkCheckOptions } from './link-check.ts'

/**
 * A vendor site in one local server: every route answers as some real platform does. Requests
 * and open connections are counted per Host header, so the tests can see the checker's bounds.
 */
const html = (title: string, body = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`

const HUGE_BYTES = 50 * 1024 * 1024
const stats = {
  requests: new Map<string, number>(),
  userAgents: new Set<string>(),
  hugeBytesSent: 0,
  open: 0,
  maxOpen: 0,
  openByHost: new Map<string, number>(),
  maxOpenByHost: new Map<string, number>(),
}

const route = (req: http.IncomingMessage, res: http.ServerResponse) => {
  const url = new URL(req.url ?? '/', 'http://local')
  const path = url.pathname
  const send = (status: number, body: string, headers: http.OutgoingHttpHeaders = {}) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers })
    res.end(body)
  }
  const redirect = (status: number, location: string) => {
    res.writeHead(status, { location })
    res.end()
  }
  if (path === '/ok') return send(200, html('中国知网 CNKI', '<h1>中国知网</h1><p>文献检索</p>'))
  if (path === '/404') return send(404, html('404 Not Found'))
  if (path === '/410') return send(410, html('Gone'))
  if (path === '/500') return send(500, html('Internal Server Error'))
  if (path === '/401') return send(401, html('Unauthorized'), { 'www-authenticate': 'Basic realm="db"' })
  if (path === '/403') return send(403, html('Forbidden', '<h1>Access denied</h1>'))
  if (path === '/429') return send(429, html('Too Many Requests'), { 'retry-after': '60' })
  if (path === '/cloudflare')
    return send(
      503,
      html(
        'Just a moment...',
        '<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script><noscript>Enable JavaScript and cookies to continue</noscript>',
      ),
      { 'cf-mitigated': 'challenge', server: 'cloudflare' },
    )
  if (path === '/waf') return send(200, html('安全验证', '<div id="nc_1_wrapper">请拖动滑块完成验证</div>'))
  if (path === '/chain/1') return redirect(301, '/chain/2')
  if (path === '/chain/2') return redirect(302, `http://${req.headers.host}/chain/3`)
  if (path === '/chain/3') return redirect(307, '/ok')
  if (path === '/loop/a') return redirect(302, '/loop/b')
  if (path === '/loop/b') return redirect(302, '/loop/a')
  if (path.startsWith('/endless/')) return redirect(302, `/endless/${Number(path.slice(9)) + 1}`)
  if (path === '/no-location') return redirect(302, '')
  if (path === '/to-script') return redirect(302, 'javascript:alert(1)')
  if (path === '/slow') {
    const timer = setTimeout(() => send(200, html('Slow')), 5_000)
    res.on('close', () => clearTimeout(timer))
    return
  }
  if (path === '/trickle') {
    // Headers and the start of the page at once, then the rest never comes.
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    return res.write('<html><head><title>页面不存在</title></head><body>')
  }
  if (path === '/soft-zh')
    return send(200, html('提示', '<h2>抱歉，您访问的页面不存在</h2><a href="/">返回首页</a>'))
  if (path === '/soft-en') return send(200, html('Springer', '<h1>Page not found</h1><p>Sorry.</p>'))
  if (path === '/soft-gzip') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' })
    return res.end(gzipSync(html('404 Not Found', '<p>The requested URL was not found on this server.</p>')))
  }
  if (path === '/soft-gbk') {
    // 页面不存在 in GBK, declared only by the meta tag.
    const gbk = Buffer.from([0xd2, 0xb3, 0xc3, 0xe6, 0xb2, 0xbb, 0xb4, 0xe6, 0xd4, 0xda])
    res.writeHead(200, { 'content-type': 'text/html' })
    return res.end(
      Buffer.concat([
        Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>'),
        gbk,
        Buffer.from('</title></head><body></body></html>'),
      ]),
    )
  }
  if (path === '/long-help') {
    // A full page that mentions 找不到 in its help text is not a "not found" page.
    const filler =
      '<p>中文期刊全文数据库收录了自1915年以来出版的学术期刊，内容覆盖自然科学与社会科学各领域。</p>'.repeat(
        80,
      )
    return send(
      200,
      html('中国学术期刊网络出版总库', `<h1>期刊导航</h1>${filler}<p>找不到需要的文献？请联系图书馆。</p>`),
    )
  }
  if (path === '/kcms/detail') {
    const filler = '<p>题名、作者、机构、摘要、关键词、基金、分类号与引用格式。</p>'.repeat(80)
    return send(200, html('知网节', `${filler}<p class="error">文献不存在或已被撤销</p>`))
  }
  if (path === '/database') return redirect(302, '/authserver/login?service=%2Fdatabase')
  if (path === '/authserver/login')
    return send(
      200,
      html('统一身份认证', '<form><input name="username"><input type="password" name="password"></form>'),
    )
  if (path === '/login-form')
    return send(
      200,
      html(
        '用户登录 - 超星',
        '<form><input name="uname"><input type="password" name="pwd"><button>登录</button></form>',
      ),
    )
  if (path === '/meta-refresh')
    return send(200, '<html><head><meta http-equiv="refresh" content="0; url=\'/404\'"></head></html>')
  if (path === '/self-refresh') return send(200, html('新闻', '<meta http-equiv="refresh" content="300">'))
  if (path === '/journal/article/123') return redirect(301, '/')
  if (path === '/') return send(200, html('首页'))
  if (path === '/cookie-check') {
    if (/session=1/.test(req.headers.cookie ?? '')) return send(200, html('Wiley Online Library'))
    res.writeHead(302, { location: '/cookie-check', 'set-cookie': 'session=1; Path=/; HttpOnly' })
    return res.end()
  }
  if (path === '/pdf') {
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(HUGE_BYTES) })
    res.write(Buffer.alloc(64 * 1024))
    return
  }
  if (path === '/huge') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.write(`<html><head><title>Big page</title></head><body>`)
    const chunk = Buffer.from('<p>书桥</p>'.repeat(4096))
    const pump = () => {
      while (stats.hugeBytesSent < HUGE_BYTES) {
        stats.hugeBytesSent += chunk.length
        if (!res.write(chunk)) return res.once('drain', pump)
      }
      res.end('</body></html>')
    }
    res.on('close', () => res.removeAllListeners('drain'))
    return pump()
  }
  if (path === '/paced') {
    const timer = setTimeout(() => send(200, html('Paced')), 15)
    res.on('close', () => clearTimeout(timer))
    return
  }
  if (path === '/paced-hop') {
    const to = url.searchParams.get('to')!
    const timer = setTimeout(() => redirect(302, `http://${to}/paced`), 10)
    res.on('close', () => clearTimeout(timer))
    return
  }
  send(404, html('404'))
}

let server: http.Server
let base: string
let port: number
let closedPort: number

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const host = req.headers.host ?? ''
    stats.requests.set(`${host}${req.url}`, (stats.requests.get(`${host}${req.url}`) ?? 0) + 1)
    stats.userAgents.add(req.headers['user-agent'] ?? '')
    const open = (stats.openByHost.get(host) ?? 0) + 1
    stats.openByHost.set(host, open)
    stats.maxOpenByHost.set(host, Math.max(stats.maxOpenByHost.get(host) ?? 0, open))
    req.socket.once('close', () => stats.openByHost.set(host, (stats.openByHost.get(host) ?? 1) - 1))
    route(req, res)
  })
  server.on('connection', (socket) => {
    stats.open += 1
    stats.maxOpen = Math.max(stats.maxOpen, stats.open)
    socket.once('close', () => {
      stats.open -= 1
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`
  const spare = http.createServer()
  await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve))
  closedPort = (spare.address() as AddressInfo).port
  await new Promise<void>((resolve) => spare.close(() => resolve()))
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

beforeEach(() => {
  stats.maxOpen = stats.open
  stats.maxOpenByHost.clear()
})

// Names under .test never resolve; the checker is told to reach them all at the local server.
const local: LinkCheckOptions = {
  resolveHost: (hostname) => (hostname.endsWith('.test') ? '127.0.0.1' : undefined),
}

const checkOne = async (path: string, options: LinkCheckOptions = {}) =>
  (await checkLinks([path.startsWith('http') ? path : `${base}${path}`], { ...local, ...options }))[0]!

describe('checkLinks: what each answer means', () => {
  it('200 is ok, with the browser-like request the server saw', async () => {
    const result = await checkOne('/ok')
    expect(result).toMatchObject({
      url: `${base}/ok`,
      outcome: 'ok',
      reason: 'ok',
      status: 200,
      finalUrl: `${base}/ok`,
      redirects: 0,
    })
    expect(result.message).toEqual({ zh: '可以打开（HTTP 200）。', en: 'It opens (HTTP 200).' })
    expect(result.ms).toBeGreaterThanOrEqual(0)
    expect([...stats.userAgents]).toContain(DEFAULT_USER_AGENT)
  })

  it('404, 410 and 5xx are broken', async () => {
    const results = await checkLinks([`${base}/404`, `${base}/410`, `${base}/500`])
    expect(results.map((r) => [r.outcome, r.reason, r.status])).toEqual([
      ['broken', 'not_found', 404],
      ['broken', 'gone', 410],
      ['broken', 'server_error', 500],
    ])
    expect(results[0]!.message.zh).toBe('页面不存在（HTTP 404）。')
  })

  it('401, 403 and 429 need a person, not a "broken" mark', async () => {
    const results = await checkLinks([`${base}/401`, `${base}/403`, `${base}/429`])
    expect(results.map((r) => [r.outcome, r.reason, r.status])).toEqual([
      ['needs_person', 'unauthorized', 401],
      ['needs_person', 'forbidden', 403],
      ['needs_person', 'rate_limited', 429],
    ])
  })

  it('bot checks need a person: a Cloudflare "Just a moment" 503 and a slider check served with 200', async () => {
    const results = await checkLinks([`${base}/cloudflare`, `${base}/waf`])
    expect(results.map((r) => [r.outcome, r.reason, r.status])).toEqual([
      ['needs_person', 'bot_challenge', 503],
      ['needs_person', 'bot_challenge', 200],
    ])
    expect(results[0]!.message.en).toContain('cf-mitigated: challenge')
  })

  it('follows 301/302/307 chains by hand and reports where they end', async () => {
    const result = await checkOne('/chain/1')
    expect(result).toMatchObject({ outcome: 'ok', status: 200, redirects: 3, finalUrl: `${base}/ok` })
  })

  it('a redirect loop, too many redirects and bad redirects are broken', async () => {
    const results = await checkLinks([
      `${base}/loop/a`,
      `${base}/endless/0`,
      `${base}/no-location`,
      `${base}/to-script`,
    ])
    expect(results.map((r) => [r.outcome, r.reason, r.redirects])).toEqual([
      ['broken', 'redirect_loop', 2],
      ['broken', 'too_many_redirects', 10],
      ['broken', 'bad_redirect', 0],
      ['broken', 'bad_redirect', 0],
    ])
    expect(results[0]!.message.en).toBe(`The redirects go round in a loop (back to ${base}/loop/a).`)
    expect(results[1]!.finalUrl).toBe(`${base}/endless/10`)
    const limited = await checkOne('/endless/0', { maxRedirects: 3 })
    expect([limited.reason, limited.redirects]).toEqual(['too_many_redirects', 3])
  })

  it('a cookie set on the way is sent back, so a cookie check is not a loop', async () => {
    const result = await checkOne('/cookie-check')
    expect(result).toMatchObject({ outcome: 'ok', redirects: 1 })
  })

  it('a server slower than the timeout is broken, and no later than the timeout', async () => {
    const started = Date.now()
    const result = await checkOne('/slow', { timeoutMs: 300 })
    expect(result).toMatchObject({ outcome: 'broken', reason: 'timeout', status: null })
    expect(result.message.zh).toBe('0.3 秒内没有打开。')
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('an HTTPS site with a certificate browsers refuse is broken', async () => {
    const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url))
    const secure = https.createServer(
      { key: fixture('self-signed.key.pem'), cert: fixture('self-signed.cert.pem') },
      (_req, res) => res.end(html('ok')),
    )
    await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve))
    try {
      const securePort = (secure.address() as AddressInfo).port
      const result = await checkOne(`https://vendor.test:${securePort}/`)
      expect(result).toMatchObject({ outcome: 'broken', reason: 'tls', status: null })
      expect(result.message.en).toBe(
        "The site's certificate is invalid (DEPTH_ZERO_SELF_SIGNED_CERT); browsers block it too.",
      )
    } finally {
      secure.closeAllConnections()
      await new Promise<void>((resolve) => secure.close(() => resolve()))
    }
  })

  it('a page whose body stops coming is judged on what arrived before the timeout', async () => {
    const result = await checkOne('/trickle', { timeoutMs: 300 })
    expect(result).toMatchObject({ outcome: 'soft_404', reason: 'not_found_text', status: 200 })
  })

  it('no such host and a refused connection are broken; non-web addresses are refused unchecked', async () => {
    const results = await checkLinks([
      'http://does-not-exist.invalid/',
      `http://127.0.0.1:${closedPort}/`,
      'javascript:alert(1)',
      'not a url',
    ])
    expect(results.map((r) => [r.outcome, r.reason])).toEqual([
      ['broken', 'dns'],
      ['broken', 'refused'],
      ['broken', 'invalid_url'],
      ['broken', 'invalid_url'],
    ])
    expect(results[0]!.message.en).toBe('The host name does-not-exist.invalid does not resolve.')
  })

  it('soft 404s: 200 pages saying "not found" in Chinese or English, gzip- or GBK-encoded', async () => {
    const results = await checkLinks([
      `${base}/soft-zh`,
      `${base}/soft-en`,
      `${base}/soft-gzip`,
      `${base}/soft-gbk`,
    ])
    expect(results.map((r) => [r.outcome, r.reason, r.status])).toEqual([
      ['soft_404', 'not_found_text', 200],
      ['soft_404', 'not_found_text', 200],
      ['soft_404', 'not_found_text', 200],
      ['soft_404', 'not_found_text', 200],
    ])
    expect(results[0]!.message.zh).toBe('页面返回 200，但内容是“页面不存在”。')
    expect(results[1]!.message.en).toBe('The page answers 200 but says “page not found”.')
    expect(results[3]!.message.zh).toContain('页面不存在')
  })

  it('a long page that only mentions 找不到 in its help text is ok', async () => {
    expect((await checkOne('/long-help')).outcome).toBe('ok')
  })

  it('per-platform phrases, keyed by host or parent domain, find the platform’s own "not found"', async () => {
    const url = `http://kns.cnki.test:${port}/kcms/detail`
    expect((await checkOne(url)).outcome).toBe('ok')
    const result = await checkOne(url, { platformRules: { 'cnki.test': { soft404: ['文献不存在'] } } })
    expect(result).toMatchObject({ outcome: 'soft_404', reason: 'platform_not_found_text' })
    expect(result.message.zh).toBe('页面返回 200，但出现了该平台表示资源不存在的文字“文献不存在”。')
  })

  it('login pages need a person: reached by a redirect, or recognised by their form', async () => {
    const results = await checkLinks([`${base}/database`, `${base}/login-form`])
    expect(results.map((r) => [r.outcome, r.reason])).toEqual([
      ['needs_person', 'login_page'],
      ['needs_person', 'login_page'],
    ])
    expect(results[0]!.finalUrl).toBe(`${base}/authserver/login?service=%2Fdatabase`)
    expect(results[1]!.message.zh).toBe('打开的是登录页（“登录”），请在校园网内人工核对。')
  })

  it('follows a quick meta refresh like a redirect, but not a page that reloads itself', async () => {
    const results = await checkLinks([`${base}/meta-refresh`, `${base}/self-refresh`])
    expect(results.map((r) => [r.outcome, r.reason, r.redirects, r.finalUrl])).toEqual([
      ['broken', 'not_found', 1, `${base}/404`],
      ['ok', 'ok', 0, `${base}/self-refresh`],
    ])
  })

  it('a deep link sent to the home page is a soft 404', async () => {
    const result = await checkOne('/journal/article/123')
    expect(result).toMatchObject({ outcome: 'soft_404', reason: 'redirected_home', finalUrl: `${base}/` })
  })

  it('reads only the start of a huge body, then drops the connection', async () => {
    const started = Date.now()
    const results = await checkLinks([`${base}/huge`, `${base}/pdf`], { maxBodyBytes: 64 * 1024 })
    expect(results.map((r) => [r.outcome, r.status])).toEqual([
      ['ok', 200],
      ['ok', 200],
    ])
    expect(Date.now() - started).toBeLessThan(5_000)
    // What the server managed to write before the checker hung up: socket buffers, not 50 MB.
    expect(stats.hugeBytesSent).toBeLessThan(HUGE_BYTES / 10)
  })

  it('checks a repeated address once and reports every result as it comes', async () => {
    const seen: number[] = []
    const url = `http://once.test:${port}/ok`
    const results = await checkLinks([url, `${base}/404`, url], {
      ...local,
      onResult: (_result, index) => seen.push(index),
    })
    expect(results.map((r) => r.outcome)).toEqual(['ok', 'broken', 'ok'])
    expect(seen.sort()).toEqual([0, 1, 2])
    expect(stats.requests.get(`once.test:${port}/ok`)).toBe(1)
  })

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController()
    const run = checkLinks([`${base}/slow`, `http://other.test:${port}/slow`], {
      ...local,
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(new Error('shutting down')), 100)
    await expect(run).rejects.toThrow('shutting down')
  })
})

describe('checkLinks: bounds on concurrency', () => {
  it('never has more than `concurrency` connections open, nor more than `perHost` to one host', async () => {
    const hosts = Array.from({ length: 8 }, (_, n) => `h${n}.test:${port}`)
    const urls: string[] = []
    for (let n = 0; n < 240; n++) {
      const host = hosts[n % hosts.length]!
      // One in four first redirects to another host, which must wait for a slot there too.
      urls.push(
        n % 4 === 0
          ? `http://${host}/paced-hop?to=${hosts[(n + 3) % hosts.length]}&n=${n}`
          : `http://${host}/paced?n=${n}`,
      )
    }
    const results = await checkLinks(urls, { ...local, concurrency: 10, perHost: 3 })
    expect(results.every((r) => r.outcome === 'ok')).toBe(true)
    expect(results.filter((r) => r.redirects === 1)).toHaveLength(60)
    expect(stats.maxOpen).toBeLessThanOrEqual(10)
    for (const host of hosts) expect(stats.maxOpenByHost.get(host)).toBeLessThanOrEqual(3)
    // And the bounds were reached, not merely respected.
    expect(stats.maxOpen).toBeGreaterThanOrEqual(8)
    expect(Math.max(...stats.maxOpenByHost.values())).toBe(3)
  })

  it('holds four per host even when every URL is on one host, with the default fifty in all', async () => {
    const urls = Array.from({ length: 60 }, (_, n) => `http://one.test:${port}/paced?n=${n}`)
    const results = await checkLinks(urls, local)
    expect(results.every((r) => r.outcome === 'ok')).toBe(true)
    expect(stats.maxOpenByHost.get(`one.test:${port}`)).toBe(4)
  })
})
