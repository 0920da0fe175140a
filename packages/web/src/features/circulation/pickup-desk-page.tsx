import { App as AntApp, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageHead } from '../../app/page-head.tsx'
import { EmptyHint, PageError, useErrorText } from '../../app/page-states.tsx'
import { CirculationTabs } from './circulation-tabs.tsx'
import {
  type Booking,
  useDeskBookingAction,
  useHandOver,
  useMoveBooking,
  usePickupDay,
  usePickupPoints,
  useSlots,
} from './pickup-queries.ts'
import './circulation.css'

type Row = Booking & { slotTime: string }

/** 改约 at the desk: a reader phones to come at another time; the free slots of the point to choose from. */
const MoveSelect = ({ booking }: { booking: Booking }) => {
  const { t } = useTranslation('circulation')
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [open, setOpen] = useState(false)
  const slots = useSlots(open ? booking.pickupPoint.id : undefined)
  const move = useMoveBooking()
  const options = (slots.data?.days ?? []).flatMap((day) =>
    day.slots
      .filter((slot) => slot.free > 0 && slot.startsAt !== booking.startsAt)
      .map((slot) => ({ value: slot.startsAt, label: `${slot.day} ${slot.time}（${slot.free}）` })),
  )
  return (
    <Select
      size="small"
      style={{ width: 170 }}
      placeholder={t('pickupDesk.move')}
      value={null}
      loading={slots.isFetching || move.isPending}
      onOpenChange={setOpen}
      options={options}
      data-testid="pickup-move"
      onChange={(startsAt: string) =>
        move
          .mutateAsync({ bookingId: booking.id, startsAt })
          .then(() => void message.success(t('pickupDesk.moved', { name: booking.reader.name })))
          .catch((error: unknown) => void message.error(errorText(error)))
      }
    />
  )
}

/** 取书台: a pickup point's slots of a day, staging, handover by scanned or typed code, no-shows. */
export const PickupDeskPage = () => {
  const { t } = useTranslation(['circulation', 'common'])
  usePageTitle(t('pickupDesk.title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const [params, setParams] = useSearchParams()
  const points = usePickupPoints()
  const pointId = params.get('point') ?? points.data?.items[0]?.id
  const day = params.get('day') ?? undefined
  const view = usePickupDay(pointId, day)
  const action = useDeskBookingAction()
  const handOver = useHandOver()
  const [code, setCode] = useState('')

  const change = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next, { replace: true })
  }

  const hand = (value: string) => {
    if (!value.trim()) return
    handOver
      .mutateAsync(value.trim())
      .then((done) => {
        message.success(
          t('pickupDesk.handedOver', { name: done.booking.reader.name, count: done.loans.length }),
        )
        setCode('')
      })
      .catch((error: unknown) => void message.error(errorText(error)))
  }

  const act = (booking: Booking, kind: 'stage' | 'no-show' | 'cancel') =>
    action
      .mutateAsync({ bookingId: booking.id, action: kind })
      .then(() => void message.success(t(`pickupDesk.done.${kind}`, { name: booking.reader.name })))
      .catch((error: unknown) => void message.error(errorText(error)))

  const rows: Row[] = (view.data?.slots ?? []).flatMap((slot) =>
    slot.bookings.map((booking) => ({ ...booking, slotTime: slot.time })),
  )

  return (
    <div data-testid="pickup-desk-page">
      <PageHead title={t('pickupDesk.title')} intro={t('pickupDesk.intro')} />
      <CirculationTabs current="/staff/circulation/pickups" />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap>
            <Select
              value={pointId}
              style={{ width: 200 }}
              onChange={(value) => change('point', value)}
              data-testid="pickup-desk-point"
              options={(points.data?.items ?? []).map((point) => ({ value: point.id, label: name(point) }))}
            />
            <Input
              type="date"
              value={view.data?.day ?? day ?? ''}
              onChange={(event) => change('day', event.target.value || undefined)}
              style={{ width: 160 }}
              data-testid="pickup-desk-day"
            />
            <Input.Search
              value={code}
              onChange={(event) => setCode(event.target.value.toUpperCase())}
              onSearch={hand}
              placeholder={t('pickupDesk.code')}
              enterButton={t('pickupDesk.handOver')}
              loading={handOver.isPending}
              style={{ width: 280 }}
              autoFocus
              data-testid="pickup-desk-code"
            />
          </Space>
        </Card>
        <Card size="small">
          {points.data?.items.length === 0 ? (
            <EmptyHint text={t('pickupDesk.noPoints')} />
          ) : view.isError ? (
            <PageError error={view.error} onRetry={() => void view.refetch()} />
          ) : (
            <>
              <Typography.Paragraph type="secondary" data-testid="pickup-desk-summary">
                {view.data && !view.data.open
                  ? t('pickupDesk.closed')
                  : t('pickupDesk.summary', {
                      slots: view.data?.slots.length ?? 0,
                      booked: rows.filter((row) => row.status === 'booked').length,
                    })}
              </Typography.Paragraph>
              <Table<Row>
                rowKey="id"
                size="small"
                loading={view.isPending}
                pagination={false}
                dataSource={rows}
                locale={{ emptyText: t('pickupDesk.none') }}
                data-testid="pickup-desk-table"
                onRow={(row) => ({ 'data-code': row.code, 'data-status': row.status }) as object}
                scroll={{ x: 800 }}
                columns={[
                  { title: t('pickupDesk.slot'), dataIndex: 'slotTime' },
                  {
                    title: t('pull.reader'),
                    render: (_, row) => `${row.reader.name}（${row.reader.readerNumber}）`,
                  },
                  { title: t('pickupDesk.codeColumn'), dataIndex: 'code' },
                  {
                    title: t('pickupDesk.items'),
                    render: (_, row) =>
                      row.items.map((item) => (
                        <div key={item.id}>
                          {item.title}（{item.barcode}）
                        </div>
                      )),
                  },
                  {
                    title: t('pickupDesk.status'),
                    render: (_, row) => (
                      <Space size={4}>
                        <Tag data-testid="pickup-booking-status">
                          {t(`pickupDesk.statusName.${row.status}`)}
                        </Tag>
                        {row.stagedAt && row.status === 'booked' && (
                          <Tag color="green">{t('pickupDesk.staged')}</Tag>
                        )}
                      </Space>
                    ),
                  },
                  {
                    title: '',
                    render: (_, row) =>
                      row.status === 'booked' && (
                        <Space size={4}>
                          <Button
                            size="small"
                            disabled={!!row.stagedAt}
                            onClick={() => void act(row, 'stage')}
                            data-testid="pickup-stage"
                          >
                            {t('pickupDesk.stage')}
                          </Button>
                          <Button
                            size="small"
                            onClick={() => void act(row, 'no-show')}
                            data-testid="pickup-no-show"
                          >
                            {t('pickupDesk.noShow')}
                          </Button>
                          <MoveSelect booking={row} />
                          <Button
                            size="small"
                            danger
                            onClick={() => void act(row, 'cancel')}
                            data-testid="pickup-cancel"
                          >
                            {t('pickupDesk.cancel')}
                          </Button>
                        </Space>
                      ),
                  },
                ]}
              />
            </>
          )}
        </Card>
      </Space>
    </div>
  )
}
