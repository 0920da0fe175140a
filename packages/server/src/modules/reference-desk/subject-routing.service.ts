import type { referenceDesk } from '@shuqiao/contracts'
import type { AppContext } from '../../context.ts'
import { type Caller, hasRole, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { loadDisciplines, unknownDisciplines } from '../e-resources/disciplines.service.ts'
import { deskLibraryOf } from './desk-library.ts'
import { deskStaffOf } from './duty.repository.ts'

/** Subject librarians of the desk (学科馆员): the disciplines and departments chats go to them for. */
export const createSubjectRoutingService = (ctx: AppContext) => {
  const { db } = ctx

  const librariansOf = async (libraryId: string, accountId?: string) => {
    const [staff, disciplines, list, departments] = await Promise.all([
      deskStaffOf(db, libraryId)
        .$if(Boolean(accountId), (query) => query.where('a.id', '=', accountId!))
        .execute(),
      db
        .selectFrom('reference_subject_librarians')
        .select(['account_id', 'discipline'])
        .where('library_id', '=', libraryId)
        .execute(),
      loadDisciplines(db, libraryId),
      db
        .selectFrom('subject_assignments as s')
        .innerJoin('departments as d', 'd.id', 's.department_id')
        .select(['s.account_id', 'd.id', 'd.name_zh', 'd.name_en'])
        .where('s.library_id', '=', libraryId)
        .orderBy('d.code')
        .execute(),
    ])
    return staff.map(
      (row): referenceDesk.SubjectLibrarian => ({
        librarian: { id: row.id, name: row.name },
        disciplines: list.items.filter((discipline) =>
          disciplines.some((tie) => tie.account_id === row.id && tie.discipline === discipline.code),
        ),
        departments: departments
          .filter((tie) => tie.account_id === row.id)
          .map((tie) => ({ id: tie.id, nameZh: tie.name_zh, nameEn: tie.name_en })),
      }),
    )
  }

  return {
    async list(caller: Caller, libraryId: string | undefined) {
      return { items: await librariansOf(await deskLibraryOf(db, caller, libraryId)) }
    },

    /** A library admin ties a librarian of their library to disciplines of its list. */
    async setDisciplines(caller: Caller, httpRequestId: string, accountId: string, codes: string[]) {
      const target = await db
        .selectFrom('accounts')
        .select(['id', 'name', 'library_id', 'consortium_id'])
        .where('id', '=', accountId)
        .executeTakeFirst()
      if (
        !target?.library_id ||
        target.consortium_id !== caller.consortiumId ||
        !scopeIncludes(scopeOf(caller), target.library_id)
      )
        throw new ProblemError('not_found')
      if (!hasRole(caller, 'library_admin', 'consortium_admin')) throw new ProblemError('forbidden')
      const libraryId = target.library_id
      const [before] = await librariansOf(libraryId, accountId)
      if (!before) throw new ProblemError('not_found')
      const wanted = [...new Set(codes)]
      const { items } = await loadDisciplines(db, libraryId)
      const errors = unknownDisciplines(items, wanted, (index) => `body.disciplines.${index}`)
      if (errors.length > 0) throw new ProblemError('validation_failed', { errors })
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('reference_subject_librarians').where('account_id', '=', accountId).execute()
        if (wanted.length > 0)
          await trx
            .insertInto('reference_subject_librarians')
            .values(
              wanted.map((discipline) => ({ library_id: libraryId, account_id: accountId, discipline })),
            )
            .execute()
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId,
          action: 'reference_desk.subject_librarian.set',
          entityType: 'account',
          entityId: accountId,
          entityLabel: target.name,
          before: { disciplines: before.disciplines.map((discipline) => discipline.code) },
          after: { disciplines: wanted },
        })
      })
      return (await librariansOf(libraryId, accountId))[0]!
    },
  }
}
