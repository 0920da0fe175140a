import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { defineNoticeTemplate, enqueueNotice } from '../../platform/notifications/notices.ts'

// What readers (and guests who left an address) are told of their questions at the desk.

defineNoticeTemplate('reference_desk.ticket_reply', {
  label: { zh: '馆员答复了读者的留言咨询', en: 'A librarian answered a reader’s question' },
  zh: {
    subject: '{{library}}答复了您的咨询 #{{number}}：{{subject}}',
    body: '{{name}}，您好：\n\n{{librarian}}答复了您的咨询“{{subject}}”（#{{number}}）：\n\n{{text}}\n\n{{followUpZh}}',
  },
  en: {
    subject: '{{library}} answered your question #{{number}}: {{subject}}',
    body: 'Dear {{name}},\n\n{{librarian}} answered your question “{{subject}}” (#{{number}}):\n\n{{text}}\n\n{{followUpEn}}',
  },
})

defineNoticeTemplate('reference_desk.transcript', {
  label: { zh: '读者索取咨询记录', en: 'A reader asked for a chat transcript' },
  zh: {
    subject: '您在{{library}}的在线咨询记录（{{date}}）',
    body: '{{name}}，您好：\n\n以下是您 {{date}} 在{{library}}在线咨询的记录（较长的记录只含开头部分，完整记录可在“在线咨询”页下载）。\n\n{{transcript}}',
  },
  en: {
    subject: 'Your chat with {{library}} ({{date}})',
    body: 'Dear {{name}},\n\nHere is the transcript of your chat with {{library}} on {{date}} (a long one is cut short here; download it in full from the chat page).\n\n{{transcript}}',
  },
})

const FOLLOW_UP = {
  reader: {
    zh: '如需补充，请在读者门户的“我的咨询”中回复。',
    en: 'To add anything, reply under “My questions” in the reader portal.',
  },
  guest: {
    zh: '如需补充，请在图书馆网站上再次留言，并注明咨询编号。',
    en: 'To add anything, ask again on the library’s website and mention the number.',
  },
}

interface TicketToAnnounce {
  id: string
  library_id: string
  number: number
  subject: string
  reader_id: string | null
  reader_name: string | null
  guest_name: string | null
  guest_email: string | null
  guest_language: 'zh-CN' | 'en' | null
}

/**
 * Tells the asker a librarian replied: a reader in their inbox and by e-mail (when they have an
 * address and mail is configured), a guest by e-mail. In the replying transaction.
 */
export const announceTicketReply = (
  trx: Kysely<DB>,
  ticket: TicketToAnnounce,
  reply: { postId: string; librarian: string; text: string },
) => {
  const followUp = ticket.reader_id ? FOLLOW_UP.reader : FOLLOW_UP.guest
  const language = ticket.guest_language ?? 'zh-CN'
  return enqueueNotice(trx, {
    libraryId: ticket.library_id,
    event: 'reference_desk.ticket_reply',
    recipientAccountId: ticket.reader_id,
    recipientEmail:
      !ticket.reader_id && ticket.guest_email ? { address: ticket.guest_email, language } : undefined,
    dedupeKey: `ticket_reply:${reply.postId}`,
    data: {
      name: ticket.reader_name ?? ticket.guest_name ?? '',
      number: ticket.number,
      subject: ticket.subject,
      librarian: reply.librarian,
      text: reply.text,
      followUpZh: followUp.zh,
      followUpEn: followUp.en,
      ticketId: ticket.id,
    },
  })
}

/** Sends a chat's transcript to its reader (inbox and e-mail). */
export const announceTranscript = (
  trx: Kysely<DB>,
  chat: { libraryId: string; readerId: string; readerName: string; date: string; transcript: string },
) =>
  enqueueNotice(trx, {
    libraryId: chat.libraryId,
    event: 'reference_desk.transcript',
    recipientAccountId: chat.readerId,
    data: { name: chat.readerName, date: chat.date, transcript: chat.transcript },
  })
