import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'
import { DisciplineCode } from '../e-resources/disciplines.ts'
import { DESK_VIEWERS, Person } from './queues.contract.ts'

const TAG = 'reference-desk'

/** A librarian of the desk and the disciplines they answer first (学科馆员). */
export const SubjectLibrarian = z.object({
  librarian: Person,
  disciplines: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string() })),
  /** Departments they are the subject librarian of (from the library's subject assignments). */
  departments: z.array(z.object({ id: IdSchema, nameZh: z.string(), nameEn: z.string() })),
})
export type SubjectLibrarian = z.infer<typeof SubjectLibrarian>

export const listSubjectLibrarians = defineRoute({
  method: 'GET',
  path: '/api/reference-desk/subject-librarians',
  tag: TAG,
  summary: 'The desk’s librarians with the disciplines and departments chats are routed to them for',
  access: DESK_VIEWERS,
  query: z.object({ libraryId: IdSchema.optional() }),
  response: z.object({ items: z.array(SubjectLibrarian) }),
})

export const setSubjectDisciplines = defineRoute({
  method: 'PUT',
  path: '/api/reference-desk/subject-librarians/:accountId',
  tag: TAG,
  summary: 'Set the disciplines a librarian answers first (codes of the library’s discipline list)',
  access: ['library_admin', 'consortium_admin'],
  params: z.object({ accountId: IdSchema }),
  body: z.strictObject({ disciplines: z.array(DisciplineCode).max(50) }),
  response: SubjectLibrarian,
})
