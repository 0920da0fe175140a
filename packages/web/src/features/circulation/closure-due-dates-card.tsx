import { Alert, Card, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Space, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import {
  dayOf,
  PreviewApplyButtons,
  PreviewFailed,
  ReaderTypeSelect,
  SampleTable,
  useCountThenApply,
} from './closure-parts.tsx'
import { type DueDateInput, useApplyDueDates, usePreviewDueDates } from './closure-queries.ts'

interface Values {
  due?: [Dayjs, Dayjs]
  readerType?: 'student' | 'teacher' | 'staff'
  location?: string
  includeOverdue?: boolean
  kind: 'to' | 'by'
  day?: Dayjs
  days?: number
  reason?: string
}

const inputOf = (values: Values): DueDateInput => ({
  filter: {
    dueFrom: dayOf(values.due?.[0]) ?? '',
    dueTo: dayOf(values.due?.[1]) ?? '',
    ...(values.readerType ? { readerType: values.readerType } : {}),
    ...(values.location?.trim() ? { location: values.location.trim() } : {}),
    includeOverdue: Boolean(values.includeOverdue),
  },
  change:
    values.kind === 'to'
      ? { kind: 'to', day: dayOf(values.day) ?? '' }
      : { kind: 'by', days: values.days ?? 0 },
  ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
})

/** 批量调整应还日期: a filter and a change, previewed, then applied as one batch that can be undone. */
export const DueDatesCard = () => {
  const { t } = useTranslation(['circulation', 'common'])
  const [form] = Form.useForm<Values>()
  const kind = Form.useWatch('kind', form)
  const preview = usePreviewDueDates()
  const apply = useApplyDueDates()

  const runPreview = async () => {
    const values = await form.validateFields()
    preview.mutate(inputOf(values))
  }

  const countThenApply = useCountThenApply({
    preview,
    apply,
    confirmTitle: (counted) => t('closure.due.confirm', { count: counted.count }),
    appliedText: (count) => t('closure.due.applied', { count }),
  })
  const runApply = async () => countThenApply(inputOf(await form.validateFields()))

  return (
    <Card size="small" title={t('closure.due.title')} data-testid="closure-due-card">
      <Typography.Paragraph type="secondary">{t('closure.due.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'by', days: 30, includeOverdue: false }}
        onValuesChange={() => preview.reset()}
      >
        <Space wrap align="start">
          <Form.Item name="due" label={t('closure.due.range')} rules={[{ required: true }]}>
            <DatePicker.RangePicker data-testid="closure-due-range" />
          </Form.Item>
          <Form.Item name="readerType" label={t('closure.readerType')}>
            <ReaderTypeSelect testId="closure-due-reader-type" />
          </Form.Item>
          <Form.Item name="location" label={t('closure.location')}>
            <Input
              maxLength={100}
              placeholder={t('closure.allLocations')}
              data-testid="closure-due-location"
            />
          </Form.Item>
        </Space>
        <Form.Item name="includeOverdue" valuePropName="checked">
          <Checkbox data-testid="closure-due-include-overdue">{t('closure.due.includeOverdue')}</Checkbox>
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="kind" label={t('closure.due.change')}>
            <Radio.Group
              data-testid="closure-due-kind"
              options={[
                { value: 'by', label: t('closure.due.by') },
                { value: 'to', label: t('closure.due.to') },
              ]}
            />
          </Form.Item>
          {kind === 'to' ? (
            <Form.Item name="day" label={t('closure.due.day')} rules={[{ required: true }]}>
              <DatePicker data-testid="closure-due-day" />
            </Form.Item>
          ) : (
            <Form.Item name="days" label={t('closure.due.days')} rules={[{ required: true }]}>
              <InputNumber min={1} max={366} precision={0} data-testid="closure-due-days" />
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('closure.reason')}>
            <Input maxLength={500} style={{ minWidth: 240 }} data-testid="closure-due-reason" />
          </Form.Item>
        </Space>
        <PreviewApplyButtons
          testId="closure-due"
          onPreview={() => void runPreview()}
          onApply={() => void runApply()}
          previewing={preview.isPending}
          applying={apply.isPending}
        />
      </Form>
      {preview.isError && <PreviewFailed error={preview.error} />}
      {preview.data && (
        <div style={{ marginTop: 12 }} data-testid="closure-due-result">
          <Alert
            type={preview.data.count ? 'info' : 'warning'}
            showIcon
            data-count={preview.data.count}
            title={t('closure.due.previewCount', {
              count: preview.data.count,
              overdue: preview.data.overdue,
              moved: preview.data.movedOffClosedDays,
            })}
            style={{ marginBottom: 8 }}
          />
          {preview.data.sample.length > 0 && (
            <SampleTable rows={preview.data.sample} testId="closure-due-sample" />
          )}
        </div>
      )}
    </Card>
  )
}
