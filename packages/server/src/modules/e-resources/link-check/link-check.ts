import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import { performance } from 'node:perf_hooks'
import zlib from 'node:zlib'
import {
  challengeIn,
  decodeBody,
  isLoginUrl,
  loginIn,
  notFoundIn,
  type PlatformRules,
  readPage,
  rulesFor,
} from './link-check.page.ts'

export type { PlatformRules } from './link-check.page.ts'

export type Bilingual = { zh: string; en: string }

/**
 * - `ok`: the page opens.
 * - `broken`: it does not: 404, 410, 5xx, no such host, refused, timeout, redirect loop, too many redirects.
 * - `needs_person`: the checker was kept out (401, 403, 429, a bot check, a sign-in page) where a
 *   reader may well get in: a person should look before anyone calls it broken.
 * - `soft_404`: the server says 200 but the page says "not found", or sends a deep link to the home page.
 */
export type LinkOutcome = 'ok' | 'broken' | 'needs_person' | 'soft_404'

export type LinkReason =
  | 'ok'
  | 'invalid_url'
  | 'not_found'
  | 'gone'
  | 'server_error'
  | 'dns'
  | 'refused'
  | 'connection'
  | 'timeout'
  | 'tls'
  | 'redirect_loop'
  | 'too_many_redirects'
  | 'bad_redirect'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'bot_challenge'
  | 'login_page'
  | 'tls_chain'
  | 'unexpected_status'
  | 'not_found_text'
  | 'platform_not_found_text'
  | 'redirected_home'

export interface LinkCheckResult {
  /** The address as given. */
  url: string
  outcome: LinkOutcome
  /** Stable code for the reason, for filters and history. */
  reason: LinkReason
  /** One short sentence for the librarian. */
  message: Bilingual
  /** HTTP status of the last answer; null when none came (DNS, refused, timeout …). */
  status: number | null
  /** Where the redirects ended (the address as given when there were none). */
  finalUrl: string
  /** Redirects followed, `<meta http-equiv="refresh">` included. */
  redirects: number
  /** From the first request to the verdict, in milliseconds. */
  ms: number
}

export interface LinkCheckOptions {
  /** URLs checked at the same time, in all (default 50). */
  concurrency?: number
  /** Requests to one host (`hostname:port`) at the same time (default 4). */
  perHost?: number
  /** Time for one URL, redirects included, from its first request (default 15,000 ms). */
  timeoutMs?: number
  /** Redirects followed before giving up (default 10). */
  maxRedirects?: number
  /** Bytes of a body read before the connection is dropped (default 64 KB). */
  maxBodyBytes?: number
  /** Sent as `User-Agent` (default: a current desktop Chrome). */
  userAgent?: string
  /** Sent as `Accept-Language` (default `zh-CN,zh;q=0.9,en;q=0.8`). */
  acceptLanguage?: string
  /** Phrase rules per platform, keyed by host name or a parent domain (`cnki.net`). */
  platformRules?: Record<string, PlatformRules>
  /**
   * The IP address to connect to for a host name, instead of asking DNS (tests and benchmarks:
   * many names on one local server). Return undefined to use DNS.
   */
  resolveHost?: (hostname: string) => string | undefined
  /** Each result as soon as it is known (index in `urls`). */
  onResult?: (result: LinkCheckResult, index: number) => void
  /** Stops the run: requests in flight are dropped and the promise rejects with the signal's reason. */
  signal?: AbortSignal
}

export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36'

const DEFAULTS = {
  concurrency: 50,
  perHost: 4,
  timeoutMs: 15_000,
  maxRedirects: 10,
  maxBodyBytes: 64 * 1024,
  userAgent: DEFAULT_USER_AGENT,
  acceptLanguage: 'zh-CN,zh;q=0.9,en;q=0.8',
}

type Settings = typeof DEFAULTS & Pick<LinkCheckOptions, 'platformRules' | 'resolveHost'>

const REDIRECTS = new Set([301, 302, 303, 307, 308])
/** Meta refreshes at most this slow are followed like redirects; slower ones are a page reloading itself. */
const META_REFRESH_MAX_DELAY = 5
const INDEX_PATH = /^\/((index|default|home)\.(html?|php|jsp|aspx?))?$/i

