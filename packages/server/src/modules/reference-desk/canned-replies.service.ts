import type { referenceDesk } from '@shuqiao/contracts'
import type { Kysely, Selectable } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB, ReferenceCannedRepliesTable } from '../../db/schema.ts'
import { isUniqueViolation } from '../../db/unique-violation.ts'
import { type Caller, hasRole } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import * as repo from './canned-replies.repository.ts'

type Input = z.output<typeof referenceDesk.CannedReplyInput>
type Row = Selectable<ReferenceCannedRepliesTable>

const codeTaken = () =>
  fieldProblem('body.code', 'taken', '这个快捷码已在使用', 'This short code is already in use')

/** Canned replies (快捷回复): the library's, written by its admins, and each librarian's own. */
export const createCannedRepliesService = (ctx: AppContext) => {
  const { db } = ctx

  const ownLibrary = (caller: Caller) => {
    if (!caller.libraryId) throw new ProblemError('forbidden')
    return caller.libraryId
  }

  const mayChange = (caller: Caller, row: Pick<Row, 'owner_id'>) =>
    row.owner_id ? row.owner_id === caller.accountId : hasRole(caller, 'library_admin')

  const present = (caller: Caller, row: Row): referenceDesk.CannedReply => ({
    id: row.id,
    scope: row.owner_id ? 'personal' : 'library',
    code: row.code,
    title: row.title,
    body: row.body,
    editable: mayChange(caller, row),
    updatedAt: row.updated_at.toISOString(),
  })

  /** A reply the caller may change; another's personal one or another library's is not found. */
  const changeable = async (caller: Caller, replyId: string) => {
    const row = await repo.findCannedReply(db, replyId)
    if (!row || row.library_id !== caller.libraryId) throw new ProblemError('not_found')
    if (row.owner_id && row.owner_id !== caller.accountId) throw new ProblemError('not_found')
    if (!mayChange(caller, row)) throw new ProblemError('forbidden')
    return row
  }

  const snapshot = (row: Pick<Row, 'code' | 'title' | 'body'>) => ({
    code: row.code,
    title: row.title,
    body: row.body,
  })

  const audit = (
    trx: Kysely<DB>,
    caller: Caller,
    httpRequestId: string,
    step: 'create' | 'update' | 'delete',
    row: Row,
    before: Row | null,
    after: Row | null,
  ) =>
    recordAudit(trx, {
      caller,
      requestId: httpRequestId,
      libraryId: row.library_id,
      action: `reference_desk.canned_reply.${step}`,
      entityType: 'reference_canned_reply',
      entityId: row.id,
      entityLabel: row.code,
      before: before && snapshot(before),
      after: after && snapshot(after),
    })

  return {
    /** Mine and my library's; where I have a personal reply with a library one's code, mine wins. */
    async list(caller: Caller) {
      const libraryId = ownLibrary(caller)
      const rows = await repo.cannedRepliesFor(db, libraryId, caller.accountId)
      const personalCodes = new Set(rows.filter((row) => row.owner_id).map((row) => row.code))
      return {
        items: rows
          .filter((row) => row.owner_id || !personalCodes.has(row.code))
          .map((row) => present(caller, row)),
      }
    },

    async create(caller: Caller, httpRequestId: string, input: Input) {
      const libraryId = ownLibrary(caller)
      if (input.scope === 'library' && !hasRole(caller, 'library_admin')) throw new ProblemError('forbidden')
      const ownerId = input.scope === 'personal' ? caller.accountId : null
      if (await repo.cannedCodeTaken(db, libraryId, ownerId, input.code)) throw codeTaken()
      const now = ctx.now()
      const row: Row = {
        id: uuidv7(),
        library_id: libraryId,
        owner_id: ownerId,
        code: input.code,
        title: input.title,
        body: input.body,
        created_at: now,
        updated_at: now,
      }
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('reference_canned_replies').values(row).execute()
          await audit(trx, caller, httpRequestId, 'create', row, null, row)
        })
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken()
        throw error
      }
      return present(caller, row)
    },

    async update(caller: Caller, httpRequestId: string, replyId: string, input: Omit<Input, 'scope'>) {
      const before = await changeable(caller, replyId)
      if (await repo.cannedCodeTaken(db, before.library_id, before.owner_id, input.code, replyId))
        throw codeTaken()
      const after: Row = {
        ...before,
        code: input.code,
        title: input.title,
        body: input.body,
        updated_at: ctx.now(),
      }
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('reference_canned_replies')
            .set({ code: after.code, title: after.title, body: after.body, updated_at: after.updated_at })
            .where('id', '=', replyId)
            .execute()
          await audit(trx, caller, httpRequestId, 'update', after, before, after)
        })
      } catch (error) {
        if (isUniqueViolation(error)) throw codeTaken()
        throw error
      }
      return present(caller, after)
    },

    async remove(caller: Caller, httpRequestId: string, replyId: string) {
      const row = await changeable(caller, replyId)
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('reference_canned_replies').where('id', '=', replyId).execute()
        await audit(trx, caller, httpRequestId, 'delete', row, row, null)
      })
      return undefined
    },
  }
}
