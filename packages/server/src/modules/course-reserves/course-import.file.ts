import { buffer } from 'node:stream/consumers'
import { files } from '@shuqiao/contracts'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { type FileRecord, openBytes, readableFile } from '../../platform/files/files.service.ts'
import { readTable, type Table, UnreadableTable } from '../../platform/spreadsheets/read-table.ts'
import { error, type RowProblem } from './course-import.problems.ts'

/** 10 MiB: a whole university's enrolments (50,000 rows) as CSV is under 2 MiB. */
export const COURSE_IMPORT_MAX_BYTES = 10 * 1024 * 1024
/** Rows in one file at most. */
export const COURSE_IMPORT_MAX_ROWS = 100_000

const TABLE_TYPES: readonly string[] = [files.FILE_KINDS.txt.mediaType, files.FILE_KINDS.xlsx.mediaType]

/** The caller's own upload, not yet used by anything; else one field problem. */
export const uploadedFile = async (ctx: AppContext, caller: Caller, fileId: string) => {
  const file = await readableFile(ctx, caller, fileId).catch(() => undefined)
  if (!file || file.ownerKind !== null || file.uploadedBy !== caller.accountId)
    throw fieldProblem(
      'body.fileId',
      'file_not_attachable',
      '找不到该文件，或它已被使用',
      'The file was not found or is already in use',
    )
  return file
}

const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1)

/**
 * The upload as a table, or the one problem that stops it being read, for the preview to show:
 * not a CSV or Excel file, too large, too many rows, or malformed (from which line, when known).
 */
export const readImportFile = async (
  ctx: AppContext,
  file: FileRecord,
): Promise<{ table: Table; problem?: undefined } | { table?: undefined; problem: RowProblem }> => {
  if (!TABLE_TYPES.includes(file.mediaType))
    return {
      problem: error(0, null, 'not_a_table', {
        zh: `“${file.name}”不是 CSV 或 Excel（.xlsx）文件；请从教务系统导出为 CSV 或 Excel 后上传。`,
        en: `“${file.name}” is not a CSV or Excel (.xlsx) file; export the list as CSV or Excel and upload that.`,
      }),
    }
  if (file.size > COURSE_IMPORT_MAX_BYTES)
    return {
      problem: error(0, null, 'file_too_large', {
        zh: `文件有 ${mib(file.size)} MiB，一次最多导入 ${mib(COURSE_IMPORT_MAX_BYTES)} MiB；请拆分为几个文件。`,
        en: `The file is ${mib(file.size)} MiB; one import takes at most ${mib(COURSE_IMPORT_MAX_BYTES)} MiB. Split it into several files.`,
      }),
    }
  const bytes = await buffer(await openBytes(ctx, file))
  try {
    return { table: await readTable(bytes, COURSE_IMPORT_MAX_ROWS) }
  } catch (caught) {
    if (caught instanceof UnreadableTable)
      return {
        problem: error(
          caught.line,
          null,
          'unreadable',
          caught.reason ?? {
            zh: '无法读取这个文件。请上传 CSV（UTF-8 或 GBK 编码，逗号或制表符分隔）或 Excel（.xlsx）文件。',
            en: 'This file cannot be read. Upload a CSV (UTF-8 or GBK, comma- or tab-separated) or an Excel (.xlsx) file.',
          },
        ),
      }
    if (caught instanceof ProblemError && caught.code === 'import_too_many_rows')
      return {
        problem: error(
          0,
          null,
          'too_many_rows',
          caught.extra.detail ?? { zh: '行数过多。', en: 'Too many rows.' },
        ),
      }
    throw caught
  }
}
