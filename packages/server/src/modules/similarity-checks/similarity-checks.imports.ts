import { buffer } from 'node:stream/consumers'
import { files, type Language, similarityChecks } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { attachFile, type FileRecord, openBytes } from '../../platform/files/files.service.ts'
import { readTable, type Table, UnreadableTable } from '../../platform/spreadsheets/read-table.ts'
import { assertUpload, findBatch, writeScope } from './similarity-checks.access.ts'
import { cellOf, mapColumns } from './similarity-checks.columns.ts'
import { percent } from './similarity-checks.presenter.ts'
import * as repo from './similarity-checks.repository.ts'
import { checkResultRows, checkThesisRows, type RowProblem } from './similarity-checks.rows.ts'
import { applyTransition, currentAccounts } from './similarity-checks.transitions.ts'

const { THESIS_COLUMNS } = similarityChecks

// Lists and results arrive as files. Each import is read and judged row by row the same way for
// the dry run and for the apply; the apply writes everything in one transaction or nothing.

const LISTS = {
  mediaTypes: [files.FILE_KINDS.txt.mediaType, files.FILE_KINDS.xlsx.mediaType],
  zh: '请上传 CSV（UTF-8 或 GBK 编码）或 Excel（.xlsx）文件',
  en: 'Upload a CSV (UTF-8 or GBK) or Excel (.xlsx) file',
}

type ImportBody = { fileId: string; dryRun: boolean }

const localise = (problems: RowProblem[], language: Language): similarityChecks.ImportProblem[] =>
  problems.map((problem) => ({
    line: problem.line,
    column: problem.column,
    code: problem.code,
    message: language === 'en' ? problem.message.en : problem.message.zh,
    severity: problem.severity,
  }))

const hasErrors = (problems: RowProblem[]) => problems.some((problem) => problem.severity === 'error')

/** The uploaded list as a table, or the one problem that stops it being read (with its line when known). */
const readList = async (
  ctx: AppContext,
  file: FileRecord,
): Promise<{ table: Table; problem?: undefined } | { table?: undefined; problem: RowProblem }> => {
  const bytes = await buffer(await openBytes(ctx, file))
  try {
    return { table: await readTable(bytes) }
  } catch (error) {
    // Without a line there is nothing to preview: the file as a whole cannot be read (422).
    if (!(error instanceof UnreadableTable) || error.line === 0 || !error.reason) throw error
    return {
      problem: {
        line: error.line,
        column: null,
        code: 'malformed',
        message: error.reason,
        severity: 'error',
      },
    }
  }
}

const CHUNK = 500

