import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema, noteText } from '../common/text.ts'

/**
 * What one check of one address found (R5):
 * - `ok`: the page opens;
 * - `broken`: 404, 410, 5xx, no such host, refused, timeout, a redirect loop …;
 * - `needs_person`: the checker was kept out (401/403/429, a bot check, a sign-in page) where a
 *   reader may well get in; never counted towards flagging;
 * - `soft_404`: 200, but the page says "not found" or a deep link lands on the home page.
 */
export const LINK_OUTCOMES = ['ok', 'broken', 'needs_person', 'soft_404'] as const
export const LinkOutcome = z.enum(LINK_OUTCOMES)
export type LinkOutcome = z.infer<typeof LinkOutcome>

/** Stable reason codes, for filters and the interface's own wording. */
export const LINK_REASONS = [
  'ok',
  'invalid_url',
  'not_found',
  'gone',
  'server_error',
  'dns',
  'refused',
  'connection',
  'timeout',
  'tls',
  'redirect_loop',
  'too_many_redirects',
  'bad_redirect',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'bot_challenge',
  'login_page',
  'tls_chain',
  'unexpected_status',
  'not_found_text',
  'platform_not_found_text',
  'redirected_home',
] as const
export const LinkReason = z.enum(LINK_REASONS)

/** Where a resource stands: its failures in a row, since when it is flagged, until when dismissed. */
export const LinkState = z.object({
  lastCheckedAt: z.string().nullable(),
  /** The worst outcome of its addresses at the last check. */
  lastOutcome: LinkOutcome.nullable(),
  /** Checks in a row with a broken or soft-404 address; `needs_person` leaves it as it is. */
  consecutiveFailures: z.number().int(),
  /** Set when the failures in a row reached the library's limit; cleared by a good check or a dismissal. */
  flaggedSince: z.string().nullable(),
  /** A librarian's "false alarm": scheduled checks skip the resource until then. */
  dismissedUntil: z.string().nullable(),
  dismissedNote: z.string().nullable(),
})
export type LinkState = z.infer<typeof LinkState>

/** One check of one address. */
export const LinkCheck = z.object({
  id: IdSchema,
  url: z.string(),
  checkedAt: z.string(),
  outcome: LinkOutcome,
  reason: LinkReason,
  /** The checker's sentence for the librarian, with the details (status, where it ended). */
  messageZh: z.string(),
  messageEn: z.string(),
  /** The last HTTP status; null when none came (no such host, timeout …). */
  statusCode: z.number().int().nullable(),
  finalUrl: z.string().nullable(),
  redirects: z.number().int(),
  ms: z.number().int(),
})
export type LinkCheck = z.infer<typeof LinkCheck>

/** A row of the link-check lists: one address of one resource, with the resource's standing. */
export const LinkCheckRow = LinkCheck.extend({
  resourceId: IdSchema,
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  owner: z.object({ id: IdSchema, name: z.string() }).nullable(),
  state: LinkState,
})
export type LinkCheckRow = z.infer<typeof LinkCheckRow>

/**
 * - `broken`: addresses broken or soft-404 at their resource's last check (flagged ones first);
 * - `needs_person`: addresses a person should try by hand;
 * - `recent`: every check, newest first;
 * - `dismissed`: resources a librarian called a false alarm, until their recheck date.
 * The first two leave dismissed resources out.
 */
export const LINK_CHECK_VIEWS = ['broken', 'needs_person', 'recent', 'dismissed'] as const
export const LinkCheckView = z.enum(LINK_CHECK_VIEWS)
export type LinkCheckView = z.infer<typeof LinkCheckView>

