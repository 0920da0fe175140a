import { open } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { canRead } from './files.access.ts'
import { cleanFileName } from './files.names.ts'
import { assertAllowed, detectKind, mediaTypeOf, tooLarge, type UploadPolicy } from './files.policy.ts'
import { type FileRecord, toRecord } from './files.presenter.ts'
import * as repo from './files.repository.ts'
import { blobPath, discard, filesDirOf, keep, receive, TooLarge } from './files.storage.ts'

export { type FileAccessCheck, registerFileAccess } from './files.access.ts'
export { ATTACHMENT_POLICY, type UploadPolicy } from './files.policy.ts'
export type { FileRecord } from './files.presenter.ts'

const HOUR_MS = 60 * 60 * 1000

/** Who uploads without an account: a guest of a library (the module keeps which guest). */
export interface GuestUploader {
  accountId: null
  consortiumId: string
  libraryId: string
}

const assertUploadRate = async (ctx: AppContext, caller: Caller) => {
  const now = ctx.now()
  const recent = await repo.countUploadsSince(ctx.db, caller.accountId, new Date(now.getTime() - HOUR_MS))
  if (recent.count < ctx.config.FILE_UPLOADS_PER_HOUR) return
  const freesAt = (recent.oldest ?? now).getTime() + HOUR_MS
  const retryAfter = Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000))
  throw new ProblemError('too_many_uploads', { headers: { 'Retry-After': String(retryAfter) } })
}

/**
 * Stores one upload for `caller`: streams it to disk while hashing, refuses it when it is over
 * the policy's size or its content is not an allowed kind, then keeps it by hash and records
 * it, unattached. A refusal leaves neither a row nor a file behind. The caller must be
 * signed in to a library or be a consortium admin (library-less files are consortium-level).
 * `rateLimited: false` is for a staff route that bounds its uploads itself (a bulk upload of
 * reports, which would otherwise stop at FILE_UPLOADS_PER_HOUR part-way through a batch); such
 * uploads are neither checked against the hourly limit nor counted towards it.
 */
export const storeUpload = async (
  ctx: AppContext,
  caller: Caller | GuestUploader,
  fileStream: Readable,
  options: { filename: string | undefined; policy: UploadPolicy; rateLimited?: boolean },
): Promise<FileRecord> => {
  if (options.rateLimited !== false) {
    // A guest has no account to count by: the module taking guests' files bounds them itself.
    if (caller.accountId === null) throw new Error('a guest upload must be rateLimited: false')
    await assertUploadRate(ctx, caller as Caller)
  }
  const dir = filesDirOf(ctx.config)
  const maxBytes = options.policy.maxBytes ?? ctx.config.FILE_MAX_BYTES
  const received = await receive(dir, fileStream, maxBytes).catch((error: unknown) => {
    throw error instanceof TooLarge ? tooLarge(maxBytes) : error
  })
  let kind: ReturnType<typeof assertAllowed>
  try {
    kind = assertAllowed(await detectKind(received.tempPath), options.policy)
  } catch (error) {
    await discard(received.tempPath)
    throw error
  }
  const path = await keep(dir, received)
  try {
    const row = await repo.insertFile(ctx.db, {
      id: uuidv7(),
      consortium_id: caller.consortiumId,
      library_id: caller.libraryId,
      sha256: received.sha256,
      size: received.size,
      media_type: mediaTypeOf(kind),
      original_name: cleanFileName(options.filename, kind),
      uploaded_by: caller.accountId,
      owner_kind: null,
      owner_id: null,
      created_at: ctx.now(),
      metered: options.rateLimited !== false,
    })
    return toRecord(row)
  } catch (error) {
    // Only when no other upload shares the bytes; a leftover from a race is harmless.
    if (!(await repo.isBlobReferenced(ctx.db, received.sha256))) await discard(path)
    throw error
  }
}

/** Attaches a guest's upload, stored by the same request, to the row that owns it. */
export const attachGuestFile = async (
  trx: Kysely<DB>,
  fileId: string,
  link: { ownerKind: string; ownerId: string },
): Promise<FileRecord> => {
  const row = await repo.attachGuestUpload(trx, fileId, link)
  if (!row) throw new ProblemError('not_found')
  return toRecord(row)
}

/**
 * Removes an upload nothing has attached (one a bulk upload stored but could not use): its row,
 * and its bytes unless another file shares them. An attached file is left alone.
 */
export const discardUpload = async (ctx: AppContext, file: FileRecord) => {
  if (!(await repo.deleteUnattached(ctx.db, file.id))) return
  if (!(await repo.isBlobReferenced(ctx.db, file.sha256)))
    await discard(blobPath(filesDirOf(ctx.config), file.sha256))
}

/**
 * Links an uploaded file to the row that now owns it (e.g. a request), inside the owner's
 * transaction. Only the uploader's own unattached file of the same library qualifies; anything
 * else is one field problem at `field` (default `body.fileId`) that does not say which rule failed.
 */
export const attachFile = async (
  trx: Kysely<DB>,
  fileId: string,
  link: { ownerKind: string; ownerId: string; libraryId: string | null; byAccountId: string; field?: string },
): Promise<FileRecord> => {
  const row = await repo.attachIfOwned(trx, fileId, {
    ownerKind: link.ownerKind,
    ownerId: link.ownerId,
    libraryId: link.libraryId,
    accountId: link.byAccountId,
  })
  if (!row) {
    throw fieldProblem(
      link.field ?? 'body.fileId',
      'file_not_attachable',
      '找不到该文件，或它已被使用',
      'The file was not found or is already in use',
    )
  }
  return toRecord(row)
}

/**
 * The file and a stream of its bytes, for server-side use (mail attachments, exports).
 * It checks no access: routes go through `readableFile` first.
 */
export const openFile = async (
  ctx: AppContext,
  fileId: string,
): Promise<{ file: FileRecord; stream: Readable }> => {
  const row = await repo.findFile(ctx.db, fileId)
  if (!row) throw new ProblemError('not_found')
  const file = toRecord(row)
  return { file, stream: await openBytes(ctx, file) }
}

/** Opens before anything is sent, so a missing blob is a clean 500 rather than a cut-off download. */
export const openBytes = async (ctx: AppContext, file: FileRecord): Promise<Readable> => {
  const handle = await open(blobPath(filesDirOf(ctx.config), file.sha256), 'r')
  return handle.createReadStream()
}

/** The file when `caller` may read it; otherwise 404, so ids reveal nothing about other people's files. */
export const readableFile = async (ctx: AppContext, caller: Caller, fileId: string) => {
  const row = await repo.findFile(ctx.db, fileId)
  if (!row || !(await canRead(ctx, caller, row))) throw new ProblemError('not_found')
  return toRecord(row)
}
