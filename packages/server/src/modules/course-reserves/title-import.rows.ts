import { titleImports } from '@shuqiao/contracts'
import type { Table } from '../../platform/spreadsheets/read-table.ts'
import { error, type RowProblem, warning } from './course-import.problems.ts'
import { cleanCode, cleanText, isUnsafeName } from './course-import.values.ts'
import type { ColumnIndexOf } from './import-columns.ts'
import { isbnMessage, readIsbn } from './title-keys.ts'
import { type WantedTitle, wantKey } from './title-store.ts'

// A demand list's rows as titles wanted by courses: one title for one course a row. Pure: the
// same table, mapping and courses give the same wants and problems, for the dry run and the apply.

type Field = titleImports.DemandField
const { DEMAND_LABELS } = titleImports

export interface DemandRow {
  line: number
  courseId: string
  want: WantedTitle
}

const LIMITS: Record<Exclude<Field, 'courseCode' | 'isbn'>, number> = {
  title: 300,
  author: 200,
  publisher: 200,
  edition: 60,
}

/**
 * Every row read as a course's title, with each row's problems by line: a missing or unknown
 * course code, a bad ISBN, neither ISBN nor title, text too long or unsafe (errors), and rows
 * asking a course for a title an earlier row asked for (a warning; counted once).
 */
export const readDemandRows = (
  table: Table,
  index: ColumnIndexOf<Field>,
  courses: ReadonlyMap<string, string>,
) => {
  const problems: RowProblem[] = []
  const rows: DemandRow[] = []
  const seen = new Map<string, number>()
  const header = (field: Field) => {
    const at = index[field]
    return at === undefined ? DEMAND_LABELS[field].zh : (table.headers[at] ?? DEMAND_LABELS[field].zh)
  }
  if (table.rows.length === 0)
    problems.push(
      error(table.headerLine, null, 'no_rows', {
        zh: '表头下面没有数据行。',
        en: 'There are no rows under the header.',
      }),
    )

  for (const row of table.rows) {
    const own: RowProblem[] = []
    const cell = (field: Field) => {
      const at = index[field]
      return at === undefined ? '' : (row.cells[at] ?? '')
    }
    const text = (field: keyof typeof LIMITS) => {
      const value = cleanText(cell(field))
      if (!value) return null
      if (isUnsafeName(value)) {
        own.push(
          error(row.line, header(field), 'unsafe_characters', {
            zh: `“${header(field)}”包含不允许的字符（如 < > 或控制字符）。`,
            en: `“${header(field)}” contains characters that are not allowed (such as < > or control characters).`,
          }),
        )
        return null
      }
      if (value.length > LIMITS[field]) {
        own.push(
          error(row.line, header(field), 'too_long', {
            zh: `“${header(field)}”过长，最多 ${LIMITS[field]} 个字符。`,
            en: `“${header(field)}” is too long; at most ${LIMITS[field]} characters.`,
          }),
        )
        return null
      }
      return value
    }

    const code = cleanCode(cell('courseCode'))
    const courseId = code ? courses.get(code) : undefined
    if (!code)
      own.push(
        error(row.line, header('courseCode'), 'missing_code', {
          zh: '课程代码为空。',
          en: 'The course code is empty.',
        }),
      )
    else if (!courseId)
      own.push(
        error(row.line, header('courseCode'), 'unknown_course', {
          zh: `本学期没有课程代码为“${code}”的课程；请先导入教务处的课程表，或核对课程代码。`,
          en: `This term has no course with the code “${code}”; import the office’s course list first, or check the code.`,
        }),
      )
    const rawIsbn = cleanText(cell('isbn'))
    const isbn = rawIsbn ? readIsbn(rawIsbn) : undefined
    if (isbn?.problem)
      own.push(error(row.line, header('isbn'), 'bad_isbn', isbnMessage(rawIsbn, isbn.problem)))
    const want: WantedTitle = {
      isbn13: isbn?.isbn13 ?? null,
      title: text('title'),
      author: text('author'),
      publisher: text('publisher'),
      edition: text('edition'),
    }
    if (!rawIsbn && !cleanText(cell('title')))
      own.push(
        error(row.line, null, 'missing_title', {
          zh: '这一行既没有 ISBN 也没有书名。',
          en: 'This row has neither an ISBN nor a title.',
        }),
      )
    problems.push(...own)
    if (own.length > 0 || !courseId) continue
    const key = `${courseId}:${wantKey(want)}`
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      problems.push(
        warning(row.line, null, 'duplicate_row', {
          zh: `与第 ${earlier} 行是同一门课程的同一种书，只计一次。`,
          en: `The same title for the same course as line ${earlier}; counted once.`,
        }),
      )
      continue
    }
    seen.set(key, row.line)
    rows.push({ line: row.line, courseId, want })
  }
  return { rows, problems }
}
