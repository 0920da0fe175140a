import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText, noteText } from '../common/text.ts'
import { AccessRoute, RouteKind, WebUrl } from './e-resources.contract.ts'

const Hostname = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$/, {
    message: 'invalid_host',
  })

/** An IPv4 or IPv6 network in CIDR form, e.g. `202.120.0.0/16`. */
export const Cidr = z
  .string()
  .trim()
  .max(60)
  .regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, { message: 'invalid_cidr' })

/** How a library reaches licensed resources from off campus (R2). */
export const AccessSettings = z.object({
  /** The campus networks: a reader on them is sent straight to the resource. */
  campusNetworks: z.array(Cidr).max(200).default([]),
  /** The EZproxy-style proxy server's host, e.g. `ezproxy.lib.example.edu.cn`. */
  proxyHost: Hostname.nullable().default(null),
  /**
   * `starting_point`: https://host/login?qurl=<encoded target> (or `url=`, unencoded, when the
   * proxy asks for it); `hostname`: the target's host rewritten under the proxy's.
   */
  proxyMode: z.enum(['starting_point', 'hostname']).default('starting_point'),
  proxyParameter: z.enum(['qurl', 'url']).default('qurl'),
  /** Proxy by hostname with a wildcard certificate: www-somedb-com.proxy rather than www.somedb.com.proxy. */
  proxyDashes: z.boolean().default(false),
  /** The OpenAthens organisation in the redirector link (go.openathens.net/redirector/<org>). */
  openAthensOrg: z
    .string()
    .trim()
    .regex(/^[a-z0-9.-]{1,100}$/i)
    .nullable()
    .default(null),
  /** The campus WebVPN host, e.g. `webvpn.example.edu.cn`. */
  webvpnHost: Hostname.nullable().default(null),
  /** The WebVPN's key and IV (16 characters each; many use `wrdvpnisthebest!`). */
  webvpnKey: z.string().length(16).nullable().default(null),
  webvpnIv: z.string().length(16).nullable().default(null),
  /** The library's page explaining how to install and use the campus VPN. */
  vpnGuideUrl: WebUrl.nullable().default(null),
  /** The library's CARSI / Shibboleth IdP entityID, e.g. https://idp.example.edu.cn/idp/shibboleth. */
  carsiEntityId: z.string().trim().max(300).nullable().default(null),
  /** How readers get a vendor's roaming account (漫游账号), shown on the roaming route. */
  roamingNoteZh: noteText(2000).nullable().default(null),
  roamingNoteEn: noteText(2000).nullable().default(null),
})
export type AccessSettings = z.infer<typeof AccessSettings>

export const getAccessSettings = defineRoute({
  method: 'GET',
  path: '/api/access-settings',
  tag: 'e-resources',
  summary: 'My library’s off-campus routes: campus networks, proxy, WebVPN, OpenAthens, VPN guide, CARSI',
  access: STAFF_ROLES,
  response: AccessSettings.extend({ updatedAt: z.string().nullable() }),
})

export const putAccessSettings = defineRoute({
  method: 'PUT',
  path: '/api/access-settings',
  tag: 'e-resources',
  summary: 'Change my library’s off-campus routes',
  access: ['library_admin'],
  body: AccessSettings,
  response: AccessSettings.extend({ updatedAt: z.string().nullable() }),
})

/**
 * A federated-login (WAYFless) link pattern of one vendor platform. Placeholders: `{entityID}`,
 * `{target}`, `{enc:entityID}`, `{enc:target}` (percent-encoded) and per-library values such as
 * `{customerId}`.
 */
/** A phrase looked for in a page's text: short enough to be the platform's wording, long enough not to be noise. */
const PagePhrase = z.string().trim().min(2).max(100)

export const AccessPlatform = z.object({
  code: z.string(),
  name: z.string(),
  template: z.string(),
  /** The pattern is public and known to work; false marks one still to be checked. */
  confirmed: z.boolean(),
  /** Hosts of the platform, to recognise a pasted URL. */
  hosts: z.array(z.string()),
  /** The platform's words for a missing item, read by the link checker as a soft 404 (R5). */
  soft404Phrases: z.array(z.string()),
  /** The platform's words on its sign-in page: a link landing there needs a person to check. */
  loginPhrases: z.array(z.string()),
  /** Changed or added by this library (rather than as shipped). */
  custom: z.boolean(),
})
export type AccessPlatform = z.infer<typeof AccessPlatform>

export const listAccessPlatforms = defineRoute({
  method: 'GET',
  path: '/api/access-platforms',
  tag: 'e-resources',
  summary: 'Federated-login link templates per vendor platform, as shipped and as my library changed them',
  access: STAFF_ROLES,
  response: z.object({ items: z.array(AccessPlatform) }),
})

export const putAccessPlatform = defineRoute({
  method: 'PUT',
  path: '/api/access-platforms/:code',
  tag: 'e-resources',
  summary: 'Change a platform’s federated-login template for my library, or add a platform',
  access: ['library_admin'],
  params: z.object({ code: z.string().regex(/^[a-z0-9_]{1,40}$/) }),
  body: z.object({
    name: nameText(100),
    template: z.string().trim().min(10).max(1000),
    confirmed: z.boolean(),
    hosts: z.array(z.string().trim().toLowerCase().max(253)).max(20).default([]),
    soft404Phrases: z.array(PagePhrase).max(20).default([]),
    loginPhrases: z.array(PagePhrase).max(20).default([]),
  }),
  response: AccessPlatform,
})

/** One pasted address and what a reader off campus should use instead. */
export const BuiltLink = z.object({
  input: z.string(),
  /** Why the address could not be used (not http(s), not a URL), in the caller's language. */
  problem: z.string().nullable(),
  /** The directory resource whose host it is on, if any. */
  resource: z.object({ id: IdSchema, nameZh: z.string(), nameEn: z.string().nullable() }).nullable(),
  links: z.array(AccessRoute.extend({ kind: RouteKind })),
})

export const buildAccessLinks = defineRoute({
  method: 'POST',
  path: '/api/access-links',
  tag: 'e-resources',
  summary: 'Turn vendor URLs (one or a whole list) into off-campus links for my library',
  access: 'signed_in',
  body: z.object({ urls: z.array(z.string().max(2000)).min(1).max(500) }),
  response: z.object({ items: z.array(BuiltLink) }),
})
