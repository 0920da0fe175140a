import type { eHoldings } from '@shuqiao/contracts'
import type { PlatformRow } from './e-holdings.repository.ts'

export const presentPlatform = (row: PlatformRow): eHoldings.Platform => ({
  id: row.id,
  name: row.name,
  openAccess: row.open_access,
  titleCount: row.title_count,
  fileName: row.file_name,
  importedAt: row.imported_at?.toISOString() ?? null,
})

/** What the audit log keeps of a platform. */
export const platformSnapshot = (row: PlatformRow) => ({
  name: row.name,
  openAccess: row.open_access,
  titleCount: row.title_count,
  fileName: row.file_name,
})
