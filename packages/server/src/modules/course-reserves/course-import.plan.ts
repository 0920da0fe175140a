import type { courses } from '@shuqiao/contracts'
import { error, type RowProblem, warning } from './course-import.problems.ts'
import type { StagedCourse, StagedTeacher } from './course-import.rows.ts'
import { type Department, matchDepartment } from './course-import.values.ts'

// The file's courses set against what the term already holds and the library's accounts:
// what each course becomes, who is added, who is linked, and the problems only the database
// can reveal. Pure, so the dry run and the apply (inside its transaction) decide alike.

export interface ExistingCourse {
  id: string
  code: string
  name_zh: string
  name_en: string | null
  category: courses.CourseCategory | null
  department_id: string | null
  department_name: string | null
  campuses: string[]
  class_names: string[]
  headcount: number | null
  teachers: {
    id: string
    name: string
    staff_number: string | null
    account_id: string | null
    linked_by_staff: boolean
  }[]
}

export interface PlanContext {
  existing: ReadonlyMap<string, ExistingCourse>
  departments: readonly Department[]
  /** Accounts of the library by lower-cased reader number (teachers' and students'). */
  accountsByNumber: ReadonlyMap<string, { id: string; type: string }>
  /** Teacher accounts of the library by name. */
  teachersByName: ReadonlyMap<string, readonly string[]>
  /** `<course id>:<lower-cased student number>` of enrolments already there. */
  enrolled: ReadonlySet<string>
}

export interface CourseValues {
  name_zh: string
  name_en: string | null
  category: courses.CourseCategory | null
  department_id: string | null
  department_name: string | null
  campuses: string[]
  class_names: string[]
  headcount: number | null
}

export interface PlannedCourse {
  staged: StagedCourse
  existing: ExistingCourse | null
  action: 'create' | 'update' | 'unchanged'
  values: CourseValues
  newTeachers: { name: string; staffNumber: string | null; accountId: string | null; position: number }[]
  teacherChanges: { id: string; staffNumber: string | null; accountId: string | null }[]
  newEnrolments: { studentNumber: string; accountId: string | null }[]
  existingEnrolments: number
}

const union = (before: readonly string[], added: readonly string[]) => [
  ...before,
  ...added.filter((item) => !before.includes(item)),
]

const sameValues = (a: CourseValues, b: CourseValues) =>
  (Object.keys(a) as (keyof CourseValues)[]).every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]))

