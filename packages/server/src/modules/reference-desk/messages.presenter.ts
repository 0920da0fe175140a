import type { referenceDesk } from '@shuqiao/contracts'
import type { Side } from './desk-access.ts'
import type { MessageRow } from './messages.repository.ts'

/** Whether one side may see a message: internal notes are for staff only. */
export const visibleTo = (row: Pick<MessageRow, 'kind'>, side: Side) =>
  side === 'staff' || row.kind !== 'note'

export const presentMessage = (row: MessageRow): referenceDesk.Message => ({
  id: row.id,
  conversationId: row.conversation_id,
  seq: row.seq,
  kind: row.kind,
  author: row.author_guest_id
    ? { kind: 'guest', id: row.author_guest_id, name: row.guest_name ?? '' }
    : row.author_account_id
      ? {
          kind: row.author_account_id === row.reader_id ? 'reader' : 'staff',
          id: row.author_account_id,
          name: row.account_name ?? '',
        }
      : null,
  text: row.body,
  event: row.event ? ({ code: row.event, ...row.event_data } as referenceDesk.ChatEvent) : null,
  clientMessageId: row.client_message_id,
  sentAt: row.sent_at.toISOString(),
})
