import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { IdSchema, nameText } from '../common/text.ts'

/**
 * The four kinds of course libraries count coverage by (公共基础课, 专业基础课, 专业选修课,
 * 专业前沿课), and `other`. A course whose kind the office did not say has none (null).
 */
export const COURSE_CATEGORIES = [
  'public_basic',
  'major_basic',
  'major_elective',
  'major_frontier',
  'other',
] as const
export const CourseCategory = z.enum(COURSE_CATEGORIES)
export type CourseCategory = z.infer<typeof CourseCategory>

export const CATEGORY_LABELS: Record<CourseCategory, { zh: string; en: string }> = {
  public_basic: { zh: '公共基础课', en: 'General foundation course' },
  major_basic: { zh: '专业基础课', en: 'Specialty foundation course' },
  major_elective: { zh: '专业选修课', en: 'Specialty elective' },
  major_frontier: { zh: '专业前沿课', en: 'Specialty frontier course' },
  other: { zh: '其他', en: 'Other' },
}

const DepartmentRef = z.object({ id: IdSchema, nameZh: z.string(), nameEn: z.string() })

/** A teacher of a course: an account once one is linked, else only the name the office gave. */
export const CourseTeacher = z.object({
  id: IdSchema,
  name: z.string(),
  /** 工号 as the office gave it; staff only. */
  staffNumber: z.string().nullable(),
  /** The teacher's account, once linked (by staff number, by an unambiguous name, or by staff). */
  account: z.object({ id: IdSchema, name: z.string(), readerNumber: z.string() }).nullable(),
})
export type CourseTeacher = z.infer<typeof CourseTeacher>

export const Course = z.object({
  id: IdSchema,
  termId: IdSchema,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  category: CourseCategory.nullable(),
  /** One of the library's departments, when the office's name for it matched one. */
  department: DepartmentRef.nullable(),
  /** The offering department (开课学院) as the office wrote it. */
  departmentName: z.string().nullable(),
  campuses: z.array(z.string()),
  /** Class sections (教学班 / 班级) the course is taught to. */
  classNames: z.array(z.string()),
  /** Students as the office counted them (人数), when its file said. */
  headcount: z.number().int().nullable(),
  teachers: z.array(CourseTeacher),
  /** Readers enrolled by student number. */
  enrolmentCount: z.number().int(),
})
export type Course = z.infer<typeof Course>

export const CourseListQuery = PageQuery.extend({
  cursor: IdSchema.optional(),
  /** Default: the current term. */
  termId: IdSchema.optional(),
  departmentId: IdSchema.optional(),
  category: z.union([CourseCategory, z.literal('none')]).optional(),
  /** A teacher's name or staff number. */
  teacher: z.string().trim().max(60).optional(),
  /** Part of a course code or name. */
  q: z.string().trim().max(60).optional(),
})

export const listCourses = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/courses',
  tag: 'course-reserves',
  summary:
    'Courses of a term (the current one unless named) in code order, filtered by department, category, teacher, or code and name',
  access: STAFF_ROLES,
  query: CourseListQuery,
  response: page(Course).extend({
    /** The term listed; null when the library has no current term and none was named. */
    termId: IdSchema.nullable(),
  }),
})

const CourseParams = z.object({ courseId: IdSchema })

export const getCourse = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/courses/:courseId',
  tag: 'course-reserves',
  summary:
    'One course with its teachers, classes and enrolment count: for its library’s staff, its teachers and its enrolled readers',
  access: ['reader', ...STAFF_ROLES],
  params: CourseParams,
  response: Course.extend({ viewpoint: z.enum(['staff', 'teacher', 'student']) }),
})

export const CourseChange = z.strictObject({
  nameZh: nameText(200).optional(),
  nameEn: nameText(200).nullable().optional(),
  category: CourseCategory.nullable().optional(),
  departmentId: IdSchema.nullable().optional(),
})

export const updateCourse = defineRoute({
  method: 'PATCH',
  path: '/api/course-reserves/courses/:courseId',
  tag: 'course-reserves',
  summary: 'Correct a course’s names, category or department',
  access: STAFF_ROLES,
  params: CourseParams,
  body: CourseChange,
  response: Course,
})

export const linkTeacher = defineRoute({
  method: 'PUT',
  path: '/api/course-reserves/courses/:courseId/teachers/:teacherId/account',
  tag: 'course-reserves',
  summary:
    'Link a course’s teacher to a teacher account of my library (or unlink with null), when the office’s file could not tell who it was',
  access: STAFF_ROLES,
  params: CourseParams.extend({ teacherId: IdSchema }),
  body: z.strictObject({ accountId: IdSchema.nullable() }),
  response: Course,
})

/** A course as its reader or teacher sees it on 我的课程. */
export const MyCourse = z.object({
  id: IdSchema,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  category: CourseCategory.nullable(),
  departmentName: z.string().nullable(),
  teachers: z.array(z.string()),
  /** Course materials; none yet until reserve items are published (a later release). */
  materialCount: z.number().int(),
})
export type MyCourse = z.infer<typeof MyCourse>

export const listMyCourses = defineRoute({
  method: 'GET',
  path: '/api/my/courses',
  tag: 'course-reserves',
  summary:
    'My courses this term: those I am enrolled in, and those I teach (none for an account of no library)',
  access: 'signed_in',
  response: z.object({
    term: z.object({ id: IdSchema, code: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
    enrolled: z.array(MyCourse),
    teaching: z.array(MyCourse),
  }),
})
