import {
  type access,
  DISCIPLINE_CODE_PATTERN,
  type eResources,
  type ResponseOf,
  ROUTE_KINDS,
  type RouteKind,
} from '@shuqiao/contracts'
import dayjs from 'dayjs'

type ResourceDetail = eResources.ResourceDetail
type ResourceInput = eResources.ResourceInput
type BuiltLink = ResponseOf<typeof access.buildAccessLinks>['items'][number]
type Status = eResources.ResourceSummary['status']

/** The cookie /go reads for a reader's preferred route (see the server's go-links.ts). */
export const ROUTE_COOKIE = 'shuqiao_route'
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60

export const isRouteKind = (value: unknown): value is RouteKind =>
  typeof value === 'string' && (ROUTE_KINDS as readonly string[]).includes(value)

/** The `document.cookie` assignment that remembers a route for a year, on every page of the site. */
export const rememberRouteCookie = (kind: RouteKind) =>
  `${ROUTE_COOKIE}=${kind}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`

/** The assignment that forgets it again. */
export const forgetRouteCookie = () => `${ROUTE_COOKIE}=; path=/; max-age=0; samesite=lax`

/** The remembered route in a `document.cookie` string; anything but a known route kind is ignored. */
export const rememberedRoute = (cookies: string): RouteKind | undefined => {
  for (const part of cookies.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name !== ROUTE_COOKIE) continue
    const value = rest.join('=').trim()
    return isRouteKind(value) ? value : undefined
  }
  return undefined
}

/** Whether a typed address is one the server takes: http(s) with a host. */
export const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0
  } catch {
    return false
  }
}

/** The address a route's button follows: the server's /go link, which counts the click. */
export const goLink = (resourceId: string, kind?: RouteKind) =>
  `/go/${encodeURIComponent(resourceId)}${kind ? `?route=${kind}` : ''}`

/** The most addresses the link builder takes at once (the route's limit). */
export const LINK_BUILDER_MAX = 500

/**
 * The addresses pasted into the link builder: one a line, trimmed, blank lines and repeats left
 * out, cut to what the server takes. `dropped` says how many were cut.
 */
export const urlLines = (text: string) => {
  const seen = new Set<string>()
  const lines: string[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || seen.has(line)) continue
    seen.add(line)
    lines.push(line.slice(0, 2000))
  }
  return { urls: lines.slice(0, LINK_BUILDER_MAX), dropped: Math.max(0, lines.length - LINK_BUILDER_MAX) }
}

type Labels = {
  route: (kind: RouteKind) => string
  resource: (resource: NonNullable<BuiltLink['resource']>) => string
}

/** The link builder's answer as plain text: each address, then its links one per line. */
export const builtLinksText = (items: readonly BuiltLink[], labels: Labels & { problem: string }) =>
  items
    .map((item) => {
      const head = item.resource ? `${item.input}  (${labels.resource(item.resource)})` : item.input
      const lines = item.problem
        ? [`  ${labels.problem}: ${item.problem}`]
        : item.links.map((link) => `  ${labels.route(link.kind)}: ${link.link ?? ''}`)
      return [head, ...lines].join('\n')
    })
    .join('\n\n')

/** The same as CSV rows: a header, then one row per address and route (or per refused address). */
export const builtLinksRows = (
  items: readonly BuiltLink[],
  labels: Labels & { header: readonly string[]; unconfirmed: string },
) => [
  [...labels.header],
  ...items.flatMap((item) => {
    const resource = item.resource ? labels.resource(item.resource) : ''
    if (item.problem || item.links.length === 0) return [[item.input, resource, '', '', item.problem ?? '']]
    return item.links.map((link) => [
      item.input,
      resource,
      labels.route(link.kind),
      link.link ?? '',
      link.unconfirmed ? labels.unconfirmed : '',
    ])
  }),
]

/** Where a free period stands on a day: not begun, running (with days left), or over. */
export const freePeriodOf = (
  resource: { freeFrom: string | null; freeUntil: string | null },
  today: string,
): { state: 'upcoming' | 'running' | 'ended'; daysLeft: number } | null => {
  if (!resource.freeUntil) return null
  if (resource.freeUntil < today) return { state: 'ended', daysLeft: 0 }
  const daysLeft = dayjs(resource.freeUntil).diff(dayjs(today), 'day')
  if (resource.freeFrom && resource.freeFrom > today) return { state: 'upcoming', daysLeft }
  return { state: 'running', daysLeft }
}

type Discipline = { code: string; zh: string; en: string }

/**
 * A resource's disciplines as zh/en pairs, in the order of the library's list; a code not on
 * the list (never expected) named by itself, last, so nothing filed is hidden.
 */
