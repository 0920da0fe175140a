import { phases } from '@shuqiao/contracts'
import {
  Checkbox,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd'
import dayjs from 'dayjs'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { DrawerFooter } from '../../app/drawer-footer.tsx'
import type { Phase, PhaseDraft } from './queries.ts'

interface Values {
  nameZh: string
  nameEn: string
  noticeZh: string
  noticeEn: string
  services: PhaseDraft['services']
  extend: boolean
  extendTo?: dayjs.Dayjs
  includeOverdue: boolean
  waiveFines: boolean
  freeDocumentDelivery: boolean
  pickup: boolean
  raise: boolean
  extraLoans?: number
  extraRenewals?: number
  raiseUntil?: dayjs.Dayjs
}

const EMPTY_SERVICES = Object.fromEntries(
  phases.SERVICES.map((service) => [service, { status: 'normal', noteZh: '', noteEn: '' }]),
) as PhaseDraft['services']

const valuesOf = (phase: Phase | undefined): Values => {
  const measures = phase?.measures
  return {
    nameZh: phase?.nameZh ?? '',
    nameEn: phase?.nameEn ?? '',
    noticeZh: phase?.noticeZh ?? '',
    noticeEn: phase?.noticeEn ?? '',
    services: phase?.services ?? EMPTY_SERVICES,
    extend: !!measures?.extendDueDates,
    extendTo: measures?.extendDueDates ? dayjs(measures.extendDueDates.toDate) : undefined,
    includeOverdue: measures?.extendDueDates?.includeOverdue ?? false,
    waiveFines: measures?.waiveFines ?? false,
    freeDocumentDelivery: measures?.freeDocumentDelivery ?? false,
    pickup: measures?.pickup ?? false,
    raise: !!measures?.raiseLimits,
    extraLoans: measures?.raiseLimits?.extraLoans,
    extraRenewals: measures?.raiseLimits?.extraRenewals,
    raiseUntil: measures?.raiseLimits ? dayjs(measures.raiseLimits.until) : undefined,
  }
}

const draftOf = (values: Values, id: string | undefined): PhaseDraft => ({
  ...(id ? { id } : {}),
  nameZh: values.nameZh,
  nameEn: values.nameEn,
  noticeZh: values.noticeZh ?? '',
  noticeEn: values.noticeEn ?? '',
  services: values.services,
  measures: {
    extendDueDates:
      values.extend && values.extendTo
        ? { toDate: values.extendTo.format('YYYY-MM-DD'), includeOverdue: values.includeOverdue }
        : null,
    waiveFines: values.waiveFines,
    freeDocumentDelivery: values.freeDocumentDelivery,
    pickup: values.pickup,
    raiseLimits:
      values.raise && values.raiseUntil
        ? {
            extraLoans: values.extraLoans ?? 0,
            extraRenewals: values.extraRenewals ?? 0,
            until: values.raiseUntil.format('YYYY-MM-DD'),
          }
        : null,
  },
})

/** Edits one phase (or a new one): names, notice, each service's status, and its measures. */
export const PhaseDrawer = ({
  open,
  phase,
  saving,
  onClose,
  onSave,
}: {
  open: boolean
  /** Absent for a new phase. */
  phase: Phase | undefined
  saving: boolean
  onClose: () => void
  onSave: (draft: PhaseDraft) => void
}) => {
  const { t } = useTranslation(['operations', 'common'])
  const [form] = Form.useForm<Values>()
  const extend = Form.useWatch('extend', form)
  const raise = Form.useWatch('raise', form)
  useEffect(() => {
    if (open) form.setFieldsValue(valuesOf(phase))
  }, [open, phase, form])
  const required = [{ required: true, whitespace: true, message: t('drawer.required') }]

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={560}
      title={phase ? t('drawer.titleEdit') : t('drawer.titleNew')}
      destroyOnHidden
      footer={
        <DrawerFooter
          onCancel={onClose}
          onSubmit={() => form.submit()}
          saving={saving}
          testId="phase-drawer-save"
        />
      }
      data-testid="phase-drawer"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={valuesOf(phase)}
        onFinish={(values) => onSave(draftOf({ ...valuesOf(phase), ...values }, phase?.id))}
      >
        <Space.Compact block>
          <Form.Item name="nameZh" label={t('drawer.nameZh')} rules={required} style={{ flex: 1 }}>
            <Input maxLength={40} data-testid="phase-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('drawer.nameEn')} rules={required} style={{ flex: 1 }}>
            <Input maxLength={80} data-testid="phase-name-en" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="noticeZh" label={t('drawer.noticeZh')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} data-testid="phase-notice-zh" />
        </Form.Item>
        <Form.Item name="noticeEn" label={t('drawer.noticeEn')}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
        <Divider titlePlacement="start">{t('drawer.servicesTitle')}</Divider>
        {phases.SERVICES.map((service) => (
          <div key={service} className="sq-phase-service" data-testid={`phase-service-${service}`}>
            <Typography.Text strong>{t(`services.${service}`)}</Typography.Text>
            <Form.Item name={['services', service, 'status']} noStyle>
              <Select
                style={{ width: '100%' }}
                options={phases.SERVICE_STATUSES.map((status) => ({
                  value: status,
                  label: t(`statuses.${status}`),
                }))}
                data-testid={`phase-service-status-${service}`}
              />
            </Form.Item>
            <Form.Item name={['services', service, 'noteZh']} noStyle>
              <Input placeholder={t('drawer.noteZh')} maxLength={200} />
            </Form.Item>
            <Form.Item name={['services', service, 'noteEn']} noStyle>
              <Input placeholder={t('drawer.noteEn')} maxLength={300} />
            </Form.Item>
          </div>
        ))}
        <Divider titlePlacement="start">{t('drawer.measuresTitle')}</Divider>
        <Form.Item name="freeDocumentDelivery" valuePropName="checked" noStyle>
          <Checkbox data-testid="phase-measure-free-delivery">{t('drawer.freeDocumentDelivery')}</Checkbox>
        </Form.Item>
        <br />
        <Form.Item name="pickup" valuePropName="checked" noStyle>
          <Checkbox data-testid="phase-measure-pickup">{t('drawer.pickup')}</Checkbox>
        </Form.Item>
        <br />
        <Form.Item name="waiveFines" valuePropName="checked" noStyle>
          <Checkbox data-testid="phase-measure-waive-fines">{t('drawer.waiveFines')}</Checkbox>
        </Form.Item>
        <Form.Item
          name="extend"
          valuePropName="checked"
          label={t('drawer.extendDueDates')}
          style={{ marginTop: 12 }}
        >
          <Switch data-testid="phase-measure-extend" />
        </Form.Item>
        {extend && (
          <Space wrap>
            <Form.Item
              name="extendTo"
              label={t('drawer.extendTo')}
              rules={[{ required: true, message: t('drawer.required') }]}
            >
              <DatePicker data-testid="phase-measure-extend-to" />
            </Form.Item>
            <Form.Item name="includeOverdue" valuePropName="checked" label=" ">
              <Checkbox>{t('drawer.includeOverdue')}</Checkbox>
            </Form.Item>
          </Space>
        )}
        <Form.Item name="raise" valuePropName="checked" label={t('drawer.raiseLimits')}>
          <Switch data-testid="phase-measure-raise" />
        </Form.Item>
        {raise && (
          <Space wrap>
            <Form.Item
              name="extraLoans"
              label={t('drawer.extraLoans')}
              rules={[{ required: true, message: t('drawer.required') }]}
            >
              <InputNumber min={0} max={50} />
            </Form.Item>
            <Form.Item
              name="extraRenewals"
              label={t('drawer.extraRenewals')}
              rules={[{ required: true, message: t('drawer.required') }]}
            >
              <InputNumber min={0} max={10} />
            </Form.Item>
            <Form.Item
              name="raiseUntil"
              label={t('drawer.until')}
              rules={[{ required: true, message: t('drawer.required') }]}
            >
              <DatePicker />
            </Form.Item>
          </Space>
        )}
      </Form>
    </Drawer>
  )
}
