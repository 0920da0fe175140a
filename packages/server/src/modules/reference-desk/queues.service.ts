import type { referenceDesk } from '@shuqiao/contracts'
import { v7 as uuidv7 } from 'uuid'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import { type Caller, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { assignWaiting } from './assignment.ts'
import { deskLibraryOf } from './desk-library.ts'
import { collectSignals } from './desk-signals.ts'
import { presentQueue, presentQueueRef, queueSnapshot } from './queues.presenter.ts'
import * as repo from './queues.repository.ts'

type Input = z.output<typeof referenceDesk.QueueInput>
type Change = z.output<typeof referenceDesk.QueueChange>

/** Topic queues of a library's reference desk (参考咨询, 荐购, 文献服务): settings and who is online. */
export const createQueuesService = (ctx: AppContext) => {
  const { db } = ctx

  const present = async (libraryId: string) => {
    const [rows, duty] = await Promise.all([
      repo.queuesOf(db, libraryId).execute(),
      repo.dutyOf(db, libraryId),
    ])
    return rows.map((row) =>
      presentQueue(
        row,
        duty.filter((d) => d.queue_id === row.id).map((d) => ({ id: d.id, name: d.name })),
      ),
    )
  }

  const presentOne = async (libraryId: string, queueId: string) => {
    const queue = (await present(libraryId)).find((item) => item.id === queueId)
    if (!queue) throw new ProblemError('not_found')
    return queue
  }

  /** A queue the caller administers, or not found. */
  const administered = async (caller: Caller, queueId: string) => {
    const queue = await repo.findQueue(db, queueId)
    if (!queue || queue.consortium_id !== caller.consortiumId) throw new ProblemError('not_found')
    if (!scopeIncludes(scopeOf(caller), queue.library_id)) throw new ProblemError('not_found')
    return queue
  }

  return {
    /** Anyone: a library's active queues and whether someone is on duty for each. */
    async publicList(libraryId: string) {
      const library = await db
        .selectFrom('libraries')
        .select('id')
        .where('id', '=', libraryId)
        .executeTakeFirst()
      if (!library) throw new ProblemError('not_found')
      const rows = await repo.onlineQueues(db, libraryId)
      return {
        items: rows.map((row) => ({
          ...presentQueueRef(row),
          allowGuests: row.allow_guests,
          online: Boolean(row.online),
        })),
      }
    },

    async list(caller: Caller, libraryId: string | undefined) {
      return { items: await present(await deskLibraryOf(db, caller, libraryId)) }
    },

    async create(caller: Caller, httpRequestId: string, input: Input) {
      const libraryId = await deskLibraryOf(db, caller, input.libraryId, 'body.libraryId')
      const id = uuidv7()
      const signals = collectSignals()
      await db.transaction().execute(async (trx) => {
        const taken = await trx
          .selectFrom('reference_queues')
          .select('id')
          .where('library_id', '=', libraryId)
          .where('code', '=', input.code)
          .executeTakeFirst()
        if (taken)
          throw fieldProblem(
            'body.code',
            'taken',
            '本馆已有这个代码的队列',
            'This library already has a queue with this code',
          )
        await trx
          .insertInto('reference_queues')
          .values({
            id,
            library_id: libraryId,
            code: input.code,
            name_zh: input.nameZh,
            name_en: input.nameEn,
            allow_guests: input.allowGuests,
            assignment: input.assignment,
            position: input.position,
            created_by: caller.accountId,
            updated_by: caller.accountId,
          })
          .execute()
        const created = (await repo.queuesOf(trx, libraryId).where('q.id', '=', id).execute())[0]!
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId,
          action: 'reference_desk.queue.create',
          entityType: 'reference_queue',
          entityId: id,
          entityLabel: input.nameZh,
          before: null,
          after: queueSnapshot(presentQueue(created, [])),
        })
        signals.desk(libraryId)
      })
      await signals.publish(ctx.events)
      return presentOne(libraryId, id)
    },

    async update(caller: Caller, httpRequestId: string, queueId: string, change: Change) {
      const queue = await administered(caller, queueId)
      const before = await presentOne(queue.library_id, queueId)
      const signals = collectSignals()
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('reference_queues')
          .set({
            ...(change.nameZh === undefined ? {} : { name_zh: change.nameZh }),
            ...(change.nameEn === undefined ? {} : { name_en: change.nameEn }),
            ...(change.allowGuests === undefined ? {} : { allow_guests: change.allowGuests }),
            ...(change.assignment === undefined ? {} : { assignment: change.assignment }),
            ...(change.position === undefined ? {} : { position: change.position }),
            ...(change.active === undefined ? {} : { active: change.active }),
            updated_by: caller.accountId,
            updated_at: ctx.now(),
          })
          .where('id', '=', queueId)
          .execute()
        const after = (await repo.queuesOf(trx, queue.library_id).where('q.id', '=', queueId).execute())[0]!
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId: queue.library_id,
          action: 'reference_desk.queue.update',
          entityType: 'reference_queue',
          entityId: queueId,
          entityLabel: after.name_zh,
          before: queueSnapshot(before),
          after: queueSnapshot(presentQueue(after, before.onDuty)),
        })
        // Switching a queue to automatic assignment hands out the chats already waiting in it.
        await assignWaiting(trx, queueId, ctx.now(), signals)
        signals.desk(queue.library_id)
      })
      await signals.publish(ctx.events)
      return presentOne(queue.library_id, queueId)
    },
  }
}
