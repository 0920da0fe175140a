import type { Language, Role } from '@shuqiao/contracts'
import type { FastifyRequest } from 'fastify'

/** The signed-in account behind a request, as loaded with its session. */
export interface Caller {
  sessionId: string
  accountId: string
  consortiumId: string
  libraryId: string | null
  roles: ReadonlySet<Role>
  subjectDepartmentIds: readonly string[]
  language: Language
  via: 'password' | 'oidc'
}

// Kept beside the request rather than on it, so no Fastify type merging is needed.
const callers = new WeakMap<FastifyRequest, Caller>()

export const callerOf = (request: FastifyRequest): Caller | undefined => callers.get(request)
export const setCaller = (request: FastifyRequest, caller: Caller) => callers.set(request, caller)

export const hasRole = (caller: Caller, ...roles: Role[]) => roles.some((role) => caller.roles.has(role))
export const isStaff = (caller: Caller) => hasRole(caller, 'librarian', 'subject_librarian', 'library_admin')
export const isConsortiumAdmin = (caller: Caller) => caller.roles.has('consortium_admin')

/**
 * Libraries whose rows a caller may touch. Repositories take this and nothing wider:
 * a consortium admin sees every member library of their consortium, anyone else their own.
 */
export interface Scope {
  consortiumId: string
  libraryIds: 'all' | readonly string[]
}

export const scopeOf = (caller: Caller): Scope =>
  isConsortiumAdmin(caller)
    ? { consortiumId: caller.consortiumId, libraryIds: 'all' }
    : { consortiumId: caller.consortiumId, libraryIds: caller.libraryId ? [caller.libraryId] : [] }

export const scopeIncludes = (scope: Scope, libraryId: string | null) =>
  scope.libraryIds === 'all' || (libraryId !== null && scope.libraryIds.includes(libraryId))
