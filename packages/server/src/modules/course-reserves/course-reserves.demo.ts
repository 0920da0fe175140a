import type { Kysely } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB } from '../../db/schema.ts'
import { seedDemoReserveShelf } from './course-reserves.demo-shelf.ts'

// Demo course reserves: the current term in every library, a few courses of its departments,
// a teacher account (T001) teaching two of them, the demo reader (2020001) enrolled in three, and
// a classmate (2020002) enrolled in two others — someone a course's permalink has to refuse.
// One teacher per course is known only by name and some students only by number, as the
// academic affairs office's files have them before those people first sign in.

/** The demo teacher of each library, signed in as T001 with the demo password. */
export const DEMO_TEACHERS: Record<string, string> = { sjtu: '高建国', fudan: '钱文华', tongji: '马丽娟' }
export const DEMO_TEACHER_NUMBER = 'T001'

/** The second demo student of each library, signed in as 2020002; not enrolled in MB2101. */
export const DEMO_CLASSMATES: Record<string, string> = { sjtu: '林晓雨', fudan: '许诺', tongji: '唐悦' }
export const DEMO_CLASSMATE_NUMBER = '2020002'

interface DemoCourse {
  code: string
  nameZh: string
  nameEn: string
  category: 'public_basic' | 'major_basic' | 'major_elective' | 'major_frontier' | null
  /** Index into the library's departments; null for a course of the office itself. */
  department: number | null
  classes: string[]
  teachers: { name: string; demoTeacher?: boolean }[]
  /** Whether the demo reader 2020001 is enrolled. */
  reader: boolean
  /** Whether the classmate 2020002 is enrolled, in the first numbered seat (so counts stay the same). */
  classmate?: boolean
}

const COURSES: DemoCourse[] = [
  {
    code: 'GE1001',
    nameZh: '高等数学A（上）',
    nameEn: 'Advanced Mathematics A (I)',
    category: 'public_basic',
    department: null,
    classes: ['F2501', 'F2502', 'F2503'],
    teachers: [{ name: '周明' }, { name: '李娜' }],
    reader: true,
    classmate: true,
  },
  {
    code: 'MB2101',
    nameZh: '专业导论',
    nameEn: 'Introduction to the Discipline',
    category: 'major_basic',
    department: 0,
    classes: ['F2401'],
    teachers: [{ name: '高建国', demoTeacher: true }, { name: '王强' }],
    reader: true,
  },
  {
    code: 'ME3205',
    nameZh: '研究方法与文献检索',
    nameEn: 'Research Methods and Literature Searching',
    category: 'major_elective',
    department: 1,
    classes: ['F2301', 'F2302'],
    teachers: [{ name: '高建国', demoTeacher: true }],
    reader: true,
  },
  {
    code: 'MF4102',
    nameZh: '学科前沿专题',
    nameEn: 'Frontiers of the Discipline',
    category: 'major_frontier',
    department: 2,
    classes: ['F2201'],
    teachers: [{ name: '赵磊' }],
    reader: false,
  },
  {
    code: 'PE1003',
    nameZh: '大学英语（三）',
    nameEn: 'College English III',
    category: 'public_basic',
    department: 3,
    classes: ['F2401', 'F2402'],
    teachers: [{ name: '陈蕾' }],
    reader: false,
    classmate: true,
  },
]

/** The term that is current on `today`: autumn (Sep–Jan) is term 1, spring (Feb–Jul) term 2. */
export const termAround = (today: string) => {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const autumn = month >= 8 || month === 1
  const first = autumn && month >= 8 ? year : year - 1
  return autumn
    ? {
        code: `${first}-${first + 1}-1`,
        nameZh: `${first}—${first + 1}学年第一学期`,
        nameEn: `${first}–${first + 1} autumn term`,
        startsOn: `${first}-09-01`,
        endsOn: `${first + 1}-01-31`,
      }
    : {
        code: `${first}-${first + 1}-2`,
        nameZh: `${first}—${first + 1}学年第二学期`,
        nameEn: `${first}–${first + 1} spring term`,
        startsOn: `${first + 1}-02-20`,
        endsOn: `${first + 1}-07-10`,
      }
}

