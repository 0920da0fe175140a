import { GiftOutlined } from '@ant-design/icons'
import { App as AntApp, Button, Card, DatePicker, Form, Input, List, Select, Space, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { isConsortiumAdmin } from '../../app/access.ts'
import { useBilingual } from '../../app/hooks.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { noteRule } from '../../app/validation.ts'
import { useLibraries } from '../session/queries.ts'
import { useRequestTypes, useSetFeeWaiver } from './queries.ts'
import { PAID_TYPES, requestTypeOf, useText, yuan } from './request-types.ts'

interface WaiverValues {
  libraryId?: string
  type: string
  period: [Dayjs, Dayjs]
  note?: string
}

/** Admins make a paid service free for a period (疫期文献传递免费), or end that early. */
export const FeeWaiverPanel = () => {
  const { t } = useTranslation(['requests', 'common'])
  const me = useSignedIn()
  const consortium = isConsortiumAdmin(me)
  const text = useText()
  const name = useBilingual()
  const { message, modal } = AntApp.useApp()
  const errorText = useErrorText()
  const libraries = useLibraries()
  const types = useRequestTypes()
  const setWaiver = useSetFeeWaiver()
  const [form] = Form.useForm<WaiverValues>()
  // Today's fees are known for the admin's own library; the consortium office has none of its own.
  const current = me.library ? (types.data?.items ?? []).filter((item) => item.feeWaivedUntil) : []

  const libraryOf = (values: { libraryId?: string | undefined }) => values.libraryId ?? me.library?.id

  const save = (values: WaiverValues) => {
    const libraryId = libraryOf(values)
    if (!libraryId) return
    setWaiver.mutate(
      {
        libraryId,
        type: values.type,
        body: {
          freeFrom: values.period[0].format('YYYY-MM-DD'),
          freeUntil: values.period[1].format('YYYY-MM-DD'),
          note: values.note?.trim() || undefined,
        },
      },
      {
        onSuccess: (saved) => {
          void message.success(
            t('waiver.saved', {
              type: text(requestTypeOf(saved.type)?.name),
              from: saved.freeFrom,
              until: saved.freeUntil,
            }),
          )
          form.resetFields(['period', 'note'])
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, { freeFrom: 'period', freeUntil: 'period' }))
            void message.error(errorText(error))
        },
      },
    )
  }

  const end = (type: string, libraryId: string | undefined) => {
    if (!libraryId) return
    modal.confirm({
      title: t('waiver.endTitle', { type: text(requestTypeOf(type)?.name) }),
      content: t('waiver.endText'),
      okText: t('waiver.end'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' },
      cancelText: t('common:action.cancel'),
      onOk: () =>
        setWaiver
          .mutateAsync({ libraryId, type, body: { freeFrom: null, freeUntil: null } })
          .then(() => void message.success(t('waiver.ended', { type: text(requestTypeOf(type)?.name) })))
          .catch((error: unknown) => void message.error(errorText(error))),
    })
  }

  return (
    <Card
      size="small"
      title={
        <Space>
          <GiftOutlined />
          {t('waiver.title')}
        </Space>
      }
      data-testid="fee-waiver-panel"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('waiver.intro')}
      </Typography.Paragraph>
      {current.length > 0 && (
        <List
          size="small"
          style={{ marginBottom: 12 }}
          data-testid="fee-waiver-current"
          dataSource={current}
          renderItem={(item) => (
            <List.Item
              actions={[
                <Button
                  key="end"
                  size="small"
                  danger
                  onClick={() => end(item.code, me.library?.id)}
                  data-testid={`fee-waiver-end-${item.code}`}
                >
                  {t('waiver.end')}
                </Button>,
              ]}
            >
              {text(requestTypeOf(item.code)?.name)} · {t('fee.waivedUntil', { date: item.feeWaivedUntil })}
            </List.Item>
          )}
        />
      )}
      <Form<WaiverValues> form={form} layout="vertical" name="fee-waiver" onFinish={save}>
        <div className="sq-filters" style={{ alignItems: 'flex-start' }}>
          {consortium && (
            <Form.Item
              name="libraryId"
              label={t('filter.library')}
              rules={[{ required: true, message: t('common:validation.required') }]}
              style={{ marginBottom: 0 }}
            >
              <Select
                placeholder={t('filter.library')}
                options={(libraries.data?.items ?? []).map((library) => ({
                  value: library.id,
                  label: name(library),
                }))}
                style={{ width: 200 }}
                data-testid="fee-waiver-library"
              />
            </Form.Item>
          )}
          <Form.Item
            name="type"
            label={t('field.type')}
            rules={[{ required: true, message: t('common:validation.required') }]}
            style={{ marginBottom: 0 }}
          >
            <Select
              placeholder={t('field.type')}
              options={PAID_TYPES.map((type) => ({
                value: type.code,
                label: `${text(type.name)} (¥${yuan(type.feeFen)})`,
              }))}
              style={{ width: 220 }}
              data-testid="fee-waiver-type"
            />
          </Form.Item>
          <Form.Item
            name="period"
            label={t('waiver.period')}
            rules={[{ required: true, message: t('common:validation.required') }]}
            style={{ marginBottom: 0 }}
          >
            <DatePicker.RangePicker data-testid="fee-waiver-range" />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('waiver.note')}
            rules={[{ max: 200, message: t('common:validation.max', { max: 200 }) }, noteRule()]}
            style={{ marginBottom: 0 }}
          >
            <Input
              maxLength={200}
              placeholder={t('waiver.notePlaceholder')}
              style={{ width: 240 }}
              data-testid="fee-waiver-note"
            />
          </Form.Item>
        </div>
        <Space wrap style={{ marginTop: 12 }}>
          <Button
            type="primary"
            htmlType="submit"
            loading={setWaiver.isPending}
            data-testid="fee-waiver-submit"
          >
            {t('waiver.submit')}
          </Button>
          <Button
            onClick={() => {
              const values = form.getFieldsValue()
              if (!values.type) {
                void form.validateFields(['type'])
                return
              }
              end(values.type, libraryOf(values))
            }}
            data-testid="fee-waiver-end"
          >
            {t('waiver.end')}
          </Button>
        </Space>
        {consortium && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '8px 0 0' }}>
            {t('waiver.consortiumHint')}
          </Typography.Paragraph>
        )}
      </Form>
    </Card>
  )
}
