import type { eHoldings } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { isUniqueViolation } from '../../db/unique-violation.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { attachFile, type FileRecord } from '../../platform/files/files.service.ts'
import { UnreadableTable } from '../../platform/spreadsheets/read-table.ts'
import { uploadedFile } from './course-import.file.ts'
import { error, presentProblems, type RowProblem, WARNINGS_SHOWN_PER_CODE } from './course-import.problems.ts'
import { cleanText } from './course-import.values.ts'
import { staffLibraryOf } from './course-reserves.access.ts'
import { presentPlatform } from './e-holdings.presenter.ts'
import * as repo from './e-holdings.repository.ts'
import { openHoldingsFile, type StreamedTable } from './holdings-file.ts'
import {
  emptyCounts,
  type HoldingCounts,
  holdingColumns,
  readHolding,
  type StagedHolding,
} from './holdings-rows.ts'
import { proposeMatches } from './title-matching.ts'

type Body = z.output<typeof eHoldings.HoldingsImportBody>
type Preview = eHoldings.HoldingsImportPreview

/** Titles written in one statement. */
export const HOLDINGS_BATCH = 5000

/** Problems kept as they stream by: every error, and warnings of one kind up to the number shown. */
export const problemCollector = () => {
  const kept: RowProblem[] = []
  const perCode = new Map<string, number>()
  let omitted = 0
  return {
    kept,
    get omitted() {
      return omitted
    },
    add(problem: RowProblem) {
      if (problem.severity === 'warning') {
        const count = (perCode.get(problem.code) ?? 0) + 1
        perCode.set(problem.code, count)
        if (count > WARNINGS_SHOWN_PER_CODE) {
          omitted++
          return
        }
      }
      kept.push(problem)
    },
  }
}

/**
 * Reads every row of the table, handing batches of titles to `write` (nothing in a dry run);
 * a malformed line stops the reading with an error at that line.
 */
export const readHoldings = async (
  table: StreamedTable,
  problems: ReturnType<typeof problemCollector>,
  write?: (batch: StagedHolding[]) => Promise<void>,
) => {
  const columns = holdingColumns(table.headers)
  const counts: HoldingCounts = emptyCounts()
  let rows = 0
  if (columns.index.title === undefined) {
    problems.add(
      error(table.headerLine, null, 'missing_column', {
        zh: '文件中没有题名列（KBART 的 publication_title，或“题名”“书名”“title”）。',
        en: 'The file has no title column (KBART’s publication_title, or 题名, 书名, title).',
      }),
    )
    return { columns, counts, rows }
  }
  let batch: StagedHolding[] = []
  try {
    for await (const row of table.rows) {
      rows++
      const holding = readHolding(row, columns.index, table.headers, counts, problems)
      if (holding && write) {
        batch.push(holding)
        if (batch.length >= HOLDINGS_BATCH) {
          await write(batch)
          batch = []
        }
      }
    }
    if (write && batch.length > 0) await write(batch)
  } catch (caught) {
    if (!(caught instanceof UnreadableTable)) throw caught
    problems.add(
      error(caught.line, null, 'unreadable', caught.reason ?? { zh: '无法读取。', en: 'Unreadable.' }),
    )
  }
  if (rows === 0)
    problems.add(
      error(table.headerLine, null, 'no_rows', {
        zh: '表头下面没有数据行。',
        en: 'There are no rows under the header.',
      }),
    )
  return { columns, counts, rows }
}

/**
 * A platform's e-holdings from a KBART file or title list. The dry run reads the whole file as it
 * streams and counts what it holds; the apply, in one transaction, replaces the platform's titles
 * with the file's, in batches, keeps the file with the platform, and matches the library's
 * requested titles against what it now has. Only a file that cannot be read (or has no title
 * column) is refused; a row's problems are warnings.
 */
