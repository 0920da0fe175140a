import type { AppContext } from '../../context.ts'
import { type Caller, isConsortiumAdmin, scopeOf } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { findLibraryInScope } from './libraries.repository.ts'

/**
 * The library a staff route works on: the caller's own, or for a consortium admin the one they
 * name (`?libraryId=`). Naming another library than one's own is a 404, as if it were not there.
 */
export const callerLibraryOf = async (ctx: AppContext, caller: Caller, requested: string | undefined) => {
  if (!isConsortiumAdmin(caller)) {
    if (!caller.libraryId || (requested && requested !== caller.libraryId))
      throw new ProblemError('not_found')
    return caller.libraryId
  }
  if (!requested) {
    throw fieldProblem('query.libraryId', 'required', '请选择图书馆', 'Choose a library')
  }
  const library = await findLibraryInScope(ctx.db, scopeOf(caller), requested)
  if (!library) throw new ProblemError('not_found')
  return library.id
}
