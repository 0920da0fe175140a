import { Alert, App as AntApp, Button, Card, Empty, Select, Skeleton, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { localTimeIn } from '../../app/dates.ts'
import { useBilingual, usePageTitle } from '../../app/hooks.ts'
import { PageError, useErrorText } from '../../app/page-states.tsx'
import { useMyLibraryTimeZone } from '../session/queries.ts'
import {
  type BorrowRequest,
  type MyBooking,
  useBookPickup,
  useCancelBooking,
  useMoveBooking,
  useMyBorrowRequests,
  useMyPickups,
  usePickupPoints,
  useRequestItems,
  useSlots,
} from './pickup-queries.ts'
import './circulation.css'

const LINE_COLORS: Record<string, string> = {
  requested: 'blue',
  found: 'green',
  not_found: 'red',
  handed_over: 'default',
  expired: 'orange',
}

/** Asks for one item from the catalogue (`?item=`) to be pulled, at a chosen pickup point. */
const RequestItem = ({ itemId, onDone }: { itemId: string; onDone: () => void }) => {
  const { t } = useTranslation('circulation')
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const points = usePickupPoints()
  const [pointId, setPointId] = useState<string>()
  const chosen = pointId ?? points.data?.items[0]?.id
  const request = useRequestItems()
  const submit = () =>
    request
      .mutateAsync({ itemIds: [itemId], pickupPointId: chosen! })
      .then(() => {
        message.success(t('myPickups.requested'))
        onDone()
      })
      .catch((error: unknown) => void message.error(errorText(error)))
  return (
    <Card size="small" title={t('myPickups.requestTitle')} data-testid="pickup-request">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('myPickups.requestIntro')}</Typography.Text>
        <Select
          value={chosen}
          onChange={setPointId}
          style={{ width: '100%' }}
          data-testid="pickup-request-point"
          options={(points.data?.items ?? []).map((point) => ({ value: point.id, label: name(point) }))}
        />
        <Button
          type="primary"
          block
          disabled={!chosen}
          loading={request.isPending}
          onClick={() => void submit()}
          data-testid="pickup-request-confirm"
        >
          {t('myPickups.requestConfirm')}
        </Button>
      </Space>
    </Card>
  )
}

/** The slots of a point, day by day, as big buttons a thumb can hit; full ones are shown but disabled. */
const SlotPicker = ({
  pointId,
  onPick,
  busy,
}: {
  pointId: string
  onPick: (startsAt: string) => void
  busy: boolean
}) => {
  const { t } = useTranslation('circulation')
  const name = useBilingual()
  const slots = useSlots(pointId)
  const days = (slots.data?.days ?? []).filter((day) => day.slots.length > 0)
  const [picked, setPicked] = useState<string>()
  const day = days.find((candidate) => candidate.day === picked) ?? days[0]
  if (slots.isPending) return <Skeleton active paragraph={{ rows: 3 }} />
  if (slots.isError) return <PageError error={slots.error} onRetry={() => void slots.refetch()} />
  const pausedBy = slots.data.pausedBy
  if (pausedBy)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('myPickups.paused', { phase: name(pausedBy) })}
        data-testid="pickup-paused"
      />
    )
  if (!day) return <Empty description={t('myPickups.noSlots')} />
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="pickup-slots">
      <Select
        value={day.day}
        onChange={setPicked}
        style={{ width: '100%' }}
        data-testid="pickup-slot-day"
        options={days.map((candidate) => ({ value: candidate.day, label: candidate.day }))}
      />
      <div className="sq-pickup-slots">
        {day.slots.map((slot) => (
          <Button
            key={slot.startsAt}
            disabled={slot.free === 0 || busy}
            onClick={() => onPick(slot.startsAt)}
            data-testid="pickup-slot"
            data-time={slot.time}
            data-free={slot.free}
          >
            {slot.time}
            <span className="sq-pickup-free">
              {slot.free === 0 ? t('myPickups.full') : t('myPickups.free', { count: slot.free })}
            </span>
          </Button>
        ))}
      </div>
    </Space>
  )
}

