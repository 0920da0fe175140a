import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons'
import type { referenceDesk } from '@shuqiao/contracts'
import {
  Alert,
  App as AntApp,
  Button,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { PageError, useErrorText } from '../../app/page-states.tsx'
import { useSignedIn } from '../../app/signed-in.ts'
import { useDeskLibrarians, useStaffQueues } from './queries.ts'
import { useDeleteShift, useRosterWeek, useSaveShift, useShifts } from './roster.queries.ts'
import { SubjectRoutingTable } from './subject-routing-table.tsx'
import './roster.css'

type Shift = referenceDesk.Shift
type WeekQueue = referenceDesk.RosterWeek['queues'][number]

interface FormValues {
  queueId: string
  accountId: string
  leadId: string | null
  startsOn: string
  startTime: string
  endTime: string
  rrule: string
  skippedDays: string[]
  note: string
}

const valuesOf = (shift: Shift | undefined): Partial<FormValues> => ({
  queueId: shift?.queue.id,
  accountId: shift?.librarian.id,
  leadId: shift?.lead?.id ?? null,
  startsOn: shift?.startsOn,
  startTime: shift?.startTime ?? '08:00',
  endTime: shift?.endTime ?? '12:00',
  rrule: shift?.rrule ?? 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
  skippedDays: shift?.skippedDays ?? [],
  note: shift?.note ?? '',
})

const minutes = (time: string) => {
  const [hours, mins] = time.split(':').map(Number)
  return hours! * 60 + mins!
}

const addDays = (day: string, count: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + count * 86_400_000).toISOString().slice(0, 10)

/** One queue's week: a column per day, shifts as blocks by the hour and the hours nobody covers in red. */
const QueueWeek = ({ week, item }: { week: referenceDesk.RosterWeek; item: WeekQueue }) => {
  const { t } = useTranslation('roster')
  const name = useBilingual()
  const span = (start: string, end: string) => ({
    top: `${(minutes(start) / 1440) * 100}%`,
    height: `${((minutes(end) - minutes(start)) / 1440) * 100}%`,
  })
  return (
    <section className="sq-roster-queue" data-testid={`roster-queue-${item.queue.code}`}>
      <Space wrap style={{ marginBottom: 6 }}>
        <Typography.Text strong>{name(item.queue)}</Typography.Text>
        <Tag
          color={item.gaps.length === 0 ? 'green' : 'red'}
          data-testid={`roster-coverage-${item.queue.code}`}
          data-gaps={item.gaps.length}
        >
          {item.gaps.length === 0
            ? t('week.noGaps')
            : t('week.coverage', { hours: Math.round((item.coveredMinutes / 60) * 10) / 10 })}
        </Tag>
      </Space>
      <div className="sq-roster-grid">
        <div className="sq-roster-hours" aria-hidden>
          {[0, 6, 12, 18].map((hour) => (
            <span key={hour} style={{ top: `${(hour / 24) * 100}%` }}>
              {String(hour).padStart(2, '0')}:00
            </span>
          ))}
        </div>
        {week.days.map((day) => (
          <div className="sq-roster-day" key={day} data-testid="roster-day" data-day={day}>
            <div className="sq-roster-day-head">{day.slice(5)}</div>
            <div className="sq-roster-day-body">
              {item.gaps
                .filter((gap) => gap.day === day)
                .map((gap) => (
                  <Tooltip
                    key={`gap-${gap.startTime}`}
                    title={`${t('week.gap')} ${gap.startTime}–${gap.endTime}`}
                  >
                    <div
                      className="sq-roster-gap"
                      style={span(gap.startTime, gap.endTime)}
                      data-testid="roster-gap"
                      data-start={gap.startTime}
                      data-end={gap.endTime}
                    />
                  </Tooltip>
                ))}
              {item.blocks
                .filter((block) => block.day === day)
                .map((block, index, all) => (
                  <Tooltip
                    key={`${block.shiftId}-${block.startTime}`}
                    title={`${block.startTime}–${block.endTime} ${block.librarian.name}${
                      block.lead ? ` · ${t('week.lead')} ${block.lead.name}` : ''
                    }`}
                  >
                    <div
                      className="sq-roster-block"
                      style={{
                        ...span(block.startTime, block.endTime),
                        left: `${(index / all.length) * 100}%`,
                        width: `${100 / all.length}%`,
                      }}
                      data-testid="roster-block"
                      data-shift-id={block.shiftId}
                    >
                      <span>{block.librarian.name}</span>
                      <span className="sq-roster-time">
                        {block.startTime}–{block.endTime}
                      </span>
                    </div>
                  </Tooltip>
                ))}
            </div>
          </div>
        ))}
      </div>
    </section>
  )
}

/** 值班表: the week per queue with its gaps, and the shifts that make it (admins and duty leads edit). */
export const RosterPage = () => {
  const { t } = useTranslation(['roster', 'common'])
  usePageTitle(t('title'))
  const name = useBilingual()
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [start, setStart] = useState<string>()
  const week = useRosterWeek(start)
  const shifts = useShifts()
  const canEdit = shifts.data?.canEdit ?? false
  const me = useSignedIn()
  const isAdmin = me.roles.includes('library_admin') || me.roles.includes('consortium_admin')
  const queues = useStaffQueues()
  const librarians = useDeskLibrarians(canEdit)
  const save = useSaveShift()
  const remove = useDeleteShift()
  const [editing, setEditing] = useState<Shift | 'new'>()
  const [form] = Form.useForm<FormValues>()

  const open = (shift: Shift | 'new') => {
    setEditing(shift)
    form.resetFields()
    form.setFieldsValue(valuesOf(shift === 'new' ? undefined : shift))
  }

  const onSave = (values: FormValues) => {
    const id = editing && editing !== 'new' ? editing.id : undefined
    save.mutate(
      {
        ...(id ? { id } : {}),
        body: {
          ...values,
          leadId: values.leadId ?? null,
          rrule: values.rrule?.trim() || null,
          note: values.note?.trim() || null,
          skippedDays: values.skippedDays ?? [],
        },
      },
      {
        onSuccess: () => {
          void message.success(t('shifts.saved'))
          setEditing(undefined)
        },
        onError: (error) => void message.error(errorText(error)),
      },
    )
  }

  const people = (librarians.data?.items ?? []).map((person) => ({ value: person.id, label: person.name }))
  const monday = week.data?.days[0]

  return (
    <div data-testid="roster-page">
      <PageHead
        title={t('title')}
        extra={
          canEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => open('new')}
              data-testid="shift-add"
            >
              {t('shifts.add')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Button
          icon={<LeftOutlined />}
          disabled={!monday}
          onClick={() => monday && setStart(addDays(monday, -7))}
          data-testid="roster-previous"
        >
          {t('week.previous')}
        </Button>
        <Button onClick={() => setStart(undefined)} data-testid="roster-this-week">
          {t('week.thisWeek')}
        </Button>
        <Button
          disabled={!monday}
          onClick={() => monday && setStart(addDays(monday, 7))}
          data-testid="roster-next"
        >
          {t('week.next')} <RightOutlined />
        </Button>
        {week.data && (
          <Typography.Text type="secondary" data-testid="roster-week" data-monday={monday}>
            {week.data.days[0]} – {week.data.days[6]} · {t('week.timeZone', { zone: week.data.timeZone })}
          </Typography.Text>
        )}
      </Space>
      <Space style={{ marginBottom: 8 }}>
        <span className="sq-roster-legend covered" /> {t('week.legendCovered')}
        <span className="sq-roster-legend gap" /> {t('week.legendGap')}
      </Space>
      {week.isError && <PageError error={week.error} onRetry={() => void week.refetch()} />}
      {week.data?.queues.map((item) => (
        <QueueWeek key={item.queue.id} week={week.data} item={item} />
      ))}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('shifts.title')}
      </Typography.Title>
      {!canEdit && shifts.data && (
        <Alert type="info" showIcon message={t('shifts.readOnly')} style={{ marginBottom: 8 }} />
      )}
      <Table<Shift>
        rowKey="id"
        size="small"
        loading={shifts.isPending}
        dataSource={shifts.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        onRow={(shift) => (canEdit ? { onClick: () => open(shift), style: { cursor: 'pointer' } } : {})}
        data-testid="shift-table"
        columns={[
          { title: t('shifts.queue'), render: (_, shift) => name(shift.queue), width: 120 },
          { title: t('shifts.librarian'), render: (_, shift) => shift.librarian.name, width: 100 },
          {
            title: t('shifts.startTime'),
            render: (_, shift) => `${shift.startTime}–${shift.endTime}`,
            width: 110,
          },
          { title: t('shifts.startsOn'), dataIndex: 'startsOn', width: 110 },
          {
            title: t('shifts.rule'),
            render: (_, shift) => <code>{shift.rrule ?? t('shifts.once')}</code>,
          },
          {
            title: t('shifts.lead'),
            render: (_, shift) => shift.lead?.name ?? t('shifts.noLead'),
            width: 100,
          },
          {
            title: t('shifts.skippedDays'),
            render: (_, shift) => shift.skippedDays.join(', '),
            width: 160,
          },
        ]}
      />
      <SubjectRoutingTable canEdit={isAdmin} />
      <Drawer
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing === 'new' ? t('shifts.add') : t('shifts.edit')}
        width={520}
        destroyOnHidden
        extra={
          editing &&
          editing !== 'new' && (
            <Popconfirm
              title={t('shifts.deleteConfirm')}
              onConfirm={() =>
                remove.mutate(editing.id, {
                  onSuccess: () => {
                    void message.success(t('shifts.deleted'))
                    setEditing(undefined)
                  },
                  onError: (error) => void message.error(errorText(error)),
                })
              }
            >
              <Button danger data-testid="shift-delete">
                {t('shifts.delete')}
              </Button>
            </Popconfirm>
          )
        }
      >
        <Form form={form} layout="vertical" onFinish={onSave} data-testid="shift-form">
          <Form.Item name="queueId" label={t('shifts.queue')} rules={[{ required: true }]}>
            <Select
              options={(queues.data?.items ?? []).map((queue) => ({ value: queue.id, label: name(queue) }))}
              data-testid="shift-form-queue"
            />
          </Form.Item>
          <Form.Item name="accountId" label={t('shifts.librarian')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={people} data-testid="shift-form-librarian" />
          </Form.Item>
          <Form.Item name="leadId" label={t('shifts.lead')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={people}
              placeholder={t('shifts.noLead')}
              data-testid="shift-form-lead"
            />
          </Form.Item>
          <Space wrap>
            <Form.Item
              name="startsOn"
              label={t('shifts.startsOn')}
              rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}
            >
              <Input type="date" data-testid="shift-form-starts-on" />
            </Form.Item>
            <Form.Item name="startTime" label={t('shifts.startTime')} rules={[{ required: true }]}>
              <Input type="time" data-testid="shift-form-start" />
            </Form.Item>
            <Form.Item name="endTime" label={t('shifts.endTime')} rules={[{ required: true }]}>
              <Input placeholder="HH:MM / 24:00" data-testid="shift-form-end" />
            </Form.Item>
          </Space>
          <Form.Item name="rrule" label={t('shifts.rrule')} extra={t('shifts.rruleHelp')}>
            <Input data-testid="shift-form-rrule" />
          </Form.Item>
          <Form.Item name="skippedDays" label={t('shifts.skippedDays')}>
            <Select
              mode="tags"
              tokenSeparators={[',', ' ']}
              placeholder="2026-12-25"
              data-testid="shift-form-skipped"
            />
          </Form.Item>
          <Form.Item name="note" label={t('shifts.note')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="shift-form-submit">
            {t('shifts.save')}
          </Button>
        </Form>
      </Drawer>
    </div>
  )
}
