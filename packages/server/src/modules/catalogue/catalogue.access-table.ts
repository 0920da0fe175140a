import { type AccessTable, SIGNED_IN } from '../../test/access.ts'

const IMPORTERS: AccessTable[string] = ['librarian', 'library_admin']

/** Who may call each catalogue route; merged into the access-matrix test. */
export const CATALOGUE_ACCESS: AccessTable = {
  'GET /api/catalogue/items': SIGNED_IN,
  'GET /api/catalogue/holdings': SIGNED_IN,
  'POST /api/catalogue/imports': IMPORTERS,
  'GET /api/catalogue/imports': IMPORTERS,
  'GET /api/catalogue/imports/:importId': IMPORTERS,
  'POST /api/catalogue/imports/:importId/apply': IMPORTERS,
  'POST /api/catalogue/imports/:importId/discard': IMPORTERS,
}
