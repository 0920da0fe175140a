import { courseImports, type courses } from '@shuqiao/contracts'
import type { Table, TableRow } from '../../platform/spreadsheets/read-table.ts'
import type { ColumnIndex } from './course-import.columns.ts'
import { error, type RowProblem, warning } from './course-import.problems.ts'
import {
  categoryOf,
  cleanCode,
  cleanNumber,
  cleanText,
  headcountOf,
  isNumberLike,
  isUnsafeName,
  splitList,
} from './course-import.values.ts'

// The office's rows as courses: rows of one course code (one per class section in most
// exports) collapse into one course with all its classes, campuses, teachers and students.
// Pure: the same table and mapping give the same courses and problems, for the dry run and the apply.

type Field = courseImports.ImportField
const { FIELD_LABELS } = courseImports

export interface StagedTeacher {
  name: string
  staffNumber: string | null
  line: number
}

export interface StagedCourse {
  /** The first line the course is on. */
  line: number
  code: string
  nameZh: string | null
  /** A row gave a name that was refused (its problem already said why). */
  nameRefused: boolean
  nameEn: string | null
  category: courses.CourseCategory | null
  /** The offering department as written (cleaned). */
  department: string | null
  campuses: string[]
  classNames: string[]
  /** The headcounts of its rows added up; null when no row gave one. */
  headcount: number | null
  teachers: Map<string, StagedTeacher>
  /** Enrolled students by lower-cased number. */
  students: Map<string, { number: string; line: number }>
}

/** More students than any university has: a headcount column that is something else. */
const MAX_HEADCOUNT = 1_000_000

const LIMITS: Partial<Record<Field, number>> = {
  courseCode: 40,
  courseName: 200,
  courseNameEn: 200,
  department: 100,
  campus: 60,
  className: 100,
  teachers: 60,
}

/**
 * Every row read into courses by code, with each row's problems by line. `headers` names the
 * columns in messages as the file writes them.
 */
export const readCourseRows = (table: Table, index: ColumnIndex) => {
  const problems: RowProblem[] = []
  const staged = new Map<string, StagedCourse>()
  const column = (field: Field) => {
    const at = index[field]
    return at === undefined ? FIELD_LABELS[field].zh : (table.headers[at] ?? FIELD_LABELS[field].zh)
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
    /** A text cell, cleaned; undefined (and a problem) when it is too long or unsafe. */
    const text = (field: Field, value = cleanText(cell(field))) => {
      if (!value) return null
      const max = LIMITS[field] ?? 100
      if (isUnsafeName(value)) {
        own.push(
          error(row.line, column(field), 'unsafe_characters', {
            zh: `“${column(field)}”包含不允许的字符（如 < > 或控制字符）。`,
            en: `“${column(field)}” contains characters that are not allowed (such as < > or control characters).`,
          }),
        )
        return undefined
      }
      if (value.length > max) {
        own.push(
          error(row.line, column(field), 'too_long', {
            zh: `“${column(field)}”过长，最多 ${max} 个字符。`,
            en: `“${column(field)}” is too long; at most ${max} characters.`,
          }),
        )
        return undefined
      }
      return value
    }

    const code = text('courseCode', cleanCode(cell('courseCode')))
    if (code === null) {
      problems.push(
        error(row.line, column('courseCode'), 'missing_code', {
          zh: `“${column('courseCode')}”为空，这一行不知道是哪门课。`,
          en: `“${column('courseCode')}” is empty, so this row belongs to no course.`,
        }),
      )
      continue
    }
    if (code === undefined) {
      problems.push(...own)
      continue
    }
    const course = staged.get(code) ?? newCourse(code, row)
    staged.set(code, course)
    readCourseCells(row, course, { cell, text, column, own })
    readPeople(row, course, { cell, text, column, own })
    problems.push(...own)
  }
  return { courses: staged, problems }
}

type Reader = {
  cell: (field: Field) => string
  text: (field: Field, value?: string) => string | null | undefined
  column: (field: Field) => string
  own: RowProblem[]
}

const newCourse = (code: string, row: TableRow): StagedCourse => ({
  line: row.line,
  code,
  nameZh: null,
  nameRefused: false,
  nameEn: null,
  category: null,
  department: null,
  campuses: [],
  classNames: [],
  headcount: null,
  teachers: new Map(),
  students: new Map(),
})

/** A value every row of a course should agree on: the first given wins; a different one is a warning. */
const settle = <K extends 'nameZh' | 'nameEn' | 'department'>(
  course: StagedCourse,
  key: K,
  value: string | null | undefined,
  row: TableRow,
  column: string,
  own: RowProblem[],
) => {
  if (!value) return
  const earlier = course[key]
  if (earlier === null) course[key] = value as StagedCourse[K]
  else if (earlier !== value)
    own.push(
      warning(row.line, column, 'differs', {
        zh: `课程 ${course.code} 的“${column}”与第 ${course.line} 行不同（“${value}”），采用先出现的“${earlier}”。`,
        en: `“${column}” of course ${course.code} differs from line ${course.line} (“${value}”); the first, “${earlier}”, is used.`,
      }),
    )
}

