import type { Role } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'
import type { Scope } from '../../http/caller.ts'

/** Accounts with their roles, limited to what a scope may see. */
export const accountsInScope = (db: Kysely<DB>, scope: Scope) => {
  let query = db
    .selectFrom('accounts as a')
    .selectAll('a')
    .select([
      sql<Role[]>`array(select r.role from account_roles r where r.account_id = a.id order by r.role)`.as(
        'roles',
      ),
      sql<
        string[]
      >`array(select s.department_id::text from subject_assignments s where s.account_id = a.id)`.as(
        'subject_department_ids',
      ),
    ])
    .where('a.consortium_id', '=', scope.consortiumId)
  if (scope.libraryIds !== 'all') {
    query = scope.libraryIds.length
      ? query.where('a.library_id', 'in', scope.libraryIds)
      : query.where(sql<boolean>`false`)
  }
  return query
}

export type AccountWithRoles = Awaited<
  ReturnType<ReturnType<typeof accountsInScope>['executeTakeFirstOrThrow']>
>

export interface AccountFilters {
  libraryId?: string | undefined
  q?: string | undefined
  role?: Role | undefined
  type?: 'student' | 'teacher' | 'staff' | undefined
  status?: 'active' | 'disabled' | undefined
  afterId?: string | undefined
  limit: number
}

export const listAccounts = (db: Kysely<DB>, scope: Scope, filters: AccountFilters) => {
  let query = accountsInScope(db, scope)
  if (filters.libraryId) query = query.where('a.library_id', '=', filters.libraryId)
  if (filters.type) query = query.where('a.type', '=', filters.type)
  if (filters.status) query = query.where('a.status', '=', filters.status)
  if (filters.role) {
    const role = filters.role
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('account_roles as r')
          .select('r.account_id')
          .whereRef('r.account_id', '=', 'a.id')
          .where('r.role', '=', role),
      ),
    )
  }
  if (filters.q) {
    const escaped = filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)
    query = query.where((eb) =>
      eb.or([eb('a.reader_number', 'ilike', `${escaped}%`), eb('a.name', 'ilike', `%${escaped}%`)]),
    )
  }
  if (filters.afterId) query = query.where('a.id', '>', filters.afterId)
  return query
    .orderBy('a.id')
    .limit(filters.limit + 1)
    .execute()
}

export const readerNumberTaken = async (
  db: Kysely<DB>,
  consortiumId: string,
  libraryId: string | null,
  readerNumber: string,
) => {
  let query = db
    .selectFrom('accounts')
    .select('id')
    .where('consortium_id', '=', consortiumId)
    .where((eb) => eb(eb.fn('lower', ['reader_number']), '=', readerNumber.toLowerCase()))
  query = libraryId ? query.where('library_id', '=', libraryId) : query.where('library_id', 'is', null)
  return !!(await query.executeTakeFirst())
}

export const departmentsOfLibrary = async (db: Kysely<DB>, libraryId: string, ids: readonly string[]) =>
  ids.length
    ? (
        await db
          .selectFrom('departments')
          .select('id')
          .where('library_id', '=', libraryId)
          .where('id', 'in', ids)
          .execute()
      ).map((row) => row.id)
    : []

export const replaceRoles = async (db: Kysely<DB>, accountId: string, roles: readonly Role[]) => {
  await db.deleteFrom('account_roles').where('account_id', '=', accountId).execute()
  if (roles.length) {
    await db
      .insertInto('account_roles')
      .values(roles.map((role) => ({ account_id: accountId, role })))
      .execute()
  }
}

export const replaceSubjects = async (
  db: Kysely<DB>,
  accountId: string,
  libraryId: string,
  departmentIds: readonly string[],
) => {
  await db.deleteFrom('subject_assignments').where('account_id', '=', accountId).execute()
  if (departmentIds.length) {
    await db
      .insertInto('subject_assignments')
      .values(
        departmentIds.map((departmentId) => ({
          account_id: accountId,
          department_id: departmentId,
          library_id: libraryId,
        })),
      )
      .execute()
  }
}

export const countLibraryAdmins = async (db: Kysely<DB>, libraryId: string) => {
  const row = await db
    .selectFrom('account_roles as r')
    .innerJoin('accounts as a', 'a.id', 'r.account_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('a.library_id', '=', libraryId)
    .where('a.status', '=', 'active')
    .where('r.role', '=', 'library_admin')
    .executeTakeFirstOrThrow()
  return Number(row.count)
}
