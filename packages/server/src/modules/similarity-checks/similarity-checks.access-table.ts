import type { AccessTable, Who } from '../../test/access.ts'
import { SIGNED_IN } from '../../test/access.ts'

/** Staff of a library manage its batches; the consortium office only reads them. */
const MANAGERS: Who[] = ['librarian', 'subject_librarian', 'library_admin']
const READERS_OF_BATCHES: Who[] = [...MANAGERS, 'consortium_admin']

/** Who may call each similarity-check route; merged into the access-matrix test. */
export const SIMILARITY_CHECKS_ACCESS: AccessTable = {
  'GET /api/similarity-checks/batches': READERS_OF_BATCHES,
  'POST /api/similarity-checks/batches': MANAGERS,
  'GET /api/similarity-checks/batches/:batchId': READERS_OF_BATCHES,
  'PATCH /api/similarity-checks/batches/:batchId': MANAGERS,
  'DELETE /api/similarity-checks/batches/:batchId': MANAGERS,
  'GET /api/similarity-checks/batches/:batchId/theses': READERS_OF_BATCHES,
  'POST /api/similarity-checks/batches/:batchId/theses': MANAGERS,
  'POST /api/similarity-checks/batches/:batchId/imports': MANAGERS,
  'POST /api/similarity-checks/batches/:batchId/results': MANAGERS,
  'POST /api/similarity-checks/batches/:batchId/transitions': MANAGERS,
  'POST /api/similarity-checks/batches/:batchId/reports/preview': MANAGERS,
  'POST /api/similarity-checks/batches/:batchId/reports': MANAGERS,
  'GET /api/similarity-checks/batches/:batchId/export': READERS_OF_BATCHES,
  'GET /api/similarity-checks/mine': SIGNED_IN,
  'GET /api/similarity-checks/theses/:thesisId': SIGNED_IN,
  'PATCH /api/similarity-checks/theses/:thesisId': MANAGERS,
  'POST /api/similarity-checks/theses/:thesisId/transitions': MANAGERS,
  'PUT /api/similarity-checks/theses/:thesisId/report': MANAGERS,
}
