import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema, nameText, noteText } from '../common/text.ts'
import { DisciplineCode } from './disciplines.ts'

/** What kind of thing a resource is, as a library's 数据库导航 groups them. */
export const RESOURCE_KINDS = [
  'database',
  'ebook_platform',
  'ejournal_package',
  'open_resource',
  'multimedia',
  'tool',
  'other',
] as const
export const ResourceKind = z.enum(RESOURCE_KINDS)

/**
 * Where a resource is in its life: drafted, being tested by a librarian, published to readers,
 * suspended for a while, or expired (a trial past its end date).
 */
export const RESOURCE_STATUSES = ['draft', 'testing', 'published', 'suspended', 'expired'] as const
export const ResourceStatus = z.enum(RESOURCE_STATUSES)

/**
 * Ways to reach a resource from off campus. `direct` is the campus network itself (never
 * chosen from home); `open` needs no route at all.
 */
export const ROUTE_KINDS = ['carsi', 'proxy', 'webvpn', 'openathens', 'vpn', 'roaming', 'open'] as const
export const RouteKind = z.enum(ROUTE_KINDS)
export type RouteKind = z.infer<typeof RouteKind>

/**
 * An address a reader may be sent to: http(s) only, so no `javascript:` or `data:` link is ever
 * stored or redirected to.
 */
export const WebUrl = z
  .string()
  .trim()
  .max(2000)
  .refine(
    (value) => {
      try {
        const url = new URL(value)
        return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0
      } catch {
        return false
      }
    },
    { message: 'invalid_url' },
  )

/** One route of one resource, as a librarian sets it. */
export const ResourceRouteInput = z.object({
  kind: RouteKind,
  /** The address to use on this route instead of the resource's own (e.g. a CARSI start page). */
  url: WebUrl.nullable().default(null),
  /** Per-library values the platform's template needs, e.g. `customerId`, `accountId`. */
  values: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,30}$/), z.string().trim().max(200)).default({}),
  /** What a reader needs to know on this route (漫游账号: how to get one), zh and en. */
  noteZh: noteText(1000).nullable().default(null),
  noteEn: noteText(1000).nullable().default(null),
})

export const ResourceInput = z
  .object({
    nameZh: nameText(200),
    nameEn: nameText(200).nullable().default(null),
    aliases: z.array(nameText(100)).max(20).default([]),
    vendor: nameText(200).nullable().default(null),
    /** The access platform whose federated-login template its CARSI link uses, e.g. `elsevier`. */
    platform: z
      .string()
      .regex(/^[a-z0-9_]{1,40}$/)
      .nullable()
      .default(null),
    kind: ResourceKind,
    /** Codes on the library's discipline list (学科列表); the server checks they are there. */
    subjects: z.array(DisciplineCode).max(50).default([]),
    descriptionZh: noteText(4000).nullable().default(null),
    descriptionEn: noteText(4000).nullable().default(null),
    url: WebUrl,
    ownerId: IdSchema.nullable().default(null),
    /** A free or trial period (限时免费): readers see the end date; it expires after it. */
    freeFrom: DateOnlySchema.nullable().default(null),
    freeUntil: DateOnlySchema.nullable().default(null),
    routes: z.array(ResourceRouteInput).max(ROUTE_KINDS.length).default([]),
  })
  .refine((value) => !(value.freeFrom && value.freeUntil && value.freeUntil < value.freeFrom), {
    message: 'ends_before_start',
    path: ['freeUntil'],
  })
  .refine((value) => new Set(value.routes.map((route) => route.kind)).size === value.routes.length, {
    message: 'duplicate_route',
    path: ['routes'],
  })
export type ResourceInput = z.input<typeof ResourceInput>

const Person = z.object({ id: IdSchema, name: z.string() }).nullable()

/** A route as a reader is shown it: where it leads and what to do first. */
export const AccessRoute = z.object({
  kind: RouteKind,
  /** The link to follow on this route; null when the route is instructions only. */
  link: z.string().nullable(),
  /** The library's guide for this route (its VPN page), if any. */
  guideUrl: z.string().nullable(),
  noteZh: z.string().nullable(),
  noteEn: z.string().nullable(),
  /** The template behind a federated link has not been confirmed against the vendor. */
  unconfirmed: z.boolean(),
})

export const ResourceSummary = z.object({
  id: IdSchema,
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  aliases: z.array(z.string()),
  vendor: z.string().nullable(),
  kind: ResourceKind,
  subjects: z.array(z.string()),
  status: ResourceStatus,
  /** A–Z letter by pinyin (Chinese) or the first letter (others); `#` for anything else. */
  initial: z.string(),
  freeFrom: z.string().nullable(),
  freeUntil: z.string().nullable(),
  /** Route kinds a reader can use from home, in the library's order. */
  routes: z.array(RouteKind),
})
export type ResourceSummary = z.infer<typeof ResourceSummary>

export const ResourceDetail = ResourceSummary.extend({
  libraryId: IdSchema,
  platform: z.string().nullable(),
  descriptionZh: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  url: z.string(),
  owner: Person,
  /** As the librarian set them (staff only; readers get an empty list). */
  routeSettings: z.array(
    ResourceRouteInput.extend({ url: z.string().nullable(), values: z.record(z.string(), z.string()) }),
  ),
  /** How to reach it, route by route, for the caller's library settings. */
  access: z.array(AccessRoute),
  /** Staff only: the latest access test of each route, as a librarian recorded it while trying it out. */
  accessTests: z.array(
    z.object({
      route: z.string(),
      works: z.boolean(),
      note: z.string().nullable(),
      testedBy: z.string(),
      testedAt: z.string(),
    }),
  ),
  updatedAt: z.string(),
})
export type ResourceDetail = z.infer<typeof ResourceDetail>

