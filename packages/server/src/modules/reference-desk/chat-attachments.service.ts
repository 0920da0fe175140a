import type { Readable } from 'node:stream'
import { referenceDesk } from '@shuqiao/contracts'
import { sql } from 'kysely'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { fieldProblem, ProblemError } from '../../http/problem.ts'
import {
  attachFile,
  attachGuestFile,
  discardUpload,
  openFile,
  registerFileAccess,
  storeUpload,
  type UploadPolicy,
} from '../../platform/files/files.service.ts'
import * as conversations from './conversations.repository.ts'
import { sideIn, viewOf } from './desk-access.ts'
import { collectSignals } from './desk-signals.ts'
import type { GuestTokens } from './guest-tokens.ts'
import { appendMessage } from './messages.repository.ts'
import { findQueue } from './queues.repository.ts'

const OWNER_KIND = 'reference_conversation'
const guestPath = (conversationId: string) =>
  `/api/reference-desk/guest-conversations/${conversationId}/attachments`
const HOUR_MS = 60 * 60 * 1000

/** A guest's upload is checked on arrival against what readers may send (they are checked on sending). */
export const GUEST_CHAT_POLICY: UploadPolicy = {
  kinds: ['jpeg', 'png', 'pdf'],
  maxBytes: referenceDesk.CHAT_ATTACHMENT_MAX_BYTES,
}

// A chat's files are for its reader and the library's staff (and the consortium admin looking on).
registerFileAccess(OWNER_KIND, async (ctx, caller, conversationId) => {
  const row = await conversations.findConversation(ctx.db, conversationId)
  return Boolean(row && viewOf(caller, row))
})

