import type { referenceDesk } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { type Caller, isConsortiumAdmin, isStaff, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { searchTextOf } from '../../platform/search/search-text.ts'
import { deskLibraryOf } from './desk-library.ts'
import { faqSnapshot, presentFaq, presentManagedFaq } from './faq.presenter.ts'
import * as repo from './faq.repository.ts'

type Input = z.output<typeof referenceDesk.FaqInput>
type SearchQuery = z.output<typeof referenceDesk.searchFaq.query>
type ManageQuery = z.output<typeof referenceDesk.listManagedFaq.query>

/** Staff of the library, or the admin of its consortium, see its staff-only articles. */
const seesStaffOnly = (caller: Caller | undefined, library: { id: string; consortium_id: string }) =>
  Boolean(
    caller &&
      ((isStaff(caller) && caller.libraryId === library.id) ||
        (isConsortiumAdmin(caller) && caller.consortiumId === library.consortium_id)),
  )

/** The reference desk's FAQ (常见问题): readers search it, staff write it. */
export const createFaqService = (ctx: AppContext) => {
  const { db } = ctx

  const libraryFor = async (caller: Caller | undefined, code: string | undefined) => {
    const query = db.selectFrom('libraries').select(['id', 'consortium_id'])
    if (code) {
      const library = await query.where('code', '=', code).executeTakeFirst()
      if (!library) throw new ProblemError('not_found')
      return library
    }
    if (!caller?.libraryId)
      throw fieldProblem('query.library', 'required', '请指明图书馆', 'Name the library')
    return query.where('id', '=', caller.libraryId).executeTakeFirstOrThrow()
  }

  /** An article the caller may change, or not found. */
  const editable = async (caller: Caller, articleId: string) => {
    const row = await repo.findFaq(db, articleId)
    if (!row || row.consortium_id !== caller.consortiumId) throw new ProblemError('not_found')
    if (!scopeIncludes(scopeOf(caller), row.library_id)) throw new ProblemError('not_found')
    return row
  }

  const checkQueue = async (trx: Kysely<DB>, libraryId: string, queueId: string | null) => {
    if (!queueId) return
    const queue = await trx
      .selectFrom('reference_queues')
      .select('id')
      .where('id', '=', queueId)
      .where('library_id', '=', libraryId)
      .executeTakeFirst()
    if (!queue)
      throw fieldProblem(
        'body.queueId',
        'not_found',
        '本馆没有这个咨询主题',
        'This library has no such topic',
      )
  }

  const columns = (input: Omit<Input, 'libraryId'>) => ({
    queue_id: input.queueId,
    question_zh: input.questionZh,
    answer_zh: input.answerZh,
    question_en: input.questionEn,
    answer_en: input.answerEn,
    visibility: input.visibility,
    status: input.status,
    position: input.position,
    search_text: searchTextOf(input.questionZh, input.questionEn, input.answerZh, input.answerEn),
  })

  const reread = async (trx: Kysely<DB>, articleId: string) =>
    presentManagedFaq((await repo.findFaq(trx, articleId))!)

  return {
    /** Anyone: a library's published articles they may see, matching what they typed. */
    async search(caller: Caller | undefined, query: SearchQuery) {
      const library = await libraryFor(caller, query.library)
      const rows = await repo
        .faqOf(db, library.id, {
          q: query.q,
          queueId: query.queueId,
          status: 'published',
          visibilities: seesStaffOnly(caller, library) ? ['public', 'staff'] : ['public'],
        })
        .limit(query.limit)
        .execute()
      return { items: rows.map(presentFaq) }
    },

    async manage(caller: Caller, query: ManageQuery) {
      const libraryId = await deskLibraryOf(db, caller, query.libraryId)
      const rows = await repo
        .faqOf(db, libraryId, {
          q: query.q,
          queueId: query.queueId,
          status: query.status,
          ...(query.visibility ? { visibilities: [query.visibility] } : {}),
        })
        .limit(500)
        .execute()
      return { items: rows.map(presentManagedFaq) }
    },

    async create(caller: Caller, httpRequestId: string, input: Input) {
      const libraryId = await deskLibraryOf(db, caller, input.libraryId, 'body.libraryId')
      const id = uuidv7()
      return db.transaction().execute(async (trx) => {
        await checkQueue(trx, libraryId, input.queueId)
        await trx
          .insertInto('reference_faq')
          .values({
            id,
            library_id: libraryId,
            ...columns(input),
            created_by: caller.accountId,
            updated_by: caller.accountId,
          })
          .execute()
        const created = await reread(trx, id)
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId,
          action: 'reference_desk.faq.create',
          entityType: 'reference_faq',
          entityId: id,
          entityLabel: input.questionZh,
          before: null,
          after: faqSnapshot(created),
        })
        return created
      })
    },

    async update(caller: Caller, httpRequestId: string, articleId: string, input: Omit<Input, 'libraryId'>) {
      const row = await editable(caller, articleId)
      const before = presentManagedFaq(row)
      return db.transaction().execute(async (trx) => {
        await checkQueue(trx, row.library_id, input.queueId)
        await trx
          .updateTable('reference_faq')
          .set({ ...columns(input), updated_by: caller.accountId, updated_at: ctx.now() })
          .where('id', '=', articleId)
          .execute()
        const after = await reread(trx, articleId)
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId: row.library_id,
          action: 'reference_desk.faq.update',
          entityType: 'reference_faq',
          entityId: articleId,
          entityLabel: after.questionZh,
          before: faqSnapshot(before),
          after: faqSnapshot(after),
        })
        return after
      })
    },

    async remove(caller: Caller, httpRequestId: string, articleId: string) {
      const row = await editable(caller, articleId)
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('reference_faq').where('id', '=', articleId).execute()
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId: row.library_id,
          action: 'reference_desk.faq.delete',
          entityType: 'reference_faq',
          entityId: articleId,
          entityLabel: row.question_zh,
          before: faqSnapshot(presentManagedFaq(row)),
          after: null,
        })
      })
      return undefined
    },
  }
}
