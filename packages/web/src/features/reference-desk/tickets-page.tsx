import { PhoneOutlined } from '@ant-design/icons'
import { referenceDesk } from '@shuqiao/contracts'
import { App as AntApp, Button, Drawer, Form, Input, Select, Space, Table } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { formatDateTime } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, useErrorText } from '../../app/page-states.tsx'
import { useDebounced } from '../catalogue/use-debounced.ts'
import { useDeskLibrarians, useStaffQueues } from './queries.ts'
import { TicketStatusTag } from './ticket-thread.tsx'
import { type Ticket, useLogPhoneTicket, useTickets } from './tickets-queries.ts'
import './tickets.css'

interface PhoneValues {
  queueId: string
  readerNumber?: string
  callerName?: string
  callerEmail?: string
  phone?: string
  subject: string
  text: string
}

const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined)

/** 登记来电: a phone question, for a reader by number or a caller by name. */
const PhoneDrawer = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t } = useTranslation('referenceTickets')
  const name = useBilingual()
  const queues = useStaffQueues()
  const log = useLogPhoneTicket()
  const navigate = useNavigate()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  return (
    <Drawer open={open} onClose={onClose} title={t('staff.phoneTitle')} width={480} destroyOnHidden>
      <Form<PhoneValues>
        layout="vertical"
        onFinish={(values) =>
          log.mutate(
            {
              queueId: values.queueId,
              subject: values.subject,
              text: values.text,
              readerNumber: blankToUndefined(values.readerNumber),
              callerName: blankToUndefined(values.callerName),
              callerEmail: blankToUndefined(values.callerEmail),
              phone: blankToUndefined(values.phone),
            },
            {
              onSuccess: (ticket) => {
                void message.success(t('staff.logged'))
                void navigate(`/staff/reference-desk/tickets/${ticket.id}`)
              },
              onError: (error) => void message.error(errorText(error)),
            },
          )
        }
        data-testid="ticket-phone-form"
      >
        <Form.Item name="queueId" label={t('staff.topic')} rules={[{ required: true }]}>
          <Select
            options={(queues.data?.items ?? []).map((queue) => ({ value: queue.id, label: name(queue) }))}
          />
        </Form.Item>
        <Form.Item name="readerNumber" label={t('staff.readerNumber')}>
          <Input data-testid="ticket-phone-reader" />
        </Form.Item>
        <Form.Item name="callerName" label={t('staff.callerName')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="callerEmail" label={t('staff.callerEmail')}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="phone" label={t('staff.phoneNumber')}>
          <Input />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('ask.subject')}
          rules={[{ required: true, whitespace: true, max: 120 }]}
        >
          <Input maxLength={120} data-testid="ticket-phone-subject" />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('ask.text')}
          rules={[{ required: true, whitespace: true, max: 4000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={4000} data-testid="ticket-phone-text" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={log.isPending} data-testid="ticket-phone-submit">
          {t('ask.submit')}
        </Button>
      </Form>
    </Drawer>
  )
}

/** 留言咨询: the library's tickets, newest first, by status, topic, assignee and words. */
export const TicketsPage = () => {
  const { t } = useTranslation('referenceTickets')
  usePageTitle(t('staff.title'))
  const name = useBilingual()
  const navigate = useNavigate()
  const [typed, setTyped] = useState('')
  const [status, setStatus] = useState<referenceDesk.TicketStatus>()
  const [queueId, setQueueId] = useState<string>()
  const [assignee, setAssignee] = useState<string>()
  const [limit, setLimit] = useState(50)
  const [phoning, setPhoning] = useState(false)
  const q = useDebounced(typed.trim(), 300)
  const list = useTickets({
    limit,
    ...(q ? { q } : {}),
    ...(status ? { status } : {}),
    ...(queueId ? { queueId } : {}),
    ...(assignee ? { assignee } : {}),
  })
  const queues = useStaffQueues()
  const librarians = useDeskLibrarians(true)

  return (
    <div data-testid="tickets-page">
      <PageHead
        title={t('staff.title')}
        extra={
          <Button icon={<PhoneOutlined />} onClick={() => setPhoning(true)} data-testid="ticket-phone">
            {t('staff.phone')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          value={typed}
          placeholder={t('staff.search')}
          onChange={(event) => setTyped(event.target.value)}
          style={{ width: 240 }}
          data-testid="tickets-filter-q"
        />
        <Select
          allowClear
          placeholder={t('staff.status')}
          value={status}
          onChange={setStatus}
          options={referenceDesk.TICKET_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
          style={{ width: 140 }}
          data-testid="tickets-filter-status"
        />
        <Select
          allowClear
          placeholder={t('staff.topic')}
          value={queueId}
          onChange={setQueueId}
          options={(queues.data?.items ?? []).map((queue) => ({ value: queue.id, label: name(queue) }))}
          style={{ width: 150 }}
          data-testid="tickets-filter-topic"
        />
        <Select
          allowClear
          placeholder={t('staff.assignee')}
          value={assignee}
          onChange={setAssignee}
          options={[
            { value: 'me', label: t('staff.assigneeMe') },
            { value: 'none', label: t('staff.assigneeNone') },
            ...(librarians.data?.items ?? []).map((person) => ({ value: person.id, label: person.name })),
          ]}
          style={{ width: 150 }}
          data-testid="tickets-filter-assignee"
        />
      </Space>
      {list.isError && <PageError error={list.error} onRetry={() => void list.refetch()} />}
      <Table<Ticket>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 720 }}
        onRow={(ticket) => ({
          onClick: () => void navigate(`/staff/reference-desk/tickets/${ticket.id}`),
          style: { cursor: 'pointer' },
          'data-testid': 'ticket-row',
        })}
        data-testid="tickets-table"
        columns={[
          { title: t('staff.number'), render: (_, ticket) => `#${ticket.number}`, width: 70 },
          { title: t('staff.subject'), dataIndex: 'subject' },
          {
            title: t('staff.asker'),
            render: (_, ticket) =>
              ticket.asker.kind === 'reader'
                ? `${ticket.asker.name} (${ticket.asker.readerNumber ?? ''})`
                : ticket.asker.name,
            width: 150,
          },
          { title: t('staff.topic'), render: (_, ticket) => name(ticket.queue), width: 110 },
          {
            title: t('staff.status'),
            render: (_, ticket) => <TicketStatusTag status={ticket.status} />,
            width: 110,
          },
          { title: t('staff.assignee'), render: (_, ticket) => ticket.assignee?.name ?? '—', width: 90 },
          { title: t('staff.updated'), render: (_, ticket) => formatDateTime(ticket.updatedAt), width: 160 },
        ]}
      />
      {list.data?.nextCursor && (
        <Button
          style={{ marginTop: 12 }}
          onClick={() => setLimit((n) => Math.min(n + 50, 200))}
          data-testid="tickets-more"
        >
          {t('staff.more')}
        </Button>
      )}
      <PhoneDrawer open={phoning} onClose={() => setPhoning(false)} />
    </div>
  )
}
