import type { referenceDesk } from '@shuqiao/contracts'
import type { Side } from './desk-access.ts'
import type { PostRow, TicketRow } from './tickets.repository.ts'

const iso = (value: Date | null) => value?.toISOString() ?? null

/** A ticket as one side sees it: readers do not get their reader number, the phone, or e-mails. */
export const presentTicket = (row: TicketRow, side: Side): referenceDesk.Ticket => ({
  id: row.id,
  libraryId: row.library_id,
  number: row.number,
  queue: { id: row.queue_id, code: row.queue_code, nameZh: row.queue_name_zh, nameEn: row.queue_name_en },
  status: row.status,
  source: row.source,
  subject: row.subject,
  asker: row.reader_id
    ? {
        kind: 'reader',
        id: row.reader_id,
        name: row.reader_name ?? '',
        readerNumber: side === 'staff' ? row.reader_number : null,
      }
    : { kind: 'guest', name: row.guest_name ?? '', email: side === 'staff' ? row.guest_email : null },
  phone: side === 'staff' ? row.phone : null,
  assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
  conversationId: row.conversation_id,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  firstReplyAt: iso(row.first_reply_at),
  closedAt: iso(row.closed_at),
})

/** Whether one side may see an entry of the thread: readers get replies only. */
export const postVisibleTo = (row: Pick<PostRow, 'kind'>, side: Side) =>
  side === 'staff' || row.kind === 'reply'

export const presentPost = (row: PostRow): referenceDesk.TicketPost => ({
  id: row.id,
  kind: row.kind,
  side: row.side,
  author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
  text: row.body,
  event: row.event ? ({ code: row.event, ...row.event_data } as referenceDesk.TicketPost['event']) : null,
  createdAt: row.created_at.toISOString(),
})

/** What the audit log keeps of a ticket's handling (never its thread). */
export const ticketSnapshot = (row: { status: string; assignee_id: string | null }) => ({
  status: row.status,
  assigneeId: row.assignee_id,
})