export const seedDemoCourseReserves = async (
  trx: Kysely<DB>,
  library: {
    id: string
    consortiumId: string
    code: string
    departmentIds: string[]
    departmentNames: string[]
    readerId: string
    librarianId: string
    passwordHash: string
  },
  today: string,
) => {
  const courseIds: Record<string, string> = {}
  const teacherId = uuidv7()
  const teacherName = DEMO_TEACHERS[library.code] ?? '高建国'
  await trx
    .insertInto('accounts')
    .values({
      id: teacherId,
      consortium_id: library.consortiumId,
      library_id: library.id,
      reader_number: DEMO_TEACHER_NUMBER,
      name: teacherName,
      type: 'teacher',
      department_id: library.departmentIds[0] ?? null,
      email: `t001@${library.code}.example.edu.cn`,
      phone: null,
      password_hash: library.passwordHash,
    })
    .execute()
  await trx.insertInto('account_roles').values({ account_id: teacherId, role: 'reader' }).execute()
  const classmateId = uuidv7()
  await trx
    .insertInto('accounts')
    .values({
      id: classmateId,
      consortium_id: library.consortiumId,
      library_id: library.id,
      reader_number: DEMO_CLASSMATE_NUMBER,
      name: DEMO_CLASSMATES[library.code] ?? '林晓雨',
      type: 'student',
      department_id: library.departmentIds[3] ?? null,
      email: `${DEMO_CLASSMATE_NUMBER}@${library.code}.example.edu.cn`,
      phone: null,
      password_hash: library.passwordHash,
    })
    .execute()
  await trx.insertInto('account_roles').values({ account_id: classmateId, role: 'reader' }).execute()

  const term = termAround(today)
  const termId = uuidv7()
  await trx
    .insertInto('course_terms')
    .values({
      id: termId,
      library_id: library.id,
      code: term.code,
      name_zh: term.nameZh,
      name_en: term.nameEn,
      starts_on: term.startsOn,
      ends_on: term.endsOn,
      is_current: true,
    })
    .execute()
  for (const [index, course] of COURSES.entries()) {
    const courseId = uuidv7()
    courseIds[course.code] = courseId
    const department = course.department === null ? null : course.department
    await trx
      .insertInto('courses')
      .values({
        id: courseId,
        library_id: library.id,
        term_id: termId,
        code: course.code,
        name_zh: course.nameZh,
        name_en: course.nameEn,
        category: course.category,
        department_id: department === null ? null : (library.departmentIds[department] ?? null),
        department_name: department === null ? '教务处' : (library.departmentNames[department] ?? null),
        campuses: ['主校区'],
        class_names: course.classes,
        headcount: 30 * course.classes.length,
      })
      .execute()
    await trx
      .insertInto('course_teachers')
      .values(
        course.teachers.map((teacher, position) => ({
          id: uuidv7(),
          library_id: library.id,
          course_id: courseId,
          name: teacher.demoTeacher ? teacherName : teacher.name,
          staff_number: teacher.demoTeacher ? DEMO_TEACHER_NUMBER : null,
          account_id: teacher.demoTeacher ? teacherId : null,
          position,
        })),
      )
      .execute()
    // Classmates known only by their numbers until they first sign in.
    const students = Array.from({ length: 4 }, (_, at) => `25${String(index + 1).padStart(2, '0')}${at + 1}0`)
    await trx
      .insertInto('course_enrolments')
      .values([
        ...students.map((number, seat) =>
          course.classmate && seat === 0
            ? {
                course_id: courseId,
                library_id: library.id,
                student_number: DEMO_CLASSMATE_NUMBER,
                account_id: classmateId,
              }
            : { course_id: courseId, library_id: library.id, student_number: number, account_id: null },
        ),
        ...(course.reader
          ? [
              {
                course_id: courseId,
                library_id: library.id,
                student_number: '2020001',
                account_id: library.readerId,
              },
            ]
          : []),
      ])
      .execute()
  }
  if (library.code === 'sjtu')
    await seedDemoReserveShelf(
      trx,
      { id: library.id, consortiumId: library.consortiumId, librarianId: library.librarianId, courseIds },
      today,
    )
}
