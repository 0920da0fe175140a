import { z } from 'zod'
import { IdSchema } from '../common/text.ts'
import type { Conversation, Message } from './conversations.contract.ts'

/** The desk's WebSocket: one per browser tab, signed in by the session cookie or a guest token. */
export const DESK_SOCKET_PATH = '/api/reference-desk/socket'

/** A client's own id for a message, so a resend after a reconnect is recognised, not duplicated. */
export const ClientMessageId = z.string().regex(/^[\w-]{8,64}$/)

const ConversationRef = { conversationId: IdSchema }

/**
 * What a client sends. `hello` comes first (with the guest token for a guest); then it subscribes
 * to chats, giving the last sequence number it saw so nothing is lost or repeated.
 */
export const ClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), guestToken: z.string().max(400).optional() }),
  z.object({ type: z.literal('subscribe'), ...ConversationRef, after: z.number().int().min(0) }),
  z.object({ type: z.literal('unsubscribe'), ...ConversationRef }),
  z.object({
    type: z.literal('send'),
    ...ConversationRef,
    clientMessageId: ClientMessageId,
    // Checked by chatTextProblem; the frame limit keeps absurd sizes out before parsing.
    text: z.string(),
    /** Staff only: an internal note the reader never sees. */
    note: z.boolean().optional(),
  }),
  z.object({ type: z.literal('typing'), ...ConversationRef }),
  z.object({ type: z.literal('read'), ...ConversationRef, seq: z.number().int().min(0) }),
  z.object({ type: z.literal('ping') }),
])
export type ClientFrame = z.infer<typeof ClientFrame>

/** Who the socket speaks for, once `hello` is answered. */
export type SocketIdentity =
  | { kind: 'account'; id: string; name: string; staff: boolean; libraryId: string | null }
  | { kind: 'guest'; id: string; name: string; libraryId: string }

export const SOCKET_ERROR_CODES = [
  'bad_frame',
  'unauthenticated',
  'guests_not_allowed',
  'forbidden',
  'not_found',
  'not_subscribed',
  'conversation_closed',
  'message_empty',
  'message_too_long',
  'unsafe_characters',
  'rate_limited',
  'reader_rate_limited',
  'internal_error',
] as const
export type SocketErrorCode = (typeof SOCKET_ERROR_CODES)[number]

/** What the server sends. */
export type ServerFrame =
  | { type: 'ready'; who: SocketIdentity }
  | { type: 'conversation'; conversation: Conversation }
  /** Messages in order, each after the last one this socket got for the chat. */
  | { type: 'messages'; conversationId: string; items: Message[] }
  | { type: 'ack'; conversationId: string; clientMessageId: string; id: string; seq: number }
  | { type: 'typing'; conversationId: string; side: 'reader' | 'staff' }
  | { type: 'read'; conversationId: string; readerReadSeq: number; staffReadSeq: number }
  /** Something changed at the desk of a library: who is on duty, the line. `online` per queue id. */
  | { type: 'desk'; libraryId: string; online: Record<string, boolean> }
  | {
      type: 'error'
      code: SocketErrorCode
      /** In the socket's language. */
      detail: string
      /** The clientMessageId of a refused send, or the conversation of a refused subscribe. */
      ref?: string
      retryAfterMs?: number
    }
  | { type: 'pong' }

/**
 * Close codes: the reason is the error code (close reasons are short); an `error` frame with the
 * detail in the socket's language comes just before.
 */
export const SOCKET_CLOSE = {
  unauthenticated: 4401,
  guests_not_allowed: 4403,
  going_away: 1001,
} as const

/** Messages of socket errors in both languages. */
export const SOCKET_ERRORS: Record<SocketErrorCode, { zh: string; en: string }> = {
  bad_frame: { zh: '无法识别的消息格式。', en: 'The frame is not understood.' },
  unauthenticated: {
    zh: '请先登录，或以访客身份开始咨询。',
    en: 'Sign in first, or start a chat as a guest.',
  },
  guests_not_allowed: {
    zh: '该咨询台不接受访客咨询，请登录后再咨询。',
    en: 'This desk does not take questions from guests. Please sign in.',
  },
  forbidden: { zh: '您不能查看或参与这个咨询。', en: 'You may not see or take part in this chat.' },
  not_found: { zh: '找不到这个咨询。', en: 'This chat was not found.' },
  not_subscribed: { zh: '请先打开这个咨询。', en: 'Open this chat first.' },
  conversation_closed: { zh: '这个咨询已经结束。', en: 'This chat has ended.' },
  message_empty: { zh: '消息不能为空。', en: 'The message is empty.' },
  message_too_long: {
    zh: '消息过长，最多 2000 字，请分几条发送。',
    en: 'The message is too long: at most 2,000 characters. Send it in parts.',
  },
  unsafe_characters: {
    zh: '消息包含不允许的控制字符。',
    en: 'The message contains control characters that are not allowed.',
  },
  rate_limited: {
    zh: '发送太快了，请稍等片刻再发。',
    en: 'You are sending too fast. Please wait a moment.',
  },
  reader_rate_limited: {
    zh: '您在短时间内发送的消息过多，请稍后再发。',
    en: 'You have sent too many messages in a short time. Please wait a little.',
  },
  internal_error: {
    zh: '服务器出错了，请稍后再试。',
    en: 'Something went wrong on our side. Please try again later.',
  },
}
