import { EventEmitter } from 'node:events'
import { type Insertable, type Kysely, sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { DB, NoticeOutboxTable } from '../../db/schema.ts'
import { type NoticeData, noticeTemplate, renderNotice } from './notice-templates.ts'

/** The NOTIFY channel workers listen on; sent inside the enqueuing transaction, so only on commit. */
export const OUTBOX_CHANNEL = 'notice_outbox'

// Workers of this process hear of new notices at once, also on PGlite where nothing NOTIFYs
// across connections. A wake-up before commit finds nothing and costs one query.
const enqueued = new EventEmitter()
enqueued.setMaxListeners(0)

export const onNoticeEnqueued = (listener: () => void) => {
  enqueued.on('notice', listener)
  return () => void enqueued.off('notice', listener)
}

export const signalNoticeEnqueued = () => {
  setImmediate(() => enqueued.emit('notice'))
}

export interface NoticeInput {
  libraryId: string
  /** An event with a template, e.g. `account.password_reset`. */
  event: string
  /** The account the notice is about and for: it gets an inbox notice, and an e-mail if it has an address. */
  recipientAccountId?: string | null | undefined
  /** Someone without an account (a guest who left an address): an e-mail only, no inbox notice. */
  recipientEmail?: { address: string; language: 'zh-CN' | 'en' } | undefined
  data: NoticeData
  /** Enqueuing again with the same key (in this library) adds nothing. */
  dedupeKey?: string | undefined
}

type NewDelivery = Insertable<NoticeOutboxTable>

/**
 * Writes one outbox row per delivery of a notice: the recipient's inbox, their e-mail, and every
 * enabled channel of the library subscribed to the event. Pass the transaction making the change
 * the notice announces, so the notice exists exactly when the change does. Returns the row ids.
 */
export const enqueueNotice = async (trx: Kysely<DB>, input: NoticeInput): Promise<string[]> => {
  const template = noticeTemplate(input.event)
  if (!template)
    throw new Error(`No notice template for ${input.event}; declare it with defineNoticeTemplate`)
  // One round trip for the library, the recipient and the subscribed channels: a bulk change
  // may announce thousands of notices in its transaction.
  const looked = await sql<{
    name_zh: string
    name_en: string
    recipient_id: string | null
    email: string | null
    language: 'zh-CN' | 'en' | null
    recipient_library_id: string | null
    channels: { id: string; kind: 'wecom' | 'dingtalk' | 'webhook' }[]
  }>`
    select l.name_zh, l.name_en, a.id as recipient_id, a.email, a.language,
      a.library_id as recipient_library_id,
      (select coalesce(json_agg(json_build_object('id', c.id, 'kind', c.kind) order by c.id), '[]'::json)
        from notice_channels c
        where c.library_id = l.id and c.enabled and ${input.event} = any (c.events)) as channels
    from libraries l left join accounts a on a.id = ${input.recipientAccountId ?? null}
    where l.id = ${input.libraryId}`.execute(trx)
  const found = looked.rows[0]
  if (!found) throw new Error(`No library ${input.libraryId}`)
  if (input.recipientAccountId && !found.recipient_id)
    throw new Error(`No account ${input.recipientAccountId}`)
  if (found.recipient_library_id && found.recipient_library_id !== input.libraryId)
    throw new Error('A notice goes to accounts of its own library only')
  const library = found
  const recipient = found.recipient_id
    ? { id: found.recipient_id, email: found.email, language: found.language ?? 'zh-CN' }
    : undefined
  const { channels } = found
  const guest = recipient ? undefined : input.recipientEmail

  const data = JSON.stringify(input.data)
  const inLanguage = (language: 'zh-CN' | 'en') =>
    renderNotice(template, language, {
      ...input.data,
      library: language === 'en' ? library.name_en : library.name_zh,
    })
  const common = {
    library_id: input.libraryId,
    event: input.event,
    data,
    dedupe_key: input.dedupeKey ?? null,
  }
  const rows: NewDelivery[] = []
  if (recipient) {
    const wording = inLanguage(recipient.language)
    const personal = {
      ...common,
      ...wording,
      recipient_account_id: recipient.id,
      language: recipient.language,
    }
    // The inbox needs no worker: the row is the notice, delivered when the transaction commits.
    rows.push({ ...personal, id: uuidv7(), channel: 'inbox', status: 'sent', sent_at: new Date() })
    if (recipient.email) rows.push({ ...personal, id: uuidv7(), channel: 'email', address: recipient.email })
  }
  if (guest) {
    const wording = inLanguage(guest.language)
    rows.push({
      ...common,
      ...wording,
      id: uuidv7(),
      channel: 'email',
      address: guest.address,
      language: guest.language,
    })
  }
  // Group robots and webhooks speak the library's language, zh-CN.
  const shared = channels.length ? inLanguage('zh-CN') : undefined
  for (const channel of channels) {
    rows.push({
      ...common,
      ...shared!,
      id: uuidv7(),
      channel: channel.kind,
      notice_channel_id: channel.id,
      language: 'zh-CN',
    })
  }
  if (rows.length === 0) return []
  // NOTIFY in the same statement: it is delivered when the transaction commits, and repeats
  // within one transaction are folded into one.
  const inserted = await trx
    .with('inserted', (db) =>
      db
        .insertInto('notice_outbox')
        .values(rows)
        .onConflict((conflict) => conflict.doNothing())
        .returning(['id', 'channel']),
    )
    .selectFrom('inserted')
    .select([
      'id',
      sql<boolean>`channel <> 'inbox' and pg_notify(${OUTBOX_CHANNEL}, '') is not null`.as('to_send'),
    ])
    .execute()
  if (inserted.some((row) => row.to_send)) signalNoticeEnqueued()
  return inserted.map((row) => row.id)
}
