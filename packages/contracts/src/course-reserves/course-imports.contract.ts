import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'

/**
 * What a column of an academic affairs office's file can feed. Only `courseCode` is required:
 * a file of courses maps names, teachers and classes; a file of enrolments maps the student
 * number beside the course code; one file may do both.
 */
export const IMPORT_FIELDS = [
  'courseCode',
  'courseName',
  'courseNameEn',
  'category',
  'department',
  'campus',
  'className',
  'teachers',
  'teacherNumbers',
  'headcount',
  'studentNumber',
] as const
export const ImportField = z.enum(IMPORT_FIELDS)
export type ImportField = z.infer<typeof ImportField>

export const FIELD_LABELS: Record<ImportField, { zh: string; en: string }> = {
  courseCode: { zh: '课程代码', en: 'Course code' },
  courseName: { zh: '课程名称', en: 'Course name' },
  courseNameEn: { zh: '英文课程名称', en: 'Course name (English)' },
  category: { zh: '课程类别', en: 'Category' },
  department: { zh: '开课学院', en: 'Department' },
  campus: { zh: '校区', en: 'Campus' },
  className: { zh: '班级名称', en: 'Class' },
  teachers: { zh: '任课教师', en: 'Teachers' },
  teacherNumbers: { zh: '教师工号', en: 'Teachers’ staff numbers' },
  headcount: { zh: '人数', en: 'Headcount' },
  studentNumber: { zh: '学号', en: 'Student number' },
}

/**
 * Headers offices use for each field, compared by `headerKey` (full-width folded, case, spaces
 * and brackets ignored): what the import suggests before a librarian adjusts it.
 */
export const FIELD_HEADERS: Record<ImportField, readonly string[]> = {
  courseCode: [
    '课程代码',
    '课程号',
    '课程编号',
    '课程编码',
    '课程代号',
    '课号',
    'Course code',
    'course no',
    'course id',
    'code',
  ],
  courseName: ['课程名称', '课程名', '课程中文名称', '中文课程名称', 'Course name', 'course title', 'name'],
  courseNameEn: [
    '英文课程名称',
    '课程英文名称',
    '课程英文名',
    '英文名称',
    'Course name (English)',
    'English name',
    'name en',
  ],
  category: ['课程类别', '课程类型', '课程性质', '课程分类', '课程属性', '类别', 'Category', 'course type'],
  department: [
    '开课学院',
    '开课院系',
    '开课单位',
    '开课部门',
    '院系',
    '学院',
    'Department',
    'school',
    'college',
  ],
  campus: ['校区', '上课校区', '开课校区', 'Campus'],
  className: ['班级名称', '班级', '教学班', '教学班名称', '上课班级', 'Class', 'class name', 'section'],
  teachers: ['任课教师', '授课教师', '主讲教师', '教师', '教师姓名', 'Teachers', 'teacher', 'instructor'],
  teacherNumbers: [
    '教师工号',
    '任课教师工号',
    '工号',
    '教工号',
    'Teachers’ staff numbers',
    'staff number',
    'teacher id',
  ],
  headcount: ['人数', '选课人数', '学生人数', '教学班人数', 'Headcount', 'students'],
  studentNumber: ['学号', '学生学号', 'Student number', 'student id', 'student no'],
}

const Header = z.string().trim().min(1).max(200)

/** Which header of the file feeds each field; a field left out (or null) is not imported. */
export const ImportMapping = z.strictObject(
  Object.fromEntries(IMPORT_FIELDS.map((field) => [field, Header.nullable().optional()])) as Record<
    ImportField,
    z.ZodOptional<z.ZodNullable<typeof Header>>
  >,
)
export type ImportMapping = z.infer<typeof ImportMapping>

export const ImportBody = z.strictObject({
  termId: IdSchema,
  /** An uploaded CSV (UTF-8, GBK or UTF-16) or Excel (.xlsx) file of the caller’s (POST /api/files). */
  fileId: IdSchema,
  /** The columns to use; without it, the suggestion made from the file's headers. */
  mapping: ImportMapping.optional(),
  /** Check and preview only; nothing is written. */
  dryRun: z.boolean().default(true),
})

export const ImportProblem = z.object({
  /** The line in the file (the header is usually line 1); 0 for the file as a whole. */
  line: z.number().int(),
  /** The column's header as written in the file, when the problem is in one cell. */
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  /** Errors stop the import; warnings only inform. */
  severity: z.enum(['error', 'warning']),
})
export type ImportProblem = z.infer<typeof ImportProblem>

const Count = z.number().int()

/** One course of the file and what importing it does. */
export const ImportCourse = z.object({
  /** The first line the course is on. */
  line: Count,
  code: z.string(),
  nameZh: z.string(),
  action: z.enum(['create', 'update', 'unchanged']),
  teachers: z.array(z.string()),
  classCount: Count,
  /** Students of the file enrolled in it (new and already enrolled). */
  enrolments: Count,
})

export const ImportPreview = z.object({
  dryRun: z.boolean(),
  termId: IdSchema,
  fileName: z.string(),
  /** The file's headers, in order. */
  headers: z.array(z.string()),
  /** The mapping suggested from the headers. */
  suggested: z.record(z.string(), z.string().nullable()),
  /** The mapping used. */
  mapping: z.record(z.string(), z.string().nullable()),
  /** Data rows read (not counting the header or blank lines). */
  rows: Count,
  problems: z.array(ImportProblem),
  /** Warnings not listed because there were more than 500 of their kind (all errors are listed). */
  problemsOmitted: Count,
  counts: z.object({
    courses: z.object({ create: Count, update: Count, unchanged: Count }),
    /** Teachers added to courses, and how many of them were linked to an account. */
    teachers: z.object({ add: Count, linked: Count }),
    /** Enrolments added, already there, and added for a student number with no account yet. */
    enrolments: z.object({ add: Count, existing: Count, withoutAccount: Count }),
  }),
  /** The file's courses, in file order (at most 1,000; `counts` covers all). */
  courses: z.array(ImportCourse),
  /** Whether the import was written; false for a dry run. */
  applied: z.boolean(),
})
export type ImportPreview = z.infer<typeof ImportPreview>

export const importCourses = defineRoute({
  method: 'POST',
  path: '/api/course-reserves/imports',
  tag: 'course-reserves',
  summary:
    'Import courses, teachers and enrolments into a term from the academic affairs office’s CSV or Excel, with the columns chosen: a dry run lists every row’s problems by line; applying writes all or nothing, and importing the same file again updates rather than duplicates',
  access: STAFF_ROLES,
  body: ImportBody,
  response: ImportPreview,
})
