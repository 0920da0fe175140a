import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { type Caller, isStaff } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { registerFileAccess } from '../../platform/files/files.service.ts'

// Who may see and change what. Staff of a library manage its terms and courses; a teacher sees
// the courses they teach and a student those they are enrolled in, nothing else. A course of
// another library is 404, never a hint that it exists; a course of one's own library that is
// not one's own is 403 with a message saying why.

/** The library whose courses the caller manages: staff their own; anyone else is refused. */
export const staffLibraryOf = (caller: Caller) => {
  if (!isStaff(caller) || !caller.libraryId) throw new ProblemError('forbidden')
  return caller.libraryId
}

export const findTerm = async (db: Kysely<DB>, libraryId: string, termId: string) => {
  const term = await db
    .selectFrom('course_terms')
    .selectAll()
    .where('id', '=', termId)
    .where('library_id', '=', libraryId)
    .executeTakeFirst()
  if (!term) throw new ProblemError('not_found')
  return term
}

/** The caller's reader number (lower-cased) and type of reader. */
export const whoIs = async (db: Kysely<DB>, accountId: string) => {
  const account = await db
    .selectFrom('accounts')
    .select(['reader_number', 'type'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow()
  return { number: account.reader_number.toLowerCase(), type: account.type }
}

/**
 * How the caller stands to a course: its library's staff, one of its teachers, or one of its
 * students (linked to their account, or still waiting under their number).
 */
export const viewpointOn = async (
  db: Kysely<DB>,
  caller: Caller,
  course: { id: string; library_id: string },
): Promise<'staff' | 'teacher' | 'student'> => {
  if (course.library_id !== caller.libraryId) throw new ProblemError('not_found')
  if (isStaff(caller)) return 'staff'
  const { number, type } = await whoIs(db, caller.accountId)
  const teaching =
    type === 'teacher' &&
    (await db
      .selectFrom('course_teachers as t')
      .select('t.id')
      .where('t.course_id', '=', course.id)
      .where((eb) =>
        eb.or([
          eb('t.account_id', '=', caller.accountId),
          eb.and([
            eb('t.account_id', 'is', null),
            eb('t.linked_by_staff', '=', false),
            eb(eb.fn('lower', ['t.staff_number']), '=', number),
          ]),
        ]),
      )
      .executeTakeFirst())
  if (teaching) return 'teacher'
  const enrolled = await db
    .selectFrom('course_enrolments as e')
    .select('e.course_id')
    .where('e.course_id', '=', course.id)
    .where((eb) =>
      eb.or([
        eb('e.account_id', '=', caller.accountId),
        eb.and([eb('e.account_id', 'is', null), eb(eb.fn('lower', ['e.student_number']), '=', number)]),
      ]),
    )
    .executeTakeFirst()
  if (enrolled) return 'student'
  throw new ProblemError('course_not_yours')
}

// Imported files stay with their term, for its library's staff.
registerFileAccess('course_term', async (ctx, caller, termId) => {
  if (!isStaff(caller) || !caller.libraryId) return false
  return findTerm(ctx.db, caller.libraryId, termId).then(
    () => true,
    () => false,
  )
})
