import { Button, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { type ChatLog, type Pending, readByOtherSide } from './chat-log.ts'
import { useEventText } from './event-text.ts'

type Side = 'reader' | 'staff'

/**
 * A chat's messages as one side sees them: their own side on the right with 已读 once the other
 * side has read it, the other side on the left, events in the middle, internal notes marked.
 * Text is rendered as text: markup a reader types is shown, never run.
 */
export const MessageList = ({
  log,
  side,
  onRetry,
}: {
  log: ChatLog
  side: Side
  onRetry: (pending: Pending) => void
}) => {
  const { t } = useTranslation('referenceDesk')
  const eventText = useEventText()
  const end = useRef<HTMLDivElement>(null)
  const readUpTo = readByOtherSide(log, side)
  const count = log.messages.length + log.pending.length

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a message arrives or is sent
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' })
  }, [count])

  return (
    <div className="sq-chat-log" data-testid="chat-messages" aria-live="polite">
      {log.messages.length === 0 && log.pending.length === 0 && (
        <Typography.Text type="secondary">{t('chat.empty')}</Typography.Text>
      )}
      {log.messages.map((message) => {
        if (message.kind === 'event' && message.event)
          return (
            <div
              key={message.seq}
              className="sq-chat-event"
              data-testid="chat-event"
              data-event={message.event.code}
            >
              {eventText(message.event, log.conversation?.asker.kind === 'guest')} ·{' '}
              {dayjs(message.sentAt).format('HH:mm')}
            </div>
          )
        const author = message.author
        const mine = author ? (side === 'staff' ? author.kind === 'staff' : author.kind !== 'staff') : false
        return (
          <div
            key={message.seq}
            className={`sq-chat-row ${mine ? 'mine' : 'theirs'}`}
            data-testid="chat-message"
            data-seq={message.seq}
            data-kind={message.kind}
          >
            <div className={`sq-chat-bubble ${message.kind === 'note' ? 'note' : ''}`}>
              <div className="sq-chat-meta">
                {author?.name}
                {message.kind === 'note' && (
                  <Tag color="gold" style={{ marginInlineStart: 6 }} data-testid="chat-note-tag">
                    {t('chat.noteTag')}
                  </Tag>
                )}
              </div>
              <div className="sq-chat-text" data-testid="chat-text">
                {message.text}
              </div>
              <div className="sq-chat-meta">
                {dayjs(message.sentAt).format('HH:mm')}
                {mine && message.kind === 'text' && (
                  <span data-testid="chat-read-mark" data-read={message.seq <= readUpTo}>
                    {' · '}
                    {message.seq <= readUpTo ? t('chat.read') : t('chat.unread')}
                  </span>
                )}
              </div>
            </div>
          </div>
        )
      })}
      {log.pending.map((pending) => (
        <div key={pending.clientMessageId} className="sq-chat-row mine" data-testid="chat-pending">
          <div className={`sq-chat-bubble pending ${pending.note ? 'note' : ''}`}>
            <div className="sq-chat-text">{pending.text}</div>
            <div className="sq-chat-meta">
              {pending.failed ? (
                <Typography.Text type="danger" data-testid="chat-failed">
                  {t('chat.failed', { reason: pending.failed })}{' '}
                  <Button size="small" type="link" onClick={() => onRetry(pending)} data-testid="chat-retry">
                    {t('chat.retry')}
                  </Button>
                </Typography.Text>
              ) : (
                t('chat.sending')
              )}
            </div>
          </div>
        </div>
      ))}
      <div ref={end} />
    </div>
  )
}
