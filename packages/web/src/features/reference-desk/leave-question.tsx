import { referenceDesk } from '@shuqiao/contracts'
import { useMutation } from '@tanstack/react-query'
import { Alert, App as AntApp, Button, Card, Form, Input, Select } from 'antd'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { call } from '../../api/client.ts'
import { useBilingual } from '../../app/hooks.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { useAskTicket } from './tickets-queries.ts'

interface QuestionValues {
  queueId: string
  name?: string
  email?: string
  subject: string
  text: string
}

/**
 * Under the topics on /ask: when nobody is on duty a question becomes a ticket (留言咨询) instead
 * of a chat that would wait for nobody. Signed-in readers find it and its answer in 我的咨询 (and
 * are told by e-mail); a guest, where a topic takes guests, leaves an e-mail address for the answer.
 * `openFor` opens the form on a topic (its card's 留言 button, or a chat refused as offline).
 */
export const LeaveQuestion = ({
  signedIn,
  queues,
  openFor,
  onOpen,
  embedded,
}: {
  signedIn: boolean
  queues: referenceDesk.QueueStatus[]
  openFor: string | undefined
  onOpen: (queueId: string | undefined) => void
  embedded: boolean
}) => {
  const { t, i18n } = useTranslation('referenceTickets')
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<QuestionValues>()
  const card = useRef<HTMLDivElement>(null)
  const askAsReader = useAskTicket()
  const askAsGuest = useMutation({
    mutationFn: ({ queueId, name, email, subject, text }: QuestionValues) =>
      call(referenceDesk.createGuestTicket, {
        body: {
          queueId,
          name: name ?? '',
          email: email ?? '',
          subject,
          text,
          language: i18n.language === 'en' ? 'en' : 'zh-CN',
        },
      }),
  })
  const open = openFor !== undefined
  const sent = signedIn ? askAsReader.data : askAsGuest.data
  const choices = signedIn ? queues : queues.filter((queue) => queue.allowGuests)

  // The topic chosen on its card; the form comes into view below the topics.
  useEffect(() => {
    if (!openFor) return
    form.setFieldValue('queueId', openFor)
    card.current?.scrollIntoView({ block: 'nearest' })
  }, [openFor, form])

  if (choices.length === 0) return null
  if (sent)
    return (
      <Alert
        type="success"
        showIcon
        title={
          signedIn
            ? t('ask.readerSent', { number: sent.number })
            : t('ask.guestSent', { number: sent.number })
        }
        description={
          askAsReader.data && (
            // In the widget's frame the portal opens in its own tab, not inside the small panel.
            <Link
              to={`/questions/${askAsReader.data.id}`}
              target={embedded ? '_blank' : undefined}
              data-testid="ask-question-open"
            >
              {t('ask.openInList')}
            </Link>
          )
        }
        data-testid={signedIn ? 'ask-question-sent' : 'guest-question-sent'}
      />
    )
  if (!open)
    return (
      <Button
        type="link"
        style={{ paddingLeft: 0 }}
        onClick={() => onOpen('')}
        data-testid="ask-leave-question"
      >
        {t('ask.offlineHint')}
      </Button>
    )
  const onFinish = (values: QuestionValues) => {
    const onError = (error: unknown) => void message.error(errorText(error))
    if (signedIn)
      askAsReader.mutate({ queueId: values.queueId, subject: values.subject, text: values.text }, { onError })
    else askAsGuest.mutate(values, { onError })
  }
  return (
    <div ref={card}>
      <Card
        size="small"
        title={t('ask.title')}
        extra={
          <Button type="link" size="small" onClick={() => onOpen(undefined)}>
            {t('ask.cancel')}
          </Button>
        }
        data-testid={signedIn ? 'ask-question-form' : 'guest-question-form'}
      >
        <Alert
          type="info"
          showIcon
          title={t(signedIn ? 'ask.readerHint' : 'ask.guestHint')}
          style={{ marginBottom: 12 }}
        />
        <Form<QuestionValues> form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="queueId" label={t('ask.topic')} rules={[{ required: true }]}>
            <Select
              options={choices.map((queue) => ({ value: queue.id, label: name(queue) }))}
              data-testid="ask-question-topic"
            />
          </Form.Item>
          {!signedIn && (
            <>
              <Form.Item
                name="name"
                label={t('ask.name')}
                rules={[{ required: true, whitespace: true, max: 30 }]}
              >
                <Input maxLength={30} data-testid="guest-question-name" />
              </Form.Item>
              <Form.Item name="email" label={t('ask.email')} rules={[{ required: true, type: 'email' }]}>
                <Input type="email" data-testid="guest-question-email" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="subject"
            label={t('ask.subject')}
            rules={[{ required: true, whitespace: true, max: 120 }]}
          >
            <Input
              maxLength={120}
              placeholder={t('ask.subjectPlaceholder')}
              data-testid={signedIn ? 'ask-question-subject' : 'guest-question-subject'}
            />
          </Form.Item>
          <Form.Item
            name="text"
            label={t('ask.text')}
            rules={[{ required: true, whitespace: true, max: 4000 }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 4 }}
              maxLength={4000}
              data-testid={signedIn ? 'ask-question-text' : 'guest-question-text'}
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            loading={askAsReader.isPending || askAsGuest.isPending}
            data-testid={signedIn ? 'ask-question-submit' : 'guest-question-submit'}
          >
            {t('ask.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
