import { z } from 'zod'
import { PageQuery, page } from '../common/pagination.ts'
import { defineRoute } from '../common/route.ts'
import { DateOnlySchema, IdSchema } from '../common/text.ts'

export const AuditEvent = z.object({
  id: IdSchema,
  at: z.string(),
  libraryId: IdSchema.nullable(),
  actor: z.object({ id: IdSchema, name: z.string(), readerNumber: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  entityLabel: z.string().nullable(),
  changedFields: z.array(z.string()),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
})
export type AuditEvent = z.infer<typeof AuditEvent>

export const ListAuditQuery = PageQuery.extend({
  cursor: IdSchema.optional(),
  libraryId: IdSchema.optional(),
  actorId: IdSchema.optional(),
  entityType: z
    .string()
    .max(60)
    .regex(/^[a-z_]+$/)
    .optional(),
  action: z
    .string()
    .max(60)
    .regex(/^[a-z_.]+$/)
    .optional(),
  from: DateOnlySchema.optional(),
  to: DateOnlySchema.optional(),
})

export const listAuditEvents = defineRoute({
  method: 'GET',
  path: '/api/audit-events',
  tag: 'audit',
  summary: 'Staff changes, newest first, filtered by who, what and when',
  access: ['library_admin', 'consortium_admin'],
  query: ListAuditQuery,
  response: page(AuditEvent),
})
