import type { AppContext } from '../../context.ts'
import { type Caller, scopeIncludes, scopeOf } from '../../http/caller.ts'
import type { FileRow } from './files.repository.ts'

/** Whether `caller` may download files attached to the owner row `ownerId`; decided by the owning module. */
export type FileAccessCheck = (ctx: AppContext, caller: Caller, ownerId: string) => Promise<boolean>

const checks = new Map<string, FileAccessCheck>()

/**
 * Lets the module that owns an `ownerKind` (e.g. `request`) decide who may download files
 * attached to its rows. Call once at module load. A kind nobody registered is readable by no one.
 */
export const registerFileAccess = (ownerKind: string, check: FileAccessCheck) => {
  if (!/^[a-z][a-z_]{0,39}$/.test(ownerKind)) throw new Error(`bad file owner kind: ${ownerKind}`)
  const existing = checks.get(ownerKind)
  if (existing && existing !== check) throw new Error(`file owner kind ${ownerKind} is already registered`)
  checks.set(ownerKind, check)
}

/**
 * Tenancy first (another consortium's or library's file is simply not there), then: an
 * unattached file is its uploader's alone; an attached one is the owner module's to grant.
 */
export const canRead = async (ctx: AppContext, caller: Caller, file: FileRow) => {
  if (file.consortium_id !== caller.consortiumId) return false
  if (file.library_id !== null && !scopeIncludes(scopeOf(caller), file.library_id)) return false
  if (file.owner_kind === null || file.owner_id === null) return file.uploaded_by === caller.accountId
  const check = checks.get(file.owner_kind)
  return check ? check(ctx, caller, file.owner_id) : false
}
