/**
 * Reads an EZproxy `config.txt` (also called `ezproxy.cfg`) into a preview of the resources it
 * defines, for a librarian to check before anything is stored. Pure: no database, no network.
 *
 * EZproxy's rules as OCLC documents them, and as this reader applies them:
 * - one directive per line, the directive name is case-insensitive, `#` starts a comment line;
 * - a database stanza starts at `Title` (`T`); `URL` (`U`), `Host` (`H`), `HostJavaScript` (`HJ`),
 *   `Domain` (`D`), `DomainJavaScript` (`DJ`) and `Description` belong to the stanza above them.
 *   Blank lines and comments do not end a stanza; the next `Title` does. An `IncludeFile` does too
 *   here, because the stanzas of a file we were not given may end with lines meant for them;
 * - `URL` may be used once per stanza. `URL -Refresh|-Redirect [-Append [-Encoded]] label url`
 *   (version 2) and `URL -Form=get|post|dynamic [-RewriteHost] label url` (version 3) are read
 *   with their qualifiers and label; the address is the last word;
 * - `Title -Hide name` keeps a stanza off EZproxy's menu page;
 * - the host of the `URL` counts as a `Host` line; hosts match by scheme, host and port only,
 *   a host without a scheme means `http`;
 * - `Option` and `Group` lines hold for the stanzas that follow them; paired options end at their
 *   opposite (`Option DomainCookieOnly` … `Option Cookie`).
 * Every other directive is skipped and counted, with its line numbers.
 */

export type Bilingual = { zh: string; en: string }

export type EzproxyProblemCode =
  | 'title_empty'
  | 'url_missing'
  | 'url_before_title'
  | 'outside_stanza'
  | 'url_repeated'
  | 'url_invalid'
  | 'url_unsafe'
  | 'url_has_credentials'
  | 'host_invalid'
  | 'domain_invalid'
  | 'host_normalized'
  | 'duplicate_title'
  | 'duplicate_url'
  | 'heading_only'
  | 'encoding_guessed'

export interface EzproxyProblem {
  /** 1-based line in the file; 0 for the file as a whole. */
  line: number
  code: EzproxyProblemCode
  /** `error`: the stanza cannot be imported as it is; `warning`: it can, but look first. */
  severity: 'error' | 'warning'
  message: Bilingual
  /** Index in `resources` of the stanza the problem belongs to, when it belongs to one. */
  resource: number | null
}

export interface EzproxyHost {
  /** Host name, lower-cased, with `:port` when one was given and is not the scheme's default. */
  host: string
  scheme: 'http' | 'https'
  /** `scheme://host[:port]`, what EZproxy matches on. */
  origin: string
  /** Written as `HJ` / `HostJavaScript`. */
  javaScript: boolean
  line: number
  /** The host of the stanza's `URL` line, which EZproxy treats as a `Host` line of its own. */
  fromUrl: boolean
}

export interface EzproxyDomain {
  domain: string
  /** Written as `DJ` / `DomainJavaScript`. */
  javaScript: boolean
  line: number
}

export interface EzproxyResource {
  title: string
  /** `Title -Hide`: EZproxy leaves it off its menu page. */
  hidden: boolean
  /** Line of the `Title`. */
  line: number
  /** Last line with a directive before the next stanza (or the end of the file). */
  endLine: number
  /** The `URL` as written, or null when missing or refused. */
  url: string | null
  urlLine: number | null
  /** Qualifiers of a version 2 or 3 `URL` line, as written (`-Refresh`, `-Form=post` …). */
  urlQualifiers: string[]
  /** Label of a version 2 or 3 `URL` line: EZproxy serves it as `/login/<label>`. */
  urlLabel: string | null
  hosts: EzproxyHost[]
  domains: EzproxyDomain[]
  /** `Description` lines, joined by line breaks. */
  description: string | null
  /** `Group` in force (EZproxy's default group is `Default`). */
  group: string
  /** Position-dependent `Option`s in force at the `Title`, as written. */
  options: string[]
  /** Whether an error-level problem belongs to this stanza. */
  hasErrors: boolean
}