/** The booked pickup: the code large, its QR image for the desk's scanner, the time, and move / cancel. */
const BookingCard = ({ booking }: { booking: MyBooking }) => {
  const { t } = useTranslation(['circulation', 'common'])
  const { message, modal } = AntApp.useApp()
  const errorText = useErrorText()
  const name = useBilingual()
  const move = useMoveBooking()
  const cancel = useCancelBooking()
  const [moving, setMoving] = useState(false)
  return (
    <Card size="small" title={t('myPickups.booked')} data-testid="my-pickup" data-code={booking.code}>
      <Space orientation="vertical" style={{ width: '100%' }} align="center">
        <Typography.Text className="sq-pickup-code" data-testid="my-pickup-code">
          {booking.code}
        </Typography.Text>
        <img
          className="sq-pickup-qr"
          alt={t('myPickups.qrAlt', { code: booking.code })}
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(booking.qrSvg)}`}
          data-testid="my-pickup-qr"
        />
        <Typography.Text strong data-testid="my-pickup-time">
          {booking.day} {booking.time} · {name(booking.pickupPoint)}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('myPickups.items', { count: booking.items.length })}
        </Typography.Text>
      </Space>
      <ul className="sq-pickup-items">
        {booking.items.map((item) => (
          <li key={item.id}>{item.title}</li>
        ))}
      </ul>
      <Space style={{ width: '100%' }} className="sq-pickup-actions">
        <Button block onClick={() => setMoving(!moving)} data-testid="my-pickup-move">
          {t('myPickups.move')}
        </Button>
        <Button
          block
          danger
          loading={cancel.isPending}
          data-testid="my-pickup-cancel"
          onClick={() =>
            modal.confirm({
              title: t('myPickups.cancelConfirm'),
              okButtonProps: { 'data-testid': 'confirm-ok' },
              onOk: () =>
                cancel
                  .mutateAsync(booking.id)
                  .then(() => void message.success(t('myPickups.cancelled')))
                  .catch((error: unknown) => void message.error(errorText(error))),
            })
          }
        >
          {t('myPickups.cancel')}
        </Button>
      </Space>
      {moving && (
        <div style={{ marginTop: 12 }}>
          <SlotPicker
            pointId={booking.pickupPoint.id}
            busy={move.isPending}
            onPick={(startsAt) =>
              move
                .mutateAsync({ bookingId: booking.id, startsAt })
                .then(() => {
                  message.success(t('myPickups.moved'))
                  setMoving(false)
                })
                .catch((error: unknown) => void message.error(errorText(error)))
            }
          />
        </div>
      )}
    </Card>
  )
}

const RequestCard = ({ request }: { request: BorrowRequest }) => {
  const { t } = useTranslation('circulation')
  const name = useBilingual()
  const timeZone = useMyLibraryTimeZone()
  return (
    <Card size="small" data-testid="my-borrow-request">
      <Typography.Text type="secondary">
        {localTimeIn(timeZone, request.createdAt).slice(0, 10)} · {name(request.pickupPoint)}
      </Typography.Text>
      <ul className="sq-pickup-items">
        {request.lines.map((line) => (
          <li
            key={line.id}
            data-testid="my-borrow-line"
            data-status={line.status}
            data-barcode={line.item.barcode}
          >
            {line.item.title} <Tag color={LINE_COLORS[line.status]}>{t(`myPickups.line.${line.status}`)}</Tag>
            {line.status === 'found' && line.holdUntil && (
              <Typography.Text type="secondary">
                {t('myPickups.holdUntil', { at: localTimeIn(timeZone, line.holdUntil) })}
              </Typography.Text>
            )}
          </li>
        ))}
      </ul>
    </Card>
  )
}

/** 预约借书 on the reader's phone: ask for an item, see what was found, book a pickup slot, show the code. */
export const MyPickupsPage = () => {
  const { t } = useTranslation(['circulation', 'common'])
  usePageTitle(t('myPickups.title'))
  const { message } = AntApp.useApp()
  const errorText = useErrorText()
  const [params, setParams] = useSearchParams()
  const itemId = params.get('item')
  const requests = useMyBorrowRequests()
  const bookings = useMyPickups()
  const book = useBookPickup()
  const waitingAt = requests.data?.items.find((request) =>
    request.lines.some((line) => line.status === 'found'),
  )
  const booking = bookings.data?.items[0]

  const pick = (startsAt: string) =>
    book
      .mutateAsync({ pickupPointId: waitingAt!.pickupPoint.id, startsAt })
      .then(() => void message.success(t('myPickups.bookedToast')))
      .catch((error: unknown) => void message.error(errorText(error)))

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="my-pickups-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('myPickups.title')}
      </Typography.Title>
      {itemId && <RequestItem itemId={itemId} onDone={() => setParams({}, { replace: true })} />}
      {requests.isPending || bookings.isPending ? (
        <div data-testid="page-loading">
          <Skeleton active paragraph={{ rows: 6 }} />
        </div>
      ) : requests.isError ? (
        <PageError error={requests.error} onRetry={() => void requests.refetch()} />
      ) : (
        <>
          {booking ? (
            <BookingCard booking={booking} />
          ) : waitingAt ? (
            <Card size="small" title={t('myPickups.bookTitle')} data-testid="pickup-book">
              <Typography.Paragraph type="secondary">{t('myPickups.bookIntro')}</Typography.Paragraph>
              <SlotPicker
                pointId={waitingAt.pickupPoint.id}
                busy={book.isPending}
                onPick={(startsAt) => void pick(startsAt)}
              />
            </Card>
          ) : null}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('myPickups.requests')}
          </Typography.Title>
          {requests.data.items.length === 0 ? (
            <Empty description={t('myPickups.empty')} />
          ) : (
            requests.data.items.map((request) => <RequestCard key={request.id} request={request} />)
          )}
        </>
      )}
    </Space>
  )
}
