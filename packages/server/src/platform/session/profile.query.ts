import type { session } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.ts'

/** Everything the portal shows about the signed-in account, in one query. */
export const profileQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('accounts as a')
    .innerJoin('consortia as c', 'c.id', 'a.consortium_id')
    .leftJoin('libraries as l', 'l.id', 'a.library_id')
    .leftJoin('departments as d', 'd.id', 'a.department_id')
    .select([
      'a.id',
      'a.reader_number',
      'a.name',
      'a.type',
      'a.email',
      'a.phone',
      'a.language',
      'a.status',
      'a.consortium_id',
      'a.library_id',
      'c.name_zh as consortium_name_zh',
      'c.name_en as consortium_name_en',
      'l.code as library_code',
      'l.name_zh as library_name_zh',
      'l.name_en as library_name_en',
      'd.id as department_id',
      'd.name_zh as department_name_zh',
      'd.name_en as department_name_en',
      sql<
        session.Me['roles']
      >`array(select r.role from account_roles r where r.account_id = a.id order by r.role)`.as('roles'),
      sql<
        string[]
      >`array(select s.department_id::text from subject_assignments s where s.account_id = a.id)`.as(
        'subject_department_ids',
      ),
    ])

export type ProfileRow = Awaited<ReturnType<ReturnType<typeof profileQuery>['executeTakeFirstOrThrow']>>

export const presentProfile = (row: ProfileRow, via: session.Me['signedInVia']): session.Me => ({
  id: row.id,
  readerNumber: row.reader_number,
  name: row.name,
  type: row.type,
  email: row.email,
  phone: row.phone,
  language: row.language,
  department:
    row.department_id && row.department_name_zh && row.department_name_en
      ? { id: row.department_id, nameZh: row.department_name_zh, nameEn: row.department_name_en }
      : null,
  library:
    row.library_id && row.library_code && row.library_name_zh && row.library_name_en
      ? {
          id: row.library_id,
          code: row.library_code,
          nameZh: row.library_name_zh,
          nameEn: row.library_name_en,
        }
      : null,
  consortium: { id: row.consortium_id, nameZh: row.consortium_name_zh, nameEn: row.consortium_name_en },
  roles: row.roles,
  subjectDepartmentIds: row.subject_department_ids,
  signedInVia: via,
})