const ResourceParams = z.object({ resourceId: IdSchema })

export const listResources = defineRoute({
  method: 'GET',
  path: '/api/resources',
  tag: 'e-resources',
  summary:
    'The database directory (数据库导航): published resources for readers, every status for staff; A–Z by pinyin, by subject, kind or search',
  access: 'public',
  query: PageQuery.extend({
    q: z.string().trim().max(100).optional(),
    initial: z
      .string()
      .regex(/^[A-Z#]$/)
      .optional(),
    /** A code of the library's discipline list; one not on it finds nothing. */
    subject: DisciplineCode.optional(),
    kind: ResourceKind.optional(),
    status: ResourceStatus.optional(),
    /** Only what is free for a limited time now (限时免费). */
    free: z.enum(['true', 'false']).optional(),
    /** Only what can be reached without the VPN: by CARSI, or open to all. */
    withoutVpn: z.enum(['true', 'false']).optional(),
    /** The library whose directory to show; a signed-in caller's own by default. */
    library: z.string().trim().max(40).optional(),
  }),
  response: page(ResourceSummary).extend({ initials: z.array(z.string()) }),
})

export const exportResources = defineRoute({
  method: 'GET',
  path: '/api/resources/export',
  tag: 'e-resources',
  summary: 'My library’s directory, every status, as a CSV or Excel file with headers in my language',
  access: STAFF_ROLES,
  query: z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
})

export const getResource = defineRoute({
  method: 'GET',
  path: '/api/resources/:resourceId',
  tag: 'e-resources',
  summary: 'One resource, with how to reach it from home on every route',
  access: 'public',
  params: ResourceParams,
  response: ResourceDetail,
})

const EDITORS = STAFF_ROLES

export const createResource = defineRoute({
  method: 'POST',
  path: '/api/resources',
  tag: 'e-resources',
  summary: 'Add a resource to my library’s directory, as a draft',
  access: EDITORS,
  body: ResourceInput,
  response: ResourceDetail,
  status: 201,
})

export const updateResource = defineRoute({
  method: 'PUT',
  path: '/api/resources/:resourceId',
  tag: 'e-resources',
  summary: 'Change a resource and its routes',
  access: EDITORS,
  params: ResourceParams,
  body: ResourceInput,
  response: ResourceDetail,
})

export const changeResourceStatus = defineRoute({
  method: 'POST',
  path: '/api/resources/:resourceId/status',
  tag: 'e-resources',
  summary: 'Move a resource to testing, publish, suspend or withdraw it',
  access: EDITORS,
  params: ResourceParams,
  body: z.object({ status: ResourceStatus }),
  response: ResourceDetail,
})

export const recordAccessTest = defineRoute({
  method: 'POST',
  path: '/api/resources/:resourceId/access-tests',
  tag: 'e-resources',
  summary: 'Record that a route of a resource was tried from off campus, and whether it worked',
  access: EDITORS,
  params: ResourceParams,
  body: z.object({ route: RouteKind, works: z.boolean(), note: noteText(500).nullable().default(null) }),
  response: ResourceDetail,
  status: 201,
})

/** Clicks through /go per resource and route (`direct` = from the campus network), R6. */
export const ResourceUsageRow = z.object({
  resourceId: IdSchema,
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  route: z.string(),
  clicks: z.number().int(),
})

/** Visits of a guide's public page (/g/<code>) over the same days. */
export const GuideVisitsRow = z.object({
  guideId: IdSchema,
  code: z.string(),
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  visits: z.number().int(),
})

export const resourceUsage = defineRoute({
  method: 'GET',
  path: '/api/resource-usage',
  tag: 'e-resources',
  summary:
    'Clicks through /go per resource and route between two days, with the total per day, and visits of each guide',
  access: EDITORS,
  query: z
    .object({ from: DateOnlySchema, to: DateOnlySchema })
    .refine((value) => value.from <= value.to, { message: 'ends_before_start', path: ['to'] }),
  response: z.object({
    items: z.array(ResourceUsageRow),
    days: z.array(z.object({ day: z.string(), clicks: z.number().int() })),
    guides: z.array(GuideVisitsRow),
  }),
})

export const resourceUsageReport = defineRoute({
  method: 'GET',
  path: '/api/resource-usage/report',
  tag: 'e-resources',
  summary:
    'Monthly clicks through /go per resource and route for a span of months, laid out like COUNTER’s Database Report (DR) as TSV or Excel; it counts link clicks only, and says so',
  access: EDITORS,
  query: z
    .object({
      from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
      to: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
      format: z.enum(['tsv', 'xlsx']).default('xlsx'),
    })
    .refine((value) => value.from <= value.to, { message: 'ends_before_start', path: ['to'] })
    .refine(
      (value) =>
        Number(value.to.slice(0, 4)) * 12 +
          Number(value.to.slice(5)) -
          (Number(value.from.slice(0, 4)) * 12 + Number(value.from.slice(5))) <
        36,
      {
        message: 'too_long',
        path: ['to'],
      },
    ),
})
