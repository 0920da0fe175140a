/**
 * What the start of a page says about a link: its text, whether it is a "not found" page served
 * with 200, a login page, or a bot challenge. Pure functions over the first bytes of a response.
 */

/** Phrase rules for one platform, matched case-insensitively anywhere in the page's text. */
export interface PlatformRules {
  /** The platform's own wording for a missing item, e.g. CNKI's "文献不存在". */
  soft404?: string[]
  /** Wording of the platform's sign-in page. */
  login?: string[]
}

export interface PageText {
  title: string
  /** Text of h1–h3. */
  headings: string
  /** Visible text: no tags, scripts or styles; spaces collapsed. */
  text: string
  /** Lower-cased markup, for markers a person never reads (script names, form fields). */
  markup: string
  /** `<meta http-equiv="refresh">`: its delay in seconds and target as written. */
  refresh: { delay: number; url: string } | null
}

// "Not found" in the words of Chinese and English sites. A phrase counts when it is in the
// title or a heading, or anywhere in a short page: long pages mention 找不到 in help text.
const NOT_FOUND_PHRASES = [
  '页面不存在',
  '网页不存在',
  '页面未找到',
  '页面找不到',
  '找不到页面',
  '找不到该页面',
  '找不到网页',
  '找不到',
  '您访问的页面不存在',
  '您所访问的页面不存在',
  '页面已删除',
  '页面已失效',
  '链接已失效',
  '资源不存在',
  '文章不存在',
  '内容不存在',
  '文献不存在',
  '404错误',
  '错误404',
  '404 not found',
  'page not found',
  'not found',
  'page cannot be found',
  'page could not be found',
  'page does not exist',
  "page doesn't exist",
  'page no longer exists',
  'no longer available',
  'error 404',
  '404 error',
]
/** Pages with less visible text than this are "short": a phrase anywhere in them counts. */
const SHORT_PAGE = 2000

const LOGIN_WORDS = [
  '登录',
  '登陆',
  '统一身份认证',
  '身份认证',
  'sign in',
  'sign-in',
  'log in',
  'login',
  'logon',
]

// Bot challenges and anti-crawler pages: Cloudflare, DDoS-Guard, reCAPTCHA/hCaptcha, GeeTest (极验),
// Aliyun and other Chinese WAFs. Markup markers are script and cookie names no normal page carries.
const CHALLENGE_MARKUP = [
  '/cdn-cgi/challenge-platform/',
  '_cf_chl',
  'cf-browser-verification',
  'ddos-guard',
  'g-recaptcha',
  'h-captcha',
  'hcaptcha.com',
  'geetest',
  'acw_sc__v2',
  'aliyun_waf',
  'yunsuo_session',
  'wzws_cid',
]
const CHALLENGE_TEXT = [
  'just a moment',
  'checking your browser',
  'verify you are human',
  'attention required',
  '人机验证',
  '滑动验证',
  '拖动滑块',
  '安全验证',
  '访问验证',
]

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })

const textOf = (html: string) =>
  decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()

/** Reads the first bytes of a page as text, in the charset the header or a meta tag gives. */
export const decodeBody = (bytes: Uint8Array, contentType: string | undefined): string => {
  const declared =
    /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(Buffer.from(bytes.subarray(0, 2048)).toString('latin1'))?.[1]
  if (declared) {
    try {
      return new TextDecoder(declared.toLowerCase()).decode(bytes, { stream: true })
    } catch {
      // An unknown label: guess as below.
    }
  }
  try {
    // `stream` keeps a character cut at the byte limit from failing the whole page.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true })
  } catch {
    return new TextDecoder('gb18030').decode(bytes, { stream: true })
  }
}

