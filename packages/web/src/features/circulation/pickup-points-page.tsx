import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { pickups } from '@shuqiao/contracts'
import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Switch } from 'antd'
import { useTranslation } from 'react-i18next'
import { mayCall } from '../../app/access.ts'
import { usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { CirculationTabs } from './circulation-tabs.tsx'
import {
  type PickupPoint,
  type PickupPointSettings,
  usePickupPoints,
  useSavePickupPoint,
} from './pickup-queries.ts'
import './circulation.css'

const NEW_POINT: PickupPointSettings = {
  nameZh: '',
  nameEn: '',
  windows: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '14:00', closes: '17:00' })),
  slotMinutes: 30,
  readersPerSlot: 5,
  leadMinutes: 120,
  daysAhead: 7,
  holdDays: 5,
  active: true,
}

const settingsOf = ({ id: _id, libraryId: _library, updatedAt: _at, ...settings }: PickupPoint) => settings

const NUMBERS = [
  ['slotMinutes', 5, 240],
  ['readersPerSlot', 1, 1000],
  ['leadMinutes', 0, 10080],
  ['daysAhead', 1, 60],
  ['holdDays', 1, 60],
] as const

/** One pickup point's settings: names, opening windows per weekday, slot length and the limits. */
const PointForm = ({ point, editable }: { point: PickupPoint | null; editable: boolean }) => {
  const { t } = useTranslation(['circulation', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const save = useSavePickupPoint()
  const [form] = Form.useForm<PickupPointSettings>()
  const testId = point ? `pickup-point-${point.id}` : 'pickup-point-new'

  const submit = (settings: PickupPointSettings) =>
    save
      .mutateAsync({ id: point?.id ?? null, settings })
      .then(() => {
        message.success(t('points.saved', { name: settings.nameZh }))
        if (!point) form.resetFields()
      })
      .catch((error: unknown) => void message.error(errorText(error)))

  return (
    <Card size="small" title={point ? point.nameZh : t('points.add')} data-testid={testId}>
      <Form<PickupPointSettings>
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={point ? settingsOf(point) : NEW_POINT}
        onFinish={(values) => void submit(values)}
      >
        <Space wrap>
          <Form.Item name="nameZh" label={t('points.nameZh')} rules={[{ required: true }]}>
            <Input data-testid="pickup-point-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('points.nameEn')} rules={[{ required: true }]}>
            <Input data-testid="pickup-point-name-en" />
          </Form.Item>
          <Form.Item name="active" label={t('points.active')} valuePropName="checked">
            <Switch data-testid="pickup-point-active" />
          </Form.Item>
        </Space>
        <Space wrap>
          {NUMBERS.map(([field, min, max]) => (
            <Form.Item key={field} name={field} label={t(`points.${field}`)} rules={[{ required: true }]}>
              <InputNumber min={min} max={max} data-testid={`pickup-point-${field}`} />
            </Form.Item>
          ))}
        </Space>
        <Form.List name="windows">
          {(fields, { add, remove }) => (
            <div data-testid="pickup-point-windows">
              {fields.map((field) => (
                <Space key={field.key} wrap style={{ marginBottom: 4 }}>
                  <Form.Item name={[field.name, 'weekday']} noStyle>
                    <Select
                      style={{ width: 100 }}
                      options={[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
                        value: weekday,
                        label: t(`points.weekday.${weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'opens']} noStyle>
                    <Input type="time" style={{ width: 110 }} aria-label={t('points.opens')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'closes']} noStyle>
                    <Input type="time" style={{ width: 110 }} aria-label={t('points.closes')} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('points.removeWindow')}
                  />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ weekday: 1, opens: '14:00', closes: '17:00' })}
                data-testid="pickup-point-add-window"
              >
                {t('points.addWindow')}
              </Button>
            </div>
          )}
        </Form.List>
        {editable && (
          <Button
            type="primary"
            htmlType="submit"
            loading={save.isPending}
            style={{ marginTop: 12 }}
            data-testid="pickup-point-save"
          >
            {t('common:action.save')}
          </Button>
        )}
      </Form>
    </Card>
  )
}

/** 取书点设置: each pickup point's opening windows, slots and limits; library admins change them. */
export const PickupPointsPage = () => {
  const { t } = useTranslation(['circulation', 'common'])
  usePageTitle(t('points.title'))
  const me = useSignedIn()
  const editable = mayCall(me, pickups.savePickupPoint)
  const points = usePickupPoints()
  return (
    <div data-testid="pickup-points-page">
      <PageHead title={t('points.title')} intro={t('points.intro')} />
      <CirculationTabs current="/staff/circulation/pickup-points" />
      {points.isError ? (
        <PageError error={points.error} onRetry={() => void points.refetch()} />
      ) : (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {(points.data?.items ?? []).map((point) => (
            <PointForm key={`${point.id}-${point.updatedAt}`} point={point} editable={editable} />
          ))}
          {editable && <PointForm point={null} editable />}
        </Space>
      )}
    </div>
  )
}