export const disciplinesOf = (codes: readonly string[], list: readonly Discipline[]): Discipline[] => {
  const known = list.filter((discipline) => codes.includes(discipline.code))
  const unknown = codes
    .filter((code) => !list.some((discipline) => discipline.code === code))
    .map((code) => ({ code, zh: code, en: code }))
  return [...known, ...unknown]
}

/** Whether an address's `subject=` may be a discipline code (the library's list decides which exist). */
export const isDisciplineCode = (value: string | null | undefined): value is string =>
  !!value && DISCIPLINE_CODE_PATTERN.test(value)

/** The status changes a librarian is offered from each status, the usual next step first. */
export const STATUS_ACTIONS: Record<Status, readonly Status[]> = {
  draft: ['testing', 'published'],
  testing: ['published', 'draft'],
  published: ['suspended', 'expired'],
  suspended: ['published', 'expired'],
  expired: ['draft'],
}

/** A route as the resource form edits it; `values` is a list of pairs so keys can be typed in. */
export interface RouteFormValue {
  kind: RouteKind
  url?: string | null | undefined
  values?: { key?: string; value?: string }[] | undefined
  noteZh?: string | null | undefined
  noteEn?: string | null | undefined
}

/** Everything the resource form holds; dates are YYYY-MM-DD (the page converts its date pickers). */
export interface ResourceFormValues {
  nameZh: string
  nameEn?: string | null | undefined
  aliases?: string[] | undefined
  vendor?: string | null | undefined
  platform?: string | null | undefined
  kind: eResources.ResourceSummary['kind']
  subjects?: string[] | undefined
  descriptionZh?: string | null | undefined
  descriptionEn?: string | null | undefined
  url: string
  ownerId?: string | null | undefined
  freeFrom?: string | null | undefined
  freeUntil?: string | null | undefined
  routes?: RouteFormValue[] | undefined
}

const text = (value: string | null | undefined) => {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/** What the form holds, as the body of POST/PUT /api/resources: blanks become null, pairs a record. */
export const resourceInputOf = (values: ResourceFormValues): ResourceInput => ({
  nameZh: values.nameZh.trim(),
  nameEn: text(values.nameEn),
  aliases: (values.aliases ?? []).map((alias) => alias.trim()).filter(Boolean),
  vendor: text(values.vendor),
  platform: text(values.platform),
  kind: values.kind,
  subjects: values.subjects ?? [],
  descriptionZh: text(values.descriptionZh),
  descriptionEn: text(values.descriptionEn),
  url: values.url.trim(),
  ownerId: values.ownerId ?? null,
  freeFrom: values.freeFrom ?? null,
  freeUntil: values.freeUntil ?? null,
  routes: (values.routes ?? []).map((route) => ({
    kind: route.kind,
    url: text(route.url),
    values: Object.fromEntries(
      (route.values ?? [])
        .filter((pair) => pair.key?.trim() && pair.value?.trim())
        .map((pair) => [pair.key!.trim(), pair.value!.trim()]),
    ),
    noteZh: text(route.noteZh),
    noteEn: text(route.noteEn),
  })),
})

/** A saved resource as the form's starting values (staff see `routeSettings`, the librarian's own). */
export const formValuesOf = (detail: ResourceDetail): ResourceFormValues => ({
  nameZh: detail.nameZh,
  nameEn: detail.nameEn,
  aliases: detail.aliases,
  vendor: detail.vendor,
  platform: detail.platform,
  kind: detail.kind,
  subjects: detail.subjects,
  descriptionZh: detail.descriptionZh,
  descriptionEn: detail.descriptionEn,
  url: detail.url,
  ownerId: detail.owner?.id ?? null,
  freeFrom: detail.freeFrom,
  freeUntil: detail.freeUntil,
  routes: detail.routeSettings.map((route) => ({
    kind: route.kind,
    url: route.url,
    values: Object.entries(route.values).map(([key, value]) => ({ key, value })),
    noteZh: route.noteZh,
    noteEn: route.noteEn,
  })),
})

/** The route kinds not yet on a resource, to offer when adding one. */
export const unusedRouteKinds = (routes: readonly { kind?: RouteKind | undefined }[]) =>
  ROUTE_KINDS.filter((kind) => !routes.some((route) => route?.kind === kind))

/** The per-library values a federated-login template asks for, beyond the entityID and target. */
export const templateValueNames = (template: string | undefined) =>
  template
    ? [
        ...new Set(
          [...template.matchAll(/\{(?:enc:)?([a-zA-Z][a-zA-Z0-9]*)\}/g)]
            .map((match) => match[1]!)
            .filter((name) => name !== 'entityID' && name !== 'target'),
        ),
      ]
    : []

export type FieldName = (string | number)[]

/**
 * The form field a problem path names, as deep as the form has fields: `body.routes.0.url` is
 * ['routes', 0, 'url'] when that field exists, `body.campusNetworks.3` is ['campusNetworks'] when
 * the list is one text box. Undefined for paths outside the body or with no field at all.
 */
export const formFieldOf = (path: string, exists: (name: FieldName) => boolean): FieldName | undefined => {
  const [where, ...rest] = path.split('.')
  if (where !== 'body' || rest.length === 0) return undefined
  const name: FieldName = rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part))
  for (let length = name.length; length > 0; length--) {
    const candidate = name.slice(0, length)
    if (typeof candidate[candidate.length - 1] === 'number') continue
    if (exists(candidate)) return candidate
  }
  return undefined
}

