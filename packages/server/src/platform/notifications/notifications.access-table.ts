import { type AccessTable, ADMINS, SIGNED_IN } from '../../test/access.ts'

/** Who may call each notifications route; merged into the access-matrix test. */
export const NOTIFICATIONS_ACCESS: AccessTable = {
  'GET /api/me/notices': SIGNED_IN,
  'GET /api/me/notices/unread-count': SIGNED_IN,
  'POST /api/me/notices/:noticeId/read': SIGNED_IN,
  'POST /api/me/notices/read-all': SIGNED_IN,
  'GET /api/notice-events': ADMINS,
  'GET /api/libraries/:libraryId/notice-channels': ADMINS,
  'POST /api/libraries/:libraryId/notice-channels': ADMINS,
  'PATCH /api/libraries/:libraryId/notice-channels/:channelId': ADMINS,
  'DELETE /api/libraries/:libraryId/notice-channels/:channelId': ADMINS,
  'POST /api/libraries/:libraryId/notice-channels/:channelId/test': ADMINS,
  'GET /api/libraries/:libraryId/notice-deliveries': ADMINS,
  'POST /api/libraries/:libraryId/notice-deliveries/:deliveryId/retry': ADMINS,
}