export interface SkippedDirective {
  /** As first written in the file (`Option`, `IncludeFile`, `AnonymousURL` …). */
  directive: string
  count: number
  lines: number[]
}

export type EzproxyEncoding = 'text' | 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030'

export interface EzproxyConfigPreview {
  /** How bytes were decoded (`text` when a string was given). */
  encoding: EzproxyEncoding
  lineCount: number
  resources: EzproxyResource[]
  /** Titles with no URL, host or domain: EZproxy shows them as headings on its menu. */
  headings: { title: string; line: number }[]
  /** Sorted by line. */
  problems: EzproxyProblem[]
  /** Directives this reader does not import, in order of first appearance. */
  skipped: SkippedDirective[]
  /** `IncludeFile` lines: stanzas in those files are not in this preview. */
  includeFiles: { file: string; line: number }[]
  /** Server-wide `Option`s (`ProxyByHostname`, `ForceHTTPSLogin` …) as written. */
  serverOptions: string[]
}

type StanzaDirective = 'title' | 'url' | 'host' | 'hostJs' | 'domain' | 'domainJs' | 'description'

const STANZA_DIRECTIVES: Record<string, StanzaDirective> = {
  title: 'title',
  t: 'title',
  url: 'url',
  u: 'url',
  host: 'host',
  h: 'host',
  hostjavascript: 'hostJs',
  hj: 'hostJs',
  domain: 'domain',
  d: 'domain',
  domainjavascript: 'domainJs',
  dj: 'domainJs',
  description: 'description',
}

// Options that configure the whole server rather than the stanzas after them.
const SERVER_OPTIONS = new Set(
  [
    'AcceptX-Forwarded-For',
    'AllowWebSubdirectories',
    'AnyDNSHostname',
    'BlockCountryChange',
    'CSRFToken',
    'DisableSSL40bit',
    'DisableSSL56bit',
    'DisableSSLv2',
    'ExcludeIPMenu',
    'ForceHTTPSAdmin',
    'ForceHTTPSLogin',
    'ForceWildcardCertificate',
    'I choose to use Domain lines that threaten the security of my network',
    'IgnoreWildcardCertificate',
    'IPv6',
    'LoginReplaceGroups',
    'LogReferer',
    'LogSAML',
    'LogSession',
    'LogSPUEdit',
    'LogUser',
    'MenuByGroups',
    'ProxyByHostname',
    'RecordPeaks',
    'RedirectUnknown',
    'ReferInHostname',
    'RelaxedRADIUS',
    'RequireAuthenticate',
    'SafariCookiePatch',
    'StatusUser',
    'TicketIgnoreExcludeIP',
    'UnsafeRedirectUnknown',
    'UsernameCaretN',
  ].map((name) => name.toLowerCase()),
)

// The cookie options are one setting with four values; `Option Cookie` is EZproxy's default.
const COOKIE_OPTIONS = new Set(['cookie', 'domaincookieonly', 'nocookie', 'cookiepassthrough'])

// Paired options come back to EZproxy's default with these (the "closers" of OCLC's stanzas).
const DEFAULT_OPTIONS = new Set([
  'nohideezproxy',
  'httpshyphens',
  'nometaezproxyrewriting',
  'noproxyftp',
  'noutf16',
  'nox-forwarded-for',
])

const UNSAFE_SCHEME = /^(javascript|data|vbscript):/i

/** Decodes uploaded bytes: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (GBK). */
const decode = (bytes: Uint8Array): { text: string; encoding: EzproxyEncoding } => {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    // Not UTF-8: most likely saved by Notepad on a Chinese Windows. GB18030 covers GBK and GB2312.
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' }
  }
}

interface ParsedOrigin {
  scheme: 'http' | 'https' | null
  hostname: string
  port: string
  /** Parts EZproxy does not match on, as written (`/heb`, `?x=1`, `user@` …). */
  extra: string
}

const HOST_LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/

const isHostname = (hostname: string) =>
  hostname.length > 0 &&
  hostname.length <= 253 &&
  (/^\[[0-9a-f:.]+\]$/.test(hostname) || hostname.split('.').every((label) => HOST_LABEL.test(label)))