// Certificate problems a browser shows as an error page, and the ones only Node minds: browsers
// fetch a missing intermediate certificate themselves, Node does not.
const TLS_BROKEN = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_REVOKED',
])
const TLS_CHAIN = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
])

interface Verdict {
  outcome: LinkOutcome
  reason: LinkReason
  message: Bilingual
}

const verdict = (outcome: LinkOutcome, reason: LinkReason, message: Bilingual): Verdict => ({
  outcome,
  reason,
  message,
})

/** Per-host slots. A host is `hostname:port` as the URL writes it. */
interface HostState {
  active: number
  /** Later hops (redirects) of URLs already running, waiting for a slot here. */
  waiters: (() => void)[]
  /** URLs to this host not started yet (indexes into the jobs). */
  pending: number[]
}

interface Hop {
  status: number | null
  headers: http.IncomingHttpHeaders
  body: Uint8Array | null
  error: (Error & { code?: string }) | null
  timedOut: boolean
  /** Resolves when the connection is closed and its host slot given back. */
  closed: Promise<void>
}

class TimeoutError extends Error {
  override name = 'TimeoutError'
}

const isTextual = (contentType: string | undefined) =>
  contentType === undefined || /html|xml|text\/plain/i.test(contentType)

/** Decompresses the start of a body, tolerating the cut at the byte limit. */
const decompress = (raw: Buffer, encoding: string | undefined, limit: number): Buffer => {
  const options = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: limit * 16 }
  try {
    switch ((encoding ?? '').trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return zlib.gunzipSync(raw, options)
      case 'deflate':
        // Servers send either zlib-wrapped or raw deflate under this name.
        try {
          return zlib.inflateSync(raw, options)
        } catch {
          return zlib.inflateRawSync(raw, options)
        }
      case 'br':
        return zlib.brotliDecompressSync(raw, {
          finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
          maxOutputLength: limit * 16,
        })
      default:
        return raw
    }
  } catch {
    // Unreadable or a decompression bomb: judge the page without its text.
    return Buffer.alloc(0)
  }
}

