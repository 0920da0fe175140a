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
}
