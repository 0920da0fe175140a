import { LeftOutlined } from '@ant-design/icons'
import { Card, Skeleton, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageError } from '../../app/page-states.tsx'
import { TicketStatusTag, TicketThread } from './ticket-thread.tsx'
import { useTicket } from './tickets-queries.ts'
import './tickets.css'

/** One of the reader's questions with the librarians' replies, and a box to reply. */
export const MyQuestionPage = () => {
  const { t } = useTranslation('referenceTickets')
  const { ticketId } = useParams() as { ticketId: string }
  const ticket = useTicket(ticketId)
  const name = useBilingual()
  usePageTitle(ticket.data ? `#${ticket.data.number} ${ticket.data.subject}` : t('mine.title'))

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="my-question-page">
      <LinkButton to="/questions" type="link" icon={<LeftOutlined />} style={{ paddingLeft: 0 }}>
        {t('mine.title')}
      </LinkButton>
      {ticket.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : ticket.isError ? (
        <PageError error={ticket.error} onRetry={() => void ticket.refetch()} />
      ) : (
        <Card size="small">
          <div className="sq-ticket-card-head">
            <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }}>
              #{ticket.data.number} {ticket.data.subject}
            </Typography.Title>
            <TicketStatusTag status={ticket.data.status} />
          </div>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {name(ticket.data.queue)} · {t(`source.${ticket.data.source}`)}
          </Typography.Paragraph>
          <TicketThread ticket={ticket.data} side="reader" />
        </Card>
      )}
    </Space>
  )
}