const readCourseCells = (row: TableRow, course: StagedCourse, { cell, text, column, own }: Reader) => {
  const name = text('courseName')
  if (name === undefined) course.nameRefused = true
  settle(course, 'nameZh', name, row, column('courseName'), own)
  settle(course, 'nameEn', text('courseNameEn'), row, column('courseNameEn'), own)
  settle(course, 'department', text('department'), row, column('department'), own)

  const categoryText = cleanText(cell('category'))
  if (categoryText) {
    const category = categoryOf(categoryText)
    if (!category)
      own.push(
        error(row.line, column('category'), 'bad_category', {
          zh: `不认识的课程类别“${categoryText}”；可写：公共基础课、专业基础课、专业选修课、专业前沿课、其他。`,
          en: `Unknown category “${categoryText}”; use 公共基础课, 专业基础课, 专业选修课, 专业前沿课 or 其他 (or their English names).`,
        }),
      )
    else if (course.category === null) course.category = category
  }

  const campus = text('campus')
  if (campus && !course.campuses.includes(campus)) course.campuses.push(campus)
  const className = text('className')
  if (className && !course.classNames.includes(className)) course.classNames.push(className)

  const headcountText = cell('headcount').trim()
  if (headcountText) {
    const headcount = headcountOf(headcountText)
    if (headcount === undefined)
      own.push(
        error(row.line, column('headcount'), 'bad_headcount', {
          zh: `“${column('headcount')}”应为整数，而不是“${headcountText}”。`,
          en: `“${column('headcount')}” should be a whole number, not “${headcountText}”.`,
        }),
      )
    else if ((course.headcount ?? 0) + headcount > MAX_HEADCOUNT)
      own.push(
        error(row.line, column('headcount'), 'bad_headcount', {
          zh: `课程 ${course.code} 的人数合计超过 ${MAX_HEADCOUNT}，请检查“${column('headcount')}”列。`,
          en: `The headcounts of course ${course.code} add up to more than ${MAX_HEADCOUNT}; check the “${column('headcount')}” column.`,
        }),
      )
    else course.headcount = (course.headcount ?? 0) + headcount
  }
}

const readPeople = (row: TableRow, course: StagedCourse, { cell, text, column, own }: Reader) => {
  const names = splitList(cell('teachers'))
  const numbers = splitList(cell('teacherNumbers')).map(cleanNumber)
  const paired = numbers.length === names.length
  if (numbers.length > 0 && !paired)
    own.push(
      warning(row.line, column('teacherNumbers'), 'teacher_numbers_mismatch', {
        zh: `有 ${names.length} 位任课教师，却有 ${numbers.length} 个工号，无法一一对应；这一行的工号未采用。`,
        en: `${names.length} teachers but ${numbers.length} staff numbers, which cannot be paired; this row's staff numbers are not used.`,
      }),
    )
  names.forEach((raw, at) => {
    const name = text('teachers', raw)
    if (!name) return
    let staffNumber = paired ? numbers[at]! : null
    if (staffNumber && !isNumberLike(staffNumber)) {
      own.push(
        error(row.line, column('teacherNumbers'), 'bad_staff_number', {
          zh: `工号“${staffNumber}”只能由字母、数字、点、横线和下划线组成。`,
          en: `Staff number “${staffNumber}” may hold only letters, digits, dots, dashes and underscores.`,
        }),
      )
      staffNumber = null
    }
    const known = course.teachers.get(name)
    if (!known) course.teachers.set(name, { name, staffNumber, line: row.line })
    else if (!known.staffNumber && staffNumber) known.staffNumber = staffNumber
  })

  const student = cleanNumber(cell('studentNumber'))
  if (!student) return
  if (!isNumberLike(student)) {
    own.push(
      error(row.line, column('studentNumber'), 'bad_student_number', {
        zh: `学号“${student}”只能由字母、数字、点、横线和下划线组成（最多 40 个字符）。`,
        en: `Student number “${student}” may hold only letters, digits, dots, dashes and underscores (at most 40).`,
      }),
    )
    return
  }
  const key = student.toLowerCase()
  const earlier = course.students.get(key)
  if (earlier)
    own.push(
      warning(row.line, column('studentNumber'), 'duplicate_enrolment', {
        zh: `学号 ${student} 已在第 ${earlier.line} 行选了课程 ${course.code}，本行重复。`,
        en: `Student ${student} is already enrolled in ${course.code} on line ${earlier.line}; this line repeats it.`,
      }),
    )
  else course.students.set(key, { number: student, line: row.line })
}
