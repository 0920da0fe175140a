import type { accounts } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { type Caller, isConsortiumAdmin, scopeOf } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../audit/audit.service.ts'
import { enqueueNotice } from '../notifications/notices.ts'
import { hashPassword } from '../session/passwords.ts'
import { deleteAccountSessions } from '../session/session.repository.ts'
import { presentAccount } from './accounts.presenter.ts'
import * as repo from './accounts.repository.ts'

export const createAccountsService = (ctx: AppContext) => {
  const { db } = ctx

  const findInScope = async (trx: Kysely<DB>, caller: Caller, accountId: string) => {
    const row = await repo
      .accountsInScope(trx, scopeOf(caller))
      .where('a.id', '=', accountId)
      .executeTakeFirst()
    if (!row) throw new ProblemError('not_found')
    return row
  }

  /** The library a new account goes to: a library admin's own; a consortium admin must name one. */
  const targetLibrary = async (caller: Caller, requested: string | undefined) => {
    const libraryId = isConsortiumAdmin(caller) ? requested : (requested ?? caller.libraryId)
    if (!libraryId) throw fieldProblem('body.libraryId', 'required', '请选择所属图书馆', 'Choose a library')
    const scope = scopeOf(caller)
    const library = await db
      .selectFrom('libraries')
      .select('id')
      .where('id', '=', libraryId)
      .where('consortium_id', '=', caller.consortiumId)
      .executeTakeFirst()
    if (!library || (scope.libraryIds !== 'all' && !scope.libraryIds.includes(libraryId))) {
      throw new ProblemError('forbidden')
    }
    return libraryId
  }

  const checkDepartment = async (
    trx: Kysely<DB>,
    libraryId: string | null,
    departmentId: string | null | undefined,
  ) => {
    if (!departmentId) return
    const found = libraryId ? await repo.departmentsOfLibrary(trx, libraryId, [departmentId]) : []
    if (found.length === 0) {
      throw fieldProblem(
        'body.departmentId',
        'invalid_value',
        '院系不属于该馆',
        'The department is not in this library',
      )
    }
  }

  return {
    async list(caller: Caller, query: z.output<typeof accounts.ListAccountsQuery>) {
      const rows = await repo.listAccounts(db, scopeOf(caller), {
        ...query,
        afterId: query.cursor,
        limit: query.limit,
      })
      const items = rows.slice(0, query.limit).map(presentAccount)
      return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
    },

    async get(caller: Caller, accountId: string) {
      return presentAccount(await findInScope(db, caller, accountId))
    },

    async create(caller: Caller, requestId: string, input: z.output<typeof accounts.CreateAccountBody>) {
      const libraryId = await targetLibrary(caller, input.libraryId)
      const passwordHash = await hashPassword(input.password)
      const id = uuidv7()
      return db.transaction().execute(async (trx) => {
        if (await repo.readerNumberTaken(trx, caller.consortiumId, libraryId, input.readerNumber)) {
          throw new ProblemError('reader_number_taken')
        }
        await checkDepartment(trx, libraryId, input.departmentId)
        await trx
          .insertInto('accounts')
          .values({
            id,
            consortium_id: caller.consortiumId,
            library_id: libraryId,
            reader_number: input.readerNumber,
            name: input.name,
            type: input.type,
            department_id: input.departmentId ?? null,
            email: input.email ?? null,
            phone: input.phone ?? null,
            password_hash: passwordHash,
          })
          .execute()
        await repo.replaceRoles(trx, id, [...new Set(input.roles)])
        const after = presentAccount(await findInScope(trx, caller, id))
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'account.create',
          entityType: 'account',
          entityId: id,
          entityLabel: `${input.name} (${input.readerNumber})`,
          before: null,
          after,
        })
        return after
      })
    },

    async update(
      caller: Caller,
      requestId: string,
      accountId: string,
      change: z.output<typeof accounts.UpdateAccountBody>,
    ) {
      const updated = await db.transaction().execute(async (trx) => {
        const current = await findInScope(trx, caller, accountId)
        await checkDepartment(trx, current.library_id, change.departmentId)
        if (change.status === 'disabled' && accountId === caller.accountId) {
          throw fieldProblem(
            'body.status',
            'invalid_value',
            '不能停用自己的账号',
            'You cannot disable your own account',
          )
        }
        await trx
          .updateTable('accounts')
          .set({
            ...(change.name !== undefined ? { name: change.name } : {}),
            ...(change.type !== undefined ? { type: change.type } : {}),
            ...(change.departmentId !== undefined ? { department_id: change.departmentId } : {}),
            ...(change.email !== undefined ? { email: change.email } : {}),
            ...(change.phone !== undefined ? { phone: change.phone } : {}),
            ...(change.status !== undefined ? { status: change.status } : {}),
            updated_at: ctx.now(),
          })
          .where('id', '=', accountId)
          .execute()
        if (change.status === 'disabled') await deleteAccountSessions(trx, accountId)
        const after = presentAccount(await findInScope(trx, caller, accountId))
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId: current.library_id,
          action: 'account.update',
          entityType: 'account',
          entityId: accountId,
          entityLabel: `${after.name} (${after.readerNumber})`,
          before: presentAccount(current),
          after,
        })
        return after
      })
      await ctx.sessions.forgetAccount(accountId)
      return updated
    },

    async setRoles(
      caller: Caller,
      requestId: string,
      accountId: string,
      input: z.output<typeof accounts.SetRolesBody>,
    ) {
      const updated = await db.transaction().execute(async (trx) => {
        const current = await findInScope(trx, caller, accountId)
        if (!current.library_id) throw new ProblemError('forbidden')
        const roles = [...new Set(input.roles)]
        const wasAdmin = current.roles.includes('library_admin')
        if (
          wasAdmin &&
          !roles.includes('library_admin') &&
          (await repo.countLibraryAdmins(trx, current.library_id)) <= 1
        ) {
          throw new ProblemError('last_admin')
        }
        const wanted = roles.includes('subject_librarian') ? [...new Set(input.subjectDepartmentIds)] : []
        const found = await repo.departmentsOfLibrary(trx, current.library_id, wanted)
        if (found.length !== wanted.length) {
          throw fieldProblem(
            'body.subjectDepartmentIds',
            'invalid_value',
            '院系不属于该馆',
            'The department is not in this library',
          )
        }
        await repo.replaceRoles(trx, accountId, roles)
        await repo.replaceSubjects(trx, accountId, current.library_id, wanted)
        const after = presentAccount(await findInScope(trx, caller, accountId))
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId: current.library_id,
          action: 'account.roles.set',
          entityType: 'account',
          entityId: accountId,
          entityLabel: `${current.name} (${current.reader_number})`,
          before: presentAccount(current),
          after,
        })
        return after
      })
      await ctx.sessions.forgetAccount(accountId)
      return updated
    },

    async resetPassword(caller: Caller, requestId: string, accountId: string, password: string) {
      const passwordHash = await hashPassword(password)
      await db.transaction().execute(async (trx) => {
        const current = await findInScope(trx, caller, accountId)
        await trx
          .updateTable('accounts')
          .set({ password_hash: passwordHash, updated_at: ctx.now() })
          .where('id', '=', accountId)
          .execute()
        await deleteAccountSessions(trx, accountId)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId: current.library_id,
          action: 'account.password.reset',
          entityType: 'account',
          entityId: accountId,
          entityLabel: `${current.name} (${current.reader_number})`,
          before: { password: 'old' },
          after: { password: 'new' },
        })
        // The owner hears of it, in case the reset was not theirs to ask for.
        if (current.library_id) {
          await enqueueNotice(trx, {
            libraryId: current.library_id,
            event: 'account.password_reset',
            recipientAccountId: accountId,
            data: { name: current.name, readerNumber: current.reader_number },
          })
        }
      })
      await ctx.sessions.forgetAccount(accountId)
    },
  }
}
