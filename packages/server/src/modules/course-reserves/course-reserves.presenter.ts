import type { courses, courseTerms } from '@shuqiao/contracts'
import type { CourseRow, TeacherRow, TermRow } from './course-reserves.repository.ts'

export const presentTerm = (row: TermRow): courseTerms.Term => ({
  id: row.id,
  code: row.code,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  current: row.is_current,
  courseCount: row.course_count,
})

/** A course as staff see it; teachers and students see their teachers' names only. */
export const presentCourse = (
  row: CourseRow,
  teachers: readonly TeacherRow[],
  viewpoint: 'staff' | 'teacher' | 'student' = 'staff',
): courses.Course => ({
  id: row.id,
  termId: row.term_id,
  code: row.code,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  category: row.category,
  department:
    row.department_id && row.department_zh
      ? { id: row.department_id, nameZh: row.department_zh, nameEn: row.department_en ?? row.department_zh }
      : null,
  departmentName: row.department_name,
  campuses: row.campuses,
  classNames: row.class_names,
  headcount: row.headcount,
  teachers: teachers.map((teacher) => ({
    id: teacher.id,
    name: teacher.name,
    staffNumber: viewpoint === 'staff' ? teacher.staff_number : null,
    account:
      viewpoint === 'staff' && teacher.account_id
        ? {
            id: teacher.account_id,
            name: teacher.account_name ?? '',
            readerNumber: teacher.account_number ?? '',
          }
        : null,
  })),
  enrolmentCount: row.enrolment_count,
})

/** What the audit log keeps of a course. */
export const courseSnapshot = (course: courses.Course) => ({
  nameZh: course.nameZh,
  nameEn: course.nameEn,
  category: course.category,
  department: course.department?.nameZh ?? course.departmentName,
  teachers: course.teachers.map((teacher) =>
    teacher.account ? `${teacher.name} (${teacher.account.readerNumber})` : teacher.name,
  ),
})
