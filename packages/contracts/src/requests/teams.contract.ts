import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import { IdSchema } from '../common/text.ts'
import { REQUEST_TYPE_CODES } from './types/index.ts'

const TypeCode = z.enum(REQUEST_TYPE_CODES)
const LibraryParams = z.object({ libraryId: IdSchema })
const STAFF_ROLES = ['librarian', 'subject_librarian', 'library_admin', 'consortium_admin'] as const

/** A member of the library's staff, with the work on their desk now. */
export const StaffMember = z.object({
  id: IdSchema,
  name: z.string(),
  readerNumber: z.string(),
  roles: z.array(z.enum(['librarian', 'subject_librarian', 'library_admin'])),
  openRequests: z.number().int(),
})
export type StaffMember = z.infer<typeof StaffMember>

export const listRequestStaff = defineRoute({
  method: 'GET',
  path: '/api/libraries/:libraryId/request-staff',
  tag: 'requests',
  summary: 'The library’s active staff with their open requests, to assign work or form teams',
  access: STAFF_ROLES,
  params: LibraryParams,
  response: z.object({ items: z.array(StaffMember) }),
})

export const RequestTeam = z.object({
  type: TypeCode,
  /** Taken in turn (round-robin) for new requests the type assigns to its team. */
  members: z.array(StaffMember),
})
export type RequestTeam = z.infer<typeof RequestTeam>

export const listRequestTeams = defineRoute({
  method: 'GET',
  path: '/api/libraries/:libraryId/request-teams',
  tag: 'requests',
  summary: 'Who handles each request type in turn at a library (one entry per type, members may be empty)',
  access: STAFF_ROLES,
  params: LibraryParams,
  response: z.object({ items: z.array(RequestTeam) }),
})

export const setRequestTeam = defineRoute({
  method: 'PUT',
  path: '/api/libraries/:libraryId/request-teams/:type',
  tag: 'requests',
  summary:
    'Set the team that takes new requests of a type in turn; members must be active staff of the library',
  access: ['library_admin', 'consortium_admin'],
  params: LibraryParams.extend({ type: TypeCode }),
  body: z.strictObject({ accountIds: z.array(IdSchema).max(50) }),
  response: RequestTeam,
})
