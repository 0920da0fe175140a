import type { libraries } from '@shuqiao/contracts'
import type { Selectable } from 'kysely'
import type { DepartmentsTable, LibraryRow } from '../../db/schema.ts'

export const presentLibrary = (row: LibraryRow): libraries.Library => ({
  id: row.id,
  consortiumId: row.consortium_id,
  code: row.code,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  timeZone: row.time_zone,
  openWeekdays: [...row.open_weekdays].sort(),
})

export const presentDepartment = (row: Selectable<DepartmentsTable>): libraries.Department => ({
  id: row.id,
  libraryId: row.library_id,
  code: row.code,
  nameZh: row.name_zh,
  nameEn: row.name_en,
})
