import { courseImports } from '@shuqiao/contracts'
import {
  type AskedColumns,
  type ColumnIndexOf,
  type ColumnMapping,
  type ColumnSpec,
  resolveColumns,
  suggestColumns,
} from './import-columns.ts'

type Field = courseImports.ImportField
export type Mapping = ColumnMapping<Field>
/** A mapping as asked for: fields left out are not imported. */
export type AskedMapping = AskedColumns<Field>
/** The cell index each mapped field is read from. */
export type ColumnIndex = ColumnIndexOf<Field>

const SPEC: ColumnSpec<Field> = {
  fields: courseImports.IMPORT_FIELDS,
  headers: courseImports.FIELD_HEADERS,
  labels: courseImports.FIELD_LABELS,
  required: 'courseCode',
  requiredExamples: { zh: '课程代码、课程号', en: '课程代码 or 课程号' },
}

/**
 * The mapping the file's headers suggest: each field takes the first header that is one of its
 * usual names (课程代码, 课程号, Course code …), compared by `headerKey`.
 */
export const suggestMapping = (headers: readonly string[]): Mapping => suggestColumns(SPEC, headers)

/**
 * The mapping asked for, checked against the file: every header named must be in it, no header
 * may feed two fields, and the course code must be mapped. Problems are on the header line.
 */
export const resolveMapping = (headers: readonly string[], headerLine: number, asked: AskedMapping) =>
  resolveColumns(SPEC, headers, headerLine, asked)