/** Reads `[scheme://]host[:port][/path]`; null when it is not a host at all. */
const parseOrigin = (value: string): ParsedOrigin | null => {
  if (/\s/.test(value)) return null
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : null
  if (scheme !== null && scheme !== 'http' && scheme !== 'https') return null
  let url: URL
  try {
    url = new URL(scheme ? value : `http://${value}`)
  } catch {
    return null
  }
  if (!isHostname(url.hostname)) return null
  const rest = value.slice(schemeMatch ? schemeMatch[0].length : 0)
  const authorityEnd = rest.search(/[/?#]/)
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd)
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd)
  const userinfo = authority.includes('@') ? `${authority.slice(0, authority.lastIndexOf('@'))}@` : ''
  return {
    scheme: scheme as ParsedOrigin['scheme'],
    hostname: url.hostname,
    port: url.port,
    extra: `${userinfo}${tail === '/' ? '' : tail}`,
  }
}

/** Key for "the same address": scheme and a bare trailing slash do not make a new address. */
const urlKey = (url: URL) => `${url.host}${url.pathname.replace(/\/$/, '')}${url.search}`

const titleKey = (title: string) => title.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')

interface Stanza {
  resource: EzproxyResource
  /** Position among all stanzas, headings included. */
  index: number
  /** A URL line has been read for this stanza (valid or not). */
  urlSeen: boolean
  /** Its URL line was written just above its Title. */
  urlAbove: boolean
}

interface PendingUrl {
  line: number
  value: string
  /** `repeated`: a second URL in the current stanza; `orphan`: no stanza to belong to. */
  kind: 'repeated' | 'orphan'
  stanza: Stanza | null
}

/**
 * Reads an EZproxy configuration file (text, or the uploaded bytes) into a preview: the resources
 * its stanzas define, problems by line, and what was skipped. Never throws on content.
 */
