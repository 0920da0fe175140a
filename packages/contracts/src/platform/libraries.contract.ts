import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema, nameText, noteText } from '../common/text.ts'

export const Library = z.object({
  id: IdSchema,
  consortiumId: IdSchema,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  timeZone: z.string(),
  /** ISO weekdays the building is normally open (1 = Monday … 7 = Sunday). */
  openWeekdays: z.array(z.number().int().min(1).max(7)),
})
export type Library = z.infer<typeof Library>

export const Department = z.object({
  id: IdSchema,
  libraryId: IdSchema,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
})
export type Department = z.infer<typeof Department>

const LibraryParams = z.object({ libraryId: IdSchema })

export const listLibraries = defineRoute({
  method: 'GET',
  path: '/api/libraries',
  tag: 'libraries',
  summary: 'Member libraries of the consortium (public, for the sign-in page)',
  access: 'public',
  response: z.object({
    consortium: z.object({ id: IdSchema, nameZh: z.string(), nameEn: z.string() }).nullable(),
    items: z.array(Library),
  }),
})

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const TimeZoneSchema = z.string().max(60).refine(isTimeZone, { message: 'invalid_format' })
const WeekdaysSchema = z.array(z.number().int().min(1).max(7)).max(7)

export const LibraryInput = z.strictObject({
  code: z
    .string()
    .trim()
    .min(2)
    .max(20)
    .regex(/^[a-z0-9-]+$/),
  nameZh: nameText(120),
  nameEn: nameText(200),
  timeZone: TimeZoneSchema.default('Asia/Shanghai'),
  openWeekdays: WeekdaysSchema.default([1, 2, 3, 4, 5, 6, 7]),
})

// No defaults here: a field left out of a change must stay as it is.
export const LibraryChange = z.strictObject({
  nameZh: nameText(120).optional(),
  nameEn: nameText(200).optional(),
  timeZone: TimeZoneSchema.optional(),
  openWeekdays: WeekdaysSchema.optional(),
})

export const createLibrary = defineRoute({
  method: 'POST',
  path: '/api/libraries',
  tag: 'libraries',
  summary: 'Add a member library',
  access: ['consortium_admin'],
  body: LibraryInput,
  response: Library,
  status: 201,
})

export const updateLibrary = defineRoute({
  method: 'PATCH',
  path: '/api/libraries/:libraryId',
  tag: 'libraries',
  summary: 'Change a library’s names, time zone or usual open days',
  access: ['library_admin', 'consortium_admin'],
  params: LibraryParams,
  body: LibraryChange,
  response: Library,
})

export const CalendarDay = z.object({
  date: DateOnlySchema,
  open: z.boolean(),
  /** Why the day differs from the usual week, e.g. 国庆节 or 闭馆 (疫情). */
  note: z.string().nullable(),
  exception: z.boolean(),
})
export type CalendarDay = z.infer<typeof CalendarDay>

export const getCalendar = defineRoute({
  method: 'GET',
  path: '/api/libraries/:libraryId/calendar',
  tag: 'libraries',
  summary: 'Open and closed days between two dates (at most 400 days)',
  access: 'signed_in',
  params: LibraryParams,
  query: z.object({ from: DateOnlySchema, to: DateOnlySchema }),
  response: z.object({ days: z.array(CalendarDay) }),
})

export const setCalendarDays = defineRoute({
  method: 'PUT',
  path: '/api/libraries/:libraryId/calendar',
  tag: 'libraries',
  summary: 'Mark a range of days open or closed, or restore the usual week',
  access: ['library_admin', 'consortium_admin'],
  params: LibraryParams,
  body: z.strictObject({
    from: DateOnlySchema,
    to: DateOnlySchema,
    /** `null` removes the exception so the usual week applies again. */
    open: z.boolean().nullable(),
    note: noteText(200).optional(),
  }),
  response: z.object({ changed: z.number().int() }),
})

export const listDepartments = defineRoute({
  method: 'GET',
  path: '/api/libraries/:libraryId/departments',
  tag: 'libraries',
  summary: 'Schools and departments (院系) of a library’s university',
  access: 'signed_in',
  params: LibraryParams,
  response: z.object({ items: z.array(Department) }),
})

export const createDepartment = defineRoute({
  method: 'POST',
  path: '/api/libraries/:libraryId/departments',
  tag: 'libraries',
  summary: 'Add a school or department',
  access: ['library_admin', 'consortium_admin'],
  params: LibraryParams,
  body: z.strictObject({
    code: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .regex(/^[A-Za-z0-9_-]+$/),
    nameZh: nameText(120),
    nameEn: nameText(200),
  }),
  response: Department,
  status: 201,
})
