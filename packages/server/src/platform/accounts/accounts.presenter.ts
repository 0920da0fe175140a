import type { accounts } from '@shuqiao/contracts'
import type { AccountWithRoles } from './accounts.repository.ts'

/** What may leave the server about an account: never its password hash. */
export const presentAccount = (row: AccountWithRoles): accounts.Account => ({
  id: row.id,
  libraryId: row.library_id,
  readerNumber: row.reader_number,
  name: row.name,
  type: row.type,
  departmentId: row.department_id,
  email: row.email,
  phone: row.phone,
  status: row.status,
  roles: row.roles,
  subjectDepartmentIds: [...row.subject_department_ids].sort(),
  createdAt: row.created_at.toISOString(),
})
