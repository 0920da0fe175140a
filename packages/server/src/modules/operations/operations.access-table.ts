import { type AccessTable, ADMINS, EVERYONE, STAFF } from '../../test/access.ts'

/** Who may call each operations route; merged into the access-matrix test. */
export const OPERATIONS_ACCESS: AccessTable = {
  'GET /api/operations/phases': STAFF,
  'PUT /api/operations/phases': ADMINS,
  'POST /api/operations/phase-switches/preview': ADMINS,
  'POST /api/operations/phase-switches': ADMINS,
  'GET /api/operations/phase-switches': STAFF,
  'POST /api/operations/phase-switches/:switchId/undo': ADMINS,
  'GET /api/service-board/:libraryCode': EVERYONE,
}