/** Text boxes that hold a list one item a line (campus networks, platform hosts). */
export const linesOf = (value: string | undefined) =>
  (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)

/** Access settings as the form edits them: the campus networks one a line, blanks for nothing. */
export type SettingsFormValues = Omit<access.AccessSettings, 'campusNetworks'> & { campusNetworks: string }

export const settingsFormValuesOf = (settings: access.AccessSettings): SettingsFormValues => ({
  ...settings,
  campusNetworks: settings.campusNetworks.join('\n'),
})

/** The form's values as the body of PUT /api/access-settings. */
export const settingsInputOf = (values: SettingsFormValues): access.AccessSettings => ({
  campusNetworks: linesOf(values.campusNetworks),
  proxyHost: text(values.proxyHost),
  proxyMode: values.proxyMode ?? 'starting_point',
  proxyParameter: values.proxyParameter ?? 'qurl',
  proxyDashes: !!values.proxyDashes,
  openAthensOrg: text(values.openAthensOrg),
  webvpnHost: text(values.webvpnHost),
  // Keys are taken exactly as typed: a space may be part of a 16-character key.
  webvpnKey: values.webvpnKey ? values.webvpnKey : null,
  webvpnIv: values.webvpnIv ? values.webvpnIv : null,
  vpnGuideUrl: text(values.vpnGuideUrl),
  carsiEntityId: text(values.carsiEntityId),
  roamingNoteZh: text(values.roamingNoteZh),
  roamingNoteEn: text(values.roamingNoteEn),
})

type UsageRow = ResponseOf<typeof eResources.resourceUsage>['items'][number]

/** One resource's clicks over a period: in all, and per route (`direct` is the campus network). */
export interface UsageByResource {
  resourceId: string
  nameZh: string
  nameEn: string | null
  total: number
  byRoute: Record<string, number>
}

/** Usage rows (one per resource and route) as one row per resource, most used first. */
export const usageByResource = (rows: readonly UsageRow[]) => {
  const byId = new Map<string, UsageByResource>()
  for (const row of rows) {
    const entry = byId.get(row.resourceId) ?? {
      resourceId: row.resourceId,
      nameZh: row.nameZh,
      nameEn: row.nameEn,
      total: 0,
      byRoute: {},
    }
    entry.total += row.clicks
    entry.byRoute[row.route] = (entry.byRoute[row.route] ?? 0) + row.clicks
    byId.set(row.resourceId, entry)
  }
  const resources = [...byId.values()].sort(
    (a, b) => b.total - a.total || a.nameZh.localeCompare(b.nameZh, 'zh-CN'),
  )
  // Columns in a fixed order: on campus first, then the route kinds as the contract lists them.
  const order = ['direct', ...ROUTE_KINDS] as string[]
  const routes = [...new Set(rows.map((row) => row.route))].sort(
    (a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99),
  )
  return { resources, routes }
}

/** Every day of a period with its clicks, days without any as 0, for the chart. */
export const everyDay = (days: readonly { day: string; clicks: number }[], from: string, to: string) => {
  const clicks = new Map(days.map((day) => [day.day, day.clicks]))
  const result: { day: string; clicks: number }[] = []
  for (
    let day = dayjs(from);
    !day.isAfter(dayjs(to), 'day') && result.length < 400;
    day = day.add(1, 'day')
  ) {
    const key = day.format('YYYY-MM-DD')
    result.push({ day: key, clicks: clicks.get(key) ?? 0 })
  }
  return result
}

/** The usage table as CSV rows: a header, then one row per resource with its total and routes. */
export const usageRows = (
  usage: ReturnType<typeof usageByResource>,
  labels: {
    header: readonly string[]
    route: (route: string) => string
    name: (row: UsageByResource) => string
  },
) => [
  [...labels.header, ...usage.routes.map(labels.route)],
  ...usage.resources.map((row) => [
    labels.name(row),
    row.total,
    ...usage.routes.map((route) => row.byRoute[route] ?? 0),
  ]),
]
