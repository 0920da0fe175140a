import type { libraries } from '@shuqiao/contracts'
import {
  Alert,
  App as AntApp,
  Button,
  Calendar,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  Row,
  Space,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { applyFieldErrors } from '../../api/form-errors.ts'
import { useErrorText } from '../../app/page-states.tsx'
import { noteRule } from '../../app/validation.ts'
import { useCalendar, useSetCalendarDays } from './queries.ts'
import { WeekdayTags } from './weekdays.tsx'

type Mode = 'closed' | 'open' | 'usual'

interface RangeValues {
  range: [Dayjs, Dayjs]
  mode: Mode
  note?: string
}

const MAX_SPAN_DAYS = 400

/** A month of open and closed days, and (for admins) a form to change a range of them. */
export const CalendarPanel = ({ library, canEdit }: { library: libraries.Library; canEdit: boolean }) => {
  const { t } = useTranslation(['libraries', 'common'])
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [selected, setSelected] = useState(() => dayjs())
  const month = selected.startOf('month')
  const from = month.subtract(7, 'day').format('YYYY-MM-DD')
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD')
  const calendar = useCalendar(library.id, from, to)
  const setDays = useSetCalendarDays()
  const [form] = Form.useForm<RangeValues>()
  const mode = Form.useWatch('mode', form)

  const days = useMemo(
    () => new Map((calendar.data?.days ?? []).map((day) => [day.date, day])),
    [calendar.data],
  )

  const submit = (values: RangeValues) => {
    const [start, end] = values.range
    setDays.mutate(
      {
        libraryId: library.id,
        body: {
          from: start.format('YYYY-MM-DD'),
          to: end.format('YYYY-MM-DD'),
          open: values.mode === 'usual' ? null : values.mode === 'open',
          ...(values.mode !== 'usual' && values.note?.trim() ? { note: values.note.trim() } : {}),
        },
      },
      {
        onSuccess: ({ changed }) => {
          void message.success(t('calendar.saved', { count: changed }))
          form.resetFields(['note'])
        },
        onError: (error) => {
          if (!applyFieldErrors(form, error, { from: 'range', to: 'range' }))
            void message.error(errorText(error))
        },
      },
    )
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card size="small" data-testid="library-calendar">
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{t('calendar.usualWeek')}</Typography.Text>
            <WeekdayTags days={library.openWeekdays} />
            <span className="sq-cal-cell open">{t('calendar.open')}</span>
            <span className="sq-cal-cell closed">{t('calendar.closed')}</span>
          </Space>
          {calendar.isError && (
            <Alert
              type="warning"
              showIcon
              title={errorText(calendar.error)}
              action={
                <Button size="small" onClick={() => void calendar.refetch()}>
                  {t('common:action.retry')}
                </Button>
              }
            />
          )}
          <Calendar
            value={selected}
            onPanelChange={(date) => setSelected(date)}
            onSelect={(date, { source }) => {
              setSelected(date)
              if (source === 'date' && canEdit) form.setFieldValue('range', [date, date])
            }}
            cellRender={(current, info) => {
              if (info.type !== 'date') return info.originNode
              const day = days.get(current.format('YYYY-MM-DD'))
              if (!day) return null
              return (
                <div
                  className={`sq-cal-cell ${day.open ? 'open' : 'closed'}`}
                  data-testid={`calendar-day-${day.date}`}
                  title={day.note ?? undefined}
                >
                  {day.open ? t('calendar.open') : t('calendar.closed')}
                  {day.exception && !day.note && ` · ${t('calendar.exception')}`}
                  {day.note && <span className="note">{day.note}</span>}
                </div>
              )
            }}
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('calendar.changeTitle')} size="small">
          {canEdit ? (
            <Form<RangeValues>
              form={form}
              name="calendar-range"
              layout="vertical"
              initialValues={{ mode: 'closed' }}
              onFinish={submit}
            >
              <Typography.Paragraph type="secondary">{t('calendar.changeHint')}</Typography.Paragraph>
              <Form.Item
                name="range"
                label={t('calendar.range')}
                rules={[
                  { required: true, message: t('common:validation.required') },
                  {
                    validator: (_, value?: [Dayjs, Dayjs]) =>
                      !value || value[1].diff(value[0], 'day') <= MAX_SPAN_DAYS
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('calendar.rangeTooLong', { max: MAX_SPAN_DAYS }))),
                  },
                ]}
              >
                <DatePicker.RangePicker style={{ width: '100%' }} data-testid="calendar-range" />
              </Form.Item>
              <Form.Item name="mode" label={t('calendar.mode')}>
                <Radio.Group data-testid="calendar-mode">
                  <Space orientation="vertical">
                    <Radio value="closed">{t('calendar.markClosed')}</Radio>
                    <Radio value="open">{t('calendar.markOpen')}</Radio>
                    <Radio value="usual">{t('calendar.restoreUsual')}</Radio>
                  </Space>
                </Radio.Group>
              </Form.Item>
              {mode !== 'usual' && (
                <Form.Item
                  name="note"
                  label={t('calendar.note')}
                  extra={t('calendar.noteHint')}
                  rules={[{ max: 200, message: t('common:validation.max', { max: 200 }) }, noteRule()]}
                >
                  <Input maxLength={200} showCount data-testid="calendar-note" />
                </Form.Item>
              )}
              <Button
                type="primary"
                htmlType="submit"
                loading={setDays.isPending}
                data-testid="calendar-save"
              >
                {t('calendar.apply')}
              </Button>
            </Form>
          ) : (
            <Typography.Text type="secondary">{t('calendar.readOnly')}</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  )
}
