import { referenceDesk } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { assignForLibrarian, assignWaiting } from './assignment.ts'
import { conversationSnapshot, presentConversation } from './conversations.presenter.ts'
import * as repo from './conversations.repository.ts'
import { sideIn, worksAtDesk } from './desk-access.ts'
import { isOnDuty, personOf } from './desk-people.ts'
import { collectSignals, type Signals } from './desk-signals.ts'
import { appendMessage } from './messages.repository.ts'
import { presentQueueRef } from './queues.presenter.ts'
import { findQueue } from './queues.repository.ts'

type Transfer = z.output<typeof referenceDesk.TransferInput>

/** What librarians do with a chat: claim it, hand it on, end it. Each step is audited and told to every process. */
export const createConversationHandling = (ctx: AppContext) => {
  const { db } = ctx

  /** Runs a change to one chat in a transaction holding its row, then tells everyone. */
  const change = async (
    caller: Caller,
    conversationId: string,
    work: (trx: Kysely<DB>, row: repo.LockedConversation, signals: Signals) => Promise<'reader' | 'staff'>,
  ) => {
    const signals = collectSignals()
    const side = await db.transaction().execute(async (trx) => {
      const row = await repo.lockConversation(trx, conversationId)
      if (!row || !sideIn({ kind: 'account', caller, name: '' }, row)) throw new ProblemError('not_found')
      const side = await work(trx, row, signals)
      signals.message(conversationId)
      signals.conversation(conversationId, row.library_id)
      return side
    })
    await signals.publish(ctx.events)
    return presentConversation((await repo.findConversation(db, conversationId))!, side)
  }

  const audit = async (
    trx: Kysely<DB>,
    caller: Caller,
    httpRequestId: string,
    action: string,
    before: repo.LockedConversation,
    after: { status: string; queue_id: string; assignee_id: string | null },
  ) => {
    const shown = (await repo.findConversation(trx, before.id))!
    return recordAudit(trx, {
      caller,
      requestId: httpRequestId,
      libraryId: before.library_id,
      action: `reference_desk.conversation.${action}`,
      entityType: 'reference_conversation',
      entityId: before.id,
      // How staff recognise a chat: its topic and who asked, e.g. 参考咨询 · 李明.
      entityLabel: `${shown.queue_name_zh} · ${shown.reader_name ?? shown.guest_name ?? ''}`,
      before: conversationSnapshot(before),
      after: conversationSnapshot(after),
    })
  }

  const staffOnly = (caller: Caller, row: repo.LockedConversation) => {
    // The asker is on the reader side of their own chat, even when they work at the desk.
    if (row.reader_id === caller.accountId || !worksAtDesk(caller, row.library_id))
      throw new ProblemError('not_found')
    if (row.status === 'closed') throw new ProblemError('conversation_closed')
  }

  return {
    /** Takes a waiting chat: on duty for its queue, under my limit, and nobody faster. */
    claim: (caller: Caller, httpRequestId: string, conversationId: string) =>
      change(caller, conversationId, async (trx, row) => {
        staffOnly(caller, row)
        if (row.status === 'active') {
          if (row.assignee_id === caller.accountId) return 'staff'
          throw new ProblemError('already_claimed')
        }
        if (!(await isOnDuty(trx, caller.accountId, row.queue_id))) throw new ProblemError('not_on_duty')
        const limit = await repo.chatLimitOf(trx, caller.accountId, referenceDesk.CHAT_LIMIT_DEFAULT)
        if ((await repo.activeChatsOf(trx, caller.accountId)) >= limit)
          throw new ProblemError('chat_limit_reached')
        const now = ctx.now()
        await trx
          .updateTable('reference_conversations')
          .set({ status: 'active', assignee_id: caller.accountId, assigned_at: now, updated_at: now })
          .where('id', '=', conversationId)
          .execute()
        await appendMessage(trx, conversationId, {
          kind: 'event',
          event: 'claimed',
          eventData: { librarian: await personOf(trx, caller.accountId) },
          sentAt: now,
        })
        await audit(trx, caller, httpRequestId, 'claim', row, {
          status: 'active',
          queue_id: row.queue_id,
          assignee_id: caller.accountId,
        })
        return 'staff'
      }),

    /** Hands a chat to a colleague on duty, or sends it back to wait in another queue. */
    transfer: (caller: Caller, httpRequestId: string, conversationId: string, input: Transfer) =>
      change(caller, conversationId, async (trx, row, signals) => {
        staffOnly(caller, row)
        const now = ctx.now()
        const from = row.assignee_id ? await personOf(trx, row.assignee_id) : null
        const fromQueue = presentQueueRef((await findQueue(trx, row.queue_id))!)
        let after: { status: 'waiting' | 'active'; queue_id: string; assignee_id: string | null }
        if (input.toAccountId) {
          const target = await trx
            .selectFrom('accounts')
            .select(['id', 'library_id'])
            .where('id', '=', input.toAccountId)
            .executeTakeFirst()
          if (!target || target.library_id !== row.library_id || !(await isOnDuty(trx, target.id)))
            throw fieldProblem(
              'body.toAccountId',
              'not_on_duty',
              '只能转给本馆正在值班的馆员',
              'Transfer only to a colleague of this library who is on duty',
            )
          if (target.id === row.assignee_id)
            throw fieldProblem(
              'body.toAccountId',
              'same_assignee',
              '这个咨询已由该馆员接待',
              'This colleague already has the chat',
            )
          after = { status: 'active', queue_id: row.queue_id, assignee_id: target.id }
          await trx
            .updateTable('reference_conversations')
            .set({ status: 'active', assignee_id: target.id, assigned_at: now, updated_at: now })
            .where('id', '=', conversationId)
            .execute()
          await appendMessage(trx, conversationId, {
            kind: 'event',
            event: 'transferred',
            eventData: { from, librarian: await personOf(trx, target.id), by: 'staff' },
            sentAt: now,
          })
        } else {
          const queue = await findQueue(trx, input.toQueueId!)
          if (!queue || queue.library_id !== row.library_id || !queue.active)
            throw fieldProblem(
              'body.toQueueId',
              'invalid_value',
              '只能转到本馆启用的队列',
              'Transfer only to an active queue of this library',
            )
          if (queue.id === row.queue_id && row.status === 'waiting')
            throw fieldProblem(
              'body.toQueueId',
              'same_queue',
              '这个咨询已在该队列中等待',
              'The chat is already waiting in this queue',
            )
          after = { status: 'waiting', queue_id: queue.id, assignee_id: null }
          await trx
            .updateTable('reference_conversations')
            .set({
              status: 'waiting',
              queue_id: queue.id,
              assignee_id: null,
              assigned_at: null,
              updated_at: now,
            })
            .where('id', '=', conversationId)
            .execute()
          await appendMessage(trx, conversationId, {
            kind: 'event',
            event: 'transferred',
            eventData: { from, fromQueue, queue: presentQueueRef(queue), by: 'staff' },
            sentAt: now,
          })
          await assignWaiting(trx, queue.id, now, signals)
        }
        if (input.note?.trim())
          await appendMessage(trx, conversationId, {
            kind: 'note',
            authorAccountId: caller.accountId,
            body: input.note.trim(),
            sentAt: now,
          })
        await audit(trx, caller, httpRequestId, 'transfer', row, after)
        // The colleague who handed it on has room for another chat from the line.
        if (row.assignee_id && row.assignee_id !== after.assignee_id)
          await assignForLibrarian(trx, row.assignee_id, now, signals)
        return 'staff'
      }),

    /** Ends a chat: the reader their own, staff of its library any. Ending it again changes nothing. */
    close: (caller: Caller, httpRequestId: string, conversationId: string) =>
      change(caller, conversationId, async (trx, row, signals) => {
        const side = sideIn({ kind: 'account', caller, name: '' }, row)!
        if (row.status === 'closed') return side
        const now = ctx.now()
        await trx
          .updateTable('reference_conversations')
          .set({ status: 'closed', closed_at: now, closed_by: side, updated_at: now })
          .where('id', '=', conversationId)
          .execute()
        await appendMessage(trx, conversationId, {
          kind: 'event',
          event: 'closed',
          eventData: { by: side, librarian: side === 'staff' ? await personOf(trx, caller.accountId) : null },
          sentAt: now,
        })
        if (side === 'staff')
          await audit(trx, caller, httpRequestId, 'close', row, {
            status: 'closed',
            queue_id: row.queue_id,
            assignee_id: row.assignee_id,
          })
        if (row.assignee_id) await assignForLibrarian(trx, row.assignee_id, now, signals)
        return side
      }),
  }
}
