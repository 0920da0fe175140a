import type { referenceDesk } from '@shuqiao/contracts'
import { App as AntApp, Button, Input, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../app/dates.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { type TicketDetail, useTicketPost } from './tickets-queries.ts'

const STATUS_COLORS: Record<referenceDesk.TicketStatus, string> = {
  new: 'blue',
  open: 'gold',
  pending: 'purple',
  closed: 'default',
}

export const TicketStatusTag = ({ status }: { status: referenceDesk.TicketStatus }) => {
  const { t } = useTranslation('referenceTickets')
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="ticket-status" data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  )
}

/** What an event in a ticket's thread says. */
const EventLine = ({ post }: { post: referenceDesk.TicketPost }) => {
  const { t } = useTranslation('referenceTickets')
  const event = post.event!
  const text =
    event.code === 'created'
      ? t('thread.created', { source: t(`source.${event.source ?? 'web'}`) })
      : event.code === 'status'
        ? t('thread.statusChanged', {
            from: t(`status.${event.from ?? 'new'}`),
            to: t(`status.${event.to ?? 'new'}`),
          })
        : event.assignee
          ? t('thread.assigned', { name: event.assignee.name })
          : t('thread.unassigned')
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="ticket-event">
      {formatDateTime(post.createdAt)} · {text}
      {post.author ? ` · ${post.author.name}` : ''}
    </Typography.Text>
  )
}

/**
 * A ticket's thread: replies of both sides (and, for staff, notes and events), then a box to
 * reply — or, for staff, to add a note. Text is shown as text, never as HTML.
 */
export const TicketThread = ({ ticket, side }: { ticket: TicketDetail; side: 'reader' | 'staff' }) => {
  const { t } = useTranslation('referenceTickets')
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const post = useTicketPost()
  const [text, setText] = useState('')
  const [note, setNote] = useState(false)
  const closed = ticket.status === 'closed'

  const send = () =>
    post.mutate(
      { ticketId: ticket.id, text, note },
      {
        onSuccess: () => {
          setText('')
          void message.success(t('thread.sent'))
        },
        onError: (error) => void message.error(errorText(error)),
      },
    )

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="ticket-thread">
      {ticket.posts.map((entry) =>
        entry.kind === 'event' ? (
          <EventLine key={entry.id} post={entry} />
        ) : (
          <div
            key={entry.id}
            className={`sq-ticket-post sq-ticket-post-${entry.kind === 'note' ? 'note' : entry.side}`}
            data-testid="ticket-post"
            data-kind={entry.kind}
            data-side={entry.side}
          >
            <Typography.Text strong style={{ fontSize: 13 }}>
              {entry.kind === 'note'
                ? `${t('thread.note')} · ${entry.author?.name ?? ''}`
                : entry.side === 'staff'
                  ? `${t('thread.staff')} ${entry.author?.name ?? ''}`
                  : (entry.author?.name ?? ticket.asker.name)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
              {formatDateTime(entry.createdAt)}
            </Typography.Text>
            <div className="sq-ticket-text">{entry.text}</div>
          </div>
        ),
      )}
      {closed && side === 'reader' ? (
        <Typography.Text type="secondary" data-testid="ticket-closed-hint">
          {t('thread.closedHint')}
        </Typography.Text>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {side === 'staff' && (
            <Space>
              <Button
                size="small"
                type={note ? 'default' : 'primary'}
                onClick={() => setNote(false)}
                disabled={closed}
                data-testid="ticket-mode-reply"
              >
                {t('thread.reply')}
              </Button>
              <Button
                size="small"
                type={note ? 'primary' : 'default'}
                onClick={() => setNote(true)}
                data-testid="ticket-mode-note"
              >
                {t('thread.note')}
              </Button>
            </Space>
          )}
          <Input.TextArea
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder={note ? t('thread.notePlaceholder') : t('thread.replyPlaceholder')}
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={4000}
            showCount
            data-testid="ticket-reply-text"
          />
          <Button
            type="primary"
            onClick={send}
            loading={post.isPending}
            disabled={!text.trim() || (closed && !note)}
            data-testid="ticket-reply-send"
          >
            {t('thread.send')}
          </Button>
        </Space>
      )}
    </Space>
  )
}
