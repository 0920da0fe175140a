import { titleImports } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { attachFile } from '../../platform/files/files.service.ts'
import type { Table } from '../../platform/spreadsheets/read-table.ts'
import { readImportFile, uploadedFile } from './course-import.file.ts'
import { hasErrors, presentProblems, type RowProblem } from './course-import.problems.ts'
import { lockTerm } from './course-import.repository.ts'
import { findTerm, staffLibraryOf } from './course-reserves.access.ts'
import * as repo from './course-titles.repository.ts'
import {
  type AskedColumns,
  type ColumnMapping,
  type ColumnSpec,
  resolveColumns,
  suggestColumns,
} from './import-columns.ts'
import { assignNewTitles } from './title-fulfilment.service.ts'
import { readDemandRows } from './title-import.rows.ts'
import { proposeMatches } from './title-matching.ts'
import { planTitles, wantKey, writeTitles } from './title-store.ts'

type Field = titleImports.DemandField
type Body = z.output<typeof titleImports.DemandImportBody>
type Preview = titleImports.DemandImportPreview

const SPEC: ColumnSpec<Field> = {
  fields: titleImports.DEMAND_FIELDS,
  headers: titleImports.DEMAND_HEADERS,
  labels: titleImports.DEMAND_LABELS,
  required: 'courseCode',
  requiredExamples: { zh: '课程代码、课程号', en: '课程代码 or 课程号' },
}

const NO_COUNTS: Preview['counts'] = {
  titles: { create: 0, existing: 0 },
  requests: { add: 0, existing: 0 },
  courses: 0,
}

/** The term's courses by code. */
const coursesByCode = async (db: Kysely<DB>, termId: string) =>
  new Map(
    (await db.selectFrom('courses').select(['id', 'code']).where('term_id', '=', termId).execute()).map(
      (row) => [row.code, row.id],
    ),
  )

/** Reads the list's rows against the term's courses and titles: what would be created and linked. */
const judge = async (db: Kysely<DB>, termId: string, table: Table, asked: AskedColumns<Field>) => {
  const resolved = resolveColumns(SPEC, table.headers, table.headerLine, asked)
  if (hasErrors(resolved.problems)) return { used: resolved.used, problems: resolved.problems }
  const read = readDemandRows(table, resolved.index, await coursesByCode(db, termId))
  const plans = await planTitles(
    db,
    termId,
    read.rows.map((row) => row.want),
  )
  const distinct = [...new Set(plans.values())]
  const requested = await repo.requestKeys(
    db,
    read.rows.map((row) => row.courseId),
  )
  let add = 0
  let existing = 0
  const pairs = new Set<string>()
  for (const row of read.rows) {
    const plan = plans.get(wantKey(row.want))!
    const pair = `${row.courseId}:${plan.existing?.id ?? wantKey(plan.want)}`
    if (pairs.has(pair)) continue
    pairs.add(pair)
    if (plan.existing && requested.has(`${row.courseId}:${plan.existing.id}`)) existing++
    else add++
  }
  return {
    used: resolved.used,
    problems: [...read.problems],
    rows: read.rows,
    plans,
    counts: {
      titles: {
        create: distinct.filter((plan) => !plan.existing).length,
        existing: new Set(distinct.flatMap((plan) => (plan.existing ? [plan.existing.id] : []))).size,
      },
      requests: { add, existing },
      courses: new Set(read.rows.map((row) => row.courseId)).size,
    },
  }
}

/**
 * A school-wide demand list (教参需求清单) into a term: each row asks one course for one title.
 * The dry run lists every row's problem by line and what would change; the apply repeats the
 * same judgement in one transaction (the term locked), writes everything or nothing, matches
 * the titles against the library's e-holdings, and is refused while any error remains.
 */
export const createTitleImportService = (ctx: AppContext) => ({
  run: async (caller: Caller, requestId: string, body: Body): Promise<Preview> => {
    const libraryId = staffLibraryOf(caller)
    const term = await findTerm(ctx.db, libraryId, body.termId)
    const file = await uploadedFile(ctx, caller, body.fileId)
    const read = await readImportFile(ctx, file)
    const suggested = read.table
      ? suggestColumns(SPEC, read.table.headers)
      : (Object.fromEntries(SPEC.fields.map((field) => [field, null])) as ColumnMapping<Field>)
    const asked: AskedColumns<Field> = body.mapping ?? suggested

    const answer = (
      judged: Awaited<ReturnType<typeof judge>> | undefined,
      problems: RowProblem[],
      proposed: number,
      applied: boolean,
    ): Preview => {
      const shown = presentProblems(problems, caller.language)
      return {
        dryRun: body.dryRun,
        termId: term.id,
        fileName: file.name,
        headers: read.table?.headers ?? [],
        suggested,
        mapping:
          judged?.used ?? Object.fromEntries(SPEC.fields.map((field) => [field, asked[field] ?? null])),
        rows: read.table?.rows.length ?? 0,
        problems: shown.problems,
        problemsOmitted: shown.omitted,
        counts: judged?.counts ?? NO_COUNTS,
        proposed,
        applied,
      }
    }

    if (!read.table) {
      if (body.dryRun) return answer(undefined, [read.problem], 0, false)
      throw refused([read.problem], caller)
    }
    const table = read.table
    if (body.dryRun) {
      const judged = await judge(ctx.db, term.id, table, asked)
      return answer(judged, judged.problems, 0, false)
    }
    return ctx.db.transaction().execute(async (trx) => {
      await lockTerm(trx, term.id)
      const judged = await judge(trx, term.id, table, asked)
      if (!judged.plans || hasErrors(judged.problems)) throw refused(judged.problems, caller)
      const ids = await writeTitles(trx, { libraryId, termId: term.id, now: ctx.now() }, judged.plans)
      const requests = judged.rows.map((row) => ({
        id: uuidv7(),
        library_id: libraryId,
        course_id: row.courseId,
        title_id: ids.get(judged.plans.get(wantKey(row.want))!)!,
        source: 'import' as const,
        requested_by: caller.accountId,
      }))
      for (const chunk of repo.chunks(requests, 500))
        await trx
          .insertInto('course_title_requests')
          .values(chunk)
          .onConflict((conflict) => conflict.doNothing())
          .execute()
      const titleIds = [...new Set(requests.map((request) => request.title_id))]
      const matched = await proposeMatches(trx, libraryId, { titleIds })
      await assignNewTitles(trx, libraryId, titleIds, ctx.now())
      await attachFile(trx, file.id, {
        ownerKind: 'course_term',
        ownerId: term.id,
        libraryId,
        byAccountId: caller.accountId,
        field: 'body.fileId',
      })
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action: 'course_term.import_titles',
        entityType: 'course_term',
        entityId: term.id,
        entityLabel: `${term.name_zh} (${term.code})`,
        before: null,
        after: { file: file.name, rows: table.rows.length, ...judged.counts, proposed: matched.proposed },
      })
      return answer(judged, judged.problems, matched.proposed, true)
    })
  },
})

const refused = (problems: RowProblem[], caller: Caller) =>
  new ProblemError('import_has_problems', {
    extensions: {
      problems: presentProblems(problems, caller.language).problems.filter((p) => p.severity === 'error'),
    },
  })
