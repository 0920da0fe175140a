import { audit } from '@shuqiao/contracts'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { type Caller, scopeOf } from '../../http/caller.ts'
import { mount } from '../../http/route.ts'
import { addDays, startOfDayIn } from '../libraries/calendar.ts'

type AuditQuery = z.output<typeof audit.ListAuditQuery>

const listAuditEvents = async (ctx: AppContext, caller: Caller, query: AuditQuery) => {
  const scope = scopeOf(caller)
  let q = ctx.db
    .selectFrom('audit_events as e')
    .leftJoin('accounts as actor', 'actor.id', 'e.actor_id')
    .selectAll('e')
    .select(['actor.name as actor_name', 'actor.reader_number as actor_reader_number'])
    .where('e.consortium_id', '=', scope.consortiumId)
  if (scope.libraryIds !== 'all') {
    q = scope.libraryIds.length
      ? q.where('e.library_id', 'in', scope.libraryIds)
      : q.where(sql<boolean>`false`)
  }
  if (query.libraryId) q = q.where('e.library_id', '=', query.libraryId)
  if (query.actorId) q = q.where('e.actor_id', '=', query.actorId)
  if (query.entityType) q = q.where('e.entity_type', '=', query.entityType)
  if (query.action) q = q.where('e.action', 'like', `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  // Days are the caller's library's days; the consortium office works on Shanghai time.
  const library = caller.libraryId
    ? await ctx.db
        .selectFrom('libraries')
        .select('time_zone')
        .where('id', '=', caller.libraryId)
        .executeTakeFirst()
    : undefined
  const timeZone = library?.time_zone ?? 'Asia/Shanghai'
  if (query.from) q = q.where('e.at', '>=', startOfDayIn(query.from, timeZone))
  if (query.to) q = q.where('e.at', '<', startOfDayIn(addDays(query.to, 1), timeZone))
  if (query.cursor) q = q.where('e.id', '<', query.cursor)
  const rows = await q
    .orderBy('e.id', 'desc')
    .limit(query.limit + 1)
    .execute()
  const items = rows.slice(0, query.limit).map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    libraryId: row.library_id,
    actor:
      row.actor_id && row.actor_name && row.actor_reader_number
        ? { id: row.actor_id, name: row.actor_name, readerNumber: row.actor_reader_number }
        : null,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityLabel: row.entity_label,
    changedFields: row.changed_fields,
    before: row.before as Record<string, unknown> | null,
    after: row.after as Record<string, unknown> | null,
    requestId: row.request_id,
  }))
  return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null }
}

export const auditRoutes = (app: FastifyInstance, ctx: AppContext) => {
  mount(app, ctx, audit.listAuditEvents, ({ caller, query }) => listAuditEvents(ctx, caller, query))
}
