import type { referenceDesk } from '@shuqiao/contracts'

type Message = referenceDesk.Message
type Frame = referenceDesk.ServerFrame

/** A message this tab sent that is not in the chat's history yet. */
export interface Pending {
  clientMessageId: string
  text: string
  note: boolean
  /** Why the server refused it, in the reader's language. */
  failed?: string | undefined
}

/** One chat as a tab knows it: its state, its messages by sequence number, what is on its way. */
export interface ChatLog {
  conversation: referenceDesk.Conversation | undefined
  messages: Message[]
  pending: Pending[]
  /** When the other side last said they were typing (ms since epoch). */
  typingAt: number | undefined
  /** Why the chat could not be opened (not one's own, not found). */
  refused: string | undefined
}

export const emptyLog = (): ChatLog => ({
  conversation: undefined,
  messages: [],
  pending: [],
  typingAt: undefined,
  refused: undefined,
})

/** Messages by sequence number, each once, in order, whatever order or repeats they came in. */
export const mergeMessages = (current: Message[], incoming: Message[]) => {
  const bySeq = new Map(current.map((message) => [message.seq, message]))
  for (const message of incoming) bySeq.set(message.seq, message)
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq)
}

export const lastSeqOf = (messages: Message[]) => messages.at(-1)?.seq ?? 0

/** Applies one server frame to a chat's log; frames about other chats leave it as it is. */
export const applyFrame = (log: ChatLog, frame: Frame, conversationId: string, now: number): ChatLog => {
  switch (frame.type) {
    case 'conversation':
      return frame.conversation.id === conversationId
        ? { ...log, conversation: frame.conversation, refused: undefined }
        : log
    case 'messages': {
      if (frame.conversationId !== conversationId) return log
      const messages = mergeMessages(log.messages, frame.items)
      const arrived = new Set(messages.map((message) => message.clientMessageId))
      // Whoever was typing has sent it (or a new message starts a new round of typing).
      const text = frame.items.some((message) => message.kind === 'text')
      return {
        ...log,
        messages,
        pending: log.pending.filter((item) => !arrived.has(item.clientMessageId)),
        typingAt: text ? undefined : log.typingAt,
      }
    }
    case 'read':
      return frame.conversationId === conversationId && log.conversation
        ? {
            ...log,
            conversation: {
              ...log.conversation,
              readerReadSeq: frame.readerReadSeq,
              staffReadSeq: frame.staffReadSeq,
            },
          }
        : log
    case 'typing':
      return frame.conversationId === conversationId ? { ...log, typingAt: now } : log
    case 'error':
      if (frame.ref === conversationId) return { ...log, refused: frame.detail }
      return log.pending.some((item) => item.clientMessageId === frame.ref)
        ? {
            ...log,
            pending: log.pending.map((item) =>
              item.clientMessageId === frame.ref ? { ...item, failed: frame.detail } : item,
            ),
          }
        : log
    default:
      return log
  }
}

/** Adds a message this tab is sending. */
export const addPending = (log: ChatLog, pending: Pending): ChatLog => ({
  ...log,
  pending: [...log.pending, pending],
})

/** Drops a failed message (before sending its text again). */
export const dropPending = (log: ChatLog, clientMessageId: string): ChatLog => ({
  ...log,
  pending: log.pending.filter((item) => item.clientMessageId !== clientMessageId),
})

/** Whether the other side's typing signal is recent enough to show. */
export const isTyping = (log: ChatLog, now: number) => log.typingAt !== undefined && now - log.typingAt < 4000

/**
 * The highest sequence number the other side has read, for the 已读 mark under one's own
 * messages: staff read the reader's messages and the reader the staff's.
 */
export const readByOtherSide = (log: ChatLog, side: 'reader' | 'staff') =>
  side === 'reader' ? (log.conversation?.staffReadSeq ?? 0) : (log.conversation?.readerReadSeq ?? 0)
