import type { referenceDesk } from '@shuqiao/contracts'
import type { z } from 'zod'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { invalidCursor, ProblemError } from '../../http/problem.ts'
import { wordsOf } from '../../platform/search/search-text.ts'
import { presentConversation } from './conversations.presenter.ts'
import * as conversations from './conversations.repository.ts'
import { type Side, sideIn, viewOf, worksAtDesk } from './desk-access.ts'
import { deskLibraryOf } from './desk-library.ts'
import { typedMatch } from './desk-search.ts'
import { type MessageRow, messagesAfter } from './messages.repository.ts'
import { announceTranscript } from './tickets.notices.ts'
import { indexTranscripts } from './transcripts.repository.ts'

type SearchQuery = z.output<typeof referenceDesk.searchTranscripts.query>

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const EXCERPTS = 3
const EXCERPT_CHARS = 120
const MAX_MESSAGES = 5000

const shorten = (text: string, around: number) => {
  const chars = [...text]
  if (chars.length <= EXCERPT_CHARS) return text
  const start = Math.max(0, Math.min(around - 30, chars.length - EXCERPT_CHARS))
  return `${start > 0 ? '…' : ''}${chars.slice(start, start + EXCERPT_CHARS).join('')}…`
}

/** Up to three messages containing a word searched for (the first ones when nothing was). */
const excerptsOf = (texts: string[], q: string | undefined) => {
  const words = q ? wordsOf(q) : []
  const picked: string[] = []
  for (const text of texts) {
    if (picked.length >= EXCERPTS) break
    const lower = text.normalize('NFKC').toLowerCase()
    const at = words.length ? Math.min(...words.map((word) => lower.indexOf(word)).filter((i) => i >= 0)) : 0
    if (Number.isFinite(at)) picked.push(shorten(text, at))
  }
  return picked
}

const EVENT_WORDS: Record<string, { zh: string; en: string }> = {
  started: { zh: '咨询开始', en: 'Chat started' },
  claimed: { zh: '馆员接待', en: 'A librarian took the chat' },
  assigned: { zh: '分配给馆员', en: 'Assigned to a librarian' },
  transferred: { zh: '咨询转交', en: 'Chat transferred' },
  closed: { zh: '咨询结束', en: 'Chat ended' },
  ticketed: { zh: '转为留言咨询', en: 'Became a ticket' },
}