export const parseEzproxyConfig = (input: string | Uint8Array): EzproxyConfigPreview => {
  const decoded = typeof input === 'string' ? { text: input, encoding: 'text' as const } : decode(input)
  const text = decoded.text.replace(/^\uFEFF/, '')
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()

  const resources: EzproxyResource[] = []
  const headings: { title: string; line: number }[] = []
  const problems: EzproxyProblem[] = []
  const skipped = new Map<string, SkippedDirective>()
  const includeFiles: { file: string; line: number }[] = []
  const serverOptions: string[] = []

  // Options in force, by lower-cased name, as written; the cookie setting is kept apart.
  const options = new Map<string, string>()
  let cookieOption: string | null = null
  let group = 'Default'

  let stanza: Stanza | null = null
  let pendingUrl: PendingUrl | null = null
  // Why there is no stanza: the file has not started one yet, or an included file may have.
  let boundary: { file: string; line: number } | null = null
  const stanzas: Stanza[] = []

  const problem = (
    line: number,
    code: EzproxyProblemCode,
    severity: EzproxyProblem['severity'],
    message: Bilingual,
    owner: Stanza | null,
  ) => {
    problems.push({ line, code, severity, message, resource: owner ? owner.index : null })
  }

  const outside = (line: number, name: string) => {
    if (boundary) {
      problem(
        line,
        'outside_stanza',
        'error',
        {
          zh: `第 ${line} 行的 ${name} 跟在第 ${boundary.line} 行的 IncludeFile ${boundary.file} 之后、没有自己的 Title：它属于那个文件里的某个资源，而那个文件不在这次上传中，未导入。`,
          en: `${name} on line ${line} follows IncludeFile ${boundary.file} (line ${boundary.line}) with no Title of its own: it belongs to a stanza in that file, which is not in this upload; not imported.`,
        },
        null,
      )
    } else {
      problem(
        line,
        'outside_stanza',
        'error',
        {
          zh: `第 ${line} 行的 ${name} 前面没有 Title，不属于任何资源，未导入。`,
          en: `${name} on line ${line} has no Title before it and belongs to no resource; not imported.`,
        },
        null,
      )
    }
  }

  const addUrlHost = (owner: Stanza, value: string, line: number) => {
    const parsed = parseOrigin(value)
    if (parsed) addHost(owner, parsed, false, line, true)
  }

  const addHost = (
    owner: Stanza,
    parsed: ParsedOrigin,
    javaScript: boolean,
    line: number,
    fromUrl: boolean,
  ) => {
    const scheme = parsed.scheme ?? 'http'
    const host = parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname
    const origin = `${scheme}://${host}`
    const same = owner.resource.hosts.find((existing) => existing.origin === origin)
    if (same) {
      same.javaScript ||= javaScript
      return
    }
    owner.resource.hosts.push({ host, scheme, origin, javaScript, line, fromUrl })
  }

  /**
   * Decides what a URL line with no place of its own was, once the next line with meaning is
   * known: followed by a Title, it is that stanza's URL written above it.
   */
  const settlePendingUrl = (nextTitle: Stanza | null) => {
    if (!pendingUrl) return
    const pending = pendingUrl
    pendingUrl = null
    if (nextTitle) {
      nextTitle.urlAbove = true
      problem(
        pending.line,
        'url_before_title',
        'error',
        {
          zh: `第 ${pending.line} 行的 URL 写在了第 ${nextTitle.resource.line} 行它的 Title 之前；EZproxy 只认 Title 之后的 URL，请把它移到 Title 下面。`,
          en: `The URL on line ${pending.line} comes before its Title on line ${nextTitle.resource.line}; EZproxy only reads a URL after its Title. Move it below the Title.`,
        },
        nextTitle,
      )
      return
    }
    if (pending.kind === 'orphan' || !pending.stanza) {
      outside(pending.line, 'URL')
      return
    }
    const first = pending.stanza.resource.urlLine
    problem(
      pending.line,
      'url_repeated',
      'warning',
      {
        zh: `一个资源只能有一个 URL，第 ${first} 行已经有了；第 ${pending.line} 行的 URL 未作为入口地址，只把它的主机算作本资源的主机。`,
        en: `A stanza takes one URL and line ${first} has it; the URL on line ${pending.line} is not used as the starting address, only its host is counted as one of this resource's hosts.`,
      },
      pending.stanza,
    )
    pending.stanza.resource.endLine = pending.line
    addUrlHost(pending.stanza, pending.value.split(/\s+/).pop()!, pending.line)
  }

  const readUrl = (owner: Stanza, value: string, line: number) => {
    const resource = owner.resource
    const words = value.split(/\s+/).filter(Boolean)
    const qualifiers: string[] = []
    while (words.length > 0 && words[0]!.startsWith('-')) qualifiers.push(words.shift()!)
    const address = words.pop() ?? ''
    const label = words.length === 1 ? words[0]! : null
    // A label is a plain word: `https://exa mple.cn` is an address with a space, not label and address.
    const spaced = words.length > 1 || (label !== null && /[:/]/.test(label))
    resource.urlLine = line
    resource.urlQualifiers = qualifiers
    resource.urlLabel = label
    // Browsers drop control characters and spaces inside a scheme (`java\tscript:`): so does this check.
    const visible = [...address].filter((char) => char.charCodeAt(0) > 0x20).join('')
    if (UNSAFE_SCHEME.test(visible)) {
      problem(
        line,
        'url_unsafe',
        'error',
        {
          zh: `第 ${line} 行的 URL 是 ${address.split(':')[0]}: 地址，不能作为资源链接，已拒绝。`,
          en: `The URL on line ${line} is a ${address.split(':')[0]}: address and cannot be a resource link; refused.`,
        },
        owner,
      )
      return
    }
    if (spaced || address === '') {
      problem(
        line,
        'url_invalid',
        'error',
        address === ''
          ? {
              zh: `第 ${line} 行的 URL 后面没有地址。`,
              en: `The URL on line ${line} has no address after it.`,
            }
          : {
              zh: `第 ${line} 行的 URL 读不懂：地址里不能有空格（“${value}”）。`,
              en: `The URL on line ${line} cannot be read: an address cannot contain spaces (“${value}”).`,
            },
        owner,
      )
      return
    }
    let url: URL | null = null
    try {
      url = new URL(address)
    } catch {
      url = null
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !isHostname(url.hostname)) {
      const noScheme = !/^[a-z][a-z0-9+.-]*:/i.test(address)
      problem(
        line,
        'url_invalid',
        'error',
        noScheme
          ? {
              zh: `第 ${line} 行的 URL “${address}” 缺少 http:// 或 https://。`,
              en: `The URL “${address}” on line ${line} lacks http:// or https://.`,
            }
          : {
              zh: `第 ${line} 行的 URL “${address}” 不是有效的 http 或 https 地址。`,
              en: `The URL “${address}” on line ${line} is not a valid http or https address.`,
            },
        owner,
      )
      return
    }
    resource.url = address
    if (url.username || url.password) {
      problem(
        line,
        'url_has_credentials',
        'warning',
        {
          zh: `第 ${line} 行的 URL 里带有用户名或密码；导入后读者会看到它，请改用其他方式登录。`,
          en: `The URL on line ${line} carries a user name or password, which readers would see once imported; use another way to sign in.`,
        },
        owner,
      )
    }
    addUrlHost(owner, address, line)
  }

  const readHost = (owner: Stanza, value: string, javaScript: boolean, line: number, name: string) => {
    const parsed = value === '' ? null : parseOrigin(value)
    if (!parsed) {
      problem(
        line,
        'host_invalid',
        'error',
        value === ''
          ? {
              zh: `第 ${line} 行的 ${name} 后面没有主机名。`,
              en: `${name} on line ${line} has no host name after it.`,
            }
          : {
              zh: `第 ${line} 行的 ${name} “${value}” 不是有效的主机名（应为 [http:// 或 https://]主机[:端口]）。`,
              en: `${name} “${value}” on line ${line} is not a valid host (expected [http:// or https://]host[:port]).`,
            },
        owner,
      )
      return
    }
    if (parsed.extra) {
      const read = `${parsed.scheme ? `${parsed.scheme}://` : ''}${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`
      problem(
        line,
        'host_normalized',
        'warning',
        {
          zh: `第 ${line} 行的 ${name} “${value}” 按 “${read}” 读取：EZproxy 只按协议、主机和端口匹配，忽略 “${parsed.extra}”。`,
          en: `${name} “${value}” on line ${line} is read as “${read}”: EZproxy matches scheme, host and port only, so “${parsed.extra}” is ignored.`,
        },
        owner,
      )
    }
    addHost(owner, parsed, javaScript, line, false)
  }

  const readDomain = (owner: Stanza, value: string, javaScript: boolean, line: number, name: string) => {
    const bare = value.replace(/^\.+/, '')
    const parsed = bare === '' ? null : parseOrigin(bare)
    const hostname = parsed?.hostname ?? ''
    if (!parsed || !hostname.includes('.') || hostname.startsWith('[')) {
      const broad = parsed !== null && !hostname.includes('.')
      problem(
        line,
        'domain_invalid',
        'error',
        value === ''
          ? {
              zh: `第 ${line} 行的 ${name} 后面没有域名。`,
              en: `${name} on line ${line} has no domain after it.`,
            }
          : broad
            ? {
                zh: `第 ${line} 行的 ${name} “${value}” 覆盖了整个顶级域，不能导入。`,
                en: `${name} “${value}” on line ${line} covers a whole top-level domain and cannot be imported.`,
              }
            : {
                zh: `第 ${line} 行的 ${name} “${value}” 不是有效的域名。`,
                en: `${name} “${value}” on line ${line} is not a valid domain.`,
              },
        owner,
      )
      return
    }
    const dropped = [
      parsed.scheme ? `${parsed.scheme}://` : '',
      parsed.port ? `:${parsed.port}` : '',
      parsed.extra,
    ]
      .filter(Boolean)
      .map((part) => `“${part}”`)
    if (dropped.length > 0) {
      problem(
        line,
        'host_normalized',
        'warning',
        {
          zh: `第 ${line} 行的 ${name} “${value}” 按域名 “${parsed.hostname}” 读取，忽略 ${dropped.join('、')}：Domain 只写域名。`,
          en: `${name} “${value}” on line ${line} is read as the domain “${parsed.hostname}”, ignoring ${dropped.join(', ')}: a Domain line takes a domain only.`,
        },
        owner,
      )
    }
    const domains = owner.resource.domains
    const same = domains.find((existing) => existing.domain === parsed.hostname)
    if (same) same.javaScript ||= javaScript
    else domains.push({ domain: parsed.hostname, javaScript, line })
  }

  const skip = (directive: string, line: number) => {
    const key = directive.toLowerCase()
    const entry = skipped.get(key)
    if (entry) {
      entry.count += 1
      entry.lines.push(line)
    } else skipped.set(key, { directive, count: 1, lines: [line] })
  }

  const readOption = (value: string) => {
    const name = value.trim()
    const key = name.toLowerCase()
    if (key === '') return
    if (SERVER_OPTIONS.has(key)) {
      if (!serverOptions.some((option) => option.toLowerCase() === key)) serverOptions.push(name)
      return
    }
    if (COOKIE_OPTIONS.has(key)) {
      cookieOption = key === 'cookie' ? null : name
      return
    }
    // `Option NoX` and `Option X` are one setting; the default form, or the opposite of the form
    // in force, ends it.
    const base = key.replace(/^no/, '')
    const inForce = options.get(base)
    if (DEFAULT_OPTIONS.has(key) || (inForce !== undefined && inForce.toLowerCase() !== key))
      options.delete(base)
    else options.set(base, name)
  }

  const openStanza = (value: string, line: number) => {
    boundary = null
    const words = value.split(/\s+/).filter(Boolean)
    let hidden = false
    while (words.length > 0 && words[0]!.toLowerCase() === '-hide') {
      hidden = true
      words.shift()
    }
    const title = words.join(' ')
    const resource: EzproxyResource = {
      title,
      hidden,
      line,
      endLine: line,
      url: null,
      urlLine: null,
      urlQualifiers: [],
      urlLabel: null,
      hosts: [],
      domains: [],
      description: null,
      group,
      options: [...(cookieOption ? [cookieOption] : []), ...options.values()],
      hasErrors: false,
    }
    const opened: Stanza = { resource, index: stanzas.length, urlSeen: false, urlAbove: false }
    stanzas.push(opened)
    stanza = opened
    settlePendingUrl(opened)
    if (title === '') {
      problem(
        line,
        'title_empty',
        'error',
        { zh: `第 ${line} 行的 Title 后面没有名称。`, en: `The Title on line ${line} has no name after it.` },
        opened,
      )
    }
  }

  lines.forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#')) return
    const split = /^(\S+)(?:\s+(.*))?$/.exec(trimmed)!
    const word = split[1]!
    const value = (split[2] ?? '').trim()
    const directive = STANZA_DIRECTIVES[word.toLowerCase()]
    const current = stanza as Stanza | null

    if (directive === 'title') {
      openStanza(value, line)
      return
    }
    if (!directive) {
      skip(word, line)
      const key = word.toLowerCase()
      if (key === 'option') readOption(value)
      else if (key === 'group') group = value || 'Default'
      if (key === 'includefile') {
        settlePendingUrl(null)
        stanza = null
        boundary = { file: value, line }
        includeFiles.push({ file: value, line })
      } else if (current) current.resource.endLine = line
      return
    }

    settlePendingUrl(null)
    if (directive === 'url') {
      if (!current) pendingUrl = { line, value, kind: 'orphan', stanza: null }
      else if (current.urlSeen) pendingUrl = { line, value, kind: 'repeated', stanza: current }
      else {
        current.urlSeen = true
        current.resource.endLine = line
        readUrl(current, value, line)
      }
      return
    }
    if (!current) {
      outside(line, word)
      return
    }
    current.resource.endLine = line
    if (directive === 'description') {
      current.resource.description = current.resource.description
        ? `${current.resource.description}\n${value}`
        : value
    } else if (directive === 'host' || directive === 'hostJs') {
      readHost(current, value, directive === 'hostJs', line, word)
    } else {
      readDomain(current, value, directive === 'domainJs', line, word)
    }
  })
  settlePendingUrl(null)

  // Stanzas with nothing to proxy are menu headings; the rest are resources, with or without a URL.
  const kept: Stanza[] = []
  const renumber = new Map<number, number | null>()
  stanzas.forEach((entry, index) => {
    const resource = entry.resource
    const nothing =
      !entry.urlSeen &&
      !entry.urlAbove &&
      resource.hosts.length === 0 &&
      resource.domains.length === 0 &&
      resource.title !== ''
    if (nothing && !problems.some((p) => p.resource === index)) {
      headings.push({ title: resource.title, line: resource.line })
      problems.push({
        line: resource.line,
        code: 'heading_only',
        severity: 'warning',
        message: {
          zh: `第 ${resource.line} 行的 Title “${resource.title}” 没有 URL、Host 或 Domain：EZproxy 只把它当作菜单上的标题，不作为资源导入。`,
          en: `The Title “${resource.title}” on line ${resource.line} has no URL, Host or Domain: EZproxy shows it as a menu heading; not imported as a resource.`,
        },
        resource: null,
      })
      renumber.set(index, null)
      return
    }
    renumber.set(index, kept.length)
    kept.push(entry)
  })
  for (const entry of problems) {
    if (entry.resource !== null) entry.resource = renumber.get(entry.resource) ?? null
  }

  kept.forEach((entry, index) => {
    const resource = entry.resource
    if (!entry.urlSeen && !entry.urlAbove) {
      problems.push({
        line: resource.line,
        code: 'url_missing',
        severity: 'error',
        message: {
          zh: `第 ${resource.line} 行的资源“${resource.title}”没有 URL。`,
          en: `The stanza “${resource.title}” on line ${resource.line} has no URL.`,
        },
        resource: index,
      })
    }
    resources.push(resource)
  })

  // Duplicates: a later stanza with the title or the address of an earlier one.
  const titles = new Map<string, number>()
  const urls = new Map<string, number>()
  resources.forEach((resource, index) => {
    if (resource.title !== '') {
      const key = titleKey(resource.title)
      const first = titles.get(key)
      if (first === undefined) titles.set(key, resource.line)
      else
        problems.push({
          line: resource.line,
          code: 'duplicate_title',
          severity: 'warning',
          message: {
            zh: `第 ${resource.line} 行的名称“${resource.title}”与第 ${first} 行重复。`,
            en: `The title “${resource.title}” on line ${resource.line} repeats the one on line ${first}.`,
          },
          resource: index,
        })
    }
    if (resource.url !== null && resource.urlLine !== null) {
      const key = urlKey(new URL(resource.url))
      const first = urls.get(key)
      if (first === undefined) urls.set(key, resource.urlLine)
      else
        problems.push({
          line: resource.urlLine,
          code: 'duplicate_url',
          severity: 'warning',
          message: {
            zh: `第 ${resource.urlLine} 行的 URL 与第 ${first} 行的是同一个地址。`,
            en: `The URL on line ${resource.urlLine} is the same address as the one on line ${first}.`,
          },
          resource: index,
        })
    }
  })

  if (decoded.encoding === 'gb18030') {
    problems.push({
      line: 0,
      code: 'encoding_guessed',
      severity: 'warning',
      message: {
        zh: '文件不是 UTF-8 编码，已按 GB18030（GBK）读取；请核对名称里的汉字是否正确。',
        en: 'The file is not UTF-8 and was read as GB18030 (GBK); check that Chinese titles read correctly.',
      },
      resource: null,
    })
  }

  for (const entry of problems) {
    if (entry.severity === 'error' && entry.resource !== null) resources[entry.resource]!.hasErrors = true
  }
  problems.sort((a, b) => a.line - b.line)

  return {
    encoding: decoded.encoding,
    lineCount: lines.length,
    resources,
    headings,
    problems,
    skipped: [...skipped.values()],
    includeFiles,
    serverOptions,
  }
}