/** Images and PDFs sent in chats, kept by platform/files and announced in the chat. */
export const createChatAttachmentsService = (ctx: AppContext, guestTokens: GuestTokens) => {
  const { db } = ctx

  /**
   * The guest's own chat, by their token; 404 without a good one as for someone else's: the
   * routes are public, and a chat's id says nothing to whoever does not hold its token.
   */
  const guestChat = async (token: string | undefined, conversationId: string) => {
    const guest = token ? await guestTokens.verify(token, ctx.now()) : undefined
    if (!guest) throw new ProblemError('not_found')
    const chat = await conversations.findConversation(db, conversationId)
    if (!chat || chat.guest_id !== guest.guestId) throw new ProblemError('not_found')
    return { chat, guestId: guest.guestId }
  }

  /** As many uploads an hour as an account may make (FILE_UPLOADS_PER_HOUR), counted per guest. */
  const assertGuestRate = async (guestId: string) => {
    const now = ctx.now()
    const recent = await db
      .selectFrom('reference_guest_uploads')
      .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(created_at)`.as('oldest')])
      .where('guest_id', '=', guestId)
      .where('created_at', '>', new Date(now.getTime() - HOUR_MS))
      .executeTakeFirstOrThrow()
    if (Number(recent.count) < ctx.config.FILE_UPLOADS_PER_HOUR) return
    const freesAt = new Date(recent.oldest ?? now).getTime() + HOUR_MS
    const retryAfter = Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000))
    throw new ProblemError('too_many_uploads', { headers: { 'Retry-After': String(retryAfter) } })
  }

  const attachments = (conversationId: string) =>
    db
      .selectFrom('files as f')
      .innerJoin('reference_conversations as c', 'c.id', 'f.owner_id')
      .innerJoin('reference_messages as m', (join) =>
        join
          .onRef('m.conversation_id', '=', 'c.id')
          .on('m.client_message_id', '=', sql<string>`'file:' || f.id::text`)
          // The message of whoever uploaded it: their account's, or a guest's for a guest's file.
          .on((eb) =>
            eb.or([
              eb('m.author_account_id', '=', eb.ref('f.uploaded_by')),
              eb.and([eb('f.uploaded_by', 'is', null), eb('m.author_guest_id', 'is not', null)]),
            ]),
          ),
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
  /** `guestUrl`: where a guest fetches the files (their token in a header), not /api/files. */
  const present = (conversationId: string, row: Row, guestUrl?: string): referenceDesk.ChatAttachment => ({
    fileId: row.id,
    conversationId,
    name: row.original_name,
    size: row.size,
    mediaType: row.media_type,
    display: row.media_type.startsWith('image/') ? 'image' : 'file',
    url: guestUrl ? `${guestUrl}/${row.id}` : `/api/files/${row.id}`,
    // A guest's upload has no account: the guest is the chat's reader side.
    side: row.uploaded_by === null || row.uploaded_by === row.reader_id ? 'reader' : 'staff',
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

    /**
     * A guest sends a file in their open chat while its queue still takes guests (403
     * `guests_not_allowed` once the library stopped): JPEG, PNG or PDF by its bytes, up to 5 MiB
     * (`file_type_not_allowed`, `file_too_large`), at most FILE_UPLOADS_PER_HOUR an hour.
     */
    async sendAsGuest(
      token: string | undefined,
      conversationId: string,
      upload: { stream: Readable; filename: string | undefined },
    ) {
      const { chat, guestId } = await guestChat(token, conversationId)
      if (chat.status === 'closed') throw new ProblemError('conversation_closed')
      const queue = await findQueue(db, chat.queue_id)
      if (!queue?.allow_guests) throw new ProblemError('guests_not_allowed')
      await assertGuestRate(guestId)
      const library = await db
        .selectFrom('libraries')
        .select('consortium_id')
        .where('id', '=', chat.library_id)
        .executeTakeFirstOrThrow()
      const stored = await storeUpload(
        ctx,
        { accountId: null, consortiumId: library.consortium_id, libraryId: chat.library_id },
        upload.stream,
        { filename: upload.filename, policy: GUEST_CHAT_POLICY, rateLimited: false },
      )
      const signals = collectSignals()
      try {
        await db.transaction().execute(async (trx) => {
          await attachGuestFile(trx, stored.id, { ownerKind: OWNER_KIND, ownerId: conversationId })
          await trx
            .insertInto('reference_guest_uploads')
            .values({
              file_id: stored.id,
              guest_id: guestId,
              conversation_id: conversationId,
              created_at: ctx.now(),
            })
            .execute()
          await appendMessage(trx, conversationId, {
            kind: 'text',
            authorGuestId: guestId,
            body: `📎 ${stored.name}`,
            clientMessageId: `file:${stored.id}`,
            sentAt: ctx.now(),
          })
          signals.message(conversationId)
        })
      } catch (error) {
        await discardUpload(ctx, stored)
        throw error
      }
      await signals.publish(ctx.events)
      const row = await attachments(conversationId).where('f.id', '=', stored.id).executeTakeFirstOrThrow()
      return present(conversationId, row, guestPath(conversationId))
    },

    async listForGuest(token: string | undefined, conversationId: string) {
      await guestChat(token, conversationId)
      const rows = await attachments(conversationId).execute()
      return { items: rows.map((row) => present(conversationId, row, guestPath(conversationId))) }
    },

    /** A file of the guest's chat, opened for sending (checked first: 404 for any other). */
    async openForGuest(token: string | undefined, conversationId: string, fileId: string) {
      await guestChat(token, conversationId)
      const owned = await db
        .selectFrom('files')
        .select('id')
        .where('id', '=', fileId)
        .where('owner_kind', '=', OWNER_KIND)
        .where('owner_id', '=', conversationId)
        .executeTakeFirst()
      if (!owned) throw new ProblemError('not_found')
      return openFile(ctx, fileId)
    },

    async list(caller: Caller, conversationId: string) {
      const chat = await conversations.findConversation(db, conversationId)
      if (!chat || !viewOf(caller, chat)) throw new ProblemError('not_found')
      const rows = await attachments(conversationId).execute()
      return { items: rows.map((row) => present(conversationId, row)) }
    },
  }
}
