import { App as AntApp, Button, Card, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useBilingual } from '../../app/hooks.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { useClaimChat, useWaitingChats } from './queries.ts'

/** 等待中的咨询: the line of my library, oldest first, each to take with one click. */
export const WaitingList = ({ onClaimed }: { onClaimed: (conversationId: string) => void }) => {
  const { t } = useTranslation('referenceDesk')
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const waiting = useWaitingChats()
  const claim = useClaimChat()
  const items = waiting.data?.items ?? []
  return (
    <Card size="small" title={`${t('desk.waiting')} (${items.length})`} data-testid="desk-waiting">
      {items.length === 0 && <Typography.Text type="secondary">{t('desk.waitingEmpty')}</Typography.Text>}
      <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        {items.map((chat) => {
          const minutes = dayjs().diff(dayjs(chat.createdAt), 'minute')
          return (
            <div
              key={chat.id}
              className="sq-desk-waiting-item"
              data-testid="waiting-item"
              data-conversation-id={chat.id}
            >
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{chat.asker.name}</Typography.Text>{' '}
                {chat.asker.kind === 'guest' && <Tag>{t('desk.guest')}</Tag>}
                <div className="sq-chat-meta">
                  {name(chat.queue)} · {minutes < 1 ? t('desk.justNow') : t('desk.waitingSince', { minutes })}
                </div>
                {chat.preview && <div className="sq-desk-preview">{chat.preview}</div>}
              </div>
              <Button
                size="small"
                type="primary"
                loading={claim.isPending && claim.variables === chat.id}
                onClick={() =>
                  claim.mutate(chat.id, {
                    onSuccess: () => onClaimed(chat.id),
                    onError: (error) => void message.error(errorText(error)),
                  })
                }
                data-testid="waiting-claim"
              >
                {t('desk.claim')}
              </Button>
            </div>
          )
        })}
      </div>
    </Card>
  )
}
