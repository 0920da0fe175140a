import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useErrorText } from '../../app/page-states.tsx'
import { dayOf, ReaderTypeSelect } from './closure-parts.tsx'
import { type LimitRaise, useCreateRaise, useEndRaise, useLimitRaises } from './closure-queries.ts'

interface Values {
  readerType?: 'student' | 'teacher' | 'staff'
  extraItems?: number
  extraRenewals?: number
  endDay?: Dayjs
  note?: string
}

/** 临时提高借阅上限: extra items and renewals for a reader type (or all) until an end day; end one early. */
export const RaisesCard = () => {
  const { t } = useTranslation(['circulation', 'common'])
  const { modal, message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<Values>()
  const list = useLimitRaises()
  const create = useCreateRaise()
  const end = useEndRaise()

  const submit = async () => {
    const values = await form.validateFields()
    await create
      .mutateAsync({
        readerType: values.readerType ?? null,
        extraItems: values.extraItems ?? 0,
        extraRenewals: values.extraRenewals ?? 0,
        endDay: dayOf(values.endDay) ?? '',
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      })
      .then(() => {
        void message.success(t('closure.raise.created'))
        form.resetFields()
      })
      .catch((error: unknown) => void message.error(errorText(error)))
  }

  const endEarly = (raise: LimitRaise) =>
    modal.confirm({
      title: t('closure.raise.endConfirm'),
      okText: t('closure.raise.end'),
      okButtonProps: { 'data-testid': 'confirm-ok' },
      cancelText: t('common:action.cancel'),
      onOk: () =>
        end
          .mutateAsync(raise.id)
          .then(() => void message.success(t('closure.raise.ended')))
          .catch((error: unknown) => void message.error(errorText(error))),
    })

  return (
    <Card size="small" title={t('closure.raise.title')} data-testid="closure-raise-card">
      <Typography.Paragraph type="secondary">{t('closure.raise.intro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" initialValues={{ extraItems: 10, extraRenewals: 1 }}>
        <Space wrap align="start">
          <Form.Item name="readerType" label={t('closure.readerType')}>
            <ReaderTypeSelect testId="closure-raise-reader-type" />
          </Form.Item>
          <Form.Item name="extraItems" label={t('closure.raise.extraItems')} rules={[{ required: true }]}>
            <InputNumber min={0} max={500} precision={0} data-testid="closure-raise-items" />
          </Form.Item>
          <Form.Item
            name="extraRenewals"
            label={t('closure.raise.extraRenewals')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} max={20} precision={0} data-testid="closure-raise-renewals" />
          </Form.Item>
          <Form.Item name="endDay" label={t('closure.raise.endDay')} rules={[{ required: true }]}>
            <DatePicker data-testid="closure-raise-end-day" />
          </Form.Item>
          <Form.Item name="note" label={t('closure.raise.note')}>
            <Input maxLength={500} style={{ minWidth: 200 }} data-testid="closure-raise-note" />
          </Form.Item>
        </Space>
        <Button
          type="primary"
          onClick={() => void submit()}
          loading={create.isPending}
          data-testid="closure-raise-create"
        >
          {t('closure.raise.create')}
        </Button>
      </Form>
      <Table<LimitRaise>
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        loading={list.isPending}
        dataSource={list.data?.raises ?? []}
        locale={{ emptyText: t('closure.raise.none') }}
        pagination={false}
        scroll={{ x: true }}
        data-testid="closure-raises-table"
        onRow={(raise) => ({ 'data-active': String(raise.active) }) as object}
        columns={[
          {
            title: t('closure.readerType'),
            key: 'readerType',
            render: (_, raise) =>
              raise.readerType ? t(`readerType.${raise.readerType}`) : t('closure.allReaders'),
          },
          {
            title: t('closure.raise.extra'),
            key: 'extra',
            render: (_, raise) =>
              t('closure.raise.extraText', { items: raise.extraItems, renewals: raise.extraRenewals }),
          },
          { title: t('closure.raise.endDay'), dataIndex: 'endDay', key: 'endDay' },
          {
            title: t('closure.status'),
            key: 'status',
            render: (_, raise) =>
              raise.active ? (
                <Tag color="green">{t('closure.raise.active')}</Tag>
              ) : (
                <Tag>{raise.endedAt ? t('closure.raise.endedEarly') : t('closure.raise.over')}</Tag>
              ),
          },
          {
            title: t('closure.action'),
            key: 'action',
            render: (_, raise) =>
              raise.active && (
                <Button size="small" onClick={() => endEarly(raise)} data-testid="closure-raise-end">
                  {t('closure.raise.end')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  )
}
