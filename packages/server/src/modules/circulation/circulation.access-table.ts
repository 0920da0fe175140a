import { type AccessTable, ADMINS, SIGNED_IN, STAFF } from '../../test/access.ts'

const DESK: AccessTable[string] = ['librarian', 'library_admin']

/** Who may call each circulation route; merged into the access-matrix test. */
export const CIRCULATION_ACCESS: AccessTable = {
  'GET /api/circulation/loan-rules': STAFF,
  'PUT /api/circulation/loan-rules': ADMINS,
  'GET /api/circulation/readers/:readerNumber': DESK,
  'POST /api/circulation/check-outs': DESK,
  'POST /api/circulation/check-ins': DESK,
  'POST /api/circulation/renewals': DESK,
  'GET /api/circulation/loans': STAFF,
  'GET /api/circulation/my-loans': SIGNED_IN,
  'POST /api/circulation/my-loans/:loanId/renew': SIGNED_IN,
  'POST /api/circulation/fines/:fineId/settle': DESK,
  'GET /api/circulation/quarantine-periods': STAFF,
  'PUT /api/circulation/quarantine-periods': ADMINS,
  'GET /api/circulation/quarantine': DESK,
  'POST /api/circulation/quarantine/:itemId/release': DESK,
  'POST /api/circulation/quarantine/release-due': DESK,
  'POST /api/circulation/imports': DESK,
  'GET /api/circulation/imports': DESK,
  'GET /api/circulation/imports/:importId': DESK,
  'POST /api/circulation/imports/:importId/apply': DESK,
  'POST /api/circulation/imports/:importId/discard': DESK,
  'POST /api/circulation/closure/due-dates/preview': DESK,
  'POST /api/circulation/closure/due-dates': DESK,
  'POST /api/circulation/closure/return-spreads/preview': DESK,
  'POST /api/circulation/closure/return-spreads': DESK,
  'POST /api/circulation/closure/fine-waivers/preview': DESK,
  'POST /api/circulation/closure/fine-waivers': DESK,
  'GET /api/circulation/closure/batches': DESK,
  'POST /api/circulation/closure/batches/:batchId/undo': DESK,
  'GET /api/circulation/closure/limit-raises': DESK,
  'POST /api/circulation/closure/limit-raises': DESK,
  'POST /api/circulation/closure/limit-raises/:raiseId/end': DESK,
}