/** Title, headings, visible text and refresh target of an HTML (or plain-text) page start. */
export const readPage = (body: string): PageText => {
  const withoutCode = body.replace(/<(script|style|noscript|template)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
  const title = textOf(/<title[^>]*>([\s\S]*?)(<\/title|$)/i.exec(withoutCode)?.[1] ?? '')
  // Bounded, so a page of unclosed headings cannot make this quadratic.
  const headings = [...withoutCode.matchAll(/<h[1-3][^>]*>([\s\S]{0,2000}?)<\/h[1-3]\s*>/gi)]
    .map((match) => textOf(match[1]!))
    .join(' ')
  const refreshTag = /<meta[^>]+http-equiv=["']?refresh["']?[^>]*>/i.exec(body)?.[0]
  const contentMatch = refreshTag ? /content\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(refreshTag) : null
  const refreshContent = contentMatch ? (contentMatch[1] ?? contentMatch[2]) : undefined
  const refreshMatch = refreshContent
    ? /^\s*(\d+(?:\.\d+)?)?\s*[;,]?\s*url\s*=\s*(.+)$/i.exec(refreshContent)
    : null
  const refresh = refreshMatch
    ? { delay: Number(refreshMatch[1] ?? 0), url: refreshMatch[2]!.trim().replace(/^['"]|['"]$/g, '') }
    : null
  return { title, headings, text: textOf(withoutCode), markup: body.toLowerCase(), refresh }
}

const includesAny = (haystack: string, needles: readonly string[]) => {
  const lower = haystack.toLowerCase()
  return needles.find((needle) => needle !== '' && lower.includes(needle.toLowerCase())) ?? null
}

/** The challenge marker found, when the page is a bot check rather than the site itself. */
export const challengeIn = (page: PageText, headers: Record<string, string | string[] | undefined>) => {
  if (String(headers['cf-mitigated'] ?? '').toLowerCase() === 'challenge') return 'cf-mitigated: challenge'
  const marker = CHALLENGE_MARKUP.find((needle) => page.markup.includes(needle))
  if (marker) return marker
  const short = page.text.length < SHORT_PAGE
  return includesAny(`${page.title} ${page.headings}${short ? ` ${page.text}` : ''}`, CHALLENGE_TEXT)
}

/** The "not found" phrase the page shows, built-in or the platform's own. */
export const notFoundIn = (page: PageText, rules: PlatformRules | undefined) => {
  const own = includesAny(page.text, rules?.soft404 ?? [])
  if (own) return { phrase: own, platform: true }
  const short = page.text.length < SHORT_PAGE
  const builtIn = includesAny(
    `${page.title} ${page.headings}${short ? ` ${page.text}` : ''}`,
    NOT_FOUND_PHRASES,
  )
  return builtIn ? { phrase: builtIn, platform: false } : null
}

/** Why the page is a sign-in page: the platform's wording, or a login title over a password field. */
export const loginIn = (page: PageText, rules: PlatformRules | undefined) => {
  const own = includesAny(page.text, rules?.login ?? [])
  if (own) return own
  if (!/<input[^>]+type\s*=\s*["']?password/.test(page.markup)) return null
  return includesAny(`${page.title} ${page.headings}`, LOGIN_WORDS)
}

// Hosts and paths of sign-in pages: vendors' own, campus CAS / 统一身份认证, Shibboleth and CARSI, OpenAthens.
const LOGIN_URL =
  /(^|[/.?&_-])(login|logon|signin|sign-in|sign_in|sso|cas|idp|ids|authserver|auth|authenticate|oauth|passport|shibboleth(\.sso)?|wayf|carsi|openathens)([/.?&=_-]|$)/i

/** Whether an address looks like a sign-in page (host or path). */
export const isLoginUrl = (url: URL) => LOGIN_URL.test(`${url.hostname}${url.pathname}`)

/** Rules for a host: the key that is the host or its nearest parent domain wins. */
export const rulesFor = (rules: Record<string, PlatformRules> | undefined, hostname: string) => {
  if (!rules) return undefined
  const parts = hostname.toLowerCase().split('.')
  // The host itself, then its parents down to two labels (`kns.cnki.net`, `cnki.net`).
  for (let start = 0; start === 0 || start < parts.length - 1; start++) {
    const found = rules[parts.slice(start).join('.')]
    if (found) return found
  }
  return undefined
}
