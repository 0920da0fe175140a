import { App as AntApp, Button, Card, Form, Input, Select, Skeleton, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { formatDateTime } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { usePublicQueues } from './queries.ts'
import { TicketStatusTag } from './ticket-thread.tsx'
import { useAskTicket, useMyTickets } from './tickets-queries.ts'
import './tickets.css'

interface AskValues {
  queueId: string
  subject: string
  text: string
}

/** The portal's question form: a topic of the reader's library, a subject and the question. */
const AskForm = ({ onDone }: { onDone: (ticketId: string) => void }) => {
  const { t } = useTranslation('referenceTickets')
  const name = useBilingual()
  const me = useSignedIn()
  const queues = usePublicQueues(me.library?.id)
  const ask = useAskTicket()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<AskValues>()
  return (
    <Card size="small" title={t('ask.title')} data-testid="ticket-ask-form">
      <Form<AskValues>
        form={form}
        layout="vertical"
        onFinish={(values) =>
          ask.mutate(values, {
            onSuccess: (ticket) => {
              void message.success(t('ask.sent'))
              onDone(ticket.id)
            },
            onError: (error) => void message.error(errorText(error)),
          })
        }
      >
        <Form.Item name="queueId" label={t('ask.topic')} rules={[{ required: true }]}>
          <Select
            options={(queues.data?.items ?? []).map((queue) => ({ value: queue.id, label: name(queue) }))}
            data-testid="ticket-ask-topic"
          />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('ask.subject')}
          rules={[{ required: true, whitespace: true, max: 120 }]}
        >
          <Input placeholder={t('ask.subjectPlaceholder')} maxLength={120} data-testid="ticket-ask-subject" />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('ask.text')}
          rules={[{ required: true, whitespace: true, max: 4000 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 4, maxRows: 12 }}
            maxLength={4000}
            showCount
            data-testid="ticket-ask-text"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={ask.isPending}
          block
          data-testid="ticket-ask-submit"
        >
          {t('ask.submit')}
        </Button>
      </Form>
    </Card>
  )
}

/** 我的咨询 on the reader's phone: questions asked by form, phone or an unanswered chat, with their status. */
export const MyQuestionsPage = () => {
  const { t } = useTranslation('referenceTickets')
  usePageTitle(t('mine.title'))
  const mine = useMyTickets()
  const navigate = useNavigate()
  const [asking, setAsking] = useState(false)

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="my-questions-page">
      <div className="sq-ticket-card-head" style={{ alignItems: 'center' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('mine.title')}
        </Typography.Title>
        {!asking && (
          <Button type="primary" onClick={() => setAsking(true)} data-testid="ticket-ask">
            {t('mine.ask')}
          </Button>
        )}
      </div>
      <Typography.Text type="secondary">{t('mine.intro')}</Typography.Text>
      {asking && <AskForm onDone={(ticketId) => void navigate(`/questions/${ticketId}`)} />}
      {mine.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : mine.isError ? (
        <PageError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.data.items.length === 0 ? (
        <EmptyHint text={t('mine.empty')} />
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="my-questions-list">
          {mine.data.items.map((ticket) => (
            <Card
              key={ticket.id}
              size="small"
              hoverable
              onClick={() => void navigate(`/questions/${ticket.id}`)}
              data-testid="my-question"
              data-ticket-number={ticket.number}
            >
              <div className="sq-ticket-card-head">
                <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                  #{ticket.number} {ticket.subject}
                </Typography.Text>
                <TicketStatusTag status={ticket.status} />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`source.${ticket.source}`)} · {formatDateTime(ticket.updatedAt)}
              </Typography.Text>
            </Card>
          ))}
        </Space>
      )}
    </Space>
  )
}
