import { headerKey } from '@shuqiao/contracts'
import { error, type RowProblem } from './course-import.problems.ts'

// Which column of an imported file feeds which field: suggested from the headers, then checked
// as the librarian chose. Shared by the office's course list and the demand list.

type Bilingual = { zh: string; en: string }

export interface ColumnSpec<F extends string> {
  fields: readonly F[]
  /** Usual headers of each field, compared by `headerKey`. */
  headers: Record<F, readonly string[]>
  labels: Record<F, Bilingual>
  /** The one field that must be mapped, and examples of its headers for the message. */
  required: F
  requiredExamples: Bilingual
}

export type ColumnMapping<F extends string> = Record<F, string | null>
export type AskedColumns<F extends string> = Partial<Record<F, string | null | undefined>>
export type ColumnIndexOf<F extends string> = Partial<Record<F, number>>

/**
 * The mapping the headers suggest: each field takes the first header that is one of its usual
 * names. A header names one field at most; fields with no such header are left unmapped.
 */
export const suggestColumns = <F extends string>(
  spec: ColumnSpec<F>,
  headers: readonly string[],
): ColumnMapping<F> => {
  const byKey = new Map<string, F>(
    spec.fields.flatMap((field) => spec.headers[field].map((header) => [headerKey(header), field] as const)),
  )
  const mapping = Object.fromEntries(spec.fields.map((field) => [field, null])) as ColumnMapping<F>
  for (const header of headers) {
    const field = byKey.get(headerKey(header))
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
 * may feed two fields, and the required field must be mapped. Problems are on the header line.
 */
export const resolveColumns = <F extends string>(
  spec: ColumnSpec<F>,
  headers: readonly string[],
  headerLine: number,
  asked: AskedColumns<F>,
) => {
  const used = Object.fromEntries(spec.fields.map((field) => [field, null])) as ColumnMapping<F>
  const index: ColumnIndexOf<F> = {}
  const problems: RowProblem[] = []
  const takenBy = new Map<number, F>()
  for (const field of spec.fields) {
    const header = asked[field]
    if (!header) continue
    const at = indexOfHeader(headers, header)
    const label = spec.labels[field]
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
          zh: `“${headers[at]}”列不能同时作为“${spec.labels[earlier].zh}”和“${label.zh}”。`,
          en: `The “${headers[at]}” column cannot be both “${spec.labels[earlier].en}” and “${label.en}”.`,
        }),
      )
      continue
    }
    takenBy.set(at, field)
    index[field] = at
    used[field] = headers[at]!
  }
  const required = spec.labels[spec.required]
  if (index[spec.required] === undefined && !problems.some((problem) => problem.code === 'unknown_column'))
    problems.push(
      error(headerLine, null, 'missing_column', {
        zh: `请选择“${required.zh}”所在的列（表头如：${spec.requiredExamples.zh}）。`,
        en: `Choose the column holding the “${required.en}” (headed e.g. ${spec.requiredExamples.en}).`,
      }),
    )
  return { used, index, problems }
}
