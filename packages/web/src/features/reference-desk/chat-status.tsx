import type { referenceDesk } from '@shuqiao/contracts'
import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useBilingual } from '../../app/hooks.ts'
import { TranscriptActions } from './transcript-actions.tsx'

/** The reader's line under the topic: their place in line, who is helping them, or that it ended. */
export const ChatStatus = ({ conversation }: { conversation: referenceDesk.Conversation | undefined }) => {
  const { t } = useTranslation('referenceDesk')
  const name = useBilingual()
  if (!conversation) return null
  const text =
    conversation.status === 'waiting'
      ? conversation.position === 1
        ? t('status.waitingNext')
        : t('status.waiting', { position: conversation.position ?? 1 })
      : conversation.status === 'active'
        ? t('status.active', { name: conversation.assignee?.name ?? '' })
        : t('status.closed')
  return (
    <div className="sq-chat-head">
      <Typography.Text strong>{name(conversation.queue)}</Typography.Text>
      <Typography.Text
        type={conversation.status === 'closed' ? 'secondary' : undefined}
        data-testid="chat-status"
        data-status={conversation.status}
        data-position={conversation.position ?? ''}
      >
        {text}
      </Typography.Text>
      {conversation.status === 'closed' && conversation.asker.kind === 'reader' && (
        <TranscriptActions conversationId={conversation.id} />
      )}
    </div>
  )
}
