import { type AccessTable, SIGNED_IN } from '../../test/access.ts'

const LIBRARY_STAFF: AccessTable[string] = ['librarian', 'subject_librarian', 'library_admin']

/** Who may call each course-reserves route; merged into the access-matrix test. */
export const COURSE_RESERVES_ACCESS: AccessTable = {
  'GET /api/course-reserves/terms': LIBRARY_STAFF,
  'POST /api/course-reserves/terms': LIBRARY_STAFF,
  'PATCH /api/course-reserves/terms/:termId': LIBRARY_STAFF,
  'GET /api/course-reserves/courses': LIBRARY_STAFF,
  'GET /api/course-reserves/courses/:courseId': ['reader', ...LIBRARY_STAFF],
  'PATCH /api/course-reserves/courses/:courseId': LIBRARY_STAFF,
  'PUT /api/course-reserves/courses/:courseId/teachers/:teacherId/account': LIBRARY_STAFF,
  'POST /api/course-reserves/imports': LIBRARY_STAFF,
  'GET /api/my/courses': SIGNED_IN,
  'GET /api/course-reserves/courses/:courseId/titles': ['reader', ...LIBRARY_STAFF],
  'POST /api/course-reserves/courses/:courseId/titles': ['reader', ...LIBRARY_STAFF],
  'POST /api/course-reserves/courses/:courseId/titles/paste': ['reader', ...LIBRARY_STAFF],
  'DELETE /api/course-reserves/courses/:courseId/titles/:titleId': ['reader', ...LIBRARY_STAFF],
  'GET /api/course-reserves/titles': LIBRARY_STAFF,
  'POST /api/course-reserves/titles/:titleId/matches/:matchId/accept': LIBRARY_STAFF,
  'POST /api/course-reserves/titles/:titleId/matches/:matchId/reject': LIBRARY_STAFF,
  'POST /api/course-reserves/titles/match': LIBRARY_STAFF,
  'GET /api/course-reserves/e-holdings/platforms': LIBRARY_STAFF,
  'PATCH /api/course-reserves/e-holdings/platforms/:platformId': LIBRARY_STAFF,
  'DELETE /api/course-reserves/e-holdings/platforms/:platformId': LIBRARY_STAFF,
  'POST /api/course-reserves/e-holdings/imports': LIBRARY_STAFF,
  'POST /api/course-reserves/title-imports': LIBRARY_STAFF,
  'GET /api/course-reserves/terms/:termId/coverage': LIBRARY_STAFF,
  'PUT /api/course-reserves/terms/:termId/coverage-target': LIBRARY_STAFF,
  'GET /api/course-reserves/terms/:termId/coverage/export': LIBRARY_STAFF,
}
