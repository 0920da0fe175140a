import type { referenceDesk } from '@shuqiao/contracts'
import type { ConversationRow } from './conversations.repository.ts'
import type { Side } from './desk-access.ts'

const PREVIEW_CHARS = 80

const iso = (value: Date | null) => value?.toISOString() ?? null

/** A chat as one side sees it: readers do not get their own reader number back, nor previews. */
export const presentConversation = (row: ConversationRow, side: Side): referenceDesk.Conversation => ({
  id: row.id,
  libraryId: row.library_id,
  queue: { id: row.queue_id, code: row.queue_code, nameZh: row.queue_name_zh, nameEn: row.queue_name_en },
  status: row.status,
  asker: row.reader_id
    ? {
        kind: 'reader',
        id: row.reader_id,
        name: row.reader_name ?? '',
        readerNumber: side === 'staff' ? row.reader_number : null,
      }
    : { kind: 'guest', id: row.guest_id!, name: row.guest_name ?? '' },
  assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
  createdAt: row.created_at.toISOString(),
  assignedAt: iso(row.assigned_at),
  closedAt: iso(row.closed_at),
  closedBy: row.closed_by,
  lastSeq: row.last_seq,
  readerReadSeq: row.reader_read_seq,
  staffReadSeq: row.staff_read_seq,
  position: row.status === 'waiting' ? Number(row.line_position ?? 1) : null,
  preview: side === 'staff' && row.preview ? [...row.preview].slice(0, PREVIEW_CHARS).join('') : null,
})

/** What the audit log keeps of a chat's handling (never its messages). */
export const conversationSnapshot = (row: {
  status: string
  queue_id: string
  assignee_id: string | null
}) => ({ status: row.status, queueId: row.queue_id, assigneeId: row.assignee_id })
