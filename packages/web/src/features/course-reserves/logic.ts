import { courseImports, courses } from '@shuqiao/contracts'

const { IMPORT_FIELDS } = courseImports

export type ImportField = courseImports.ImportField
export type Mapping = Record<ImportField, string | null>
type Bilingual = { zh: string; en: string }
type Problem = courseImports.ImportProblem

export const CATEGORIES = courses.COURSE_CATEGORIES
export const CATEGORY_LABELS = courses.CATEGORY_LABELS
export const FIELD_LABELS = courseImports.FIELD_LABELS
export { IMPORT_FIELDS }

export const SAMPLE_COURSES = '/samples/courses-sample.csv'
export const SAMPLE_ENROLMENTS = '/samples/enrolments-sample.csv'

/** A course category's label, or the words for none. */
export const categoryText = (
  category: courses.CourseCategory | null,
  text: (label: Bilingual) => string,
  none: string,
) => (category ? text(CATEGORY_LABELS[category]) : none)

/** The mapping an import answer used, with every field present. */
export const mappingOf = (answer: { mapping: Record<string, string | null> }): Mapping =>
  Object.fromEntries(IMPORT_FIELDS.map((field) => [field, answer.mapping[field] ?? null])) as Mapping

export const sameMapping = (a: Mapping, b: Mapping) => IMPORT_FIELDS.every((field) => a[field] === b[field])

/** Errors and warnings of a preview, and whether it may be applied. */
export const summarise = (preview: { problems: readonly Problem[]; rows: number }) => {
  const errors = preview.problems.filter((problem) => problem.severity === 'error')
  const warnings = preview.problems.filter((problem) => problem.severity === 'warning')
  return { errors, warnings, canApply: errors.length === 0 && preview.rows > 0 }
}

/**
 * Names for a term from its code, to save typing: `2025-2026-2` is 2025—2026学年第二学期 /
 * 2025–2026 spring term. Undefined for a code of another shape.
 */
export const termNamesOf = (code: string) => {
  const match = /^(\d{4})-(\d{4})-([12])$/.exec(code.trim())
  if (!match) return undefined
  const [, first, second, term] = match
  return term === '1'
    ? { nameZh: `${first}—${second}学年第一学期`, nameEn: `${first}–${second} autumn term` }
    : { nameZh: `${first}—${second}学年第二学期`, nameEn: `${first}–${second} spring term` }
}
