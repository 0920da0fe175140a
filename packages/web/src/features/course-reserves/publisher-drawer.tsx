import {
  App as AntApp,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { DrawerFooter } from '../../app/drawer-footer.tsx'
import { PageError, PageLoading, useErrorText } from '../../app/page-states.tsx'
import { CONTACT_KINDS, suppliedShare } from './fulfilment-logic.ts'
import {
  type Publisher,
  type PublisherDetail,
  useAddContact,
  usePublisher,
  useSavePublisher,
} from './fulfilment-queries.ts'
import { TitleStatusTag } from './title-parts.tsx'

interface PublisherValues {
  name: string
  contactPerson?: string
  email?: string
  phone?: string
  note?: string
}

/** Adds a publisher or changes one's name and contact details. */
export const PublisherFormDrawer = ({
  open,
  publisher,
  onClose,
}: {
  open: boolean
  publisher?: Publisher | undefined
  onClose: () => void
}) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const [form] = Form.useForm<PublisherValues>()
  const save = useSavePublisher()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()

  useEffect(() => {
    if (!open) return
    form.resetFields()
    if (publisher)
      form.setFieldsValue({
        name: publisher.name,
        contactPerson: publisher.contactPerson ?? undefined,
        email: publisher.email ?? undefined,
        phone: publisher.phone ?? undefined,
        note: publisher.note ?? undefined,
      })
  }, [open, publisher, form])

  const blank = (value: string | undefined) => (value?.trim() ? value.trim() : null)
  const submit = (values: PublisherValues) =>
    save.mutate(
      {
        publisherId: publisher?.id,
        body: {
          name: values.name,
          contactPerson: blank(values.contactPerson),
          email: blank(values.email),
          phone: blank(values.phone),
          note: blank(values.note),
        },
      },
      {
        onSuccess: (saved) => {
          void message.success(t('publishers.saved', { name: saved.name }))
          onClose()
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error)) void message.error(errorText(error))
        },
      },
    )

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={publisher ? t('publishers.edit') : t('publishers.add')}
      size={420}
      destroyOnHidden
      data-testid="publisher-form-drawer"
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          saving={save.isPending}
          testId="publisher-form-submit"
        />
      }
    >
      <Form<PublisherValues> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={t('publishers.name')}
          rules={[{ required: true, whitespace: true, max: 200 }]}
        >
          <Input maxLength={200} data-testid="publisher-form-name" />
        </Form.Item>
        <Form.Item name="contactPerson" label={t('publishers.contactPerson')}>
          <Input maxLength={100} data-testid="publisher-form-contact" />
        </Form.Item>
        <Form.Item name="email" label={t('publishers.email')} rules={[{ type: 'email' }]}>
          <Input maxLength={254} data-testid="publisher-form-email" />
        </Form.Item>
        <Form.Item name="phone" label={t('publishers.phone')}>
          <Input maxLength={20} data-testid="publisher-form-phone" />
        </Form.Item>
        <Form.Item name="note" label={t('publishers.note')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="publisher-form-note" />
        </Form.Item>
      </Form>
    </Drawer>
  )
}

/** One publisher: its figures, a new contact entry, its contact log and its titles. */
export const PublisherDrawer = ({
  publisherId,
  onClose,
}: {
  publisherId: string | undefined
  onClose: () => void
}) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const detail = usePublisher(publisherId)
  const [editing, setEditing] = useState(false)
  return (
    <Drawer
      open={!!publisherId}
      onClose={onClose}
      title={detail.data?.name ?? t('publishers.publisher')}
      size={640}
      destroyOnHidden
      data-testid="publisher-drawer"
      extra={
        detail.data && (
          <Button onClick={() => setEditing(true)} data-testid="publisher-edit">
            {t('publishers.edit')}
          </Button>
        )
      }
    >
      {detail.isPending ? (
        <PageLoading />
      ) : detail.isError ? (
        <PageError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <PublisherBody publisher={detail.data} />
      )}
      <PublisherFormDrawer open={editing} publisher={detail.data} onClose={() => setEditing(false)} />
    </Drawer>
  )
}

interface ContactValues {
  kind: (typeof CONTACT_KINDS)[number]
  date: Dayjs
  titleIds?: string[]
  note?: string
}

