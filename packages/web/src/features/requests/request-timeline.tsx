import { LockOutlined } from '@ant-design/icons'
import type { RequestType } from '@shuqiao/contracts'
import { Space, Tag, Timeline, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../../app/dates.ts'
import { EventFiles } from './event-files.tsx'
import type { RequestEvent } from './queries.ts'
import { FormChanges } from './request-parts.tsx'
import { isFinal, statusColour, statusLabelOf, transitionOf, useText } from './request-types.ts'

const dotColour = (type: RequestType | undefined, event: RequestEvent) => {
  if (event.internal) return 'gray'
  if (event.kind === 'transition' && event.toStatus && isFinal(type, event.toStatus)) {
    const colour = statusColour(type, event.toStatus)
    return colour === 'error' ? 'red' : colour === 'success' ? 'green' : 'gray'
  }
  return 'blue'
}

/**
 * What happened to a request, oldest first: the submission, each step with its note, comments.
 * Staff also see internal notes and assignments, marked as such; readers never receive them.
 */
export const RequestTimeline = ({
  type,
  events,
}: {
  type: RequestType | undefined
  events: RequestEvent[]
}) => {
  const { t } = useTranslation(['requests', 'common'])
  const text = useText()

  const title = (event: RequestEvent) => {
    switch (event.kind) {
      case 'submitted':
        return t('timeline.submitted')
      case 'transition': {
        const transition = event.action ? transitionOf(type, event.action) : undefined
        return transition ? text(transition.label) : (event.action ?? t('timeline.transition'))
      }
      case 'comment':
        return event.internal ? t('timeline.internalNote') : t('timeline.comment')
      case 'assigned':
        return t('timeline.assigned')
    }
  }

  return (
    <Timeline
      data-testid="request-timeline"
      items={events.map((event) => ({
        key: event.id,
        color: dotColour(type, event),
        icon: event.internal ? <LockOutlined style={{ color: '#d48806' }} /> : undefined,
        content: (
          <div data-testid="timeline-event" data-kind={event.kind} data-internal={event.internal}>
            <Space size={[6, 2]} wrap>
              <Typography.Text strong>{title(event)}</Typography.Text>
              {event.kind === 'transition' && event.toStatus && (
                <Tag color={statusColour(type, event.toStatus)} style={{ marginInlineEnd: 0 }}>
                  {text(statusLabelOf(type, event.toStatus))}
                </Tag>
              )}
              {event.internal && (
                <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="timeline-internal">
                  {t('timeline.internalTag')}
                </Tag>
              )}
            </Space>
            <div className="sq-req-meta">
              <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              <span>{event.actor ? event.actor.name : t('timeline.system')}</span>
            </div>
            {event.note && (
              <p
                className={event.internal ? 'sq-req-note internal' : 'sq-req-note'}
                data-testid="timeline-note"
              >
                {event.note}
              </p>
            )}
            {event.formChanges.length > 0 && <FormChanges type={type} changes={event.formChanges} />}
            {event.fileIds.length > 0 && <EventFiles fileIds={event.fileIds} />}
          </div>
        ),
      }))}
    />
  )
}
