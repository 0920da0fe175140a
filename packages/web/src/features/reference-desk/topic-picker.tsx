import { CustomerServiceOutlined } from '@ant-design/icons'
import type { referenceDesk } from '@shuqiao/contracts'
import { Button, Card, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBilingual } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'

/**
 * The library's topics, each saying whether a librarian is on duty; a guest may start only
 * where guests are welcome, and is offered to sign in elsewhere. A `preselected` topic (the
 * widget's `?queue=`) is shown alone until the reader asks for the others.
 */
export const TopicPicker = ({
  queues: all,
  preselected,
  guest,
  starting,
  onStart,
  onLeave,
  signInTo,
}: {
  queues: referenceDesk.QueueStatus[]
  preselected?: string | undefined
  guest: boolean
  starting: string | undefined
  onStart: (queue: referenceDesk.QueueStatus) => void
  /** Nobody on duty: the reader leaves a question (a ticket) instead of starting a chat. */
  onLeave: (queue: referenceDesk.QueueStatus) => void
  signInTo: string
}) => {
  const { t } = useTranslation('referenceDesk')
  const name = useBilingual()
  const [showAll, setShowAll] = useState(false)
  const only = showAll ? undefined : all.find((queue) => queue.code === preselected)
  const queues = only ? [only] : all
  if (queues.length === 0) return <Typography.Text type="secondary">{t('ask.noTopics')}</Typography.Text>
  return (
    <div className="sq-desk-topics" data-testid="ask-topics">
      {queues.map((queue) => {
        const closedToGuest = guest && !queue.allowGuests
        return (
          <Card key={queue.id} size="small" data-testid={`ask-topic-${queue.code}`}>
            <div className="sq-desk-topic">
              <div>
                <Typography.Text strong>
                  <CustomerServiceOutlined /> {name(queue)}
                </Typography.Text>
                <div>
                  <Tag
                    color={queue.online ? 'green' : 'default'}
                    data-testid={`ask-topic-status-${queue.code}`}
                    data-online={queue.online}
                  >
                    {queue.online ? t('ask.online') : t('ask.offline')}
                  </Tag>
                  {closedToGuest && <Tag>{t('ask.guestsOnly')}</Tag>}
                </div>
              </div>
              {closedToGuest ? (
                <LinkButton to={signInTo} data-testid={`ask-sign-in-${queue.code}`}>
                  {t('ask.signInToAsk')}
                </LinkButton>
              ) : queue.online ? (
                <Button
                  type="primary"
                  loading={starting === queue.id}
                  onClick={() => onStart(queue)}
                  data-testid={`ask-start-${queue.code}`}
                >
                  {t('ask.start')}
                </Button>
              ) : (
                <Button onClick={() => onLeave(queue)} data-testid={`ask-leave-${queue.code}`}>
                  {t('ask.leave')}
                </Button>
              )}
            </div>
            {!queue.online && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('ask.offlineHint')}
              </Typography.Text>
            )}
          </Card>
        )
      })}
      {only && all.length > 1 && (
        <Button
          type="link"
          style={{ alignSelf: 'flex-start', paddingLeft: 0 }}
          onClick={() => setShowAll(true)}
          data-testid="ask-all-topics"
        >
          {t('ask.allTopics')}
        </Button>
      )}
    </div>
  )
}