/** Cookies a site sets along a redirect chain; some send a reader round once to set one. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; domain: string; hostOnly: boolean }>()

  store(url: URL, header: string | string[] | undefined) {
    for (const line of Array.isArray(header) ? header : header ? [header] : []) {
      const [pair, ...attributes] = line.split(';')
      const equals = pair?.indexOf('=') ?? -1
      if (!pair || equals <= 0) continue
      const domainAttribute = attributes
        .map((attribute) => attribute.trim())
        .find((attribute) => /^domain=/i.test(attribute))
      const domain = domainAttribute?.slice(7).replace(/^\./, '').toLowerCase()
      const name = pair.slice(0, equals).trim()
      this.cookies.set(`${domain ?? url.hostname}\n${name}`, {
        value: pair.slice(equals + 1).trim(),
        domain: domain ?? url.hostname,
        hostOnly: !domain,
      })
    }
  }

  header(url: URL) {
    const pairs: string[] = []
    for (const [key, cookie] of this.cookies) {
      const matches = cookie.hostOnly
        ? url.hostname === cookie.domain
        : url.hostname === cookie.domain || url.hostname.endsWith(`.${cookie.domain}`)
      if (matches) pairs.push(`${key.slice(key.indexOf('\n') + 1)}=${cookie.value}`)
    }
    return pairs.join('; ')
  }
}

const seconds = (ms: number) => Math.round(ms / 100) / 10

const challengeVerdict = (status: number, marker: string): Verdict =>
  verdict('needs_person', 'bot_challenge', {
    zh: `遇到人机验证页面（HTTP ${status}，${marker}），读者在浏览器里可能能通过，请人工核对。`,
    en: `A bot check page stood in the way (HTTP ${status}, ${marker}); readers in a browser may get through. Check by hand.`,
  })

const statusVerdict = (status: number, challenge: string | null): Verdict => {
  if (challenge && (status === 401 || status === 403 || status === 429 || status >= 500))
    return challengeVerdict(status, challenge)
  if (status === 404)
    return verdict('broken', 'not_found', {
      zh: '页面不存在（HTTP 404）。',
      en: 'The page does not exist (HTTP 404).',
    })
  if (status === 410)
    return verdict('broken', 'gone', {
      zh: '页面已被永久移除（HTTP 410）。',
      en: 'The page has been removed for good (HTTP 410).',
    })
  if (status >= 500)
    return verdict('broken', 'server_error', {
      zh: `服务器出错（HTTP ${status}）。`,
      en: `The server failed (HTTP ${status}).`,
    })
  if (status === 401 || status === 407)
    return verdict('needs_person', 'unauthorized', {
      zh: `需要登录才能打开（HTTP ${status}），请人工核对。`,
      en: `It asks for a sign-in (HTTP ${status}); check by hand.`,
    })
  if (status === 403)
    return verdict('needs_person', 'forbidden', {
      zh: '服务器拒绝了检查程序（HTTP 403），读者可能仍能访问，请人工核对。',
      en: 'The server turned the checker away (HTTP 403); readers may still get in. Check by hand.',
    })
  if (status === 429)
    return verdict('needs_person', 'rate_limited', {
      zh: '请求过于频繁，被服务器限流（HTTP 429），请稍后人工核对。',
      en: 'The server limits how often it may be asked (HTTP 429); check by hand later.',
    })
  return verdict('needs_person', 'unexpected_status', {
    zh: `服务器返回了 HTTP ${status}，请人工核对。`,
    en: `The server answered HTTP ${status}; check by hand.`,
  })
}

const networkVerdict = (hop: Pick<Hop, 'error' | 'timedOut'>, url: URL, timeoutMs: number): Verdict => {
  if (hop.timedOut)
    return verdict('broken', 'timeout', {
      zh: `${seconds(timeoutMs)} 秒内没有打开。`,
      en: `It did not open within ${seconds(timeoutMs)} s.`,
    })
  const code = hop.error?.code ?? ''
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA' || code === 'EAI_NONAME')
    return verdict('broken', 'dns', {
      zh: `域名 ${url.hostname} 无法解析。`,
      en: `The host name ${url.hostname} does not resolve.`,
    })
  if (code === 'ECONNREFUSED')
    return verdict('broken', 'refused', {
      zh: `${url.host} 拒绝连接。`,
      en: `${url.host} refused the connection.`,
    })
  if (TLS_CHAIN.has(code))
    return verdict('needs_person', 'tls_chain', {
      zh: `网站证书链不完整（${code}），部分浏览器仍能打开，请人工核对。`,
      en: `The site's certificate chain is incomplete (${code}); some browsers still open it. Check by hand.`,
    })
  if (TLS_BROKEN.has(code))
    return verdict('broken', 'tls', {
      zh: `网站证书无效（${code}），浏览器也会拦截。`,
      en: `The site's certificate is invalid (${code}); browsers block it too.`,
    })
  const what = code || hop.error?.message || 'error'
  return verdict('broken', 'connection', {
    zh: `连接失败（${what}）。`,
    en: `The connection failed (${what}).`,
  })
}

const sameSite = (a: URL, b: URL) => a.hostname.replace(/^www\./, '') === b.hostname.replace(/^www\./, '')

/**
 * Checks links the way a reader's browser would open them (GET, following redirects, a browser's
 * User-Agent), at most `concurrency` at a time and `perHost` per host, and sorts each into
 * ok / broken / needs_person / soft_404 with a short reason in Chinese and English.
 * Results come back in the order of `urls`.
 */
