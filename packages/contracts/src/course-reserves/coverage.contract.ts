import { z } from 'zod'
import { STAFF_ROLES } from '../common/roles.ts'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema, TimestampSchema } from '../common/text.ts'
import { CourseCategory } from './courses.contract.ts'

/** A share in percent to one decimal (33.3), or null when nothing is counted: as pages and exports show it. */
export const percentOf = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 10

/**
 * Course figures of a group: every course of it, those with at least one requested title, those
 * whose requested titles are all published, and those with at least one published.
 * 保障率 = allPublished / requesting; the wider share = anyPublished / requesting.
 */
export const CourseFigures = z.object({
  courses: z.number().int(),
  requesting: z.number().int(),
  allPublished: z.number().int(),
  anyPublished: z.number().int(),
})
export type CourseFigures = z.infer<typeof CourseFigures>

/** Title figures of a group: distinct titles its courses request, and those published. 满足率 = published / titles. */
export const TitleFigures = z.object({
  titles: z.number().int(),
  published: z.number().int(),
})
export type TitleFigures = z.infer<typeof TitleFigures>

export const CoverageGroup = CourseFigures.merge(TitleFigures)

/** One day of the series: the figures as they stood at the day's end (the library's time zone). */
export const CoverageDay = z.object({
  day: DateOnlySchema,
  requesting: z.number().int(),
  allPublished: z.number().int(),
  anyPublished: z.number().int(),
  titles: z.number().int(),
  published: z.number().int(),
})
export type CoverageDay = z.infer<typeof CoverageDay>

export const Coverage = z.object({
  termId: IdSchema,
  /** The library's 保障率 target for the term, in percent; null when none is set. */
  targetPercent: z.number().int().nullable(),
  /** Today in the library's time zone: the series' last day. */
  today: DateOnlySchema,
  computedAt: TimestampSchema,
  total: CoverageGroup,
  byCategory: z.array(CoverageGroup.extend({ category: CourseCategory.nullable() })),
  byDepartment: z.array(
    CoverageGroup.extend({
      departmentId: IdSchema.nullable(),
      /** The department's name, or the name the course file gave when it is not one of the library's. */
      nameZh: z.string().nullable(),
      nameEn: z.string().nullable(),
    }),
  ),
  /** By publisher as the titles give it, folded (width, case, spaces and punctuation); null: none given. */
  byPublisher: z.array(TitleFigures.extend({ publisher: z.string().nullable() })),
  /** From the day of the first request to today. */
  series: z.array(CoverageDay),
})
export type Coverage = z.infer<typeof Coverage>

const TermParams = z.object({ termId: IdSchema })

/** Narrows every figure, the series too, to the courses of a category or a department. */
export const CoverageQuery = z.object({
  /** `none`: courses without a category. */
  category: z.union([CourseCategory, z.literal('none')]).optional(),
  departmentId: IdSchema.optional(),
})

export const getCoverage = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/terms/:termId/coverage',
  tag: 'course-reserves',
  summary:
    'A term’s 保障率 (courses whose requested titles are all published, or at least one) and 满足率 (requested titles published): in all, by category, department and publisher, and day by day',
  access: STAFF_ROLES,
  params: TermParams,
  query: CoverageQuery,
  response: Coverage,
})

export const setCoverageTarget = defineRoute({
  method: 'PUT',
  path: '/api/course-reserves/terms/:termId/coverage-target',
  tag: 'course-reserves',
  summary: 'Set the term’s 保障率 target in percent (null removes it)',
  access: STAFF_ROLES,
  params: TermParams,
  body: z.strictObject({ targetPercent: z.number().int().min(1).max(100).nullable() }),
  response: z.object({ targetPercent: z.number().int().nullable() }),
})

export const exportCoverage = defineRoute({
  method: 'GET',
  path: '/api/course-reserves/terms/:termId/coverage/export',
  tag: 'course-reserves',
  summary:
    'A term’s coverage figures as a CSV or Excel file, headers in my language: in all and by category, department and publisher (`figures`), or day by day (`series`)',
  access: STAFF_ROLES,
  params: TermParams,
  query: CoverageQuery.extend({
    format: z.enum(['csv', 'xlsx']).default('xlsx'),
    table: z.enum(['figures', 'series']).default('figures'),
  }),
})
