import { type AccessTable, EVERYONE, SIGNED_IN } from '../../test/access.ts'

const LIBRARY_STAFF: AccessTable[string] = ['librarian', 'subject_librarian', 'library_admin']

/** Who may call each e-resources route; merged into the access-matrix test. */
export const E_RESOURCES_ACCESS: AccessTable = {
  'GET /api/resources': EVERYONE,
  'GET /api/resources/export': LIBRARY_STAFF,
  'GET /api/resources/:resourceId': EVERYONE,
  'POST /api/resources': LIBRARY_STAFF,
  'PUT /api/resources/:resourceId': LIBRARY_STAFF,
  'POST /api/resources/:resourceId/status': LIBRARY_STAFF,
  'POST /api/resources/:resourceId/access-tests': LIBRARY_STAFF,
  'GET /api/resource-usage': LIBRARY_STAFF,
  'GET /api/resource-usage/report': LIBRARY_STAFF,
  'POST /api/resources/ezproxy-imports': LIBRARY_STAFF,
  'POST /api/resources/imports': LIBRARY_STAFF,
  'GET /api/disciplines': EVERYONE,
  'PUT /api/disciplines': ['library_admin'],
  'GET /api/guides': EVERYONE,
  'GET /api/guides/by-code/:code': EVERYONE,
  'POST /api/guides': LIBRARY_STAFF,
  'PUT /api/guides/:guideId': LIBRARY_STAFF,
  'POST /api/guides/:guideId/status': LIBRARY_STAFF,
  'GET /api/access-settings': LIBRARY_STAFF,
  'PUT /api/access-settings': ['library_admin'],
  'GET /api/access-platforms': LIBRARY_STAFF,
  'PUT /api/access-platforms/:code': ['library_admin'],
  'POST /api/access-links': SIGNED_IN,
  'GET /api/link-checks': LIBRARY_STAFF,
  'GET /api/resources/:resourceId/link-checks': LIBRARY_STAFF,
  'POST /api/resources/:resourceId/link-checks': LIBRARY_STAFF,
  'POST /api/resources/:resourceId/link-checks/dismissal': LIBRARY_STAFF,
  'POST /api/link-check-runs': LIBRARY_STAFF,
  'GET /api/link-check-runs': LIBRARY_STAFF,
  'GET /api/link-check-runs/:runId': LIBRARY_STAFF,
}
