import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { viewpointOn } from './course-reserves.access.ts'
import { courseById } from './course-reserves.repository.ts'

/**
 * The course, for a caller who may see and change what it requires: the library's staff and
 * the course's teachers. Anyone else of the library (its students, other teachers, other
 * readers) is 403 `course_not_taught`, saying who may; another library's course is 404.
 */
export const courseForTitles = async (db: Kysely<DB>, caller: Caller, courseId: string) => {
  const course = await courseById(db, courseId)
  if (!course) throw new ProblemError('not_found')
  const viewpoint = await viewpointOn(db, caller, course).catch((caught: unknown) => {
    if (caught instanceof ProblemError && caught.code === 'course_not_yours')
      throw new ProblemError('course_not_taught')
    throw caught
  })
  if (viewpoint === 'student') throw new ProblemError('course_not_taught')
  return { course, viewpoint }
}
