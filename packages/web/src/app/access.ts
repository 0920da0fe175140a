import { type Access, ROLES, type Role, type RouteContract, type session } from '@shuqiao/contracts'

type Me = session.Me

/** Roles that open the staff console. */
export const STAFF_CONSOLE_ROLES: readonly Role[] = [
  'librarian',
  'subject_librarian',
  'library_admin',
  'consortium_admin',
]

export const hasAnyRole = (me: Me | null | undefined, roles: readonly Role[]) =>
  !!me && me.roles.some((role) => roles.includes(role))

export const isStaffAccount = (me: Me | null | undefined) => hasAnyRole(me, STAFF_CONSOLE_ROLES)

export const isConsortiumAdmin = (me: Me | null | undefined) => hasAnyRole(me, ['consortium_admin'])

/** Whether the account may call a route, read from the route contract's own `access`. */
export const mayCall = (me: Me | null | undefined, contract: Pick<RouteContract, 'access'>) => {
  const access: Access = contract.access
  if (access === 'public') return true
  if (access === 'signed_in') return !!me
  return hasAnyRole(me, access)
}

/** Only same-site paths are followed after sign-in, never another origin. */
export const safeReturnTo = (value: string | null | undefined) =>
  value && /^\/(?!\/)/.test(value) && !value.startsWith('/sign-in') ? value : undefined

/** Roles in the contract's order (reader first, consortium admin last), not alphabetical. */
export const sortRoles = <R extends Role>(roles: readonly R[]) =>
  [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b))
