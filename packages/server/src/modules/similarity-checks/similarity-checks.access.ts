import type { Kysely } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import {
  type Caller,
  isConsortiumAdmin,
  isStaff,
  type Scope,
  scopeIncludes,
  scopeOf,
} from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { readableFile, registerFileAccess } from '../../platform/files/files.service.ts'
import type { Viewpoint } from './similarity-checks.presenter.ts'
import * as repo from './similarity-checks.repository.ts'

// Who may see and change what. Staff of a library manage its batches; the consortium office
// reads all of them; a graduate sees their own thesis and nothing else. Anything else is 404.

/** Libraries whose batches the caller may read: staff their own, the consortium admin every member's. */
export const readScope = (caller: Caller): Scope =>
  isStaff(caller) || isConsortiumAdmin(caller)
    ? scopeOf(caller)
    : { consortiumId: caller.consortiumId, libraryIds: [] }

/** Libraries whose batches the caller may change: staff their own library only, never the consortium. */
export const writeScope = (caller: Caller): Scope => ({
  consortiumId: caller.consortiumId,
  libraryIds: isStaff(caller) && caller.libraryId ? [caller.libraryId] : [],
})

export const findBatch = async (db: Kysely<DB>, scope: Scope, batchId: string) => {
  const row = await repo.batchesInScope(db, scope).where('b.id', '=', batchId).executeTakeFirst()
  if (!row) throw new ProblemError('not_found')
  return row
}

const readerNumberOf = async (db: Kysely<DB>, caller: Caller) =>
  (
    await db
      .selectFrom('accounts')
      .select('reader_number')
      .where('id', '=', caller.accountId)
      .executeTakeFirst()
  )?.reader_number

/** Whether a thesis is the caller's own: linked to their account, or not yet linked and bearing their number. */
export const isOwnThesis = async (
  db: Kysely<DB>,
  caller: Caller,
  row: { library_id: string; account_id: string | null; reader_number: string },
) =>
  row.library_id === caller.libraryId &&
  (row.account_id === caller.accountId ||
    (row.account_id === null && row.reader_number === (await readerNumberOf(db, caller))))

/**
 * The thesis and how the caller sees it. `write` asks for a thesis of the caller's own library
 * as its staff; a thesis the caller may not see is 404, never a hint that it exists.
 */
export const findThesis = async (
  db: Kysely<DB>,
  caller: Caller,
  thesisId: string,
  mode: 'read' | 'write' = 'read',
): Promise<{ row: repo.ThesisRow; viewpoint: Viewpoint }> => {
  const row = await repo
    .thesesInScope(db, { consortiumId: caller.consortiumId, libraryIds: 'all' })
    .where('t.id', '=', thesisId)
    .executeTakeFirst()
  if (!row) throw new ProblemError('not_found')
  const scope = mode === 'write' ? writeScope(caller) : readScope(caller)
  if (scopeIncludes(scope, row.library_id)) return { row, viewpoint: 'staff' }
  if (mode === 'read' && (await isOwnThesis(db, caller, row))) return { row, viewpoint: 'reader' }
  throw new ProblemError('not_found')
}

// A thesis's PDF and reports are for its author and its library's staff (and the consortium office).
registerFileAccess('similarity_thesis', (ctx, caller, thesisId) =>
  findThesis(ctx.db, caller, thesisId).then(
    () => true,
    () => false,
  ),
)

// Imported lists stay with their batch, for staff only.
registerFileAccess('similarity_batch', (ctx, caller, batchId) =>
  findBatch(ctx.db, readScope(caller), batchId).then(
    () => true,
    () => false,
  ),
)

export const PDF = 'application/pdf'

/**
 * The caller's own unattached upload, checked before the transaction that attaches it: a PDF
 * for reports and theses, a list for imports. Anything else is one field problem at `field`.
 */
export const assertUpload = async (
  ctx: AppContext,
  caller: Caller,
  fileId: string,
  field: string,
  kinds: { mediaTypes: readonly string[]; zh: string; en: string },
) => {
  const file = await readableFile(ctx, caller, fileId).catch(() => undefined)
  if (!file || file.ownerKind !== null || file.uploadedBy !== caller.accountId)
    throw fieldProblem(
      field,
      'file_not_attachable',
      '找不到该文件，或它已被使用',
      'The file was not found or is already in use',
    )
  if (!kinds.mediaTypes.includes(file.mediaType))
    throw fieldProblem(field, 'file_type_not_allowed', kinds.zh, kinds.en)
  return file
}

export const PDF_ONLY = { mediaTypes: [PDF], zh: '请上传 PDF 文件', en: 'Upload a PDF file' }