export const createImportsService = (ctx: AppContext) => {
  const { db } = ctx

  const judgeTheses = async (trx: Kysely<DB>, batch: repo.BatchRow, table: Table) => {
    const map = mapColumns(table.headers, THESIS_COLUMNS)
    const numbers = [...new Set(table.rows.map((row) => cellOf(map, row, 'readerNumber')).filter(Boolean))]
    const existing = await trx
      .selectFrom('similarity_check_theses')
      .select('reader_number')
      .where('batch_id', '=', batch.id)
      .execute()
    return checkThesisRows(table, {
      batchDegree: batch.degree,
      existing: new Set(existing.map((row) => row.reader_number)),
      accounts: await repo.readerAccounts(trx, batch.library_id, numbers),
      departments: await repo.libraryDepartments(trx, batch.library_id),
    })
  }

  /** Previews or applies a list of theses for a batch. */
  const importTheses = async (
    caller: Caller,
    requestId: string,
    batchId: string,
    body: ImportBody,
  ): Promise<similarityChecks.ThesisImportPreview> => {
    await findBatch(db, writeScope(caller), batchId)
    const file = await assertUpload(ctx, caller, body.fileId, 'body.fileId', LISTS)
    const read = await readList(ctx, file)
    const answer = (
      judged: Awaited<ReturnType<typeof judgeTheses>> | undefined,
      problems: RowProblem[],
      created: number,
    ): similarityChecks.ThesisImportPreview => ({
      dryRun: body.dryRun,
      fileName: file.name,
      rows: read.table?.rows.length ?? 0,
      valid: judged?.items.filter((item) => item.ok).length ?? 0,
      created,
      columns: judged?.columns ?? { found: {}, ignored: [] },
      problems: localise(problems, caller.language),
      items: (judged?.items ?? []).map((item) => ({
        line: item.line,
        readerNumber: item.readerNumber,
        authorName: item.authorName,
        title: item.title,
        supervisor: item.supervisor,
        department: item.department,
        major: item.major,
        degree: item.degree,
        accountFound: item.accountId !== null,
        ok: item.ok,
      })),
    })
    if (!read.table) {
      if (body.dryRun) return answer(undefined, [read.problem], 0)
      throw new ProblemError('import_has_problems', {
        extensions: { problems: localise([read.problem], caller.language) },
      })
    }
    const table = read.table
    if (body.dryRun) {
      const batch = await findBatch(db, writeScope(caller), batchId)
      const judged = await judgeTheses(db, batch, table)
      return answer(judged, judged.problems, 0)
    }
    return db.transaction().execute(async (trx) => {
      const batch = await findBatch(trx, writeScope(caller), batchId)
      const judged = await judgeTheses(trx, batch, table)
      if (hasErrors(judged.problems))
        throw new ProblemError('import_has_problems', {
          extensions: { problems: localise(judged.problems, caller.language) },
        })
      const rows = judged.items.map((item) => ({ id: uuidv7(), item }))
      for (let start = 0; start < rows.length; start += CHUNK) {
        const chunk = rows.slice(start, start + CHUNK)
        await trx
          .insertInto('similarity_check_theses')
          .values(
            chunk.map(({ id, item }) => ({
              id,
              library_id: batch.library_id,
              batch_id: batch.id,
              reader_number: item.readerNumber,
              account_id: item.accountId,
              author_name: item.authorName,
              title: item.title,
              supervisor: item.supervisor,
              department_id: item.departmentId,
              department_name: item.department,
              major: item.major,
              degree: item.degree ?? batch.degree,
              status: 'waiting' as const,
            })),
          )
          .execute()
        await trx
          .insertInto('similarity_check_events')
          .values(
            chunk.map(({ id }) => ({
              id: uuidv7(),
              thesis_id: id,
              library_id: batch.library_id,
              actor_id: caller.accountId,
              action: 'import',
              to_status: 'waiting' as const,
              attempt: 1,
            })),
          )
          .execute()
      }
      await attachFile(trx, file.id, {
        ownerKind: 'similarity_batch',
        ownerId: batch.id,
        libraryId: batch.library_id,
        byAccountId: caller.accountId,
        field: 'body.fileId',
      })
      await trx
        .updateTable('similarity_check_batches')
        .set({ updated_at: ctx.now() })
        .where('id', '=', batch.id)
        .execute()
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId: batch.library_id,
        action: 'similarity_batch.import',
        entityType: 'similarity_batch',
        entityId: batch.id,
        entityLabel: batch.name,
        before: { theses: batch.total ?? 0 },
        after: { theses: (batch.total ?? 0) + rows.length, file: file.name },
      })
      return answer(judged, judged.problems, rows.length)
    })
  }

  const judgeResults = async (trx: Kysely<DB>, batch: repo.BatchRow, table: Table) => {
    const theses = await repo.thesesByReaderNumber(trx, batch.id)
    return checkResultRows(table, {
      thresholdBp: batch.threshold_bp,
      theses: new Map(
        theses.map((thesis) => [
          thesis.reader_number,
          {
            id: thesis.id,
            status: thesis.status,
            similarityBp: thesis.similarity_bp,
            authorName: thesis.author_name,
            title: thesis.title,
          },
        ]),
      ),
    })
  }

  /** Previews or records a file of results for a batch's theses. */
  const importResults = async (
    caller: Caller,
    requestId: string,
    batchId: string,
    body: ImportBody,
  ): Promise<similarityChecks.ResultImportPreview> => {
    await findBatch(db, writeScope(caller), batchId)
    const file = await assertUpload(ctx, caller, body.fileId, 'body.fileId', LISTS)
    const read = await readList(ctx, file)
    const answer = (
      judged: Awaited<ReturnType<typeof judgeResults>> | undefined,
      thresholdBp: number,
      problems: RowProblem[],
      recorded: number,
    ): similarityChecks.ResultImportPreview => ({
      dryRun: body.dryRun,
      fileName: file.name,
      rows: read.table?.rows.length ?? 0,
      valid: judged?.items.filter((item) => item.ok).length ?? 0,
      recorded,
      unchanged: judged?.items.filter((item) => item.unchanged).length ?? 0,
      problems: localise(problems, caller.language),
      items: (judged?.items ?? []).map((item) => ({
        line: item.line,
        readerNumber: item.readerNumber,
        thesisId: item.thesis?.id ?? null,
        authorName: item.thesis?.authorName ?? null,
        title: item.thesis?.title ?? null,
        similarityPercent: item.similarityBp === null ? null : percent(item.similarityBp),
        passed: item.similarityBp === null ? null : item.similarityBp <= thresholdBp,
        ok: item.ok,
      })),
    })
    if (!read.table) {
      if (body.dryRun) return answer(undefined, 0, [read.problem], 0)
      throw new ProblemError('import_has_problems', {
        extensions: { problems: localise([read.problem], caller.language) },
      })
    }
    const table = read.table
    if (body.dryRun) {
      const batch = await findBatch(db, writeScope(caller), batchId)
      const judged = await judgeResults(db, batch, table)
      return answer(judged, batch.threshold_bp, judged.problems, 0)
    }
    return db.transaction().execute(async (trx) => {
      const batch = await findBatch(trx, writeScope(caller), batchId)
      const judged = await judgeResults(trx, batch, table)
      if (hasErrors(judged.problems))
        throw new ProblemError('import_has_problems', {
          extensions: { problems: localise(judged.problems, caller.language) },
        })
      const toRecord = judged.items.filter((item) => item.ok && !item.unchanged && item.thesis)
      const ids = toRecord.map((item) => item.thesis!.id)
      const rows = ids.length
        ? await repo.thesesInScope(trx, writeScope(caller)).where('t.id', 'in', ids).execute()
        : []
      const byId = new Map(rows.map((row) => [row.id, row]))
      const accounts = await currentAccounts(trx, rows)
      for (const item of toRecord) {
        const row = byId.get(item.thesis!.id)!
        await applyTransition(
          ctx,
          trx,
          caller,
          requestId,
          row,
          { action: 'record', similarityBp: item.similarityBp!, note: item.note ?? undefined },
          accounts.get(row.id) ?? null,
        )
      }
      await attachFile(trx, file.id, {
        ownerKind: 'similarity_batch',
        ownerId: batch.id,
        libraryId: batch.library_id,
        byAccountId: caller.accountId,
        field: 'body.fileId',
      })
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId: batch.library_id,
        action: 'similarity_batch.results',
        entityType: 'similarity_batch',
        entityId: batch.id,
        entityLabel: batch.name,
        before: { checked: batch.checked ?? 0 },
        after: { checked: (batch.checked ?? 0) + toRecord.length, file: file.name },
      })
      return answer(judged, batch.threshold_bp, judged.problems, toRecord.length)
    })
  }

  return { importTheses, importResults }
}
