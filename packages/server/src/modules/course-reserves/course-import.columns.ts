import { courseImports, headerKey } from '@shuqiao/contracts'
import { error, type RowProblem } from './course-import.problems.ts'

const { IMPORT_FIELDS, FIELD_HEADERS, FIELD_LABELS } = courseImports

type Field = courseImports.ImportField
export type Mapping = Record<Field, string | null>
/** A mapping as asked for: fields left out are not imported. */
export type AskedMapping = Partial<Record<Field, string | null | undefined>>
/** The cell index each mapped field is read from. */
export type ColumnIndex = Partial<Record<Field, number>>

const FIELD_BY_KEY = new Map<string, Field>(
  IMPORT_FIELDS.flatMap((field) => FIELD_HEADERS[field].map((header) => [headerKey(header), field] as const)),
)

/**
 * The mapping the file's headers suggest: each field takes the first header that is one of its
 * usual names (课程代码, 课程号, Course code …), compared by `headerKey`. A header names one
 * field at most; fields with no such header are left unmapped.
 */
export const suggestMapping = (headers: readonly string[]): Mapping => {
  const mapping = Object.fromEntries(IMPORT_FIELDS.map((field) => [field, null])) as Mapping
  for (const header of headers) {
    const field = FIELD_BY_KEY.get(headerKey(header))
    if (field && mapping[field] === null) mapping[field] = header
  }
  return mapping
}

/** Where a header is in the file: the exact header first, else one equal by `headerKey`. */
const indexOfHeader = (headers: readonly string[], header: string) => {
  const exact = headers.indexOf(header.trim())
  if (exact >= 0) return exact
  const key = headerKey(header)
  return headers.findIndex((candidate) => headerKey(candidate) === key)
}

/**
 * The mapping asked for, checked against the file: every header named must be in it, no header
 * may feed two fields, and the course code must be mapped. Problems are on the header line.
 */
export const resolveMapping = (headers: readonly string[], headerLine: number, asked: AskedMapping) => {
  const used = Object.fromEntries(IMPORT_FIELDS.map((field) => [field, null])) as Mapping
  const index: ColumnIndex = {}
  const problems: RowProblem[] = []
  const takenBy = new Map<number, Field>()
  for (const field of IMPORT_FIELDS) {
    const header = asked[field]
    if (!header) continue
    const at = indexOfHeader(headers, header)
    const label = FIELD_LABELS[field]
    if (at < 0) {
      problems.push(
        error(headerLine, header, 'unknown_column', {
          zh: `文件中没有“${header}”列（为“${label.zh}”选择的列）。`,
          en: `The file has no “${header}” column (chosen for “${label.en}”).`,
        }),
      )
      continue
    }
    const earlier = takenBy.get(at)
    if (earlier) {
      problems.push(
        error(headerLine, headers[at]!, 'column_used_twice', {
          zh: `“${headers[at]}”列不能同时作为“${FIELD_LABELS[earlier].zh}”和“${label.zh}”。`,
          en: `The “${headers[at]}” column cannot be both “${FIELD_LABELS[earlier].en}” and “${label.en}”.`,
        }),
      )
      continue
    }
    takenBy.set(at, field)
    index[field] = at
    used[field] = headers[at]!
  }
  if (index.courseCode === undefined && !problems.some((problem) => problem.code === 'unknown_column'))
    problems.push(
      error(headerLine, null, 'missing_column', {
        zh: `请选择“${FIELD_LABELS.courseCode.zh}”所在的列（表头如：课程代码、课程号）。`,
        en: `Choose the column holding the “${FIELD_LABELS.courseCode.en}” (headed e.g. 课程代码 or 课程号).`,
      }),
    )
  return { used, index, problems }
}
