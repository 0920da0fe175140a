import type { ezproxyImports } from '@shuqiao/contracts'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { readTable } from '../../platform/spreadsheets/read-table.ts'
import { disciplinesForFiling, loadDisciplines } from './disciplines.service.ts'
import * as repo from './e-resources.repository.ts'
import { platformTemplates } from './e-resources.service.ts'
import { mapResourceColumns, stageResourceRows } from './resource-import.rows.ts'
import { loadDirectoryMatcher } from './resource-matching.ts'
import { indexedColumnsOf, vocabularyOf } from './resource-names.ts'

type Import = z.output<typeof ezproxyImports.ResourceImport>

export const RESOURCE_IMPORT_MAX_BYTES = 10 * 1024 * 1024
const MAX_ROWS = 20_000

/**
 * A library's resource list from a spreadsheet (its old 数据库导航, or our own export edited):
 * rows become draft resources, or update the resource already at the same address or name.
 * A preview first; applying is all or nothing and refused while any row has an error.
 */
export const createResourceImportService = (ctx: AppContext) => ({
  run: async (
    caller: Caller,
    requestId: string,
    file: { name: string; bytes: Buffer },
    apply: boolean,
  ): Promise<Import> => {
    const libraryId = caller.libraryId
    if (!libraryId) throw new ProblemError('forbidden')
    const table = await readTable(file.bytes, MAX_ROWS)
    const mapped = mapResourceColumns(table.headers)
    if (mapped.missing.length > 0) {
      throw new ProblemError('import_missing_columns', {
        extensions: { missing: mapped.missing.map((field) => (field === 'nameZh' ? '中文名称' : '网址')) },
        detail: {
          zh: `文件缺少必需的列：${mapped.missing.map((field) => (field === 'nameZh' ? '中文名称' : '网址')).join('、')}。`,
          en: `The file lacks required columns: ${mapped.missing.map((field) => (field === 'nameZh' ? 'Name (Chinese)' : 'URL')).join(', ')}.`,
        },
      })
    }
    const disciplines = (await loadDisciplines(ctx.db, libraryId)).items
    const { staged, problems } = stageResourceRows(table, mapped, disciplines)
    const platforms = new Set((await platformTemplates(ctx.db, libraryId)).map((platform) => platform.code))
    for (const row of staged) {
      if (row.input.platform && !platforms.has(row.input.platform)) {
        problems.push({
          line: row.line,
          column: mapped.columns.find((column) => column.field === 'platform')?.header ?? null,
          code: 'unknown_platform',
          severity: 'error',
          message: {
            zh: `没有“${row.input.platform}”这个平台`,
            en: `There is no platform “${row.input.platform}”`,
          },
        })
      }
    }
    problems.sort((a, b) => a.line - b.line)
    const failed = new Set(
      problems.filter((problem) => problem.severity === 'error').map((problem) => problem.line),
    )
    const existingFor = await loadDirectoryMatcher(ctx.db, libraryId)
    const rows = staged
      .filter((row) => !failed.has(row.line))
      .map((row) => {
        const existing = existingFor(row.input.url, row.input.nameZh, row.input.nameEn)
        return { ...row, existing }
      })
    const result: Import = {
      fileName: file.name,
      rowsTotal: table.rows.length,
      columns: mapped.columns,
      rows: rows.map((row) => ({
        line: row.line,
        nameZh: row.input.nameZh,
        url: row.input.url,
        action: row.existing ? ('update' as const) : ('create' as const),
        existing: row.existing ? { id: row.existing.id, nameZh: row.existing.name_zh } : null,
      })),
      problems,
      applied: false,
      created: 0,
      updated: 0,
    }
    if (!apply) return result
    const errors = problems.filter((problem) => problem.severity === 'error')
    if (errors.length > 0) throw new ProblemError('import_has_errors', { extensions: { problems: errors } })

    await ctx.db.transaction().execute(async (trx) => {
      // The list the rows were read by stays as it is while they are filed under it (a change of
      // it meanwhile refuses the import, to be previewed again).
      const held = await disciplinesForFiling(
        trx,
        libraryId,
        [...new Set(rows.flatMap((row) => row.input.subjects))],
        () => 'file',
      )
      for (const row of rows) {
        const { input } = row
        const columns = {
          name_zh: input.nameZh,
          name_en: input.nameEn,
          aliases: input.aliases,
          vendor: input.vendor,
          platform: input.platform,
          kind: input.kind,
          subjects: input.subjects,
          description_zh: input.descriptionZh,
          description_en: input.descriptionEn,
          url: input.url,
          free_from: input.freeFrom,
          free_until: input.freeUntil,
          ...indexedColumnsOf(input, held),
        }
        const id = row.existing?.id ?? uuidv7()
        if (row.existing) {
          await trx
            .updateTable('e_resources')
            .set({ ...columns, updated_at: new Date() })
            .where('id', '=', id)
            .execute()
        } else {
          await trx
            .insertInto('e_resources')
            .values({ id, library_id: libraryId, status: 'draft', ...columns })
            .execute()
        }
        if (row.routesGiven) {
          // Routes the resource keeps hold their own address, values and notes.
          const before = new Map((await repo.routesOf(trx, id)).map((route) => [route.kind, route]))
          await repo.replaceRoutes(
            trx,
            id,
            input.routes.map((route) => {
              const kept = before.get(route.kind)
              return {
                kind: route.kind,
                url: kept?.url ?? null,
                values: JSON.stringify(kept?.values ?? {}),
                note_zh: kept?.note_zh ?? null,
                note_en: kept?.note_en ?? null,
              }
            }),
          )
        }
      }
      await repo.rememberWords(trx, libraryId, [...new Set(rows.flatMap((row) => vocabularyOf(row.input)))])
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action: 'e_resource.list_imported',
        entityType: 'library',
        entityId: libraryId,
        entityLabel: file.name,
        before: null,
        after: {
          fileName: file.name,
          created: result.rows.filter((row) => row.action === 'create').length,
          updated: result.rows.filter((row) => row.action === 'update').length,
        },
      })
    })
    return {
      ...result,
      applied: true,
      created: result.rows.filter((row) => row.action === 'create').length,
      updated: result.rows.filter((row) => row.action === 'update').length,
    }
  },
})
