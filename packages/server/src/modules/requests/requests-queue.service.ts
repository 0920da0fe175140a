import { REQUEST_TYPES, type requests, requestTypeOf } from '@shuqiao/contracts'
import { type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import { type Caller, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { addDays, startOfDayIn, todayIn } from '../../platform/libraries/calendar.ts'
import { feeOf } from './request-fees.ts'
import { presentRequest } from './requests.presenter.ts'
import * as repo from './requests.repository.ts'

const pageOf = <T extends { id: string }>(items: T[], limit: number) => ({
  items: items.slice(0, limit),
  nextCursor: items.length > limit ? (items[limit - 1]?.id ?? null) : null,
})

type QueueFilters = Omit<z.output<typeof requests.QueueQuery>, 'cursor' | 'limit'>

/**
 * The staff queue's requests matching its filters, within the caller's scope: the one query
 * behind the listing and the exports, so a file holds exactly what the screen showed.
 */
export const filteredQueue = (db: Kysely<DB>, caller: Caller, query: QueueFilters) => {
  const scope = scopeOf(caller)
  if (query.libraryId && !scopeIncludes(scope, query.libraryId)) throw new ProblemError('not_found')
  let q = repo.requestsInScope(db, scope)
  if (query.libraryId) q = q.where('r.library_id', '=', query.libraryId)
  if (query.type) q = q.where('r.type', '=', query.type)
  if (query.status) q = q.where('r.status', '=', query.status)
  if (query.subject) q = q.where('r.subject_id', '=', query.subject)
  if (query.assignee === 'me') q = q.where('r.assignee_id', '=', caller.accountId)
  else if (query.assignee === 'unassigned') q = q.where('r.assignee_id', 'is', null)
  else if (query.assignee) q = q.where('r.assignee_id', '=', query.assignee)
  if (query.open === 'true') q = q.where('r.closed_at', 'is', null)
  if (query.open === 'false') q = q.where('r.closed_at', 'is not', null)
  if (query.overdue === 'true') {
    // "Today" is each library's own day.
    q = q
      .where('r.closed_at', 'is', null)
      .where(sql<boolean>`r.due_date < (now() at time zone l.time_zone)::date`)
  }
  if (query.q) {
    const text = query.q.replace(/[\\%_]/g, (c) => `\\${c}`)
    // The requests of matching readers, plus those whose number matches: each found through
    // its own index (trigrams for text inside a name or number). One OR across the joined
    // rows would read every request in the scope instead.
    // Names of one or two Chinese characters have no trigram to look up, so those searches
    // read the readers' names; text without upper or lower case (Chinese, digits) needs no
    // case folding there, and LIKE is a few times cheaper than ILIKE.
    const like = query.q.toLowerCase() === query.q.toUpperCase() ? 'like' : 'ilike'
    let readers = db
      .selectFrom('accounts as a')
      .select('a.id')
      .where('a.consortium_id', '=', scope.consortiumId)
      .where((eb) => eb.or([eb('a.name', like, `%${text}%`), eb('a.reader_number', like, `${text}%`)]))
    if (scope.libraryIds !== 'all' && scope.libraryIds.length)
      readers = readers.where('a.library_id', 'in', scope.libraryIds)
    const byReader = db.selectFrom('requests as m').select('m.id').where('m.reader_id', 'in', readers)
    // Numbers are letters, digits and hyphens (DD-2026-000123); other text cannot be in one.
    const matches = /^[A-Za-z0-9-]+$/.test(query.q)
      ? byReader.unionAll(
          db.selectFrom('requests as n').select('n.id').where('n.number', 'ilike', `%${text}%`),
        )
      : byReader
    q = q.where('r.id', 'in', matches)
  }
  return q
}

/** The staff side: queues, bulk assignment, figures, fee waivers; and readers' own lists. */
export const createRequestQueueService = (ctx: AppContext) => {
  const { db } = ctx
  const today = (timeZone: string) => todayIn(timeZone, ctx.now())
  const libraryTimeZone = async (caller: Caller) => {
    const library = caller.libraryId
      ? await db
          .selectFrom('libraries')
          .select('time_zone')
          .where('id', '=', caller.libraryId)
          .executeTakeFirst()
      : undefined
    return library?.time_zone ?? 'Asia/Shanghai'
  }

  return {
    async mine(
      caller: Caller,
      query: { cursor?: string | undefined; type?: string | undefined; limit: number },
    ) {
      let q = repo
        .requestsInScope(db, { consortiumId: caller.consortiumId, libraryIds: 'all' })
        .where('r.reader_id', '=', caller.accountId)
      if (query.type) q = q.where('r.type', '=', query.type)
      if (query.cursor) q = q.where('r.id', '<', query.cursor)
      const rows = await q
        .orderBy('r.id', 'desc')
        .limit(query.limit + 1)
        .execute()
      const items = rows.map((row) =>
        presentRequest(row, requestTypeOf(row.type)!, 'reader', today(row.time_zone)),
      )
      return pageOf(items, query.limit)
    },

    async queue(caller: Caller, query: z.output<typeof requests.QueueQuery>) {
      let q = filteredQueue(db, caller, query)
      if (query.cursor) q = q.where('r.id', '<', query.cursor)
      const rows = await q
        .orderBy('r.id', 'desc')
        .limit(query.limit + 1)
        .execute()
      const items = rows.map((row) =>
        presentRequest(row, requestTypeOf(row.type)!, 'staff', today(row.time_zone)),
      )
      return pageOf(items, query.limit)
    },

    async assign(caller: Caller, httpRequestId: string, requestIds: string[], assigneeId: string | null) {
      const scope = scopeOf(caller)
      return db.transaction().execute(async (trx) => {
        const rows = await repo.requestsInScope(trx, scope).where('r.id', 'in', requestIds).execute()
        if (rows.length !== new Set(requestIds).size) throw new ProblemError('not_found')
        if (assigneeId) {
          const libraries = new Set(rows.map((row) => row.library_id))
          const assignee = await trx
            .selectFrom('accounts as a')
            .innerJoin('account_roles as role', 'role.account_id', 'a.id')
            .select(['a.id', 'a.library_id', 'a.name', 'a.reader_number'])
            .where('a.id', '=', assigneeId)
            .where('a.status', '=', 'active')
            .where('role.role', 'in', ['librarian', 'subject_librarian', 'library_admin'])
            .executeTakeFirst()
          if (!assignee || libraries.size !== 1 || !libraries.has(assignee.library_id ?? '')) {
            throw fieldProblem(
              'body.assigneeId',
              'invalid_value',
              '只能分配给本馆在职馆员',
              'Assign only to active staff of the same library',
            )
          }
        }
        await trx
          .updateTable('requests')
          .set({ assignee_id: assigneeId, updated_at: ctx.now() })
          .where('id', 'in', requestIds)
          .execute()
        for (const row of rows) {
          await trx
            .insertInto('request_events')
            .values({
              id: uuidv7(),
              request_id: row.id,
              library_id: row.library_id,
              actor_id: caller.accountId,
              kind: 'assigned',
              internal: true,
              note: null,
            })
            .execute()
          await recordAudit(trx, {
            caller,
            requestId: httpRequestId,
            libraryId: row.library_id,
            action: 'request.assign',
            entityType: 'request',
            entityId: row.id,
            entityLabel: row.number,
            before: { assigneeId: row.assignee_id },
            after: { assigneeId },
          })
        }
        return { assigned: rows.length }
      })
    },

    async figures(caller: Caller, query: { from: string; to: string; libraryId?: string | undefined }) {
      const scope = scopeOf(caller)
      if (query.libraryId && !scopeIncludes(scope, query.libraryId)) throw new ProblemError('not_found')
      const libraryIds = query.libraryId
        ? [query.libraryId]
        : scope.libraryIds === 'all'
          ? undefined
          : [...scope.libraryIds]
      // Days are the caller's library's days; the consortium office works on Shanghai time.
      const timeZone = await libraryTimeZone(caller)
      const from = startOfDayIn(query.from, timeZone)
      const until = startOfDayIn(addDays(query.to, 1), timeZone)
      const rows = await db
        .selectFrom('requests as r')
        .innerJoin('libraries as l', 'l.id', 'r.library_id')
        .select([
          'r.type',
          sql<number>`count(*) filter (where r.submitted_at >= ${from} and r.submitted_at < ${until})`.as(
            'received',
          ),
          sql<number>`count(*) filter (where r.closed_at >= ${from} and r.closed_at < ${until} and r.status <> 'cancelled')`.as(
            'completed',
          ),
          sql<number>`count(*) filter (where r.closed_at is null)`.as('open'),
          sql<number>`count(*) filter (where r.closed_at is null and r.due_date < (now() at time zone l.time_zone)::date)`.as(
            'overdue',
          ),
          sql<
            number | null
          >`percentile_cont(0.5) within group (order by extract(epoch from r.closed_at - r.submitted_at) / 86400)
            filter (where r.closed_at >= ${from} and r.closed_at < ${until} and r.status <> 'cancelled')`.as(
            'median_days',
          ),
          sql<number>`count(*) filter (where r.closed_at >= ${from} and r.closed_at < ${until} and r.status <> 'cancelled'
            and (r.closed_at at time zone l.time_zone)::date <= r.due_date)`.as('within_target'),
        ])
        .where('l.consortium_id', '=', caller.consortiumId)
        .$if(libraryIds !== undefined, (q) => q.where('r.library_id', 'in', libraryIds!))
        .groupBy('r.type')
        .execute()
      const byType = new Map(rows.map((row) => [row.type, row]))
      return {
        items: REQUEST_TYPES.map((type) => {
          const row = byType.get(type.code)
          const completed = Number(row?.completed ?? 0)
          return {
            type: type.code as requests.ServiceRequest['type'],
            received: Number(row?.received ?? 0),
            completed,
            open: Number(row?.open ?? 0),
            overdue: Number(row?.overdue ?? 0),
            medianTurnaroundDays:
              row?.median_days == null ? null : Math.round(Number(row.median_days) * 10) / 10,
            withinTargetShare: completed
              ? Math.round((Number(row?.within_target ?? 0) / completed) * 1000) / 1000
              : null,
          }
        }),
      }
    },

    async types(caller: Caller) {
      const library = caller.libraryId
        ? await db
            .selectFrom('libraries')
            .select('time_zone')
            .where('id', '=', caller.libraryId)
            .executeTakeFirst()
        : undefined
      const day = today(library?.time_zone ?? 'Asia/Shanghai')
      const items = []
      for (const type of REQUEST_TYPES) {
        const fee = caller.libraryId
          ? await feeOf(db, caller.libraryId, type, day)
          : { feeFen: type.feeFen, waivedUntil: null }
        items.push({
          code: type.code as requests.ServiceRequest['type'],
          feeFen: fee.feeFen,
          feeWaivedUntil: fee.waivedUntil,
          targetWorkingDays: type.targetWorkingDays,
        })
      }
      return { items }
    },

    async setFeeWaiver(
      caller: Caller,
      httpRequestId: string,
      libraryId: string,
      type: string,
      input: { freeFrom: string | null; freeUntil: string | null; note?: string | undefined },
    ) {
      if (!scopeIncludes(scopeOf(caller), libraryId)) throw new ProblemError('not_found')
      const library = await db
        .selectFrom('libraries')
        .select(['id', 'name_zh'])
        .where('id', '=', libraryId)
        .where('consortium_id', '=', caller.consortiumId)
        .executeTakeFirst()
      if (!library) throw new ProblemError('not_found')
      const ending = input.freeFrom === null || input.freeUntil === null
      if (!ending && input.freeFrom! > input.freeUntil!) {
        throw fieldProblem(
          'body.freeUntil',
          'invalid_value',
          '结束日期早于开始日期',
          'The period ends before it starts',
        )
      }
      return db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom('request_fee_waivers')
          .select(['free_from', 'free_until'])
          .where('library_id', '=', libraryId)
          .where('type', '=', type)
          .executeTakeFirst()
        await trx
          .deleteFrom('request_fee_waivers')
          .where('library_id', '=', libraryId)
          .where('type', '=', type)
          .execute()
        if (!ending) {
          await trx
            .insertInto('request_fee_waivers')
            .values({
              library_id: libraryId,
              type,
              free_from: input.freeFrom!,
              free_until: input.freeUntil!,
              note: input.note ?? null,
            })
            .execute()
        }
        const after = {
          type,
          freeFrom: ending ? null : input.freeFrom,
          freeUntil: ending ? null : input.freeUntil,
        }
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId,
          action: 'request.fee_waiver.set',
          entityType: 'request_fee_waiver',
          entityId: `${libraryId}:${type}`,
          entityLabel: `${library.name_zh} ${requestTypeOf(type)?.name.zh ?? type}`,
          before: { type, freeFrom: before?.free_from ?? null, freeUntil: before?.free_until ?? null },
          after,
        })
        return after as {
          type: requests.ServiceRequest['type']
          freeFrom: string | null
          freeUntil: string | null
        }
      })
    },
  }
}
