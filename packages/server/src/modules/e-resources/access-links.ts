import { createCipheriv } from 'node:crypto'
import { BlockList, isIP } from 'node:net'
import type { access, RouteKind } from '@shuqiao/contracts'

// How a reader off campus reaches a licensed resource: the links each route needs, built from the
// library's access settings (../shared/reference/access-routes.md lists where the patterns come
// from). Pure functions: no database, no request.

export type AccessSettings = access.AccessSettings

/** The EZproxy-style proxied link, or null when the library runs no proxy. */
export const proxyLink = (settings: AccessSettings, target: string): string | null => {
  if (!settings.proxyHost) return null
  if (settings.proxyMode === 'starting_point') {
    // `url=` takes the target as it is (the proxy's own quirk); `qurl=` takes it encoded, which
    // keeps the target's own query string intact.
    return settings.proxyParameter === 'url'
      ? `https://${settings.proxyHost}/login?url=${target}`
      : `https://${settings.proxyHost}/login?qurl=${encodeURIComponent(target)}`
  }
  const url = new URL(target)
  const host = settings.proxyDashes ? url.hostname.replaceAll('.', '-') : url.hostname
  // A non-default port goes into the name (p8080-host…), since the proxy answers on its own.
  const port = url.port ? `p${url.port}-` : ''
  return `${url.protocol}//${port}${host}.${settings.proxyHost}${url.pathname}${url.search}${url.hash}`
}

/**
 * The target inside a link someone already proxied (a teacher pasting what they used at home):
 * `https://<proxy>/login?qurl=…` or `…/login?url=…`, or a host under the proxy's. `missing` when
 * it is the proxy's login address without a target; null when the link is not the library's proxy.
 */
export const targetOfProxied = (
  settings: AccessSettings,
  url: URL,
): { target: string } | 'missing' | null => {
  const proxy = settings.proxyHost
  if (!proxy) return null
  if (url.host === proxy) {
    if (url.pathname !== '/login') return null
    // `url=` takes the rest of the address as it is, its own query string included.
    const raw = url.searchParams.get('qurl') ?? /[?&]url=(.*)$/.exec(url.search)?.[1] ?? ''
    return raw.trim() ? { target: raw.trim() } : 'missing'
  }
  if (url.hostname.endsWith(`.${proxy}`) && !settings.proxyDashes) {
    const host = url.hostname.slice(0, -proxy.length - 1).replace(/^p(\d+)-/, '')
    const port = /^p(\d+)-/.exec(url.hostname)?.[1]
    return {
      target: `${url.protocol}//${host}${port ? `:${port}` : ''}${url.pathname}${url.search}${url.hash}`,
    }
  }
  return null
}

export const openAthensLink = (settings: AccessSettings, target: string): string | null =>
  settings.openAthensOrg
    ? `https://go.openathens.net/redirector/${settings.openAthensOrg}?url=${encodeURIComponent(target)}`
    : null

/**
 * The campus WebVPN link (the common 网瑞达 WebVPN): /<protocol>[-<port>]/<hex of the IV><hex of
 * the host encrypted with AES-128-CFB>/<path>. Libraries should compare one link with their own
 * converter before relying on it.
 */
export const webvpnLink = (settings: AccessSettings, target: string): string | null => {
  if (!settings.webvpnHost || !settings.webvpnKey || !settings.webvpnIv) return null
  const url = new URL(target)
  const cipher = createCipheriv(
    'aes-128-cfb',
    Buffer.from(settings.webvpnKey),
    Buffer.from(settings.webvpnIv),
  )
  const host = Buffer.concat([cipher.update(url.hostname, 'utf8'), cipher.final()]).toString('hex')
  const protocol = url.protocol.slice(0, -1) + (url.port ? `-${url.port}` : '')
  const iv = Buffer.from(settings.webvpnIv).toString('hex')
  return `https://${settings.webvpnHost}/${protocol}/${iv}${host}${url.pathname}${url.search}${url.hash}`
}

const PLACEHOLDER = /\{(enc:)?([a-zA-Z][a-zA-Z0-9]*)\}/g

/**
 * Fills a federated-login template. `{name}` takes the value as it is, `{enc:name}` percent-
 * encoded. Returns the names it had no value for instead of a half-filled link.
 */
