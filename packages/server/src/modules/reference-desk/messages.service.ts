import { referenceDesk } from '@shuqiao/contracts'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import * as conversations from './conversations.repository.ts'
import { type Side, type Speaker, sideIn, viewOf } from './desk-access.ts'
import { DeskError } from './desk-error.ts'
import { collectSignals } from './desk-signals.ts'
import { presentMessage, visibleTo } from './messages.presenter.ts'
import * as repo from './messages.repository.ts'

export interface Outgoing {
  conversationId: string
  clientMessageId: string
  text: string
  note?: boolean | undefined
}

const { perReader, readerWindowMs } = referenceDesk.CHAT_LIMITS

/** Writing and reading a chat's messages; the socket sends through here, REST reads the history. */
export const createMessagesService = (ctx: AppContext) => {
  const { db } = ctx

  return {
    /**
     * Stores a message and tells every process. A resend with the same client id (after a
     * reconnect) returns the stored one instead of a second copy; it does not count against limits.
     */
    async send(speaker: Speaker, message: Outgoing) {
      const problem = referenceDesk.chatTextProblem(message.text)
      if (problem) throw new DeskError(problem)
      const now = ctx.now()
      const signals = collectSignals()
      const author =
        speaker.kind === 'account' ? { accountId: speaker.caller.accountId } : { guestId: speaker.guestId }
      const sent = await db.transaction().execute(async (trx) => {
        const row = await conversations.lockConversation(trx, message.conversationId)
        const side = row && sideIn(speaker, row)
        if (!row || !side) throw new DeskError('not_found')
        const earlier = await repo.findByClientId(trx, row.id, message.clientMessageId)
        if (earlier) {
          const mine =
            'accountId' in author
              ? earlier.author_account_id === author.accountId
              : earlier.author_guest_id === author.guestId
          if (!mine) throw new DeskError('bad_frame')
          return { id: earlier.id, seq: earlier.seq }
        }
        if (row.status === 'closed') throw new DeskError('conversation_closed')
        if (message.note && side !== 'staff') throw new DeskError('forbidden')
        // Staff answer the chats they have taken; anyone at the desk may leave an internal note.
        if (
          side === 'staff' &&
          !message.note &&
          row.assignee_id !== (author as { accountId: string }).accountId
        )
          throw new DeskError('forbidden')
        if (side === 'reader') {
          const since = new Date(now.getTime() - readerWindowMs)
          if ((await repo.countSentSince(trx, author, since)) >= perReader)
            throw new DeskError('reader_rate_limited', readerWindowMs)
        }
        const stored = await repo.appendMessage(trx, row.id, {
          kind: message.note ? 'note' : 'text',
          authorAccountId: 'accountId' in author ? author.accountId : null,
          authorGuestId: 'guestId' in author ? author.guestId : null,
          body: message.text,
          clientMessageId: message.clientMessageId,
          sentAt: now,
        })
        if (side === 'staff' && !message.note && !row.first_answer_at)
          await trx
            .updateTable('reference_conversations')
            .set({ first_answer_at: now })
            .where('id', '=', row.id)
            .execute()
        signals.message(row.id)
        return stored
      })
      await signals.publish(ctx.events)
      return sent
    },

    /** Moves a side's read mark forward (never back, never past the newest message). */
    async markRead(side: Side, conversationId: string, seq: number) {
      const column = side === 'reader' ? 'reader_read_seq' : 'staff_read_seq'
      const moved = await db
        .updateTable('reference_conversations')
        .set({ [column]: sql`least(${seq}, last_seq)` })
        .where('id', '=', conversationId)
        .where(column, '<', seq)
        .where(sql<boolean>`last_seq > ${sql.ref(column)}`)
        .executeTakeFirst()
      if (Number(moved.numUpdatedRows) > 0) {
        const signals = collectSignals()
        signals.add({ kind: 'r', conversationId })
        await signals.publish(ctx.events)
      }
    },

    /** A chat's history after a sequence number; readers never get internal notes. */
    async list(caller: Caller, conversationId: string, after: number, limit: number) {
      const row = await conversations.findConversation(db, conversationId)
      const side = row && viewOf(caller, row)
      if (!row || !side) throw new ProblemError('not_found')
      const rows = await repo.messagesAfter(db, conversationId, after, limit)
      return {
        items: rows.filter((message) => visibleTo(message, side)).map(presentMessage),
        nextAfter: rows.length === limit ? rows.at(-1)!.seq : null,
      }
    },
  }
}

export type MessagesService = ReturnType<typeof createMessagesService>
