import type { DemoRole } from './test-app.ts'

/** Who the access-matrix test calls each route as. */
export type Who = 'anonymous' | DemoRole
export const EVERYONE: Who[] = [
  'anonymous',
  'reader',
  'librarian',
  'subject_librarian',
  'library_admin',
  'consortium_admin',
]
export const SIGNED_IN: Who[] = EVERYONE.filter((who) => who !== 'anonymous')
export const STAFF: Who[] = ['librarian', 'subject_librarian', 'library_admin', 'consortium_admin']
export const ADMINS: Who[] = ['library_admin', 'consortium_admin']

/**
 * Who may call each route of a module, keyed `METHOD /path` exactly as in its contract.
 * Each module keeps its own table next to its routes (`<module>.access-table.ts`) and
 * http/access-matrix.test.ts merges them; a mounted route missing from every table fails it.
 */
export type AccessTable = Record<string, Who[]>
