import type { referenceDesk } from '@shuqiao/contracts'
import { Typography } from 'antd'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Composer } from './composer.tsx'
import type { DeskSocket } from './desk-socket.ts'
import { FaqSuggestions } from './faq-suggestions.tsx'
import { MessageList } from './message-list.tsx'
import { useChat } from './use-chat.ts'

/** A chat's messages, who is typing, and the box to write in; for the reader or for staff. */
export const ChatPanel = ({
  socket,
  conversationId,
  side,
  visible = true,
  canWrite,
  header,
  faqLibrary,
  inserted,
}: {
  socket: DeskSocket | undefined
  conversationId: string
  side: 'reader' | 'staff'
  visible?: boolean
  /** Whether this side may write now (the chat is open; staff have taken it). */
  canWrite: (status: string | undefined) => boolean
  /** Above the messages: the chat's state as it is now (updated over the socket). */
  header?: (conversation: referenceDesk.Conversation | undefined) => ReactNode
  /**
   * Readers: FAQ answers are suggested while they type their first question; the library's
   * code, or null for a signed-in reader's own library. Left out, nothing is suggested.
   */
  faqLibrary?: string | null
  /** Staff: an FAQ answer to add to the reply being written. */
  inserted?: { text: string; at: number } | undefined
}) => {
  const { t } = useTranslation('referenceDesk')
  const chat = useChat(socket, conversationId, visible)
  const status = chat.log.conversation?.status
  const [draft, setDraft] = useState('')
  const asked =
    chat.log.pending.length > 0 ||
    chat.log.messages.some((message) => message.kind === 'text' && message.author?.kind !== 'staff')
  const suggesting = faqLibrary !== undefined && side === 'reader' && !asked && status !== 'closed'
  return (
    <div className="sq-chat" data-testid="chat-panel" data-conversation-id={conversationId}>
      {header?.(chat.log.conversation)}
      {chat.log.refused && <Typography.Text type="danger">{chat.log.refused}</Typography.Text>}
      <MessageList log={chat.log} side={side} onRetry={chat.retry} />
      <div className="sq-chat-typing" data-testid="chat-typing">
        {chat.otherTyping ? (side === 'reader' ? t('chat.typingStaff') : t('chat.typingReader')) : '\u00a0'}
      </div>
      {suggesting && <FaqSuggestions library={faqLibrary ?? undefined} draft={draft} />}
      {status !== 'closed' && (
        <Composer
          staff={side === 'staff'}
          disabled={!socket || !canWrite(status)}
          onSend={chat.send}
          onTyping={chat.typing}
          onDraft={suggesting ? setDraft : undefined}
          inserted={inserted}
        />
      )}
    </div>
  )
}
