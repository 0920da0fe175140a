import type { circulationImports } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { pageOf } from '../../http/page.ts'
import { invalidCursor, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { readTable } from '../../platform/spreadsheets/read-table.ts'
import { storeImported } from './circulation-import.apply.ts'
import { documentedHeader, englishHeader, mapColumns } from './circulation-import.columns.ts'
import { loadImportLookups } from './circulation-import.lookups.ts'
import { type StagedFine, type StagedLoan, stageFines, stageLoans } from './circulation-import.rows.ts'
import { deskLibraryOf } from './lending-context.ts'

/** As for the catalogue: about 100,000 rows of a typical export. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024
export const IMPORT_MAX_ROWS = 100_000
const SHOWN_PROBLEMS = 1000
const SAMPLE_ROWS = 10

type Detail = circulationImports.CirculationImportDetail
type StoredProblems = {
  columns: Detail['columns']
  list: Detail['problems']
  errors: number
  warnings: number
  sample: Detail['sample']
}

const importRows = (db: Kysely<DB>) =>
  db
    .selectFrom('circulation_imports as i')
    .innerJoin('accounts as a', 'a.id', 'i.created_by')
    .select([
      'i.id',
      'i.kind',
      'i.file_name',
      'i.status',
      'i.rows_total',
      'i.rows_valid',
      'i.problems',
      'i.created_at',
      'i.applied_at',
      'i.added',
      'a.id as creator_id',
      'a.name as creator_name',
    ])

type ImportRow = Awaited<ReturnType<ReturnType<typeof importRows>['executeTakeFirstOrThrow']>>

const present = (row: ImportRow): circulationImports.CirculationImport => {
  const problems = row.problems as StoredProblems
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    status: row.status,
    rowsTotal: row.rows_total,
    rowsValid: row.rows_valid,
    errorCount: problems.errors,
    warningCount: problems.warnings,
    createdAt: row.created_at.toISOString(),
    createdBy: { id: row.creator_id, name: row.creator_name },
    appliedAt: row.applied_at?.toISOString() ?? null,
    added: row.added,
  }
}

const presentDetail = (row: ImportRow): Detail => {
  const problems = row.problems as StoredProblems
  return { ...present(row), columns: problems.columns, problems: problems.list, sample: problems.sample }
}

const sampleOf = (row: StagedLoan | StagedFine): Detail['sample'][number] =>
  'itemId' in row
    ? {
        line: row.line,
        readerNumber: row.readerNumber,
        readerName: row.readerName,
        barcode: row.barcode,
        title: row.title,
        checkedOutAt: row.checkedOutAt,
        dueAt: row.dueAt,
        renewals: row.renewals,
        amountFen: null,
        reason: null,
      }
    : {
        line: row.line,
        readerNumber: row.readerNumber,
        readerName: row.readerName,
        barcode: null,
        title: null,
        checkedOutAt: null,
        dueAt: null,
        renewals: null,
        amountFen: row.amountFen,
        reason: row.reason,
      }

const EXAMPLES = {
  loans: { zh: '条码号,读者证号,借出日期,应还日期', en: 'barcode,reader number,checkout date,due date' },
  fines: { zh: '读者证号,金额,原因', en: 'reader number,amount,reason' },
}

/**
 * Imports of a library's open loans and unpaid fines from its old system: a dry run that lists
 * every row's problem by line and keeps the rows aside, then an apply that stores all of them
 * in one transaction, or nothing while any row has an error.
 */
export const createCirculationImportService = (ctx: AppContext) => {
  const { db } = ctx

  const find = async (trx: Kysely<DB>, caller: Caller, importId: string) => {
    const row = await importRows(trx)
      .where('i.id', '=', importId)
      .where('i.library_id', '=', deskLibraryOf(caller))
      .executeTakeFirst()
    if (!row) throw new ProblemError('not_found')
    return row
  }

  const preview = async (caller: Caller, file: { name: string; bytes: Buffer }) => {
    const libraryId = deskLibraryOf(caller)
    const table = await readTable(file.bytes, IMPORT_MAX_ROWS)
    const { kind, columns, missing } = mapColumns(table.headers)
    if (missing.length > 0) {
      throw new ProblemError('import_missing_columns', {
        detail: {
          zh: `文件缺少必需的列：${missing.map(documentedHeader).join('、')}。借阅文件的第一行应是“${EXAMPLES.loans.zh}”，罚款文件应是“${EXAMPLES.fines.zh}”。找到的列：${table.headers.join('、') || '（无）'}`,
          en: `The file lacks required columns: ${missing.map(englishHeader).join(', ')}. A loans file starts with "${EXAMPLES.loans.en}", a fines file with "${EXAMPLES.fines.en}". Columns found: ${table.headers.join(', ') || '(none)'}`,
        },
      })
    }
    const lookups = await loadImportLookups(db, libraryId, ctx.now(), table, columns)
    const { staged, problems } =
      kind === 'loans' ? stageLoans(table, columns, lookups) : stageFines(table, columns, lookups)
    const errors = problems.filter((problem) => problem.severity === 'error').length
    const stored: StoredProblems = {
      columns,
      list: problems.slice(0, SHOWN_PROBLEMS),
      errors,
      warnings: problems.length - errors,
      sample: staged.slice(0, SAMPLE_ROWS).map(sampleOf),
    }
    const id = uuidv7()
    await db
      .insertInto('circulation_imports')
      .values({
        id,
        library_id: libraryId,
        kind,
        file_name: file.name,
        status: 'previewed',
        rows_total: table.rows.length,
        rows_valid: staged.length,
        problems: JSON.stringify(stored),
        staged: JSON.stringify(staged),
        created_by: caller.accountId,
        created_at: ctx.now(),
      })
      .execute()
    return presentDetail(await find(db, caller, id))
  }

  const apply = (caller: Caller, requestId: string, importId: string) =>
    db.transaction().execute(async (trx) => {
      const libraryId = deskLibraryOf(caller)
      const locked = await trx
        .selectFrom('circulation_imports')
        .select(['kind', 'status', 'staged', 'problems', 'file_name'])
        .where('id', '=', importId)
        .where('library_id', '=', libraryId)
        .forUpdate()
        .executeTakeFirst()
      if (!locked) throw new ProblemError('not_found')
      if (locked.status !== 'previewed') throw new ProblemError('import_not_previewed')
      if ((locked.problems as StoredProblems).errors > 0) throw new ProblemError('import_has_errors')
      const now = ctx.now()
      const staged = { libraryId, importId, now }
      const added = await storeImported(
        trx,
        locked.kind === 'loans'
          ? { ...staged, kind: 'loans', rows: (locked.staged ?? []) as StagedLoan[] }
          : { ...staged, kind: 'fines', rows: (locked.staged ?? []) as StagedFine[] },
      )
      await trx
        .updateTable('circulation_imports')
        .set({ status: 'applied', staged: null, applied_at: now, added })
        .where('id', '=', importId)
        .execute()
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action: `circulation.import.${locked.kind}`,
        entityType: 'circulation_import',
        entityId: importId,
        entityLabel: locked.file_name,
        before: null,
        after: { fileName: locked.file_name, kind: locked.kind, added },
      })
      return presentDetail(await find(trx, caller, importId))
    })

  const discard = (caller: Caller, importId: string) =>
    db.transaction().execute(async (trx) => {
      const row = await find(trx, caller, importId)
      if (row.status !== 'previewed') throw new ProblemError('import_not_previewed')
      await trx
        .updateTable('circulation_imports')
        .set({ status: 'discarded', staged: null })
        .where('id', '=', importId)
        .execute()
      return presentDetail(await find(trx, caller, importId))
    })

  const list = async (caller: Caller, query: { cursor?: string | undefined; limit: number }) => {
    if (query.cursor && !/^[0-9a-f-]{36}$/i.test(query.cursor)) {
      throw invalidCursor()
    }
    const rows = await importRows(db)
      .where('i.library_id', '=', deskLibraryOf(caller))
      .$if(Boolean(query.cursor), (q) => q.where('i.id', '<', query.cursor!))
      .orderBy('i.id', 'desc')
      .limit(query.limit + 1)
      .execute()
    return pageOf(rows, query.limit, present)
  }

  return {
    preview,
    apply,
    discard,
    list,
    detail: (caller: Caller, importId: string) => find(db, caller, importId).then(presentDetail),
  }
}
