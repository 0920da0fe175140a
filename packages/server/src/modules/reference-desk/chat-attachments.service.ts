import { referenceDesk } from '@shuqiao/contracts'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import { attachFile, registerFileAccess } from '../../platform/files/files.service.ts'
import * as conversations from './conversations.repository.ts'
import { sideIn, viewOf } from './desk-access.ts'
import { collectSignals } from './desk-signals.ts'
import { appendMessage } from './messages.repository.ts'

const OWNER_KIND = 'reference_conversation'

// A chat's files are for its reader and the library's staff (and the consortium admin looking on).
registerFileAccess(OWNER_KIND, async (ctx, caller, conversationId) => {
  const row = await conversations.findConversation(ctx.db, conversationId)
  return Boolean(row && viewOf(caller, row))
})

/** Images and PDFs sent in chats, kept by platform/files and announced in the chat. */
export const createChatAttachmentsService = (ctx: AppContext) => {
  const { db } = ctx

  const attachments = (conversationId: string) =>
    db
      .selectFrom('files as f')
      .innerJoin('reference_conversations as c', 'c.id', 'f.owner_id')
      .innerJoin('reference_messages as m', (join) =>
        join
          .onRef('m.conversation_id', '=', 'c.id')
          .onRef('m.author_account_id', '=', 'f.uploaded_by')
          .on('m.client_message_id', '=', sql<string>`'file:' || f.id::text`),
      )
      .select([
        'f.id',
        'f.original_name',
        'f.size',
        'f.media_type',
        'f.uploaded_by',
        'f.attached_at',
        'f.created_at',
        'c.reader_id',
        'm.seq',
      ])
      .where('f.owner_kind', '=', OWNER_KIND)
      .where('f.owner_id', '=', conversationId)
      .orderBy('m.seq')

  type Row = Awaited<ReturnType<ReturnType<typeof attachments>['execute']>>[number]
  const present = (conversationId: string, row: Row): referenceDesk.ChatAttachment => ({
    fileId: row.id,
    conversationId,
    name: row.original_name,
    size: row.size,
    mediaType: row.media_type,
    display: row.media_type.startsWith('image/') ? 'image' : 'file',
    url: `/api/files/${row.id}`,
    side: row.uploaded_by === row.reader_id ? 'reader' : 'staff',
    seq: row.seq,
    createdAt: (row.attached_at ?? row.created_at).toISOString(),
  })

  return {
    /** The chat's reader or its library's desk staff send a file they uploaded, while the chat is open. */
    async send(caller: Caller, conversationId: string, fileId: string) {
      const chat = await conversations.findConversation(db, conversationId)
      if (!chat || !sideIn({ kind: 'account', caller, name: '' }, chat)) throw new ProblemError('not_found')
      if (chat.status === 'closed') throw new ProblemError('conversation_closed')
      const file = await db
        .selectFrom('files')
        .select(['media_type', 'size', 'original_name'])
        .where('id', '=', fileId)
        .where('uploaded_by', '=', caller.accountId)
        .executeTakeFirst()
      if (file && !(referenceDesk.CHAT_ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(file.media_type))
        throw fieldProblem(
          'body.fileId',
          'file_type_not_allowed',
          '聊天中只能发送图片（JPG、PNG）或 PDF 文件',
          'Only images (JPG, PNG) and PDF files can be sent in a chat',
        )
      if (file && file.size > referenceDesk.CHAT_ATTACHMENT_MAX_BYTES)
        throw new ProblemError('file_too_large', {
          detail: {
            zh: '文件过大，聊天中的文件上限为 5 MiB。',
            en: 'The file is too large; files in a chat are limited to 5 MiB.',
          },
        })
      const signals = collectSignals()
      await db.transaction().execute(async (trx) => {
        await attachFile(trx, fileId, {
          ownerKind: OWNER_KIND,
          ownerId: conversationId,
          libraryId: chat.library_id,
          byAccountId: caller.accountId,
        })
        await appendMessage(trx, conversationId, {
          kind: 'text',
          authorAccountId: caller.accountId,
          body: `📎 ${file!.original_name}`,
          clientMessageId: `file:${fileId}`,
          sentAt: ctx.now(),
        })
        signals.message(conversationId)
      })
      await signals.publish(ctx.events)
      const row = await attachments(conversationId).where('f.id', '=', fileId).executeTakeFirstOrThrow()
      return present(conversationId, row)
    },

    async list(caller: Caller, conversationId: string) {
      const chat = await conversations.findConversation(db, conversationId)
      if (!chat || !viewOf(caller, chat)) throw new ProblemError('not_found')
      const rows = await attachments(conversationId).execute()
      return { items: rows.map((row) => present(conversationId, row)) }
    },
  }
}
