import { referenceDesk } from '@shuqiao/contracts'
import type { AppContext } from '../../context.ts'
import { type Caller, hasRole, scopeIncludes, scopeOf } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { recordAudit } from '../../platform/audit/audit.service.ts'
import { assignWaiting } from './assignment.ts'
import * as conversations from './conversations.repository.ts'
import { deskLibraryOf } from './desk-library.ts'
import { collectSignals } from './desk-signals.ts'
import { type DeskStaffRow, deskStaffOf, dutyRowsOf, writeDuty } from './duty.repository.ts'
import { presentQueueRef } from './queues.presenter.ts'
import { findQueue } from './queues.repository.ts'

const presentLibrarian = (row: DeskStaffRow): referenceDesk.DeskLibrarian => ({
  id: row.id,
  name: row.name,
  readerNumber: row.reader_number,
  chatLimit: Number(row.chat_limit),
  activeChats: Number(row.active_chats ?? 0),
  onDutyQueueIds: row.queue_ids ?? [],
})

/** Librarians at the desk: going on and off duty (上岗 / 下岗) and how many chats each takes at once. */
export const createDutyService = (ctx: AppContext) => {
  const { db } = ctx

  const ownLibrary = (caller: Caller) => {
    if (!caller.libraryId) throw new ProblemError('forbidden')
    return caller.libraryId
  }

  const myDesk = async (caller: Caller): Promise<referenceDesk.MyDesk> => {
    const libraryId = ownLibrary(caller)
    const [rows, chatLimit, activeChats] = await Promise.all([
      dutyRowsOf(db, libraryId, caller.accountId),
      conversations.chatLimitOf(db, caller.accountId, referenceDesk.CHAT_LIMIT_DEFAULT),
      conversations.activeChatsOf(db, caller.accountId),
    ])
    return {
      libraryId,
      chatLimit,
      activeChats,
      queues: rows
        .filter((row) => row.active || row.since)
        .map((row) => ({
          queue: presentQueueRef(row),
          onDuty: row.since !== null,
          since: row.since?.toISOString() ?? null,
          source: row.source,
        })),
    }
  }

  return {
    myDesk,

    /** 上岗 / 下岗 for one queue of my library; going on duty in an automatic queue hands me waiting chats. */
    async setMyDuty(caller: Caller, httpRequestId: string, queueId: string, onDuty: boolean) {
      const libraryId = ownLibrary(caller)
      const queue = await findQueue(db, queueId)
      if (!queue || queue.library_id !== libraryId) throw new ProblemError('not_found')
      if (onDuty && !queue.active) throw new ProblemError('illegal_transition')
      const signals = collectSignals()
      const at = ctx.now()
      await db.transaction().execute(async (trx) => {
        const changed = await writeDuty(trx, {
          queueId,
          accountId: caller.accountId,
          libraryId,
          onDuty,
          source: 'manual',
          at,
        })
        if (!changed) return
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId,
          action: onDuty ? 'reference_desk.duty.on' : 'reference_desk.duty.off',
          entityType: 'reference_queue',
          entityId: queueId,
          entityLabel: queue.name_zh,
          before: { onDuty: !onDuty },
          after: { onDuty },
        })
        if (onDuty) await assignWaiting(trx, queueId, at, signals)
        signals.desk(libraryId)
      })
      await signals.publish(ctx.events)
      return myDesk(caller)
    },

    async librarians(caller: Caller, libraryId: string | undefined) {
      const library = await deskLibraryOf(db, caller, libraryId)
      return { items: (await deskStaffOf(db, library).execute()).map(presentLibrarian) }
    },

    /** A librarian sets their own limit; a library admin anyone's of their library. */
    async setChatLimit(caller: Caller, httpRequestId: string, accountId: string, chatLimit: number) {
      const target = await db
        .selectFrom('accounts')
        .select(['id', 'library_id', 'name', 'consortium_id'])
        .where('id', '=', accountId)
        .executeTakeFirst()
      if (!target?.library_id || target.consortium_id !== caller.consortiumId)
        throw new ProblemError('not_found')
      if (!scopeIncludes(scopeOf(caller), target.library_id)) throw new ProblemError('not_found')
      const self = accountId === caller.accountId
      if (!self && !hasRole(caller, 'library_admin', 'consortium_admin')) throw new ProblemError('forbidden')
      const libraryId = target.library_id
      const before =
        (await deskStaffOf(db, libraryId).where('a.id', '=', accountId).executeTakeFirst()) ?? null
      if (!before) throw new ProblemError('not_found')
      const signals = collectSignals()
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('reference_librarians')
          .values({
            account_id: accountId,
            library_id: libraryId,
            chat_limit: chatLimit,
            updated_at: ctx.now(),
          })
          .onConflict((oc) =>
            oc.column('account_id').doUpdateSet({ chat_limit: chatLimit, updated_at: ctx.now() }),
          )
          .execute()
        await recordAudit(trx, {
          caller,
          requestId: httpRequestId,
          libraryId,
          action: 'reference_desk.chat_limit.set',
          entityType: 'account',
          entityId: accountId,
          entityLabel: target.name,
          before: { chatLimit: Number(before.chat_limit) },
          after: { chatLimit },
        })
        // A higher limit may let automatic queues hand this librarian more chats at once.
        const duty = await trx
          .selectFrom('reference_duty')
          .select('queue_id')
          .where('account_id', '=', accountId)
          .execute()
        for (const row of duty) await assignWaiting(trx, row.queue_id, ctx.now(), signals)
        signals.desk(libraryId)
      })
      await signals.publish(ctx.events)
      return presentLibrarian(
        await deskStaffOf(db, libraryId).where('a.id', '=', accountId).executeTakeFirstOrThrow(),
      )
    },
  }
}
