import {
  App as AntApp,
  Button,
  DatePicker,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { nameRules, noteRule } from '../../app/validation.ts'
import { useText } from '../requests/request-types.ts'
import {
  DEFAULT_THRESHOLDS,
  DEGREE_LABELS,
  DEGREES,
  ORIGIN_LABELS,
  ORIGINS,
  SERVICE_LABELS,
  SERVICES,
} from './logic.ts'
import { type BatchDetail, useCreateBatch, useUpdateBatch } from './queries.ts'

interface Values {
  name: string
  degree: (typeof DEGREES)[number]
  origin: (typeof ORIGINS)[number]
  source?: string
  service: (typeof SERVICES)[number]
  serviceNote?: string
  thresholdPercent: number
  dueDate?: Dayjs | null
  notes?: string
}

const optionalName = (max: number) => nameRules(max).filter((rule) => !('required' in rule && rule.required))

/**
 * Opens a batch, or changes one. The pass line follows the degree until the librarian types their
 * own, since graduate schools set it per degree (10 % doctoral, 15 % master's is common).
 */
export const BatchForm = ({
  open,
  batch,
  onClose,
  onSaved,
}: {
  open: boolean
  batch?: BatchDetail | undefined
  onClose: () => void
  onSaved?: (batch: BatchDetail) => void
}) => {
  const { t } = useTranslation(['similarityChecks', 'common'])
  const text = useText()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [form] = Form.useForm<Values>()
  const create = useCreateBatch()
  const update = useUpdateBatch(batch?.id ?? '')
  const pending = create.isPending || update.isPending
  const origin = Form.useWatch('origin', form)
  const service = Form.useWatch('service', form)
  const phone = Grid.useBreakpoint().sm === false

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(
      batch
        ? {
            name: batch.name,
            degree: batch.degree,
            origin: batch.origin,
            source: batch.source ?? undefined,
            service: batch.service,
            serviceNote: batch.serviceNote ?? undefined,
            thresholdPercent: batch.thresholdPercent,
            dueDate: batch.dueDate ? dayjs(batch.dueDate) : null,
            notes: batch.notes ?? undefined,
          }
        : {
            degree: 'master',
            origin: 'received',
            service: 'cnki_tmlc',
            thresholdPercent: DEFAULT_THRESHOLDS.master,
          },
    )
  }, [open, batch, form])

  const submit = (values: Values) => {
    const body = {
      name: values.name.trim(),
      degree: values.degree,
      origin: values.origin,
      source: values.origin === 'received' ? values.source?.trim() || null : null,
      service: values.service,
      serviceNote: values.serviceNote?.trim() || null,
      thresholdPercent: values.thresholdPercent,
      dueDate: values.dueDate ? values.dueDate.format('YYYY-MM-DD') : null,
      notes: values.notes?.trim() || null,
    }
    const handlers = {
      onSuccess: (saved: BatchDetail) => {
        void message.success(batch ? t('thesis.saved') : t('batches.created', { name: saved.name }))
        onSaved?.(saved)
        onClose()
      },
      onError: (error: unknown) => {
        if (!applyFieldErrors(form, error)) void message.error(errorText(error))
      },
    }
    if (batch) update.mutate(body, handlers)
    else create.mutate(body, handlers)
  }

  const degreeLocked = !!batch && batch.counts.total > 0

  return (
    <Drawer
      open={open}
      title={batch ? t('form.editTitle') : t('form.createTitle')}
      onClose={onClose}
      size={phone ? '100%' : 520}
      destroyOnHidden
      data-testid="batch-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common:action.cancel')}</Button>
          <Button
            type="primary"
            loading={pending}
            onClick={() => form.submit()}
            data-testid="batch-form-submit"
          >
            {batch ? t('form.save') : t('form.create')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        name="similarity-batch"
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          // A new degree brings its usual pass line, unless the librarian already typed one.
          if (changed.degree && !form.isFieldTouched('thresholdPercent'))
            form.setFieldValue('thresholdPercent', DEFAULT_THRESHOLDS[changed.degree])
        }}
      >
        <Form.Item name="name" label={t('field.name')} rules={nameRules(120)}>
          <Input maxLength={120} placeholder={t('form.namePlaceholder')} data-testid="batch-form-name" />
        </Form.Item>
        <Form.Item
          name="degree"
          label={t('field.degree')}
          extra={degreeLocked ? t('form.degreeLocked') : undefined}
        >
          <Radio.Group
            disabled={degreeLocked}
            optionType="button"
            options={DEGREES.map((degree) => ({ value: degree, label: text(DEGREE_LABELS[degree]) }))}
            data-testid="batch-form-degree"
          />
        </Form.Item>
        <Form.Item
          name="thresholdPercent"
          label={t('field.threshold')}
          extra={t('field.thresholdHint')}
          rules={[{ required: true, message: t('common:validation.required') }]}
        >
          <InputNumber
            min={0}
            max={100}
            step={1}
            precision={2}
            suffix={t('form.percentSuffix')}
            style={{ width: 160 }}
            prefix="≤"
            data-testid="batch-form-threshold"
          />
        </Form.Item>
        <Form.Item name="origin" label={t('field.origin')}>
          <Radio.Group
            options={ORIGINS.map((value) => ({ value, label: text(ORIGIN_LABELS[value]) }))}
            data-testid="batch-form-origin"
          />
        </Form.Item>
        {origin === 'received' && (
          <Form.Item name="source" label={t('field.source')} rules={optionalName(100)}>
            <Input
              maxLength={100}
              placeholder={t('form.sourcePlaceholder')}
              data-testid="batch-form-source"
            />
          </Form.Item>
        )}
        <Form.Item name="service" label={t('field.service')}>
          <Select
            options={SERVICES.map((value) => ({ value, label: text(SERVICE_LABELS[value]) }))}
            data-testid="batch-form-service"
          />
        </Form.Item>
        <Form.Item
          name="serviceNote"
          label={t('field.serviceNote')}
          rules={service === 'other' ? nameRules(100) : optionalName(100)}
        >
          <Input
            maxLength={100}
            placeholder={t('form.serviceNotePlaceholder')}
            data-testid="batch-form-service-note"
          />
        </Form.Item>
        <Form.Item name="dueDate" label={t('field.dueDate')}>
          <DatePicker style={{ width: 200 }} data-testid="batch-form-due" />
        </Form.Item>
        <Form.Item name="notes" label={t('field.notes')} rules={[{ max: 2000 }, noteRule()]}>
          <Input.TextArea
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            data-testid="batch-form-notes"
          />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
