import type { referenceDesk } from '@shuqiao/contracts'
import { App as AntApp, Form, Input, Modal, Radio, Select, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { useBilingual } from '../../app/hooks.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useDeskLibrarians, useStaffQueues, useTransferChat } from './queries.ts'

interface Values {
  toAccountId?: string
  toQueueId?: string
  note?: string
}

/** Hands a chat to a colleague on duty, or back to wait in another queue, with a note for colleagues. */
export const TransferModal = ({
  conversation,
  open,
  onClose,
}: {
  conversation: referenceDesk.Conversation
  open: boolean
  onClose: () => void
}) => {
  const { t } = useTranslation('referenceDesk')
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const me = useSignedIn()
  const [form] = Form.useForm<Values>()
  const [target, setTarget] = useState<'person' | 'queue'>('person')
  const librarians = useDeskLibrarians(open)
  const queues = useStaffQueues()
  const transfer = useTransferChat()
  const queueNames = new Map((queues.data?.items ?? []).map((queue) => [queue.id, name(queue)]))
  const colleagues = (librarians.data?.items ?? []).filter(
    (person) => person.id !== me.id && person.onDutyQueueIds.length > 0,
  )

  const submit = (values: Values) =>
    transfer.mutate(
      {
        conversationId: conversation.id,
        ...(target === 'person' ? { toAccountId: values.toAccountId } : { toQueueId: values.toQueueId }),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('transfer.done'))
          form.resetFields()
          onClose()
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error)) void message.error(errorText(error))
        },
      },
    )

  return (
    <Modal
      open={open}
      title={t('transfer.title')}
      okText={t('transfer.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={transfer.isPending}
      okButtonProps={{ 'data-testid': 'transfer-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="transfer-form">
        <Form.Item>
          <Radio.Group
            value={target}
            onChange={(event) => setTarget(event.target.value)}
            data-testid="transfer-target"
          >
            <Radio.Button value="person">{t('transfer.toPerson')}</Radio.Button>
            <Radio.Button value="queue">{t('transfer.toQueue')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {target === 'person' ? (
          <Form.Item name="toAccountId" label={t('transfer.person')} rules={[{ required: true }]}>
            <Select
              data-testid="transfer-person"
              loading={librarians.isPending}
              notFoundContent={t('transfer.nobody')}
              options={colleagues.map((person) => ({
                value: person.id,
                label: `${person.name} · ${t('transfer.chats', { count: person.activeChats })} · ${t(
                  'transfer.onDutyIn',
                  {
                    queues: person.onDutyQueueIds.map((id) => queueNames.get(id) ?? '').join('、'),
                  },
                )}`,
              }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="toQueueId" label={t('transfer.queue')} rules={[{ required: true }]}>
            <Select
              data-testid="transfer-queue"
              options={(queues.data?.items ?? [])
                .filter((queue) => queue.active)
                .map((queue) => ({ value: queue.id, label: name(queue) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('transfer.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="transfer-note" />
        </Form.Item>
        {colleagues.length === 0 && target === 'person' && !librarians.isPending && (
          <Typography.Text type="secondary">{t('transfer.nobody')}</Typography.Text>
        )}
      </Form>
    </Modal>
  )
}
