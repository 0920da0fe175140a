import type { RequestType } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { fieldProblem } from '../../http/problem.ts'

/**
 * Checks the subject a reader chose on submit, before anything is written: only types assigned
 * by subject take one, and it must be a department of the library.
 */
export const checkChosenSubject = async (
  db: Kysely<DB>,
  libraryId: string,
  type: RequestType,
  subjectId: string | undefined,
) => {
  if (subjectId === undefined) return
  if (type.assignment !== 'subject_librarian') {
    throw fieldProblem(
      'body.subjectId',
      'not_allowed',
      '此类申请不按学科分配',
      'This kind of request is not assigned by subject',
    )
  }
  const department = await db
    .selectFrom('departments')
    .select('id')
    .where('id', '=', subjectId)
    .where('library_id', '=', libraryId)
    .executeTakeFirst()
  if (!department) {
    throw fieldProblem(
      'body.subjectId',
      'unknown_subject',
      '本馆没有这个学科（院系）',
      'This library has no such subject (department)',
    )
  }
}

/**
 * The subject a new request goes by: the one the reader chose, else their own department; none
 * for types not assigned by subject.
 */
export const subjectOf = (
  type: RequestType,
  chosen: string | undefined,
  readerDepartmentId: string | null,
) => (type.assignment === 'subject_librarian' ? (chosen ?? readerDepartmentId) : null)
