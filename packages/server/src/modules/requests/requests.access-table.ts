import { type AccessTable, ADMINS, EVERYONE, SIGNED_IN, STAFF } from '../../test/access.ts'

/** Who may call each request route; merged into the access-matrix test. */
export const REQUESTS_ACCESS: AccessTable = {
  'GET /api/request-types': SIGNED_IN,
  'POST /api/requests': SIGNED_IN,
  'GET /api/requests/mine': SIGNED_IN,
  'GET /api/requests': STAFF,
  'GET /api/requests/export': STAFF,
  'GET /api/requests/figures': STAFF,
  'GET /api/requests/figures/export': STAFF,
  'POST /api/requests/assign': STAFF,
  'GET /api/requests/:requestId': SIGNED_IN,
  'POST /api/requests/:requestId/transitions': SIGNED_IN,
  'POST /api/requests/:requestId/comments': SIGNED_IN,
  'PUT /api/libraries/:libraryId/request-fees/:type': ADMINS,
  'GET /api/confirmations/:code': EVERYONE,
  'GET /api/libraries/:libraryId/request-staff': STAFF,
  'GET /api/libraries/:libraryId/request-teams': STAFF,
  'PUT /api/libraries/:libraryId/request-teams/:type': ADMINS,
  'GET /api/reply-templates': STAFF,
  'POST /api/reply-templates': STAFF,
  'PATCH /api/reply-templates/:templateId': STAFF,
  'DELETE /api/reply-templates/:templateId': STAFF,
  'GET /api/requests/:requestId/reply-templates': STAFF,
}
