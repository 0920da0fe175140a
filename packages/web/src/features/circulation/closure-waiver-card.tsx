import { Alert, Card, DatePicker, Form, Input, Space, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { formatFen } from './circulation-logic.ts'
import {
  dayOf,
  PreviewApplyButtons,
  PreviewFailed,
  ReaderTypeSelect,
  useCountThenApply,
} from './closure-parts.tsx'
import { useApplyWaiver, usePreviewWaiver, type WaiverInput } from './closure-queries.ts'

interface Values {
  created?: [Dayjs | null, Dayjs | null]
  readerType?: 'student' | 'teacher' | 'staff'
  reason?: string
}

const inputOf = (values: Values): WaiverInput => {
  const from = dayOf(values.created?.[0])
  const to = dayOf(values.created?.[1])
  return {
    ...(values.readerType ? { readerType: values.readerType } : {}),
    ...(from ? { createdFrom: from } : {}),
    ...(to ? { createdTo: to } : {}),
    reason: values.reason?.trim() ?? '',
  }
}

/** 批量免除罚款: open fines by reader type and the days they were made (or all), with a reason. */
export const WaiverCard = () => {
  const { t } = useTranslation(['circulation', 'common'])
  const [form] = Form.useForm<Values>()
  const preview = usePreviewWaiver()
  const apply = useApplyWaiver()

  const runPreview = async () => preview.mutate(inputOf(form.getFieldsValue()))

  const countThenApply = useCountThenApply({
    preview,
    apply,
    confirmTitle: (counted) =>
      t('closure.waiver.confirm', { count: counted.count, amount: formatFen(counted.totalFen) }),
    appliedText: (count) => t('closure.waiver.applied', { count }),
  })
  const runApply = async () => countThenApply(inputOf(await form.validateFields()))

  return (
    <Card size="small" title={t('closure.waiver.title')} data-testid="closure-waiver-card">
      <Typography.Paragraph type="secondary">{t('closure.waiver.intro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onValuesChange={() => preview.reset()}>
        <Space wrap align="start">
          <Form.Item name="created" label={t('closure.waiver.created')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="closure-waiver-created" />
          </Form.Item>
          <Form.Item name="readerType" label={t('closure.readerType')}>
            <ReaderTypeSelect testId="closure-waiver-reader-type" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('closure.waiver.reason')}
            rules={[{ required: true, whitespace: true, message: t('closure.waiver.reasonRequired') }]}
          >
            <Input maxLength={500} style={{ minWidth: 260 }} data-testid="closure-waiver-reason" />
          </Form.Item>
        </Space>
        <PreviewApplyButtons
          testId="closure-waiver"
          onPreview={() => void runPreview()}
          onApply={() => void runApply()}
          previewing={preview.isPending}
          applying={apply.isPending}
          danger
        />
      </Form>
      {preview.isError && <PreviewFailed error={preview.error} />}
      {preview.data && (
        <Alert
          type="info"
          showIcon
          data-testid="closure-waiver-result"
          data-count={preview.data.count}
          title={t('closure.waiver.previewCount', {
            count: preview.data.count,
            readers: preview.data.readers,
            amount: formatFen(preview.data.totalFen),
          })}
          style={{ marginTop: 12 }}
        />
      )}
    </Card>
  )
}