export const createHoldingsImportService = (ctx: AppContext) => ({
  run: async (caller: Caller, requestId: string, body: Body): Promise<Preview> => {
    const libraryId = staffLibraryOf(caller)
    const named = body.platformName ? cleanText(body.platformName) : null
    const found = body.platformId
      ? await repo.platformById(ctx.db, libraryId, body.platformId)
      : await repo.platformByName(ctx.db, libraryId, named!)
    if (body.platformId && !found) throw new ProblemError('not_found')
    const file = await uploadedFile(ctx, caller, body.fileId)
    const problems = problemCollector()

    const answer = (
      read: Awaited<ReturnType<typeof readHoldings>> | undefined,
      platform: repo.PlatformRow | undefined,
      proposed: number,
      applied: boolean,
    ): Preview => {
      const shown = presentProblems(problems.kept, caller.language)
      return {
        dryRun: body.dryRun,
        fileName: file.name,
        format: read?.columns.format ?? 'kbart',
        columns: read?.columns.named ?? {},
        ignoredColumns: read?.columns.ignored ?? [],
        rows: read?.rows ?? 0,
        counts: read?.counts ?? emptyCounts(),
        problems: shown.problems,
        problemsOmitted: shown.omitted + problems.omitted,
        platform: platform ? presentPlatform(platform) : null,
        replaces: found?.title_count ?? 0,
        proposed,
        applied,
      }
    }

    const opened = await openHoldingsFile(ctx, file)
    if (!opened.table) {
      problems.add(opened.problem)
      if (body.dryRun) return answer(undefined, found, 0, false)
      throw refused(problems.kept, caller)
    }
    if (body.dryRun) return answer(await readHoldings(opened.table, problems), found, 0, false)

    const table = opened.table
    return ctx.db
      .transaction()
      .execute(async (trx) => {
        const now = ctx.now()
        const platform =
          found ?? (await createPlatform(trx, libraryId, named!, body.openAccess ?? false, now))
        await repo.lockPlatform(trx, platform.id)
        await repo.clearPlatform(trx, platform.id)
        const scope = { libraryId, platformId: platform.id }
        const read = await readHoldings(table, problems, (batch) => repo.insertHoldings(trx, scope, batch))
        if (problems.kept.some((problem) => problem.severity === 'error'))
          throw refused(problems.kept, caller)
        const updated = await trx
          .updateTable('e_holding_platforms')
          .set({
            title_count: read.counts.titles,
            file_name: file.name,
            imported_at: now,
            imported_by: caller.accountId,
            updated_at: now,
            ...(found && body.openAccess !== undefined ? { open_access: body.openAccess } : {}),
          })
          .where('id', '=', platform.id)
          .returningAll()
          .executeTakeFirstOrThrow()
        await keepFile(trx, caller, file, platform.id, libraryId)
        const matched = await proposeMatches(trx, libraryId)
        await recordAudit(trx, {
          caller,
          requestId,
          libraryId,
          action: 'e_holding_platform.import',
          entityType: 'e_holding_platform',
          entityId: platform.id,
          entityLabel: platform.name,
          before: found ? { titleCount: found.title_count, file: found.file_name } : null,
          after: { titleCount: read.counts.titles, file: file.name, proposed: matched.proposed },
        })
        return answer(read, updated, matched.proposed, true)
      })
      .catch((caught: unknown) => {
        if (isUniqueViolation(caught)) throw new ProblemError('platform_name_taken')
        throw caught
      })
  },
})

const createPlatform = (trx: Kysely<DB>, libraryId: string, name: string, openAccess: boolean, now: Date) =>
  trx
    .insertInto('e_holding_platforms')
    .values({
      id: uuidv7(),
      library_id: libraryId,
      name,
      open_access: openAccess,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()

const refused = (problems: RowProblem[], caller: Caller) =>
  new ProblemError('import_has_problems', {
    extensions: {
      problems: presentProblems(problems, caller.language).problems.filter((p) => p.severity === 'error'),
    },
  })

/** The imported file stays with the platform, for its library's staff to download again. */
const keepFile = (trx: Kysely<DB>, caller: Caller, file: FileRecord, platformId: string, libraryId: string) =>
  attachFile(trx, file.id, {
    ownerKind: 'e_holding_platform',
    ownerId: platformId,
    libraryId,
    byAccountId: caller.accountId,
    field: 'body.fileId',
  })
