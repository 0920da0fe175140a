import { courseImports } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { attachFile, type FileRecord } from '../../platform/files/files.service.ts'
import type { Table } from '../../platform/spreadsheets/read-table.ts'
import { type AskedMapping, type Mapping, resolveMapping, suggestMapping } from './course-import.columns.ts'
import { readImportFile, uploadedFile } from './course-import.file.ts'
import { planImport } from './course-import.plan.ts'
import { hasErrors, presentProblems, type RowProblem } from './course-import.problems.ts'
import * as repo from './course-import.repository.ts'
import { readCourseRows } from './course-import.rows.ts'
import { linkWaitingPeople } from './course-people.links.ts'
import { findTerm, staffLibraryOf } from './course-reserves.access.ts'

const { IMPORT_FIELDS } = courseImports

type Body = z.output<typeof courseImports.ImportBody>
type Preview = courseImports.ImportPreview
type Plan = ReturnType<typeof planImport>

const COURSES_SHOWN = 1000

const NO_COUNTS: Plan['counts'] = {
  courses: { create: 0, update: 0, unchanged: 0 },
  teachers: { add: 0, linked: 0 },
  enrolments: { add: 0, existing: 0, withoutAccount: 0 },
}

/** Reads the file's rows as courses and sets them against the term and the library's accounts. */
const judge = async (
  db: Kysely<DB>,
  libraryId: string,
  termId: string,
  table: Table,
  mapping: AskedMapping,
) => {
  const resolved = resolveMapping(table.headers, table.headerLine, mapping)
  if (hasErrors(resolved.problems)) return { used: resolved.used, problems: resolved.problems }
  const rows = readCourseRows(table, resolved.index)
  const staged = [...rows.courses.values()]
  const numbers = staged.flatMap((course) => [
    ...[...course.teachers.values()].flatMap((teacher) => (teacher.staffNumber ? [teacher.staffNumber] : [])),
    ...[...course.students.values()].map((student) => student.number),
  ])
  const [existing, departments, accountsByNumber, teachersByName, enrolled] = await Promise.all([
    repo.existingCourses(db, termId),
    repo.libraryDepartments(db, libraryId),
    repo.accountsByNumber(db, libraryId, numbers),
    repo.teachersByName(
      db,
      libraryId,
      staged.flatMap((course) => [...course.teachers.keys()]),
    ),
    repo.enrolledKeys(db, termId),
  ])
  const plan = planImport(rows.courses, { existing, departments, accountsByNumber, teachersByName, enrolled })
  return { used: resolved.used, plan, problems: [...rows.problems, ...plan.problems] }
}

/**
 * Courses, teachers and enrolments from the academic affairs office's file, into one term, with
 * the columns the librarian chose (or those suggested by the headers). A dry run reports every
 * problem by line and what would change; the apply repeats the same judgement inside one
 * transaction and writes everything or nothing, and is refused while any error remains.
 * Importing the same file again finds every course, teacher and enrolment already there.
 */
export const createCourseImportService = (ctx: AppContext) => ({
  run: async (caller: Caller, requestId: string, body: Body): Promise<Preview> => {
    const libraryId = staffLibraryOf(caller)
    const term = await findTerm(ctx.db, libraryId, body.termId)
    const file = await uploadedFile(ctx, caller, body.fileId)
    const read = await readImportFile(ctx, file)
    const suggested = read.table ? suggestMapping(read.table.headers) : ({} as Mapping)
    const asked: AskedMapping = body.mapping ?? suggested

    const answer = (
      judged: Awaited<ReturnType<typeof judge>> | undefined,
      problems: RowProblem[],
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
          judged?.used ?? Object.fromEntries(IMPORT_FIELDS.map((field) => [field, asked[field] ?? null])),
        rows: read.table?.rows.length ?? 0,
        problems: shown.problems,
        problemsOmitted: shown.omitted,
        counts: judged?.plan?.counts ?? NO_COUNTS,
        courses: (judged?.plan?.planned ?? []).slice(0, COURSES_SHOWN).map((course) => ({
          line: course.staged.line,
          code: course.staged.code,
          nameZh: course.values.name_zh,
          action: course.action,
          teachers: [...course.staged.teachers.keys()],
          classCount: course.staged.classNames.length,
          enrolments: course.staged.students.size,
        })),
        applied,
      }
    }

    if (!read.table) {
      if (body.dryRun) return answer(undefined, [read.problem], false)
      throw refused([read.problem], caller)
    }
    const table = read.table
    if (body.dryRun) {
      const judged = await judge(ctx.db, libraryId, term.id, table, asked)
      return answer(judged, judged.problems, false)
    }
    return ctx.db.transaction().execute(async (trx) => {
      await repo.lockTerm(trx, term.id)
      const judged = await judge(trx, libraryId, term.id, table, asked)
      if (!judged.plan || hasErrors(judged.problems)) throw refused(judged.problems, caller)
      await repo.writePlan(trx, { libraryId, termId: term.id, now: ctx.now() }, judged.plan.planned)
      await linkWaitingPeople(trx, libraryId)
      await keepFile(trx, caller, file, term.id, libraryId)
      await recordAudit(trx, {
        caller,
        requestId,
        libraryId,
        action: 'course_term.import',
        entityType: 'course_term',
        entityId: term.id,
        entityLabel: `${term.name_zh} (${term.code})`,
        before: null,
        after: { file: file.name, rows: table.rows.length, ...judged.plan.counts },
      })
      return answer(judged, judged.problems, true)
    })
  },
})

const refused = (problems: RowProblem[], caller: Caller) =>
  new ProblemError('import_has_problems', {
    extensions: {
      problems: presentProblems(problems, caller.language).problems.filter((p) => p.severity === 'error'),
    },
  })

/** The imported file stays with the term (its staff may download it again from the audit trail). */
const keepFile = (trx: Kysely<DB>, caller: Caller, file: FileRecord, termId: string, libraryId: string) =>
  attachFile(trx, file.id, {
    ownerKind: 'course_term',
    ownerId: termId,
    libraryId,
    byAccountId: caller.accountId,
    field: 'body.fileId',
  })