/** Chat transcripts: staff search the ended chats; a reader downloads theirs or has it mailed. */
export const createTranscriptsService = (ctx: AppContext) => {
  const { db } = ctx

  const timeIn = (zone: string) => {
    const format = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
    return (date: Date) => format.format(date)
  }

  /** A chat as plain text for one side, in a language: readers never get internal notes. */
  const transcriptOf = async (conversationId: string, side: Side, language: 'zh-CN' | 'en') => {
    const chat = (await conversations.findConversation(db, conversationId))!
    const library = await db
      .selectFrom('libraries')
      .select(['name_zh', 'name_en', 'time_zone'])
      .where('id', '=', chat.library_id)
      .executeTakeFirstOrThrow()
    const at = timeIn(library.time_zone)
    const en = language === 'en'
    const shown = presentConversation(chat, side)
    const rows = (await messagesAfter(db, conversationId, 0, MAX_MESSAGES)).filter(
      (row: MessageRow) => side === 'staff' || row.kind !== 'note',
    )
    const lines = [
      en ? `${library.name_en} — online reference chat` : `${library.name_zh} 在线咨询记录`,
      `${en ? 'Topic' : '主题'}: ${en ? shown.queue.nameEn : shown.queue.nameZh}`,
      `${en ? 'Asked by' : '咨询者'}: ${shown.asker.name}`,
      `${en ? 'Started' : '开始'}: ${at(chat.created_at)}`,
      ...(chat.closed_at ? [`${en ? 'Ended' : '结束'}: ${at(chat.closed_at)}`] : []),
      '',
    ]
    for (const row of rows) {
      const when = at(row.sent_at)
      if (row.kind === 'event') {
        const words = EVENT_WORDS[row.event ?? ''] ?? { zh: row.event ?? '', en: row.event ?? '' }
        lines.push(`[${when}] — ${en ? words.en : words.zh} —`)
        continue
      }
      const name = row.guest_name ?? row.account_name ?? ''
      const note = row.kind === 'note' ? (en ? ' (internal note)' : '（内部备注）') : ''
      lines.push(`[${when}] ${name}${note}: ${row.body ?? ''}`)
    }
    return { chat, text: `${lines.join('\n')}\n`, date: at(chat.created_at).slice(0, 10) }
  }

  /** The side the caller sees a chat from, or not found. */
  const viewable = async (caller: Caller, conversationId: string) => {
    const row = await conversations.findConversation(db, conversationId)
    const side = row && viewOf(caller, row)
    if (!row || !side) throw new ProblemError('not_found')
    return { row, side }
  }

  return {
    async search(caller: Caller, query: SearchQuery) {
      const libraryId = await deskLibraryOf(db, caller, query.libraryId)
      if (query.cursor && !ID.test(query.cursor)) throw invalidCursor()
      await indexTranscripts(db, libraryId)
      let q = conversations
        .conversationsQuery(db)
        .innerJoin('reference_transcripts as tr', 'tr.conversation_id', 'c.id')
        .where('c.library_id', '=', libraryId)
      if (query.queueId) q = q.where('c.queue_id', '=', query.queueId)
      const match = typedMatch('tr', query.q)
      if (match) q = q.where(match.where)
      if (query.cursor) q = q.where('c.id', '<', query.cursor)
      const rows = await q
        .orderBy('c.id', 'desc')
        .limit(query.limit + 1)
        .execute()
      const items = rows.slice(0, query.limit)
      const messages = items.length
        ? await db
            .selectFrom('reference_messages')
            .select(['conversation_id', 'body'])
            .where(
              'conversation_id',
              'in',
              items.map((row) => row.id),
            )
            .where('kind', '=', 'text')
            .orderBy('seq')
            .execute()
        : []
      return {
        items: items.map((row): referenceDesk.TranscriptHit => {
          const chat = presentConversation(row, 'staff')
          const texts = messages.filter((m) => m.conversation_id === row.id).map((m) => m.body ?? '')
          return {
            conversationId: row.id,
            queue: chat.queue,
            asker: chat.asker,
            assignee: chat.assignee,
            createdAt: chat.createdAt,
            closedAt: chat.closedAt,
            excerpts: excerptsOf(texts, query.q),
          }
        }),
        nextCursor: rows.length > query.limit ? items.at(-1)!.id : null,
      }
    },

    /** The transcript as text, for the chat's reader or the library's staff. */
    async download(caller: Caller, conversationId: string) {
      const { side } = await viewable(caller, conversationId)
      const { text, date } = await transcriptOf(conversationId, side, caller.language)
      return { text, fileName: `${caller.language === 'en' ? 'chat' : '咨询记录'}-${date}.txt` }
    },

    /** Mails the transcript (without notes) to the chat's reader: they ask, or staff of the library for them. */
    async email(caller: Caller, conversationId: string) {
      const { row } = await viewable(caller, conversationId)
      const side = sideIn({ kind: 'account', caller, name: '' }, row)
      if (!side && !worksAtDesk(caller, row.library_id)) throw new ProblemError('forbidden')
      if (!row.reader_id) throw new ProblemError('transcript_no_address')
      const reader = await db
        .selectFrom('accounts')
        .select(['name', 'language'])
        .where('id', '=', row.reader_id)
        .executeTakeFirstOrThrow()
      const { text, date } = await transcriptOf(conversationId, 'reader', reader.language ?? 'zh-CN')
      await db.transaction().execute((trx) =>
        announceTranscript(trx, {
          libraryId: row.library_id,
          readerId: row.reader_id!,
          readerName: reader.name,
          date,
          transcript: text,
        }),
      )
      return undefined
    },
  }
}
