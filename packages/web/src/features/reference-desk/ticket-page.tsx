import { LeftOutlined } from '@ant-design/icons'
import { referenceDesk } from '@shuqiao/contracts'
import { App as AntApp, Card, Col, Descriptions, Row, Select, Skeleton, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import { formatDateTime } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { LinkButton } from '../../app/link-button.tsx'
import { PageError, useErrorText } from '../../app/page-states.tsx'
import { useDeskLibrarians } from './queries.ts'
import { TicketStatusTag, TicketThread } from './ticket-thread.tsx'
import { transcriptUrl, useTicket, useUpdateTicket } from './tickets-queries.ts'
import './tickets.css'

const NOBODY = '__nobody__'

/** One ticket for staff: the thread with notes, reply or note, status and assignee. */
export const TicketPage = () => {
  const { t } = useTranslation('referenceTickets')
  const { ticketId } = useParams() as { ticketId: string }
  const ticket = useTicket(ticketId)
  const update = useUpdateTicket()
  const librarians = useDeskLibrarians(true)
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  usePageTitle(ticket.data ? `#${ticket.data.number} ${ticket.data.subject}` : t('staff.title'))

  const change = (body: { status?: referenceDesk.TicketStatus; assigneeId?: string | null }) =>
    update.mutate(
      { ticketId, ...body },
      {
        onSuccess: () => void message.success(t('staff.updatedOk')),
        onError: (error) => void message.error(errorText(error)),
      },
    )

  return (
    <div data-testid="ticket-page">
      <LinkButton
        to="/staff/reference-desk/tickets"
        type="link"
        icon={<LeftOutlined />}
        style={{ paddingLeft: 0 }}
      >
        {t('staff.back')}
      </LinkButton>
      {ticket.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : ticket.isError ? (
        <PageError error={ticket.error} onRetry={() => void ticket.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Card size="small">
              <div className="sq-ticket-card-head">
                <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }}>
                  #{ticket.data.number} {ticket.data.subject}
                </Typography.Title>
                <TicketStatusTag status={ticket.data.status} />
              </div>
              <div style={{ marginTop: 12 }}>
                <TicketThread ticket={ticket.data} side="staff" />
              </div>
            </Card>
          </Col>
          <Col xs={24} lg={8}>
            <Card size="small">
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text>{t('staff.changeStatus')}</Typography.Text>
                <Select
                  value={ticket.data.status}
                  onChange={(status) => change({ status })}
                  options={referenceDesk.TICKET_STATUSES.map((value) => ({
                    value,
                    label: t(`status.${value}`),
                    disabled:
                      value !== ticket.data.status &&
                      !referenceDesk.TICKET_TRANSITIONS[ticket.data.status].includes(value),
                  }))}
                  style={{ width: '100%' }}
                  data-testid="ticket-status-select"
                />
                <Typography.Text>{t('staff.assign')}</Typography.Text>
                <Select
                  value={ticket.data.assignee?.id ?? NOBODY}
                  onChange={(value) => change({ assigneeId: value === NOBODY ? null : value })}
                  options={[
                    { value: NOBODY, label: t('staff.nobody') },
                    ...(librarians.data?.items ?? []).map((person) => ({
                      value: person.id,
                      label: person.name,
                    })),
                  ]}
                  style={{ width: '100%' }}
                  data-testid="ticket-assignee-select"
                />
              </Space>
              <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
                <Descriptions.Item label={t('staff.asker')}>
                  {ticket.data.asker.name}
                  {ticket.data.asker.kind === 'reader' && ` (${ticket.data.asker.readerNumber ?? ''})`}
                </Descriptions.Item>
                {(ticket.data.phone || (ticket.data.asker.kind === 'guest' && ticket.data.asker.email)) && (
                  <Descriptions.Item label={t('staff.contact')}>
                    {[ticket.data.phone, ticket.data.asker.kind === 'guest' ? ticket.data.asker.email : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('staff.topic')}>{name(ticket.data.queue)}</Descriptions.Item>
                <Descriptions.Item label={t('staff.source')}>
                  {t(`source.${ticket.data.source}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('staff.updated')}>
                  {formatDateTime(ticket.data.updatedAt)}
                </Descriptions.Item>
                {ticket.data.conversationId && (
                  <Descriptions.Item label={t('thread.fromChat')}>
                    <a
                      href={transcriptUrl(ticket.data.conversationId)}
                      download
                      data-testid="ticket-transcript"
                    >
                      {t('transcripts.download')}
                    </a>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
          </Col>
        </Row>
      )}
    </div>
  )
}