export const fillTemplate = (
  template: string,
  values: Record<string, string | null | undefined>,
): { link: string } | { missing: string[] } => {
  const missing = new Set<string>()
  const link = template.replace(PLACEHOLDER, (_whole, encoded: string | undefined, name: string) => {
    const value = values[name]
    if (!value) {
      missing.add(name)
      return ''
    }
    return encoded ? encodeURIComponent(value) : value
  })
  return missing.size ? { missing: [...missing] } : { link }
}

/** The placeholders a template uses, e.g. to ask a librarian for a customer id. */
export const placeholdersOf = (template: string) => [
  ...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[2]!)),
]

export interface RouteSetting {
  kind: RouteKind
  url: string | null
  values: Record<string, string>
  noteZh: string | null
  noteEn: string | null
}

export interface PlatformTemplate {
  template: string
  confirmed: boolean
}

export interface AccessRoute {
  kind: RouteKind
  link: string | null
  guideUrl: string | null
  noteZh: string | null
  noteEn: string | null
  unconfirmed: boolean
}

/**
 * What each of a resource's routes gives a reader at home, in the library's order. A route the
 * library has not set up (no proxy host, no entityID) is left out rather than shown broken.
 */
export const accessRoutes = (
  settings: AccessSettings,
  resource: { url: string; routes: readonly RouteSetting[] },
  platform: PlatformTemplate | undefined,
): AccessRoute[] => {
  const routes: AccessRoute[] = []
  for (const route of resource.routes) {
    const target = route.url ?? resource.url
    const base = {
      kind: route.kind,
      guideUrl: null,
      noteZh: route.noteZh,
      noteEn: route.noteEn,
      unconfirmed: false,
    }
    switch (route.kind) {
      case 'open':
        routes.push({ ...base, link: target })
        break
      case 'proxy': {
        const link = proxyLink(settings, target)
        if (link) routes.push({ ...base, link })
        break
      }
      case 'openathens': {
        const link = openAthensLink(settings, target)
        if (link) routes.push({ ...base, link })
        break
      }
      case 'webvpn': {
        const link = webvpnLink(settings, target)
        if (link) routes.push({ ...base, link })
        break
      }
      case 'carsi': {
        // A route URL of its own is the vendor's CARSI start page; otherwise the platform's template.
        if (route.url && !platform) {
          routes.push({ ...base, link: route.url })
          break
        }
        if (!platform || !settings.carsiEntityId) break
        const filled = fillTemplate(platform.template, {
          ...route.values,
          entityID: settings.carsiEntityId,
          target,
        })
        if ('link' in filled) routes.push({ ...base, link: filled.link, unconfirmed: !platform.confirmed })
        break
      }
      case 'vpn':
        routes.push({ ...base, link: target, guideUrl: settings.vpnGuideUrl })
        break
      case 'roaming':
        routes.push({
          ...base,
          link: target,
          noteZh: route.noteZh ?? settings.roamingNoteZh,
          noteEn: route.noteEn ?? settings.roamingNoteEn,
        })
        break
    }
  }
  return routes
}

const campusLists = new Map<string, BlockList>()

/** Whether an address is on one of the campus networks; the lists are kept per set of networks. */
export const isOnCampus = (networks: readonly string[], ip: string) => {
  if (networks.length === 0) return false
  const key = networks.join(',')
  let list = campusLists.get(key)
  if (!list) {
    list = new BlockList()
    for (const network of networks) {
      const [address, prefix] = network.split('/')
      const family = isIP(address!)
      if (family) list.addSubnet(address!, Number(prefix), family === 6 ? 'ipv6' : 'ipv4')
    }
    if (campusLists.size > 1000) campusLists.clear()
    campusLists.set(key, list)
  }
  // IPv4 clients of a dual-stack server arrive as ::ffff:a.b.c.d.
  const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip
  const family = isIP(address)
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4')
}

/** Whether a CIDR is one the campus list can hold: a valid address and a prefix that fits it. */
export const isValidCidr = (network: string) => {
  const [address, prefix] = network.split('/')
  const family = isIP(address ?? '')
  const bits = Number(prefix)
  return family !== 0 && Number.isInteger(bits) && bits >= 0 && bits <= (family === 6 ? 128 : 32)
}
