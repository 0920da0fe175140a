import type { pickups } from '@shuqiao/contracts'
import QRCode from 'qrcode'
import { localDayAndTime } from './due-dates.ts'
import type { BookingRow, LineRow, PointRow } from './pickups.repository.ts'

type ReaderType = pickups.BorrowRequest['reader']['type']
type MaterialType = pickups.RequestLine['item']['materialType']

export const presentPoint = (row: PointRow): pickups.PickupPoint => ({
  id: row.id,
  libraryId: row.library_id,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  windows: row.windows,
  slotMinutes: row.slot_minutes,
  readersPerSlot: row.readers_per_slot,
  leadMinutes: row.lead_minutes,
  daysAhead: row.days_ahead,
  holdDays: row.hold_days,
  active: row.active,
  updatedAt: row.updated_at.toISOString(),
})

export const presentLineItem = (row: LineRow): pickups.RequestLine['item'] => ({
  id: row.item_id,
  barcode: row.barcode,
  title: row.title,
  author: row.author,
  callNumber: row.call_number,
  location: row.location,
  materialType: row.material_type as MaterialType,
})

export const presentLine = (row: LineRow): pickups.RequestLine => ({
  id: row.id,
  item: presentLineItem(row),
  status: row.status,
  holdUntil: row.hold_until?.toISOString() ?? null,
  markedAt: row.marked_at?.toISOString() ?? null,
})

const readerOf = (row: {
  reader_id: string
  reader_name: string
  reader_number: string
  reader_type: string
}) => ({
  id: row.reader_id,
  name: row.reader_name,
  readerNumber: row.reader_number,
  type: row.reader_type as ReaderType,
})

export const presentPullLine = (row: LineRow): pickups.PullListLine => ({
  ...presentLine(row),
  requestId: row.request_id,
  reader: readerOf(row),
  channel: row.channel,
  requestedAt: row.requested_at.toISOString(),
  pickupPoint: { id: row.pickup_point_id, nameZh: row.point_name_zh, nameEn: row.point_name_en },
})

export const presentBooking = (row: BookingRow, waiting: LineRow[], timeZone: string): pickups.Booking => {
  const local = localDayAndTime(row.starts_at, timeZone)
  return {
    id: row.id,
    pickupPoint: { id: row.pickup_point_id, nameZh: row.point_name_zh, nameEn: row.point_name_en },
    reader: readerOf(row),
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    day: local.day,
    time: local.time,
    code: row.code,
    status: row.status,
    stagedAt: row.staged_at?.toISOString() ?? null,
    items: waiting.map(presentLineItem),
  }
}

/** The pickup code as a QR image (SVG) for the desk's scanner. */
export const qrOf = (code: string) =>
  QRCode.toString(code, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
