import { similarityChecks } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { type Caller, isStaff } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { attachFile } from '../../platform/files/files.service.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import {
  assertUpload,
  findBatch,
  findThesis,
  PDF_ONLY,
  readScope,
  writeScope,
} from './similarity-checks.access.ts'
import { presentBatch, presentDetail, presentThesis } from './similarity-checks.presenter.ts'
import { recordReport } from './similarity-checks.reports.ts'
import * as repo from './similarity-checks.repository.ts'
import { matchDepartment } from './similarity-checks.rows.ts'
import { applyTransition, currentAccounts, thesisLabel } from './similarity-checks.transitions.ts'

const { transitionOf } = similarityChecks

type BatchBody = z.output<typeof similarityChecks.BatchBody>
type BatchChange = z.output<typeof similarityChecks.BatchChange>
type BatchListQuery = z.output<typeof similarityChecks.BatchListQuery>
type ThesisListQuery = z.output<typeof similarityChecks.ThesisListQuery>
type ThesisBody = z.output<typeof similarityChecks.ThesisBody>
type ThesisChange = z.output<(typeof similarityChecks.updateThesis)['body']>
type TransitionBody = z.output<(typeof similarityChecks.transitionThesis)['body']>
type BulkBody = z.output<(typeof similarityChecks.bulkTransition)['body']>

const bp = (percent: number) => Math.round(percent * 100)

/** A batch as the audit log keeps it. */
const batchView = (batch: similarityChecks.Batch) => ({
  name: batch.name,
  degree: batch.degree,
  origin: batch.origin,
  source: batch.source,
  service: batch.service,
  serviceNote: batch.serviceNote,
  thresholdPercent: batch.thresholdPercent,
  dueDate: batch.dueDate,
  notes: batch.notes,
})

const thesisView = (thesis: similarityChecks.Thesis) => ({
  readerNumber: thesis.readerNumber,
  authorName: thesis.authorName,
  title: thesis.title,
  supervisor: thesis.supervisor,
  department: thesis.department,
  major: thesis.major,
  thesisFile: thesis.thesisFile?.name ?? null,
})

const alreadyInBatch = (readerNumber: string) =>
  fieldProblem(
    'body.readerNumber',
    'already_in_batch',
    `学号 ${readerNumber} 的论文已在本批次中`,
    `A thesis by reader number ${readerNumber} is already in this batch`,
  )

