import { type AccessTable, SIGNED_IN } from '../../test/access.ts'

/** Who may call each files route; merged into the access-matrix test. */
export const FILES_ACCESS: AccessTable = {
  'POST /api/files': SIGNED_IN,
  'GET /api/files/:fileId': SIGNED_IN,
  'GET /api/files/:fileId/meta': SIGNED_IN,
}
