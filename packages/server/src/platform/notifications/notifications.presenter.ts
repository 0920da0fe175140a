import type { notifications } from '@shuqiao/contracts'
import type { Selectable } from 'kysely'
import type { NoticeChannelsTable, NoticeOutboxTable } from '../../db/schema.ts'

const TOKEN_LIKE = /^[A-Za-z0-9_-]{16,}$/
const hide = (value: string) => (value.length > 8 ? `••••${value.slice(-4)}` : '••••')

/**
 * A channel's address as admins see it afterwards: robot URLs carry their access token in the
 * query (`key=`, `access_token=`) and some webhooks in the path, so those are hidden like a secret.
 */
export const maskUrl = (raw: string) => {
  try {
    const url = new URL(raw)
    url.username = ''
    url.password = ''
    url.pathname = url.pathname
      .split('/')
      .map((segment) => (TOKEN_LIKE.test(segment) ? hide(segment) : segment))
      .join('/')
    for (const [key, value] of [...url.searchParams]) url.searchParams.set(key, hide(value))
    return decodeURI(url.toString())
  } catch {
    return '••••'
  }
}

/** A reader's notice: what it says, never where else it went. */
export const presentNotice = (row: Selectable<NoticeOutboxTable>): notifications.Notice => ({
  id: row.id,
  event: row.event,
  subject: row.subject,
  body: row.body,
  createdAt: row.created_at.toISOString(),
  readAt: row.read_at?.toISOString() ?? null,
})

/** A channel as admins see it: the secret stays on the server. */
export const presentChannel = (row: Selectable<NoticeChannelsTable>): notifications.NoticeChannel => ({
  id: row.id,
  libraryId: row.library_id,
  name: row.name,
  kind: row.kind,
  url: maskUrl(row.url),
  hasSecret: !!row.secret,
  events: [...row.events].sort(),
  enabled: row.enabled,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
})

/** An outbox row that travels (not an inbox notice), with the names it is shown by. */
export type DeliveryRow = Omit<Selectable<NoticeOutboxTable>, 'channel'> & {
  channel: Exclude<NoticeOutboxTable['channel'], 'inbox'>
  channel_name: string | null
  recipient_name: string | null
  recipient_reader_number: string | null
}

export const presentDelivery = (row: DeliveryRow): notifications.NoticeDelivery => ({
  id: row.id,
  event: row.event,
  channel: row.channel,
  noticeChannel:
    row.notice_channel_id && row.channel_name ? { id: row.notice_channel_id, name: row.channel_name } : null,
  recipient:
    row.channel === 'email' && row.recipient_account_id && row.recipient_name
      ? {
          id: row.recipient_account_id,
          name: row.recipient_name,
          readerNumber: row.recipient_reader_number ?? '',
        }
      : null,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  nextAttemptAt:
    row.status === 'pending' || row.status === 'failed' ? row.next_attempt_at.toISOString() : null,
  sentAt: row.sent_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
})