export const createSimilarityChecksService = (ctx: AppContext) => {
  const { db } = ctx
  const todayAt = (timeZone: string) => todayIn(timeZone, ctx.now())

  const batchDetail = async (trx: Kysely<DB>, caller: Caller, batchId: string, write = false) => {
    const row = await findBatch(trx, write ? writeScope(caller) : readScope(caller), batchId)
    return {
      ...presentBatch(row, todayAt(row.time_zone)),
      departments: await repo.batchDepartments(trx, batchId),
    }
  }

  const thesisDetail = async (trx: Kysely<DB>, caller: Caller, thesisId: string) => {
    const { row, viewpoint } = await findThesis(trx, caller, thesisId)
    return presentDetail(row, await repo.listEvents(trx, [row.id]), viewpoint)
  }

  const listBatches = async (caller: Caller, query: BatchListQuery) => {
    let q = repo.batchesInScope(db, readScope(caller))
    if (query.libraryId) q = q.where('b.library_id', '=', query.libraryId)
    if (query.degree) q = q.where('b.degree', '=', query.degree)
    if (query.service) q = q.where('b.service', '=', query.service)
    if (query.q) {
      const pattern = repo.likePattern(query.q)
      q = q.where((eb) => eb.or([eb('b.name', 'ilike', pattern), eb('b.source', 'ilike', pattern)]))
    }
    if (query.state === 'open')
      q = q.where(sql<boolean>`(c.total = 0 or c.waiting + c.submitted + c.returned > 0)`)
    if (query.state === 'done')
      q = q.where(sql<boolean>`(c.total > 0 and c.waiting + c.submitted + c.returned = 0)`)
    if (query.cursor) q = q.where('b.id', '<', query.cursor)
    const rows = await q
      .orderBy('b.id', 'desc')
      .limit(query.limit + 1)
      .execute()
    const items = rows.slice(0, query.limit).map((row) => presentBatch(row, todayAt(row.time_zone)))
    return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
  }

  const createBatch = async (caller: Caller, requestId: string, body: BatchBody) => {
    const libraryId = caller.libraryId
    if (!libraryId || !isStaff(caller)) throw new ProblemError('forbidden')
    const id = uuidv7()
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('similarity_check_batches')
        .values({
          id,
          library_id: libraryId,
          name: body.name,
          degree: body.degree,
          origin: body.origin,
          source: body.source ?? null,
          service: body.service,
          service_note: body.serviceNote ?? null,
          threshold_bp: bp(body.thresholdPercent),
          due_date: body.dueDate ?? null,
          notes: body.notes?.trim() || null,
          created_by: caller.accountId,
        })
        .execute()
      const created = await batchDetail(trx, caller, id, true)
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action: 'similarity_batch.create',
        entityType: 'similarity_batch',
        entityId: id,
        entityLabel: created.name,
        before: null,
        after: batchView(created),
      })
    })
    return batchDetail(db, caller, id)
  }

  const updateBatch = async (caller: Caller, requestId: string, batchId: string, body: BatchChange) => {
    await db.transaction().execute(async (trx) => {
      const before = await batchDetail(trx, caller, batchId, true)
      if (body.degree && body.degree !== before.degree && before.counts.total > 0)
        throw fieldProblem(
          'body.degree',
          'locked',
          '批次中已有论文，不能再改学位；请新建一个批次',
          'The batch has theses, so its degree cannot change; open another batch',
        )
      await trx
        .updateTable('similarity_check_batches')
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.degree !== undefined ? { degree: body.degree } : {}),
          ...(body.origin !== undefined ? { origin: body.origin } : {}),
          ...(body.source !== undefined ? { source: body.source } : {}),
          ...(body.service !== undefined ? { service: body.service } : {}),
          ...(body.serviceNote !== undefined ? { service_note: body.serviceNote } : {}),
          ...(body.thresholdPercent !== undefined ? { threshold_bp: bp(body.thresholdPercent) } : {}),
          ...(body.dueDate !== undefined ? { due_date: body.dueDate } : {}),
          ...(body.notes !== undefined ? { notes: body.notes?.trim() || null } : {}),
          updated_at: ctx.now(),
        })
        .where('id', '=', batchId)
        .execute()
      const after = await batchDetail(trx, caller, batchId, true)
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId: after.libraryId,
        action: 'similarity_batch.update',
        entityType: 'similarity_batch',
        entityId: batchId,
        entityLabel: after.name,
        before: batchView(before),
        after: batchView(after),
      })
    })
    return batchDetail(db, caller, batchId)
  }

  const deleteBatch = async (caller: Caller, requestId: string, batchId: string) => {
    await db.transaction().execute(async (trx) => {
      const batch = await batchDetail(trx, caller, batchId, true)
      const used = await trx
        .selectFrom('similarity_check_events as e')
        .innerJoin('similarity_check_theses as t', 't.id', 'e.thesis_id')
        .select('e.id')
        .where('t.batch_id', '=', batchId)
        .where('e.action', 'in', ['submit', 'record', 'correct'])
        .limit(1)
        .executeTakeFirst()
      if (used) throw new ProblemError('batch_in_use')
      await trx.deleteFrom('similarity_check_batches').where('id', '=', batchId).execute()
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId: batch.libraryId,
        action: 'similarity_batch.delete',
        entityType: 'similarity_batch',
        entityId: batchId,
        entityLabel: batch.name,
        before: { ...batchView(batch), theses: batch.counts.total },
        after: null,
      })
    })
  }

  const listTheses = async (caller: Caller, batchId: string, query: ThesisListQuery) => {
    const scope = readScope(caller)
    await findBatch(db, scope, batchId)
    let q = repo.thesesInScope(db, scope).where('t.batch_id', '=', batchId)
    if (query.status) q = q.where('t.status', '=', query.status)
    if (query.verdict === 'passed')
      q = q.where('t.status', '=', 'checked').whereRef('t.similarity_bp', '<=', 'b.threshold_bp')
    if (query.verdict === 'failed')
      q = q.where('t.status', '=', 'checked').whereRef('t.similarity_bp', '>', 'b.threshold_bp')
    if (query.department) q = q.where('t.department_name', '=', query.department)
    if (query.q) {
      const pattern = repo.likePattern(query.q)
      q = q.where((eb) =>
        eb.or([
          eb('t.author_name', 'ilike', pattern),
          eb('t.reader_number', 'ilike', pattern),
          eb('t.title', 'ilike', pattern),
          eb('t.supervisor', 'ilike', pattern),
        ]),
      )
    }
    if (query.cursor) q = q.where('t.id', '>', query.cursor)
    const rows = await q
      .orderBy('t.id')
      .limit(query.limit + 1)
      .execute()
    const items = rows.slice(0, query.limit).map((row) => presentThesis(row, 'staff'))
    return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
  }

  const addThesis = async (caller: Caller, requestId: string, batchId: string, body: ThesisBody) => {
    const id = uuidv7()
    await db.transaction().execute(async (trx) => {
      const batch = await findBatch(trx, writeScope(caller), batchId)
      if (body.degree && body.degree !== batch.degree)
        throw fieldProblem(
          'body.degree',
          'degree_mismatch',
          '学位与本批次不符；请放入对应学位的批次',
          'The degree differs from the batch’s; put it in a batch of its degree',
        )
      const taken = await trx
        .selectFrom('similarity_check_theses')
        .select('id')
        .where('batch_id', '=', batchId)
        .where('reader_number', '=', body.readerNumber)
        .executeTakeFirst()
      if (taken) throw alreadyInBatch(body.readerNumber)
      const accounts = await repo.readerAccounts(trx, batch.library_id, [body.readerNumber])
      const department = body.department
        ? matchDepartment(body.department, await repo.libraryDepartments(trx, batch.library_id))
        : undefined
      await trx
        .insertInto('similarity_check_theses')
        .values({
          id,
          library_id: batch.library_id,
          batch_id: batchId,
          reader_number: body.readerNumber,
          account_id: accounts.get(body.readerNumber) ?? null,
          author_name: body.authorName,
          title: body.title,
          supervisor: body.supervisor ?? null,
          department_id: department?.id ?? null,
          department_name: department?.nameZh ?? body.department ?? null,
          major: body.major ?? null,
          degree: batch.degree,
          status: 'waiting',
        })
        .execute()
      await trx
        .insertInto('similarity_check_events')
        .values({
          id: uuidv7(),
          thesis_id: id,
          library_id: batch.library_id,
          actor_id: caller.accountId,
          action: 'create',
          to_status: 'waiting',
          attempt: 1,
        })
        .execute()
      const { row } = await findThesis(trx, caller, id, 'write')
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId: batch.library_id,
        action: 'similarity_thesis.create',
        entityType: 'similarity_thesis',
        entityId: id,
        entityLabel: thesisLabel(row),
        before: null,
        after: { batch: batch.name, ...thesisView(presentThesis(row, 'staff')) },
      })
    })
    return thesisDetail(db, caller, id)
  }

  const updateThesis = async (caller: Caller, requestId: string, thesisId: string, body: ThesisChange) => {
    if (body.thesisFileId) await assertUpload(ctx, caller, body.thesisFileId, 'body.thesisFileId', PDF_ONLY)
    await db.transaction().execute(async (trx) => {
      const { row } = await findThesis(trx, caller, thesisId, 'write')
      const before = presentThesis(row, 'staff')
      let accountId = row.account_id
      if (body.readerNumber !== undefined && body.readerNumber !== row.reader_number) {
        const taken = await trx
          .selectFrom('similarity_check_theses')
          .select('id')
          .where('batch_id', '=', row.batch_id)
          .where('reader_number', '=', body.readerNumber)
          .executeTakeFirst()
        if (taken) throw alreadyInBatch(body.readerNumber)
        accountId =
          (await repo.readerAccounts(trx, row.library_id, [body.readerNumber])).get(body.readerNumber) ?? null
      }
      let department: { department_id: string | null; department_name: string | null } | undefined
      if (body.department !== undefined) {
        const matched = body.department
          ? matchDepartment(body.department, await repo.libraryDepartments(trx, row.library_id))
          : undefined
        department = {
          department_id: matched?.id ?? null,
          department_name: matched?.nameZh ?? body.department ?? null,
        }
      }
      if (body.thesisFileId)
        await attachFile(trx, body.thesisFileId, {
          ownerKind: 'similarity_thesis',
          ownerId: thesisId,
          libraryId: row.library_id,
          byAccountId: caller.accountId,
          field: 'body.thesisFileId',
        })
      await trx
        .updateTable('similarity_check_theses')
        .set({
          ...(body.readerNumber !== undefined
            ? { reader_number: body.readerNumber, account_id: accountId }
            : {}),
          ...(body.authorName !== undefined ? { author_name: body.authorName } : {}),
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.supervisor !== undefined ? { supervisor: body.supervisor } : {}),
          ...(body.major !== undefined ? { major: body.major } : {}),
          ...(body.thesisFileId !== undefined ? { thesis_file_id: body.thesisFileId } : {}),
          ...department,
          updated_at: ctx.now(),
        })
        .where('id', '=', thesisId)
        .execute()
      const after = presentThesis((await findThesis(trx, caller, thesisId, 'write')).row, 'staff')
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId: row.library_id,
        action: 'similarity_thesis.update',
        entityType: 'similarity_thesis',
        entityId: thesisId,
        entityLabel: thesisLabel(row),
        before: thesisView(before),
        after: thesisView(after),
      })
    })
    return thesisDetail(db, caller, thesisId)
  }

  const transition = async (caller: Caller, requestId: string, thesisId: string, body: TransitionBody) => {
    if (body.reportFileId) await assertUpload(ctx, caller, body.reportFileId, 'body.reportFileId', PDF_ONLY)
    await db.transaction().execute(async (trx) => {
      const { row } = await findThesis(trx, caller, thesisId, 'write')
      const accounts = await currentAccounts(trx, [row])
      await applyTransition(
        ctx,
        trx,
        caller,
        requestId,
        row,
        {
          action: body.action,
          similarityBp: body.similarityPercent === undefined ? undefined : bp(body.similarityPercent),
          reportFileId: body.reportFileId,
          note: body.note,
        },
        accounts.get(row.id) ?? null,
      )
    })
    return thesisDetail(db, caller, thesisId)
  }

  const attachReport = async (caller: Caller, requestId: string, thesisId: string, fileId: string) => {
    await assertUpload(ctx, caller, fileId, 'body.fileId', PDF_ONLY)
    await db.transaction().execute(async (trx) => {
      const { row } = await findThesis(trx, caller, thesisId, 'write')
      if (row.status !== 'checked')
        throw new ProblemError('illegal_transition', {
          detail: {
            zh: '论文出结果后才能上传检测报告。',
            en: 'A report can be attached once the thesis has its result.',
          },
          extensions: { currentStatus: row.status, allowed: [] },
        })
      const accountId = (await currentAccounts(trx, [row])).get(row.id) ?? null
      await recordReport(ctx, trx, caller, requestId, row, fileId, accountId)
    })
    return thesisDetail(db, caller, thesisId)
  }

  const bulkTransition = async (caller: Caller, requestId: string, batchId: string, body: BulkBody) => {
    const move = transitionOf(body.action)
    if (!move) throw new ProblemError('bad_request')
    if (move.needsReason && !body.note?.trim())
      throw fieldProblem(
        'body.note',
        'required',
        '请填写原因，作者会看到它',
        'Give a reason; the author will see it',
      )
    return db.transaction().execute(async (trx) => {
      await findBatch(trx, writeScope(caller), batchId)
      let q = repo.thesesInScope(trx, writeScope(caller)).where('t.batch_id', '=', batchId)
      q =
        body.thesisIds === 'all'
          ? q.where('t.status', 'in', [...move.from])
          : q.where('t.id', 'in', [...new Set(body.thesisIds)])
      const rows = await q.orderBy('t.id').execute()
      const movable = rows.filter((row) => move.from.includes(row.status))
      const accounts = await currentAccounts(trx, movable)
      for (const row of movable)
        await applyTransition(
          ctx,
          trx,
          caller,
          requestId,
          row,
          { action: move.action, note: body.note },
          accounts.get(row.id) ?? null,
        )
      const asked = body.thesisIds === 'all' ? rows.length : new Set(body.thesisIds).size
      return { changed: movable.length, skipped: asked - movable.length }
    })
  }

  const listMine = async (caller: Caller, query: { cursor?: string | undefined; limit: number }) => {
    if (!caller.libraryId) return { items: [], nextCursor: null }
    const me = await db
      .selectFrom('accounts')
      .select('reader_number')
      .where('id', '=', caller.accountId)
      .executeTakeFirstOrThrow()
    let q = repo
      .thesesInScope(db, { consortiumId: caller.consortiumId, libraryIds: [caller.libraryId] })
      .where((eb) =>
        eb.or([
          eb('t.account_id', '=', caller.accountId),
          eb.and([eb('t.account_id', 'is', null), eb('t.reader_number', '=', me.reader_number)]),
        ]),
      )
    if (query.cursor) q = q.where('t.id', '<', query.cursor)
    const rows = await q
      .orderBy('t.id', 'desc')
      .limit(query.limit + 1)
      .execute()
    const page = rows.slice(0, query.limit)
    const events = await repo.listEvents(
      db,
      page.map((row) => row.id),
    )
    const items = page.map((row) => presentDetail(row, events, 'reader'))
    return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
  }

  return {
    listBatches,
    createBatch,
    getBatch: (caller: Caller, batchId: string) => batchDetail(db, caller, batchId),
    updateBatch,
    deleteBatch,
    listTheses,
    addThesis,
    getThesis: (caller: Caller, thesisId: string) => thesisDetail(db, caller, thesisId),
    updateThesis,
    transition,
    attachReport,
    bulkTransition,
    listMine,
  }
}

export type SimilarityChecksService = ReturnType<typeof createSimilarityChecksService>