/** Decides what importing the staged courses does, with the problems found on the way. */
export const planImport = (staged: ReadonlyMap<string, StagedCourse>, context: PlanContext) => {
  const problems: RowProblem[] = []
  const planned: PlannedCourse[] = []
  const unknownDepartments = new Map<string, { line: number; courses: number }>()
  const warnedTeachers = new Set<string>()

  /** The teacher account a teacher of the file is: by staff number, failing that by an unambiguous name. */
  const accountOf = (teacher: StagedTeacher) => {
    if (teacher.staffNumber) {
      const account = context.accountsByNumber.get(teacher.staffNumber.toLowerCase())
      if (account?.type === 'teacher') return account.id
      if (account && !warnedTeachers.has(`number:${teacher.staffNumber}`)) {
        warnedTeachers.add(`number:${teacher.staffNumber}`)
        problems.push(
          warning(teacher.line, null, 'staff_number_not_teacher', {
            zh: `工号 ${teacher.staffNumber}（${teacher.name}）在本馆属于非教师账号，未按工号关联。`,
            en: `Staff number ${teacher.staffNumber} (${teacher.name}) belongs to an account that is not a teacher's, so it is not linked by number.`,
          }),
        )
      }
    }
    const named = context.teachersByName.get(teacher.name) ?? []
    if (named.length === 1) return named[0]!
    if (named.length > 1 && !warnedTeachers.has(`name:${teacher.name}`)) {
      warnedTeachers.add(`name:${teacher.name}`)
      problems.push(
        warning(teacher.line, null, 'teacher_ambiguous', {
          zh: `本馆有 ${named.length} 位教师名为“${teacher.name}”，无法确定是哪一位；请提供工号列，或在课程页手动关联。`,
          en: `${named.length} teachers of the library are called “${teacher.name}”; give a staff number column, or link the right one on the course page.`,
        }),
      )
    }
    return null
  }

  for (const course of staged.values()) {
    const existing = context.existing.get(course.code) ?? null
    if (!existing && !course.nameZh) {
      if (!course.nameRefused)
        problems.push(
          error(course.line, null, 'unknown_course', {
            zh: `课程代码 ${course.code} 在本学期还没有，文件中也没有它的课程名称；请选择“课程名称”列，或先导入这门课程。`,
            en: `Course code ${course.code} is not in this term yet and the file gives no name for it; choose the course name column, or import the course first.`,
          }),
        )
      continue
    }
    let departmentId = existing?.department_id ?? null
    if (course.department && course.department !== existing?.department_name) {
      const department = matchDepartment(course.department, context.departments)
      departmentId = department?.id ?? null
      if (!department) {
        const seen = unknownDepartments.get(course.department)
        unknownDepartments.set(course.department, {
          line: seen?.line ?? course.line,
          courses: (seen?.courses ?? 0) + 1,
        })
      }
    }
    const values: CourseValues = {
      name_zh: course.nameZh ?? existing!.name_zh,
      name_en: course.nameEn ?? existing?.name_en ?? null,
      category: course.category ?? existing?.category ?? null,
      department_id: departmentId,
      department_name: course.department ?? existing?.department_name ?? null,
      campuses: union(existing?.campuses ?? [], course.campuses),
      class_names: union(existing?.class_names ?? [], course.classNames),
      headcount: course.headcount ?? existing?.headcount ?? null,
    }

    const before = new Map((existing?.teachers ?? []).map((teacher) => [teacher.name, teacher]))
    const newTeachers: PlannedCourse['newTeachers'] = []
    const teacherChanges: PlannedCourse['teacherChanges'] = []
    for (const teacher of course.teachers.values()) {
      const known = before.get(teacher.name)
      if (!known) {
        newTeachers.push({
          name: teacher.name,
          staffNumber: teacher.staffNumber,
          accountId: accountOf(teacher),
          position: before.size + newTeachers.length,
        })
        continue
      }
      const staffNumber = teacher.staffNumber ?? known.staff_number
      const accountId =
        known.account_id || known.linked_by_staff ? known.account_id : accountOf({ ...teacher, staffNumber })
      if (staffNumber !== known.staff_number || accountId !== known.account_id)
        teacherChanges.push({ id: known.id, staffNumber, accountId })
    }

    const newEnrolments: PlannedCourse['newEnrolments'] = []
    let existingEnrolments = 0
    for (const [key, student] of course.students) {
      if (existing && context.enrolled.has(`${existing.id}:${key}`)) {
        existingEnrolments++
        continue
      }
      const accountId = context.accountsByNumber.get(key)?.id ?? null
      if (!accountId)
        problems.push(
          warning(student.line, null, 'unknown_student_number', {
            zh: `本馆还没有学号为 ${student.number} 的读者账号；选课已按学号保存，读者登录后即可看到。`,
            en: `No reader account has student number ${student.number} yet; the enrolment is kept by number and shows once the reader signs in.`,
          }),
        )
      newEnrolments.push({ studentNumber: student.number, accountId })
    }

    const changed =
      !existing ||
      newTeachers.length > 0 ||
      teacherChanges.length > 0 ||
      !sameValues(values, {
        name_zh: existing.name_zh,
        name_en: existing.name_en,
        category: existing.category,
        department_id: existing.department_id,
        department_name: existing.department_name,
        campuses: existing.campuses,
        class_names: existing.class_names,
        headcount: existing.headcount,
      })
    planned.push({
      staged: course,
      existing,
      action: !existing ? 'create' : changed ? 'update' : 'unchanged',
      values,
      newTeachers,
      teacherChanges,
      newEnrolments,
      existingEnrolments,
    })
  }

  for (const [name, { line, courses: count }] of unknownDepartments)
    problems.push(
      warning(line, null, 'unknown_department', {
        zh: `“${name}”不是本馆院系列表中的院系（${count} 门课程），按原文保存；在“图书馆与日历—院系”中添加后再次导入即可关联。`,
        en: `“${name}” is not one of the library's departments (${count} courses); it is kept as written. Add it under Libraries & calendar → Departments and import again to link it.`,
      }),
    )
  return { planned, problems, counts: countsOf(planned) }
}

const countsOf = (planned: readonly PlannedCourse[]) => {
  const count = (pick: (course: PlannedCourse) => number) =>
    planned.reduce((sum, course) => sum + pick(course), 0)
  return {
    courses: {
      create: count((course) => (course.action === 'create' ? 1 : 0)),
      update: count((course) => (course.action === 'update' ? 1 : 0)),
      unchanged: count((course) => (course.action === 'unchanged' ? 1 : 0)),
    },
    teachers: {
      add: count((course) => course.newTeachers.length),
      linked: count(
        (course) =>
          course.newTeachers.filter((teacher) => teacher.accountId).length +
          course.teacherChanges.filter(
            (change) =>
              change.accountId && !course.existing?.teachers.find((t) => t.id === change.id)?.account_id,
          ).length,
      ),
    },
    enrolments: {
      add: count((course) => course.newEnrolments.length),
      existing: count((course) => course.existingEnrolments),
      withoutAccount: count((course) => course.newEnrolments.filter((student) => !student.accountId).length),
    },
  }
}