export const checkLinks = async (
  urls: readonly string[],
  options: LinkCheckOptions = {},
): Promise<LinkCheckResult[]> => {
  const settings: Settings = {
    concurrency: Math.max(1, options.concurrency ?? DEFAULTS.concurrency),
    perHost: Math.max(1, options.perHost ?? DEFAULTS.perHost),
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    userAgent: options.userAgent ?? DEFAULTS.userAgent,
    acceptLanguage: options.acceptLanguage ?? DEFAULTS.acceptLanguage,
    platformRules: options.platformRules,
    resolveHost: options.resolveHost,
  }
  const { signal, onResult } = options
  signal?.throwIfAborted()

  const results: LinkCheckResult[] = new Array(urls.length)
  const finish = (index: number, result: LinkCheckResult) => {
    results[index] = result
    onResult?.(result, index)
  }

  // One check per distinct address; repeats share its result.
  const jobs: { url: URL; indexes: number[] }[] = []
  const jobOf = new Map<string, number>()
  urls.forEach((text, index) => {
    const known = jobOf.get(text)
    if (known !== undefined) {
      jobs[known]!.indexes.push(index)
      return
    }
    let url: URL | null = null
    try {
      url = new URL(text)
    } catch {
      url = null
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      finish(index, {
        url: text,
        outcome: 'broken',
        reason: 'invalid_url',
        message: { zh: '不是有效的 http 或 https 地址。', en: 'Not a valid http or https address.' },
        status: null,
        finalUrl: text,
        redirects: 0,
        ms: 0,
      })
      return
    }
    jobOf.set(text, jobs.length)
    jobs.push({ url, indexes: [index] })
  })

  const hosts = new Map<string, HostState>()
  const hostOf = (url: URL) => {
    let state = hosts.get(url.host)
    if (!state) {
      state = { active: 0, waiters: [], pending: [] }
      hosts.set(url.host, state)
    }
    return state
  }
  // Hosts with URLs waiting and a free slot, in the order they became so.
  const eligible = new Set<HostState>()
  jobs.forEach((job, index) => {
    const state = hostOf(job.url)
    state.pending.push(index)
    eligible.add(state)
  })

  const inFlight = new Set<http.ClientRequest>()
  let running = 0
  let left = jobs.length
  let stopped = false
  let resolveAll!: (results: LinkCheckResult[]) => void
  let rejectAll!: (reason: unknown) => void
  const all = new Promise<LinkCheckResult[]>((resolve, reject) => {
    resolveAll = resolve
    rejectAll = reject
  })

  const acquire = (state: HostState): Promise<void> => {
    if (state.active < settings.perHost) {
      state.active += 1
      if (state.active >= settings.perHost) eligible.delete(state)
      return Promise.resolve()
    }
    return new Promise((resolve) => state.waiters.push(resolve))
  }

  const release = (state: HostState) => {
    const waiter = state.waiters.shift()
    if (waiter) {
      waiter() // the slot passes straight to a redirect already under way
      return
    }
    state.active -= 1
    if (state.pending.length > 0) {
      eligible.add(state)
      dispatch()
    }
  }

  /** One GET. The caller holds a slot on the URL's host; it is given back when the socket closes. */
  const request = (url: URL, state: HostState, budgetMs: number, cookie: string): Promise<Hop> => {
    let markClosed!: () => void
    const closed = new Promise<void>((resolve) => {
      markClosed = resolve
    })
    let released = false
    const giveBack = () => {
      if (released) return
      released = true
      release(state)
      markClosed()
    }
    return new Promise<Hop>((resolve) => {
      let settled = false
      // Once the headers are in, running out of time means judging the body read so far.
      let cutShort: (() => void) | null = null
      const settle = (hop: Omit<Hop, 'closed'>) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve({ ...hop, closed })
      }
      const resolved = settings.resolveHost?.(url.hostname)
      const hostname = url.hostname.replace(/^\[|\]$/g, '')
      const headers: http.OutgoingHttpHeaders = {
        host: url.host,
        'user-agent': settings.userAgent,
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'accept-language': settings.acceptLanguage,
        'accept-encoding': 'gzip, deflate, br',
        connection: 'close',
        ...(cookie ? { cookie } : {}),
      }
      const transport = url.protocol === 'https:' ? https : http
      let req: http.ClientRequest
      try {
        req = transport.request({
          protocol: url.protocol,
          hostname: resolved ?? hostname,
          port: url.port || undefined,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          headers,
          // Read headers as leniently as browsers do; some vendors' servers send malformed ones.
          insecureHTTPParser: true,
          setHost: false,
          agent: false,
          ...(url.protocol === 'https:' && !isIP(hostname) ? { servername: hostname } : {}),
        })
      } catch (error) {
        giveBack()
        resolve({
          status: null,
          headers: {},
          body: null,
          error: error as Error,
          timedOut: false,
          closed,
        })
        return
      }
      inFlight.add(req)
      const timer = setTimeout(
        () => {
          if (cutShort) return cutShort()
          settle({ status: null, headers: {}, body: null, error: null, timedOut: true })
          req.destroy(new TimeoutError())
        },
        Math.max(1, budgetMs),
      )
      req.on('socket', (socket) => socket.once('close', giveBack))
      req.on('close', () => {
        inFlight.delete(req)
        if (!req.socket) giveBack()
      })
      req.on('error', (error: Error & { code?: string }) => {
        settle({ status: null, headers: {}, body: null, error, timedOut: false })
      })
      req.on('response', (res) => {
        const status = res.statusCode ?? 0
        const wantsBody =
          !REDIRECTS.has(status) && status !== 404 && status !== 410 && isTextual(res.headers['content-type'])
        if (!wantsBody) {
          settle({ status, headers: res.headers, body: null, error: null, timedOut: false })
          req.destroy()
          return
        }
        const chunks: Buffer[] = []
        let size = 0
        const done = () => {
          if (settled) return
          const raw = Buffer.concat(chunks, size)
          // The same limit holds for the inflated text as for the bytes on the wire.
          const body = decompress(raw, res.headers['content-encoding'], settings.maxBodyBytes).subarray(
            0,
            settings.maxBodyBytes,
          )
          settle({ status, headers: res.headers, body, error: null, timedOut: false })
          req.destroy() // whatever the server does with keep-alive, this connection is done
        }
        res.on('data', (chunk: Buffer) => {
          if (settled) return
          const room = settings.maxBodyBytes - size
          chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk)
          size += Math.min(chunk.length, room)
          if (size >= settings.maxBodyBytes) done() // and the rest of the body is never read
        })
        cutShort = done
        res.on('end', done)
        res.on('error', done)
        res.on('close', done)
      })
      req.end()
    })
  }

  const checkOne = async (job: { url: URL }): Promise<LinkCheckResult> => {
    const started = performance.now()
    const deadline = started + settings.timeoutMs
    const jar = new CookieJar()
    const seen = new Set<string>()
    let current = job.url
    let redirects = 0
    let status: number | null = null
    let holding = true // the first hop's slot was taken by the dispatcher
    let lastClosed: Promise<void> = Promise.resolve()

    const result = (v: Verdict): LinkCheckResult => ({
      url: job.url.href,
      ...v,
      status,
      finalUrl: current.href,
      redirects,
      ms: Math.round(performance.now() - started),
    })
    const follow = (location: string): Verdict | null => {
      let next: URL
      try {
        next = new URL(location, current)
      } catch {
        return verdict('broken', 'bad_redirect', {
          zh: `跳转地址无效：${location}`,
          en: `The redirect points to an invalid address: ${location}`,
        })
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        return verdict('broken', 'bad_redirect', {
          zh: `跳转到了不是网页的地址：${next.protocol}`,
          en: `The redirect points to a ${next.protocol} address, not a web page.`,
        })
      if (redirects >= settings.maxRedirects)
        return verdict('broken', 'too_many_redirects', {
          zh: `跳转了 ${redirects} 次仍未到达页面。`,
          en: `Still no page after ${redirects} redirects.`,
        })
      redirects += 1
      current = next
      return null
    }

    for (;;) {
      const cookie = jar.header(current)
      const visit = `${current.href}\n${cookie}`
      if (seen.has(visit)) {
        await lastClosed
        return result(
          verdict('broken', 'redirect_loop', {
            zh: `跳转形成循环（又回到了 ${current.href}）。`,
            en: `The redirects go round in a loop (back to ${current.href}).`,
          }),
        )
      }
      seen.add(visit)

      const state = hostOf(current)
      if (!holding) {
        await lastClosed // one connection per URL at a time
        await acquire(state)
      }
      holding = false
      const budget = deadline - performance.now()
      if (budget <= 0) {
        release(state)
        status = null
        return result(networkVerdict({ timedOut: true, error: null }, current, settings.timeoutMs))
      }
      const hop = await request(current, state, budget, cookie)
      lastClosed = hop.closed
      if (hop.error || hop.timedOut) {
        status = null
        await lastClosed
        return result(networkVerdict(hop, current, settings.timeoutMs))
      }
      status = hop.status
      jar.store(current, hop.headers['set-cookie'])

      if (status !== null && REDIRECTS.has(status)) {
        const location = hop.headers.location
        const problem = location
          ? follow(location)
          : verdict('broken', 'bad_redirect', {
              zh: `HTTP ${status} 跳转没有给出目标地址。`,
              en: `HTTP ${status} redirect without a Location.`,
            })
        if (problem) {
          await lastClosed
          return result(problem)
        }
        continue
      }

      const page = hop.body ? readPage(decodeBody(hop.body, hop.headers['content-type'])) : null
      const challenge = page ? challengeIn(page, hop.headers) : null
      if (status === null || status < 200 || status >= 300) {
        await lastClosed
        return result(statusVerdict(status ?? 0, challenge))
      }
      if (challenge) {
        await lastClosed
        return result(challengeVerdict(status, challenge))
      }
      if (page?.refresh && page.refresh.delay <= META_REFRESH_MAX_DELAY) {
        const problem = follow(page.refresh.url)
        if (problem) {
          await lastClosed
          return result(problem)
        }
        continue
      }

      await lastClosed
      const rules = rulesFor(settings.platformRules, current.hostname)
      const redirectedToLogin = redirects > 0 && isLoginUrl(current) && !isLoginUrl(job.url)
      const login = page ? loginIn(page, rules) : null
      if (redirectedToLogin || login)
        return result(
          verdict('needs_person', 'login_page', {
            zh: `打开的是登录页（${login ? `“${login}”` : current.hostname}），请在校园网内人工核对。`,
            en: `It lands on a sign-in page (${login ? `“${login}”` : current.hostname}); check by hand from the campus network.`,
          }),
        )
      const notFound = page ? notFoundIn(page, rules) : null
      if (notFound)
        return result(
          notFound.platform
            ? verdict('soft_404', 'platform_not_found_text', {
                zh: `页面返回 200，但出现了该平台表示资源不存在的文字“${notFound.phrase}”。`,
                en: `The page answers 200 but shows the platform's words for a missing item: “${notFound.phrase}”.`,
              })
            : verdict('soft_404', 'not_found_text', {
                zh: `页面返回 200，但内容是“${notFound.phrase}”。`,
                en: `The page answers 200 but says “${notFound.phrase}”.`,
              }),
        )
      const deep = !INDEX_PATH.test(job.url.pathname)
      if (redirects > 0 && deep && INDEX_PATH.test(current.pathname) && sameSite(job.url, current))
        return result(
          verdict('soft_404', 'redirected_home', {
            zh: `跳转到了网站首页 ${current.href}，原来的页面可能已不存在。`,
            en: `It redirects to the site's home page ${current.href}; the page itself may be gone.`,
          }),
        )
      return result(
        verdict('ok', 'ok', {
          zh: `可以打开（HTTP ${status}）。`,
          en: `It opens (HTTP ${status}).`,
        }),
      )
    }
  }

  const dispatch = () => {
    while (!stopped && running < settings.concurrency && eligible.size > 0) {
      // The host that has waited longest goes first; it goes to the back if it has more.
      const state = eligible.values().next().value as HostState
      eligible.delete(state)
      const index = state.pending.shift()!
      state.active += 1
      if (state.pending.length > 0 && state.active < settings.perHost) eligible.add(state)
      running += 1
      const job = jobs[index]!
      checkOne(job)
        .catch(
          (error: Error): LinkCheckResult => ({
            url: job.url.href,
            outcome: 'broken',
            reason: 'connection',
            message: { zh: `检查出错（${error.message}）。`, en: `The check failed (${error.message}).` },
            status: null,
            finalUrl: job.url.href,
            redirects: 0,
            ms: 0,
          }),
        )
        .then((result) => {
          running -= 1
          left -= 1
          if (stopped) return
          for (const at of job.indexes) finish(at, { ...result, url: urls[at]! })
          if (left === 0) {
            signal?.removeEventListener('abort', onAbort)
            resolveAll(results)
          } else dispatch()
        })
    }
  }
  const onAbort = () => {
    stopped = true
    for (const req of inFlight) req.destroy()
    rejectAll(signal?.reason)
  }

  if (left === 0) return results
  signal?.addEventListener('abort', onAbort, { once: true })
  dispatch()
  return all
}
