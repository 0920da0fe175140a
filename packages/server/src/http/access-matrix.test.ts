import type { RouteContract } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import { CATALOGUE_ACCESS } from '../modules/catalogue/catalogue.access-table.ts'
import { CIRCULATION_ACCESS } from '../modules/circulation/circulation.access-table.ts'
import { COURSE_RESERVES_ACCESS } from '../modules/course-reserves/course-reserves.access-table.ts'
import { E_RESOURCES_ACCESS } from '../modules/e-resources/e-resources.access-table.ts'
import { OPERATIONS_ACCESS } from '../modules/operations/operations.access-table.ts'
import { REFERENCE_DESK_ACCESS } from '../modules/reference-desk/reference-desk.access-table.ts'
import { REQUESTS_ACCESS } from '../modules/requests/requests.access-table.ts'
import { SIMILARITY_CHECKS_ACCESS } from '../modules/similarity-checks/similarity-checks.access-table.ts'
import { FILES_ACCESS } from '../platform/files/files.access-table.ts'
import { NOTIFICATIONS_ACCESS } from '../platform/notifications/notifications.access-table.ts'
import { type AccessTable, ADMINS, EVERYONE, SIGNED_IN } from '../test/access.ts'
import { useTestApp } from '../test/test-app.ts'

const t = useTestApp()

/**
 * Who may call each route, written out independently of the contracts so that a change to
 * a contract's `access` must be made twice. Every mounted route must appear here.
 */
const PLATFORM: AccessTable = {
  'POST /api/session': EVERYONE,
  'DELETE /api/session': EVERYONE,
  'DELETE /api/sessions': SIGNED_IN,
  'GET /api/me': SIGNED_IN,
  'PATCH /api/me': SIGNED_IN,
  'PUT /api/me/password': SIGNED_IN,
  'GET /api/sso/providers': EVERYONE,
  'GET /api/sso/:providerId/start': EVERYONE,
  'GET /api/sso/:providerId/callback': EVERYONE,
  'GET /api/libraries/:libraryId/oidc-providers': ADMINS,
  'POST /api/libraries/:libraryId/oidc-providers': ADMINS,
  'PATCH /api/libraries/:libraryId/oidc-providers/:providerId': ADMINS,
  'GET /api/libraries': EVERYONE,
  'POST /api/libraries': ['consortium_admin'],
  'PATCH /api/libraries/:libraryId': ADMINS,
  'GET /api/libraries/:libraryId/calendar': SIGNED_IN,
  'PUT /api/libraries/:libraryId/calendar': ADMINS,
  'GET /api/libraries/:libraryId/departments': SIGNED_IN,
  'POST /api/libraries/:libraryId/departments': ADMINS,
  'GET /api/accounts': ADMINS,
  'GET /api/accounts/:accountId': ADMINS,
  'POST /api/accounts': ADMINS,
  'PATCH /api/accounts/:accountId': ADMINS,
  'PUT /api/accounts/:accountId/roles': ADMINS,
  'PUT /api/accounts/:accountId/password': ADMINS,
  'GET /api/audit-events': ADMINS,
}

const MATRIX: AccessTable = {
  ...PLATFORM,
  ...FILES_ACCESS,
  ...NOTIFICATIONS_ACCESS,
  ...REQUESTS_ACCESS,
  ...CATALOGUE_ACCESS,
  ...SIMILARITY_CHECKS_ACCESS,
  ...E_RESOURCES_ACCESS,
  ...COURSE_RESERVES_ACCESS,
  ...CIRCULATION_ACCESS,
  ...REFERENCE_DESK_ACCESS,
  ...OPERATIONS_ACCESS,
}

const keyOf = (route: RouteContract) => `${route.method} ${route.path}`

// Requests that would end the shared session of the role under test get a fresh sign-in.
const ENDS_SESSION = new Set(['DELETE /api/session', 'DELETE /api/sessions'])

const urlFor = (route: RouteContract, ids: { libraryId: string; accountId: string }) => {
  const path = route.path
    .replace(':libraryId', ids.libraryId)
    .replace(':accountId', ids.accountId)
    .replace(':providerId', '01a21467-0000-7000-8000-000000000000')
    // Any other id: one that exists nowhere, so allowed callers get 404 and change nothing.
    .replace(/:\w+/g, '01a21467-0000-7000-8000-000000000001')
  // Queries that pass validation, so an allowed caller gets past it; bodies are left empty on
  // purpose: a 400 proves the caller was let in, and nothing is changed.
  if (route.path === '/api/sso/providers') return `${path}?libraryId=${ids.libraryId}`
  if (route.path.endsWith('/calendar') && route.method === 'GET')
    return `${path}?from=2026-12-01&to=2026-12-07`
  return path
}

describe('access matrix', () => {
  it('covers every mounted route, and nothing else', () => {
    expect(t.ctx.routes.map(keyOf).sort()).toEqual(Object.keys(MATRIX).sort())
  })

  it('agrees with each contract’s declared access', () => {
    for (const route of t.ctx.routes) {
      const declared =
        route.access === 'public' ? EVERYONE : route.access === 'signed_in' ? SIGNED_IN : [...route.access]
      expect(new Set(MATRIX[keyOf(route)]), keyOf(route)).toEqual(new Set(declared))
    }
  })

  for (const who of EVERYONE) {
    it(`lets ${who} call exactly the routes the matrix allows`, async () => {
      const sjtu = t.world.libraries[0]!
      const ids = { libraryId: sjtu.id, accountId: sjtu.accounts.reader! }
      const outcomes: string[] = []
      for (const route of t.ctx.routes) {
        const key = keyOf(route)
        const cookie =
          who === 'anonymous'
            ? undefined
            : ENDS_SESSION.has(key)
              ? await t.signIn(
                  who === 'consortium_admin'
                    ? 'admin'
                    : {
                        reader: '2020001',
                        librarian: 'L001',
                        subject_librarian: 'S001',
                        library_admin: 'A001',
                      }[who],
                  who === 'consortium_admin' ? undefined : 'sjtu',
                )
              : await t.as(who)
        const response = await t.request({
          method: route.method,
          url: urlFor(route, ids),
          cookie,
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        })
        if (ENDS_SESSION.has(key)) t.forgetSessions()
        const allowed = MATRIX[key]!.includes(who)
        const denied = response.statusCode === 401 || response.statusCode === 403
        if (allowed && denied)
          outcomes.push(`${key}: expected allowed, got ${response.statusCode} ${response.body}`)
        if (!allowed) {
          const expected = who === 'anonymous' ? 401 : 403
          if (response.statusCode !== expected)
            outcomes.push(`${key}: expected ${expected}, got ${response.statusCode}`)
          else expect(response.json().code).toBe(who === 'anonymous' ? 'unauthenticated' : 'forbidden')
        }
        expect(response.statusCode, `${key} as ${who}`).toBeLessThan(500)
      }
      expect(outcomes).toEqual([])
    })
  }
})
