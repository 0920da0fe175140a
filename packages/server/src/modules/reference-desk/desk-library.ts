import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { type Caller, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'

/**
 * The library a staff request is about: the one a consortium admin names (of their consortium),
 * else the caller's own. `path` names the field to blame when none can be told.
 */
export const deskLibraryOf = async (
  db: Kysely<DB>,
  caller: Caller,
  libraryId: string | undefined,
  path = 'query.libraryId',
) => {
  const wanted = libraryId ?? caller.libraryId
  if (!wanted) throw fieldProblem(path, 'required', '请选择图书馆', 'Choose a library')
  if (!scopeIncludes(scopeOf(caller), wanted)) throw new ProblemError('not_found')
  const library = await db
    .selectFrom('libraries')
    .select(['id', 'consortium_id'])
    .where('id', '=', wanted)
    .where('consortium_id', '=', caller.consortiumId)
    .executeTakeFirst()
  if (!library) throw new ProblemError('not_found')
  return library.id
}
