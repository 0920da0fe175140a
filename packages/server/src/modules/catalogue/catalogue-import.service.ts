import type { catalogue } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { pageOf } from '../../http/page.ts'
import { invalidCursor, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { searchTextOf } from '../../platform/search/search-text.ts'
import { readTable } from '../../platform/spreadsheets/read-table.ts'
import { mapColumns, type StagedItem, stageRows } from './catalogue-import.rows.ts'

/** About 100,000 rows of a typical export; larger catalogues come in several files. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024
export const IMPORT_MAX_ROWS = 100_000
const SHOWN_PROBLEMS = 1000
const SAMPLE_ROWS = 10
// 500 rows × 13 values stays far below PostgreSQL's 65,535 parameters per statement.
const CHUNK = 500

type Detail = catalogue.CatalogueImportDetail

const importRows = (db: Kysely<DB>) =>
  db
    .selectFrom('catalogue_imports as i')
    .innerJoin('accounts as a', 'a.id', 'i.created_by')
    .select([
      'i.id',
      'i.library_id',
      'i.file_name',
      'i.status',
      'i.rows_total',
      'i.rows_valid',
      'i.problems',
      'i.created_at',
      'i.applied_at',
      'i.added',
      'i.updated',
      'a.id as creator_id',
      'a.name as creator_name',
    ])

type ImportRow = Awaited<ReturnType<ReturnType<typeof importRows>['executeTakeFirstOrThrow']>>
type StoredProblems = {
  columns: Detail['columns']
  list: Detail['problems']
  errors: number
  warnings: number
  sample: Detail['sample']
}

const present = (row: ImportRow): catalogue.CatalogueImport => {
  const problems = row.problems as StoredProblems
  return {
    id: row.id,
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
    updated: row.updated,
  }
}

const presentDetail = (row: ImportRow): Detail => {
  const problems = row.problems as StoredProblems
  return { ...present(row), columns: problems.columns, problems: problems.list, sample: problems.sample }
}

const ownLibrary = (caller: Caller) => {
  if (!caller.libraryId) throw new ProblemError('forbidden')
  return caller.libraryId
}

export const createCatalogueImportService = (ctx: AppContext) => {
  const { db } = ctx

  const find = async (trx: Kysely<DB>, caller: Caller, importId: string) => {
    const row = await importRows(trx)
      .where('i.id', '=', importId)
      .where('i.library_id', '=', ownLibrary(caller))
      .executeTakeFirst()
    if (!row) throw new ProblemError('not_found')
    return row
  }

  /** Reads the file and keeps its valid rows aside; the catalogue is untouched until apply. */
  const preview = async (caller: Caller, file: { name: string; bytes: Buffer }) => {
    const libraryId = ownLibrary(caller)
    const table = await readTable(file.bytes, IMPORT_MAX_ROWS)
    const { columns, missing } = mapColumns(table.headers)
    if (missing.length > 0) {
      const names = { barcode: { zh: '条码号', en: 'barcode' }, title: { zh: '题名', en: 'title' } }
      throw new ProblemError('import_missing_columns', {
        detail: {
          zh: `文件缺少必需的列：${missing.map((field) => names[field as keyof typeof names].zh).join('、')}。第一行应是列名，例如“条码号,题名,责任者,ISBN,索书号,馆藏地”。找到的列：${table.headers.join('、') || '（无）'}`,
          en: `The file lacks required columns: ${missing.map((field) => names[field as keyof typeof names].en).join(', ')}. The first line should name the columns, e.g. "barcode,title,author,ISBN,call number,location". Columns found: ${table.headers.join(', ') || '(none)'}`,
        },
      })
    }
    const { items, problems } = stageRows(table, columns)
    const errors = problems.filter((problem) => problem.severity === 'error').length
    const stored: StoredProblems = {
      columns,
      list: problems.slice(0, SHOWN_PROBLEMS),
      errors,
      warnings: problems.length - errors,
      sample: items.slice(0, SAMPLE_ROWS),
    }
    const id = uuidv7()
    await db
      .insertInto('catalogue_imports')
      .values({
        id,
        library_id: libraryId,
        file_name: file.name,
        status: 'previewed',
        rows_total: table.rows.length,
        rows_valid: items.length,
        problems: JSON.stringify(stored),
        staged: JSON.stringify(items),
        created_by: caller.accountId,
        created_at: ctx.now(),
      })
      .execute()
    return presentDetail(await find(db, caller, id))
  }

  /** Stores every staged row in one transaction: all of them or, on any failure, none. */
  const apply = async (caller: Caller, auditRequestId: string, importId: string) =>
    db.transaction().execute(async (trx) => {
      const libraryId = ownLibrary(caller)
      const locked = await trx
        .selectFrom('catalogue_imports')
        .select(['status', 'staged', 'file_name'])
        .where('id', '=', importId)
        .where('library_id', '=', libraryId)
        .forUpdate()
        .executeTakeFirst()
      if (!locked) throw new ProblemError('not_found')
      if (locked.status !== 'previewed') throw new ProblemError('import_not_previewed')
      const staged = (locked.staged ?? []) as StagedItem[]
      let added = 0
      const now = ctx.now()
      for (let start = 0; start < staged.length; start += CHUNK) {
        const rows = staged.slice(start, start + CHUNK).map((item) => ({
          id: uuidv7(),
          library_id: libraryId,
          barcode: item.barcode,
          title: item.title,
          author: item.author,
          publisher: item.publisher,
          year: item.year,
          isbn13: item.isbn,
          call_number: item.callNumber,
          location: item.location,
          material_type: item.materialType,
          status: item.status,
          search_text: searchTextOf(item.title, item.author, item.publisher, item.callNumber),
          created_at: now,
          updated_at: now,
        }))
        const result = await trx
          .insertInto('catalogue_items')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['library_id', 'barcode']).doUpdateSet((eb) => ({
              title: eb.ref('excluded.title'),
              author: eb.ref('excluded.author'),
              publisher: eb.ref('excluded.publisher'),
              year: eb.ref('excluded.year'),
              isbn13: eb.ref('excluded.isbn13'),
              call_number: eb.ref('excluded.call_number'),
              location: eb.ref('excluded.location'),
              material_type: eb.ref('excluded.material_type'),
              status: eb.ref('excluded.status'),
              search_text: eb.ref('excluded.search_text'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          // xmax is 0 on a freshly inserted row version and set on an updated one.
          .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
          .execute()
        added += result.filter((row) => row.inserted).length
      }
      const updated = staged.length - added
      await trx
        .updateTable('catalogue_imports')
        .set({ status: 'applied', staged: null, applied_at: now, added, updated })
        .where('id', '=', importId)
        .execute()
      await recordAudit(trx, {
        caller,
        requestId: auditRequestId,
        libraryId,
        action: 'catalogue.import.apply',
        entityType: 'catalogue_import',
        entityId: importId,
        entityLabel: locked.file_name,
        before: null,
        after: { fileName: locked.file_name, added, updated },
      })
      return presentDetail(await find(trx, caller, importId))
    })

  const discard = async (caller: Caller, importId: string) =>
    db.transaction().execute(async (trx) => {
      const row = await find(trx, caller, importId)
      if (row.status !== 'previewed') throw new ProblemError('import_not_previewed')
      await trx
        .updateTable('catalogue_imports')
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
      .where('i.library_id', '=', ownLibrary(caller))
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
    detail: (caller: Caller, id: string) => find(db, caller, id).then(presentDetail),
  }
}
