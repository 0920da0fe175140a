import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'
import { ImportProblem } from './course-imports.contract.ts'

/**
 * What a column of a school-wide demand list (教参需求清单) can feed: the course code, and the
 * title by ISBN or by title. Each row asks for one title for one course.
 */
export const DEMAND_FIELDS = ['courseCode', 'isbn', 'title', 'author', 'publisher', 'edition'] as const
export const DemandField = z.enum(DEMAND_FIELDS)
export type DemandField = z.infer<typeof DemandField>

export const DEMAND_LABELS: Record<DemandField, { zh: string; en: string }> = {
  courseCode: { zh: '课程代码', en: 'Course code' },
  isbn: { zh: 'ISBN', en: 'ISBN' },
  title: { zh: '书名', en: 'Title' },
  author: { zh: '作者', en: 'Author' },
  publisher: { zh: '出版社', en: 'Publisher' },
  edition: { zh: '版次', en: 'Edition' },
}

/** Headers lists use for each field, compared by `headerKey`. */
export const DEMAND_HEADERS: Record<DemandField, readonly string[]> = {
  courseCode: ['课程代码', '课程号', '课程编号', '课程编码', '课号', 'Course code', 'course no', 'course id'],
  isbn: ['ISBN', 'ISBN号', '标准书号', '国际标准书号', '书号', 'ISBN13', 'ISBN-13', 'ISBN10'],
  title: ['书名', '教材名称', '教参名称', '题名', '正题名', '图书名称', '教材', 'Title', 'book title'],
  author: ['作者', '著者', '主编', '责任者', '编著者', 'Author', 'authors'],
  publisher: ['出版社', '出版者', '出版单位', 'Publisher'],
  edition: ['版次', '版本', 'Edition'],
}

const Header = z.string().trim().min(1).max(200)

export const DemandMapping = z.strictObject(
  Object.fromEntries(DEMAND_FIELDS.map((field) => [field, Header.nullable().optional()])) as Record<
    DemandField,
    z.ZodOptional<z.ZodNullable<typeof Header>>
  >,
)

export const DemandImportBody = z.strictObject({
  termId: IdSchema,
  /** An uploaded CSV or Excel file of the caller's (POST /api/files). */
  fileId: IdSchema,
  /** The columns to use; without it, the suggestion made from the file's headers. */
  mapping: DemandMapping.optional(),
  dryRun: z.boolean().default(true),
})

const Count = z.number().int()

export const DemandImportPreview = z.object({
  dryRun: z.boolean(),
  termId: IdSchema,
  fileName: z.string(),
  headers: z.array(z.string()),
  suggested: z.record(z.string(), z.string().nullable()),
  mapping: z.record(z.string(), z.string().nullable()),
  rows: Count,
  problems: z.array(ImportProblem),
  problemsOmitted: Count,
  counts: z.object({
    /** Titles new to the term, and titles the term already had (asked for by another course or earlier). */
    titles: z.object({ create: Count, existing: Count }),
    /** Course–title pairs added, and those already there. */
    requests: z.object({ add: Count, existing: Count }),
    /** Courses of the file. */
    courses: Count,
  }),
  /** Proposed matches made for the new titles (0 in a dry run). */
  proposed: Count,
  applied: z.boolean(),
})
export type DemandImportPreview = z.infer<typeof DemandImportPreview>

export const importDemandList = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/title-imports',
  tag: 'course-reserves',
  summary:
    'Import a school-wide demand list (course code, ISBN, title, author, publisher) into a term: a dry run lists every row’s problems by line (bad ISBN, unknown course, duplicate rows); applying writes all or nothing',
  access: STAFF_ROLES,
  body: DemandImportBody,
  response: DemandImportPreview,
})