export const listLinkChecks = defineRoute({
  method: 'GET',
  path: '/api/link-checks',
  tag: 'e-resources',
  summary: 'My library’s link checks: broken, needing a person, the most recent, or dismissed',
  access: STAFF_ROLES,
  query: PageQuery.extend({
    view: LinkCheckView.default('broken'),
    /** Part of the resource's Chinese or English name, or of the address. */
    q: z.string().trim().max(100).optional(),
    outcome: LinkOutcome.optional(),
    reason: LinkReason.optional(),
    /** Only resources flagged (failing the library's limit of checks in a row). */
    flagged: z.enum(['true', 'false']).optional(),
    /** Only resources I own. */
    mine: z.enum(['true', 'false']).optional(),
  }),
  response: page(LinkCheckRow),
})

const ResourceParams = z.object({ resourceId: IdSchema })

export const LinkHistory = page(LinkCheck).extend({
  resourceId: IdSchema,
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  state: LinkState,
})

export const resourceLinkChecks = defineRoute({
  method: 'GET',
  path: '/api/resources/:resourceId/link-checks',
  tag: 'e-resources',
  summary: 'One resource’s link checks, newest first, with where it stands',
  access: STAFF_ROLES,
  params: ResourceParams,
  query: PageQuery,
  response: LinkHistory,
})

export const recheckResourceLinks = defineRoute({
  method: 'POST',
  path: '/api/resources/:resourceId/link-checks',
  tag: 'e-resources',
  summary: 'Check one resource’s addresses now and wait for the answer; ends a dismissal',
  access: STAFF_ROLES,
  params: ResourceParams,
  response: z.object({ state: LinkState, items: z.array(LinkCheck) }),
})

export const DismissLinkAlarm = z.object({
  /** Days until scheduled checks look at the resource again. */
  days: z.number().int().min(1).max(90),
  note: noteText(500).trim().nullable().default(null),
})

export const dismissLinkAlarm = defineRoute({
  method: 'POST',
  path: '/api/resources/:resourceId/link-checks/dismissal',
  tag: 'e-resources',
  summary: 'Call a link alarm false: clear the flag and skip the resource for 1–90 days',
  access: STAFF_ROLES,
  params: ResourceParams,
  body: DismissLinkAlarm,
  response: LinkState,
})

export const LinkCheckRun = z.object({
  id: IdSchema,
  trigger: z.enum(['schedule', 'manual']),
  scope: z.enum(['all', 'failing']),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  startedBy: z.object({ id: IdSchema, name: z.string() }).nullable(),
  /** Resources checked, and of them how many came out ok, broken … by their worst address. */
  resources: z.number().int(),
  urls: z.number().int(),
  ok: z.number().int(),
  broken: z.number().int(),
  needsPerson: z.number().int(),
  soft404: z.number().int(),
  /** Resources that became flagged in this run (their owners were told). */
  flagged: z.number().int(),
})
export type LinkCheckRun = z.infer<typeof LinkCheckRun>

export const StartLinkCheckRun = z.object({
  /**
   * `all`: every published resource not dismissed; `failing`: only those whose last check found
   * a broken, soft-404 or needs-a-person address.
   */
  scope: z.enum(['all', 'failing']),
})

export const startLinkCheckRun = defineRoute({
  method: 'POST',
  path: '/api/link-check-runs',
  tag: 'e-resources',
  summary:
    'Check my library’s published resources now, in the background (202; the run already under way if there is one)',
  access: STAFF_ROLES,
  body: StartLinkCheckRun,
  response: LinkCheckRun,
  status: 202,
})

export const listLinkCheckRuns = defineRoute({
  method: 'GET',
  path: '/api/link-check-runs',
  tag: 'e-resources',
  summary: 'My library’s latest link-check runs, newest first',
  access: STAFF_ROLES,
  response: z.object({ items: z.array(LinkCheckRun) }),
})

export const getLinkCheckRun = defineRoute({
  method: 'GET',
  path: '/api/link-check-runs/:runId',
  tag: 'e-resources',
  summary: 'One link-check run of my library, with its counts',
  access: STAFF_ROLES,
  params: z.object({ runId: IdSchema }),
  response: LinkCheckRun,
})
