import { Alert, Card, DatePicker, Form, Input, InputNumber, Space, Table, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import {
  dayOf,
  PreviewApplyButtons,
  PreviewFailed,
  SampleTable,
  useCountThenApply,
} from './closure-parts.tsx'
import { type SpreadInput, useApplySpread, usePreviewSpread } from './closure-queries.ts'

interface Values {
  due?: [Dayjs, Dayjs]
  startDay?: Dayjs
  openDays?: number
  dailyCap?: number
  reason?: string
}

const inputOf = (values: Values): SpreadInput => ({
  dueFrom: dayOf(values.due?.[0]) ?? '',
  dueTo: dayOf(values.due?.[1]) ?? '',
  startDay: dayOf(values.startDay) ?? '',
  openDays: values.openDays ?? 0,
  dailyCap: values.dailyCap ?? 0,
  ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
})

/** 分散还书: loans due in a window spread over the first open days after reopening, with a daily cap. */
export const SpreadCard = () => {
  const { t } = useTranslation(['circulation', 'common'])
  const [form] = Form.useForm<Values>()
  const preview = usePreviewSpread()
  const apply = useApplySpread()

  const runPreview = async () => preview.mutate(inputOf(await form.validateFields()))

  const countThenApply = useCountThenApply({
    preview,
    apply,
    refusal: (counted) =>
      counted.unplaced > 0 ? t('closure.spread.doesNotFit', { count: counted.unplaced }) : undefined,
    confirmTitle: (counted) =>
      t('closure.spread.confirm', { count: counted.count, days: counted.days.length }),
    appliedText: (count) => t('closure.spread.applied', { count }),
  })
  const runApply = async () => countThenApply(inputOf(await form.validateFields()))

  return (
    <Card size="small" title={t('closure.spread.title')} data-testid="closure-spread-card">
      <Typography.Paragraph type="secondary">{t('closure.spread.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ openDays: 5, dailyCap: 200 }}
        onValuesChange={() => preview.reset()}
      >
        <Space wrap align="start">
          <Form.Item name="due" label={t('closure.spread.window')} rules={[{ required: true }]}>
            <DatePicker.RangePicker data-testid="closure-spread-window" />
          </Form.Item>
          <Form.Item name="startDay" label={t('closure.spread.startDay')} rules={[{ required: true }]}>
            <DatePicker data-testid="closure-spread-start" />
          </Form.Item>
          <Form.Item name="openDays" label={t('closure.spread.openDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={60} precision={0} data-testid="closure-spread-days" />
          </Form.Item>
          <Form.Item name="dailyCap" label={t('closure.spread.dailyCap')} rules={[{ required: true }]}>
            <InputNumber min={1} max={1_000_000} precision={0} data-testid="closure-spread-cap" />
          </Form.Item>
          <Form.Item name="reason" label={t('closure.reason')}>
            <Input maxLength={500} style={{ minWidth: 240 }} data-testid="closure-spread-reason" />
          </Form.Item>
        </Space>
        <PreviewApplyButtons
          testId="closure-spread"
          onPreview={() => void runPreview()}
          onApply={() => void runApply()}
          previewing={preview.isPending}
          applying={apply.isPending}
        />
      </Form>
      {preview.isError && <PreviewFailed error={preview.error} />}
      {preview.data && (
        <div style={{ marginTop: 12 }} data-testid="closure-spread-result">
          <Alert
            type={preview.data.unplaced ? 'warning' : 'info'}
            showIcon
            data-count={preview.data.count}
            title={
              preview.data.unplaced
                ? t('closure.spread.doesNotFit', { count: preview.data.unplaced })
                : t('closure.spread.previewCount', { count: preview.data.count })
            }
            style={{ marginBottom: 8 }}
          />
          <Table
            rowKey="day"
            size="small"
            pagination={false}
            dataSource={preview.data.days}
            data-testid="closure-spread-days-table"
            onRow={(row) => ({ 'data-day': row.day, 'data-count': row.count }) as object}
            columns={[
              { title: t('closure.spread.day'), dataIndex: 'day', key: 'day' },
              { title: t('closure.spread.count'), dataIndex: 'count', key: 'count', align: 'right' },
            ]}
            style={{ marginBottom: 8, maxWidth: 360 }}
          />
          {preview.data.sample.length > 0 && (
            <SampleTable rows={preview.data.sample} testId="closure-spread-sample" />
          )}
        </div>
      )}
    </Card>
  )
}
