import { type AccessTable, ADMINS, EVERYONE, SIGNED_IN, STAFF } from '../../test/access.ts'

const DESK: AccessTable[string] = ['librarian', 'subject_librarian', 'library_admin']

/** Who may call each reference desk route; merged into the access-matrix test. */
export const REFERENCE_DESK_ACCESS: AccessTable = {
  'GET /api/reference-desk/libraries/:libraryId/queues': EVERYONE,
  'GET /api/reference-desk/queues': STAFF,
  'POST /api/reference-desk/queues': ADMINS,
  'PATCH /api/reference-desk/queues/:queueId': ADMINS,
  'GET /api/reference-desk/duty': DESK,
  'PUT /api/reference-desk/duty/:queueId': DESK,
  'GET /api/reference-desk/librarians': STAFF,
  'PUT /api/reference-desk/librarians/:accountId/chat-limit': STAFF,
  'POST /api/reference-desk/conversations': SIGNED_IN,
  'POST /api/reference-desk/guest-conversations': EVERYONE,
  'GET /api/reference-desk/conversations/mine': SIGNED_IN,
  'GET /api/reference-desk/conversations': STAFF,
  'GET /api/reference-desk/conversations/:conversationId': SIGNED_IN,
  'GET /api/reference-desk/conversations/:conversationId/messages': SIGNED_IN,
  'POST /api/reference-desk/conversations/:conversationId/claim': DESK,
  'POST /api/reference-desk/conversations/:conversationId/transfer': DESK,
  'POST /api/reference-desk/conversations/:conversationId/close': SIGNED_IN,
  'GET /api/faq': EVERYONE,
  'GET /api/faq/manage': STAFF,
  'POST /api/faq': STAFF,
  'PUT /api/faq/:articleId': STAFF,
  'DELETE /api/faq/:articleId': STAFF,
  'GET /api/reference-desk/conversations/:conversationId/rating': SIGNED_IN,
  'PUT /api/reference-desk/conversations/:conversationId/rating': SIGNED_IN,
  'PUT /api/reference-desk/guest-conversations/:conversationId/rating': EVERYONE,
  'GET /api/reference-desk/figures': ADMINS,
  'GET /api/reference-desk/figures/export': ADMINS,
  'GET /api/reference-desk/widget/:libraryCode': EVERYONE,
  'GET /api/reference-desk/widget-settings': ADMINS,
  'PUT /api/reference-desk/widget-settings': ADMINS,
  'POST /api/reference-desk/conversations/:conversationId/attachments': SIGNED_IN,
  'GET /api/reference-desk/conversations/:conversationId/attachments': SIGNED_IN,
}
