import type { files } from '@shuqiao/contracts'
import type { FileRow } from './files.repository.ts'

/** A stored file as other modules see it. */
export interface FileRecord {
  id: string
  libraryId: string | null
  name: string
  size: number
  mediaType: string
  sha256: string
  /** Null for a guest's upload, which the module that took it keeps track of. */
  uploadedBy: string | null
  createdAt: Date
  ownerKind: string | null
  ownerId: string | null
}

export const toRecord = (row: FileRow): FileRecord => ({
  id: row.id,
  libraryId: row.library_id,
  name: row.original_name,
  size: row.size,
  mediaType: row.media_type,
  sha256: row.sha256,
  uploadedBy: row.uploaded_by,
  createdAt: row.created_at,
  ownerKind: row.owner_kind,
  ownerId: row.owner_id,
})

/** What the API shows: no uploader or owner, which belong to the owning module's own views. */
export const presentFile = (file: FileRecord): files.FileInfo => ({
  id: file.id,
  name: file.name,
  size: file.size,
  mediaType: file.mediaType,
  sha256: file.sha256,
  createdAt: file.createdAt.toISOString(),
})