const PublisherBody = ({ publisher }: { publisher: PublisherDetail }) => {
  const { t } = useTranslation(['courseReserves', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<ContactValues>()
  const add = useAddContact(publisher.id)
  const figures = publisher.figures

  const submit = (values: ContactValues) =>
    add.mutate(
      {
        kind: values.kind,
        date: values.date.format('YYYY-MM-DD'),
        titleIds: values.titleIds ?? [],
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      },
      {
        onSuccess: (answer) => {
          void message.success(t('publishers.logged', { count: answer.moved }))
          form.resetFields()
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error)) void message.error(errorText(error))
        },
      },
    )

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('publishers.contactPerson')}>
          {[publisher.contactPerson, publisher.phone, publisher.email].filter(Boolean).join(' · ') || '—'}
        </Descriptions.Item>
        {publisher.note && (
          <Descriptions.Item label={t('publishers.note')}>{publisher.note}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('publishers.figuresLabel')}>
          <Space wrap data-testid="publisher-figures">
            {(['titles', 'asked', 'supplied', 'pending', 'refused'] as const).map((key) => (
              <Tag key={key} data-figure={key}>
                {t(`publishers.figures.${key}`, { count: figures[key] })}
              </Tag>
            ))}
            <Tag>{t('publishers.share', { share: suppliedShare(figures) })}</Tag>
          </Space>
        </Descriptions.Item>
      </Descriptions>

      <div>
        <Typography.Title level={5}>{t('publishers.logContact')}</Typography.Title>
        <Form<ContactValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ kind: 'contacted', date: dayjs() }}
          data-testid="contact-form"
        >
          <Space wrap align="start">
            <Form.Item name="kind" label={t('publishers.kind')} rules={[{ required: true }]}>
              <Select
                style={{ width: 140 }}
                options={CONTACT_KINDS.map((kind) => ({ value: kind, label: t(`publishers.kind_${kind}`) }))}
                data-testid="contact-form-kind"
              />
            </Form.Item>
            <Form.Item name="date" label={t('publishers.date')} rules={[{ required: true }]}>
              <DatePicker data-testid="contact-form-date" />
            </Form.Item>
          </Space>
          <Form.Item
            name="titleIds"
            label={t('publishers.titlesConcerned')}
            extra={t('publishers.titlesHint')}
          >
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={publisher.titles.map((title) => ({
                value: title.id,
                label: title.title ?? title.isbn13 ?? title.id,
              }))}
              data-testid="contact-form-titles"
            />
          </Form.Item>
          <Form.Item name="note" label={t('publishers.note')}>
            <Input.TextArea rows={2} maxLength={2000} data-testid="contact-form-note" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="contact-form-submit">
            {t('publishers.logSubmit')}
          </Button>
        </Form>
      </div>

      <div>
        <Typography.Title level={5}>{t('publishers.log')}</Typography.Title>
        {publisher.contacts.length === 0 ? (
          <Typography.Text type="secondary">{t('publishers.noContacts')}</Typography.Text>
        ) : (
          <Timeline
            data-testid="publisher-contacts"
            items={publisher.contacts.map((contact) => ({
              key: contact.id,
              content: (
                <div data-testid="publisher-contact" data-kind={contact.kind}>
                  <Typography.Text strong>
                    {contact.date} · {t(`publishers.kind_${contact.kind}`)}
                  </Typography.Text>
                  {contact.by && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      · {contact.by.name}
                    </Typography.Text>
                  )}
                  {contact.note && <div style={{ whiteSpace: 'pre-wrap' }}>{contact.note}</div>}
                  {contact.titles.length > 0 && (
                    <div style={{ fontSize: 12 }}>
                      {contact.titles.map((title) => title.title ?? title.isbn13).join('；')}
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        )}
      </div>

      <div>
        <Typography.Title level={5}>{t('publishers.titles')}</Typography.Title>
        <Table
          rowKey="id"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={publisher.titles}
          data-testid="publisher-titles"
          columns={[
            {
              title: t('titles.column.title'),
              key: 'title',
              render: (_, row) => (
                <Space orientation="vertical" size={0}>
                  <span>{row.title ?? row.isbn13}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[row.author, row.publisher, row.linked ? t('publishers.linkedByHand') : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('titles.column.status'),
              key: 'status',
              width: 140,
              render: (_, row) => <TitleStatusTag status={row.status} channel={null} />,
            },
          ]}
        />
      </div>
    </Space>
  )
}
