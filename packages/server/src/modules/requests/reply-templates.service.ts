import {
  type Language,
  parseReplyTemplate,
  REPLY_PLACEHOLDERS,
  REQUEST_TYPES,
  type ReplyValues,
  renderReplyTemplate,
  replyTemplates,
  requestTypeOf,
} from '@shuqiao/contracts'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { type Caller, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { fieldProblem, type LocalizedFieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { auditSnapshot, presentTemplate } from './reply-templates.presenter.ts'
import * as repo from './reply-templates.repository.ts'
import { requestsInScope } from './requests.repository.ts'

type Input = z.output<typeof replyTemplates.ReplyTemplateInput>
type Change = z.output<typeof replyTemplates.ReplyTemplateChange>

const ZH_TOKENS = REPLY_PLACEHOLDERS.map((placeholder) => `{${placeholder.zh}}`).join(' ')
const EN_TOKENS = REPLY_PLACEHOLDERS.map((placeholder) => `{${placeholder.key}}`).join(' ')

/** Field problems of a template body: placeholders we cannot fill, and full-width braces. */
const bodyProblems = (path: string, body: string | null | undefined): LocalizedFieldProblem[] => {
  if (!body) return []
  const parsed = parseReplyTemplate(body)
  const problems: LocalizedFieldProblem[] = []
  if (parsed.unknown.length > 0) {
    const names = parsed.unknown.join(' ')
    problems.push({
      path,
      code: 'unknown_placeholder',
      message: {
        zh: `不认识的占位符：${names}。可用的有 ${ZH_TOKENS}（或英文写法）；要写花括号本身，请写两个，如 {{ }}`,
        en: `Unknown placeholder: ${names}. Use ${EN_TOKENS} (or the Chinese names); for a literal brace write it twice, {{ }}`,
      },
    })
  }
  if (parsed.fullWidth.length > 0) {
    const names = parsed.fullWidth.join(' ')
    problems.push({
      path,
      code: 'full_width_braces',
      message: {
        zh: `占位符要用半角花括号：${names} 请改成 {…} 的写法`,
        en: `Placeholders take ASCII braces: write ${names} with { }`,
      },
    })
  }
  return problems
}

/** A step must be a staff transition of the type, or of some type when none is given. */
const checkAction = (type: string | null, action: string | null) => {
  if (action === null) return
  const types = type ? [requestTypeOf(type)!] : REQUEST_TYPES
  const known = types.some((candidate) =>
    candidate.transitions.some((transition) => transition.by === 'staff' && transition.action === action),
  )
  if (!known) {
    throw fieldProblem(
      'body.action',
      'invalid_value',
      type ? '这类申请没有这个办理步骤' : '没有这个办理步骤',
      type ? 'This kind of request has no such step' : 'There is no such step',
    )
  }
}

const checkBodies = (values: { bodyZh?: string | null | undefined; bodyEn?: string | null | undefined }) => {
  const errors = [
    ...bodyProblems('body.bodyZh', values.bodyZh),
    ...bodyProblems('body.bodyEn', values.bodyEn),
  ]
  if (errors.length > 0) throw new ProblemError('validation_failed', { errors })
}

const blankToNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null)

/** Reply templates (回复模板): what staff may keep, and the text a request's reader gets from them. */
export const createReplyTemplatesService = (ctx: AppContext) => {
  const { db } = ctx

  /** The library a new template belongs to: the caller's own, or the one a consortium admin names. */
  const libraryFor = async (caller: Caller, libraryId: string | undefined) => {
    if (!libraryId) {
      if (caller.libraryId) return caller.libraryId
      throw fieldProblem('body.libraryId', 'required', '请选择图书馆', 'Choose a library')
    }
    if (!scopeIncludes(scopeOf(caller), libraryId)) throw new ProblemError('not_found')
    const library = await db
      .selectFrom('libraries')
      .select('id')
      .where('id', '=', libraryId)
      .where('consortium_id', '=', caller.consortiumId)
      .executeTakeFirst()
    if (!library) throw new ProblemError('not_found')
    return library.id
  }

  const findVisible = async (caller: Caller, templateId: string) => {
    const row = await repo
      .templatesVisibleTo(db, scopeOf(caller), caller.accountId)
      .where('t.id', '=', templateId)
      .executeTakeFirst()
    if (!row) throw new ProblemError('not_found')
    return row
  }

  return {
    async list(caller: Caller, query: z.output<typeof replyTemplates.ReplyTemplateQuery>) {
      const scope = scopeOf(caller)
      if (query.libraryId && !scopeIncludes(scope, query.libraryId)) throw new ProblemError('not_found')
      let q = repo.templatesVisibleTo(db, scope, caller.accountId)
      if (query.libraryId) q = q.where('t.library_id', '=', query.libraryId)
      if (query.type) q = q.where((eb) => eb.or([eb('t.type', 'is', null), eb('t.type', '=', query.type!)]))
      if (query.action)
        q = q.where((eb) => eb.or([eb('t.action', 'is', null), eb('t.action', '=', query.action!)]))
      if (query.owner === 'mine') q = q.where('t.owner_id', '=', caller.accountId)
      if (query.owner === 'library') q = q.where('t.owner_id', 'is', null)
      const rows = await q
        .orderBy('t.library_id')
        .orderBy('t.type')
        .orderBy('t.action')
        .orderBy('t.title_zh')
        .limit(replyTemplates.REPLY_TEMPLATES_MAX)
        .execute()
      return { items: rows.map(presentTemplate) }
    },

    async create(caller: Caller, httpRequestId: string, input: Input) {
      const libraryId = await libraryFor(caller, input.libraryId)
      checkAction(input.type, input.action)
      checkBodies(input)
      const id = uuidv7()
      await db.transaction().execute(async (trx) => {
        if ((await repo.countLibraryTemplates(trx, libraryId)) >= replyTemplates.REPLY_TEMPLATES_MAX)
          throw new ProblemError('reply_templates_full')
        await trx
          .insertInto('reply_templates')
          .values({
            id,
            library_id: libraryId,
            owner_id: input.personal ? caller.accountId : null,
            type: input.type,
            action: input.action,
            title_zh: input.titleZh,
            title_en: blankToNull(input.titleEn),
            body_zh: input.bodyZh.trim(),
            body_en: blankToNull(input.bodyEn),
            created_by: caller.accountId,
            updated_by: caller.accountId,
          })
          .execute()
        const created = await repo
          .templatesVisibleTo(trx, scopeOf(caller), caller.accountId)
          .where('t.id', '=', id)
          .executeTakeFirstOrThrow()
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId,
          action: 'request.reply_template.create',
          entityType: 'reply_template',
          entityId: id,
          entityLabel: input.titleZh,
          before: null,
          after: auditSnapshot(presentTemplate(created)),
        })
      })
      return presentTemplate(await findVisible(caller, id))
    },

    async update(caller: Caller, httpRequestId: string, templateId: string, change: Change) {
      const before = await findVisible(caller, templateId)
      const type = change.type === undefined ? before.type : change.type
      const action = change.action === undefined ? before.action : change.action
      checkAction(type, action)
      checkBodies(change)
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('reply_templates')
          .set({
            ...(change.personal === undefined ? {} : { owner_id: change.personal ? caller.accountId : null }),
            ...(change.type === undefined ? {} : { type: change.type }),
            ...(change.action === undefined ? {} : { action: change.action }),
            ...(change.titleZh === undefined ? {} : { title_zh: change.titleZh }),
            ...(change.titleEn === undefined ? {} : { title_en: blankToNull(change.titleEn) }),
            ...(change.bodyZh === undefined ? {} : { body_zh: change.bodyZh.trim() }),
            ...(change.bodyEn === undefined ? {} : { body_en: blankToNull(change.bodyEn) }),
            updated_by: caller.accountId,
            updated_at: ctx.now(),
          })
          .where('id', '=', templateId)
          .execute()
        const after = await repo
          .templatesVisibleTo(trx, scopeOf(caller), caller.accountId)
          .where('t.id', '=', templateId)
          .executeTakeFirstOrThrow()
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId: before.library_id,
          action: 'request.reply_template.update',
          entityType: 'reply_template',
          entityId: templateId,
          entityLabel: after.title_zh,
          before: auditSnapshot(presentTemplate(before)),
          after: auditSnapshot(presentTemplate(after)),
        })
      })
      return presentTemplate(await findVisible(caller, templateId))
    },

    async remove(caller: Caller, httpRequestId: string, templateId: string) {
      const before = await findVisible(caller, templateId)
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('reply_templates').where('id', '=', templateId).execute()
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId: before.library_id,
          action: 'request.reply_template.delete',
          entityType: 'reply_template',
          entityId: templateId,
          entityLabel: before.title_zh,
          before: auditSnapshot(presentTemplate(before)),
          after: null,
        })
      })
    },

    /**
     * The templates that fit a request and a step (without a step: those for comments), filled
     * in with the request's values in its reader's language.
     */
    async forRequest(caller: Caller, requestId: string, action: string | undefined) {
      // Requests of the caller's library (every member library for the consortium admin).
      const request = await requestsInScope(db, scopeOf(caller))
        .select(['reader.language as reader_language', 'l.name_zh', 'l.name_en'])
        .where('r.id', '=', requestId)
        .executeTakeFirst()
      if (!request) throw new ProblemError('not_found')
      const me = await db
        .selectFrom('accounts')
        .select('name')
        .where('id', '=', caller.accountId)
        .executeTakeFirstOrThrow()
      const language: Language = request.reader_language
      const english = language === 'en'
      const type = requestTypeOf(request.type)
      const values: ReplyValues = {
        reader_name: request.reader_name,
        number: request.number,
        type: type ? (english ? type.name.en : type.name.zh) : request.type,
        due_date: request.due_date,
        library: english ? request.name_en : request.name_zh,
        staff_name: me.name,
      }
      let q = repo
        .templatesVisibleTo(db, scopeOf(caller), caller.accountId)
        .where('t.library_id', '=', request.library_id)
        .where((eb) => eb.or([eb('t.type', 'is', null), eb('t.type', '=', request.type)]))
      q = action
        ? q.where((eb) => eb.or([eb('t.action', 'is', null), eb('t.action', '=', action)]))
        : q.where('t.action', 'is', null)
      // The most specific first: for this step, then for this type, then my own.
      const rows = await q
        .orderBy((eb) => eb('t.action', 'is', null))
        .orderBy((eb) => eb('t.type', 'is', null))
        .orderBy((eb) => eb('t.owner_id', 'is', null))
        .orderBy('t.title_zh')
        .limit(replyTemplates.REPLY_TEMPLATES_MAX)
        .execute()
      return {
        language,
        items: rows.map((row) => {
          const untranslated = english && !row.body_en
          return {
            id: row.id,
            personal: row.owner_id !== null,
            type: row.type as replyTemplates.RenderedReply['type'],
            action: row.action,
            title: { zh: row.title_zh, en: row.title_en ?? row.title_zh },
            text: renderReplyTemplate(english && row.body_en ? row.body_en : row.body_zh, values),
            untranslated,
          }
        }),
      }
    },
  }
}
