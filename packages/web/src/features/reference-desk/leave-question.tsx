import { referenceDesk } from '@shuqiao/contracts'
import { useMutation } from '@tanstack/react-query'
import { Alert, App as AntApp, Button, Card, Form, Input, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { call } from '../../api/client.ts'
import { useBilingual } from '../../app/hooks.ts'
import { useErrorText } from '../../app/page-states.tsx'

interface GuestValues {
  queueId: string
  name: string
  email: string
  subject: string
  text: string
}

/**
 * Under the topics on /ask: when nobody is on duty a reader leaves a question instead (我的咨询);
 * a guest, where a topic takes guests, leaves it with an e-mail address for the answer.
 */
export const LeaveQuestion = ({
  signedIn,
  queues,
}: {
  signedIn: boolean
  queues: referenceDesk.QueueStatus[]
}) => {
  const { t, i18n } = useTranslation('referenceTickets')
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [open, setOpen] = useState(false)
  const ask = useMutation({
    mutationFn: (body: GuestValues) =>
      call(referenceDesk.createGuestTicket, {
        body: { ...body, language: i18n.language === 'en' ? 'en' : 'zh-CN' },
      }),
  })
  if (signedIn)
    return (
      <Link to="/questions" data-testid="ask-leave-question">
        {t('ask.offlineHint')}
      </Link>
    )
  const guestQueues = queues.filter((queue) => queue.allowGuests)
  if (guestQueues.length === 0) return null
  if (ask.data)
    return (
      <Alert
        type="success"
        showIcon
        title={t('ask.guestSent', { number: ask.data.number })}
        data-testid="guest-question-sent"
      />
    )
  if (!open)
    return (
      <Button
        type="link"
        style={{ paddingLeft: 0 }}
        onClick={() => setOpen(true)}
        data-testid="ask-leave-question"
      >
        {t('ask.offlineHint')}
      </Button>
    )
  return (
    <Card size="small" title={t('ask.title')} data-testid="guest-question-form">
      <Form<GuestValues>
        layout="vertical"
        onFinish={(values) =>
          ask.mutate(values, { onError: (error) => void message.error(errorText(error)) })
        }
      >
        <Form.Item name="queueId" label={t('ask.topic')} rules={[{ required: true }]}>
          <Select options={guestQueues.map((queue) => ({ value: queue.id, label: name(queue) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('ask.name')} rules={[{ required: true, whitespace: true, max: 30 }]}>
          <Input maxLength={30} data-testid="guest-question-name" />
        </Form.Item>
        <Form.Item name="email" label={t('ask.email')} rules={[{ required: true, type: 'email' }]}>
          <Input type="email" data-testid="guest-question-email" />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('ask.subject')}
          rules={[{ required: true, whitespace: true, max: 120 }]}
        >
          <Input maxLength={120} data-testid="guest-question-subject" />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('ask.text')}
          rules={[{ required: true, whitespace: true, max: 4000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={4000} data-testid="guest-question-text" />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={ask.isPending}
          data-testid="guest-question-submit"
        >
          {t('ask.submit')}
        </Button>
      </Form>
    </Card>
  )
}
