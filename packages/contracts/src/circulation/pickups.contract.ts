import { z } from 'zod'
import { defineRoute } from '../common/route.ts'
import {
  DateOnlySchema,
  IdSchema,
  nameText,
  noteText,
  ReaderNumberSchema,
  TimestampSchema,
} from '../common/text.ts'
import { DESK_ROLES, LoanItem, LoanReader } from './loans.contract.ts'

// Reservation borrowing (S8), staff-mediated borrowing (S9) and pickup by appointment (C3):
// a reader (or a librarian for a reader who phoned) asks for items, the desk pulls them from
// the stacks, found items wait on the hold shelf, the reader books a pickup slot and collects
// them with a code; the desk checks them out at the handover.

const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time')

/** One opening window of a pickup point on a weekday (Monday 1 … Sunday 7), e.g. 14:00–17:00. */
export const PickupWindow = z
  .object({ weekday: z.number().int().min(1).max(7), opens: Time, closes: Time })
  .refine((window) => window.opens < window.closes, { message: 'closes_before_opens', path: ['closes'] })
export type PickupWindow = z.infer<typeof PickupWindow>

export const PickupPointSettings = z.object({
  nameZh: nameText(60),
  nameEn: nameText(120),
  windows: z.array(PickupWindow).max(35),
  /** Minutes each slot lasts. */
  slotMinutes: z.number().int().min(5).max(240),
  /** Readers who may book one slot. */
  readersPerSlot: z.number().int().min(1).max(1000),
  /** Minutes between booking and the slot's start, for staff to stage the items. */
  leadMinutes: z.number().int().min(0).max(10080),
  /** Days ahead (from today) a reader may book. */
  daysAhead: z.number().int().min(1).max(60),
  /** Open days a found item waits for its reader before it goes back to the shelf. */
  holdDays: z.number().int().min(1).max(60),
  active: z.boolean().default(true),
})
export type PickupPointSettings = z.infer<typeof PickupPointSettings>

export const PickupPoint = PickupPointSettings.extend({
  id: IdSchema,
  libraryId: IdSchema,
  updatedAt: z.string(),
})
export type PickupPoint = z.infer<typeof PickupPoint>

export const listPickupPoints = defineRoute({
  method: 'GET',
  path: '/api/circulation/pickup-points',
  tag: 'circulation',
  summary: 'Pickup points of my library (readers see the active ones)',
  access: 'signed_in',
  response: z.object({ items: z.array(PickupPoint) }),
})

export const createPickupPoint = defineRoute({
  method: 'POST',
  path: '/api/circulation/pickup-points',
  tag: 'circulation',
  summary: 'Add a pickup point to my library',
  access: ['library_admin'],
  body: PickupPointSettings,
  response: PickupPoint,
  status: 201,
})

export const savePickupPoint = defineRoute({
  method: 'PUT',
  path: '/api/circulation/pickup-points/:pointId',
  tag: 'circulation',
  summary: 'Change a pickup point: windows, slot length, readers per slot, lead time, days ahead, hold days',
  access: ['library_admin'],
  params: z.object({ pointId: IdSchema }),
  body: PickupPointSettings,
  response: PickupPoint,
})

export const Slot = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  /** Local day and time, e.g. 2027-03-02 and 14:30. */
  day: DateOnlySchema,
  time: z.string(),
  free: z.number().int(),
})
export type Slot = z.infer<typeof Slot>

export const listSlots = defineRoute({
  method: 'GET',
  path: '/api/circulation/pickup-points/:pointId/slots',
  tag: 'circulation',
  summary: 'Bookable slots of a pickup point from now to the last day readers may book',
  access: 'signed_in',
  params: z.object({ pointId: IdSchema }),
  response: z.object({
    days: z.array(z.object({ day: DateOnlySchema, open: z.boolean(), slots: z.array(Slot) })),
    /** The library's current phase when it pauses pickup (no slot can be booked); null otherwise. */
    pausedBy: z.object({ nameZh: z.string(), nameEn: z.string() }).nullable(),
  }),
})

export const LINE_STATUSES = ['requested', 'found', 'not_found', 'handed_over', 'expired'] as const

export const RequestLine = z.object({
  id: IdSchema,
  item: LoanItem,
  status: z.enum(LINE_STATUSES),
  /** Until when a found item waits (paused while a pickup is booked). */
  holdUntil: z.string().nullable(),
  markedAt: z.string().nullable(),
})
export type RequestLine = z.infer<typeof RequestLine>

export const BorrowRequest = z.object({
  id: IdSchema,
  reader: LoanReader,
  pickupPoint: z.object({ id: IdSchema, nameZh: z.string(), nameEn: z.string() }),
  channel: z.enum(['online', 'phone']),
  note: z.string().nullable(),
  createdAt: z.string(),
  lines: z.array(RequestLine),
})
export type BorrowRequest = z.infer<typeof BorrowRequest>

const ItemIds = z.array(IdSchema).min(1).max(10)
const Barcodes = z.array(z.string().trim().min(1).max(40)).min(1).max(10)

export const requestItems = defineRoute({
  method: 'POST',
  path: '/api/circulation/my-borrow-requests',
  tag: 'circulation',
  summary: 'Ask for items of my library to be pulled from the stacks for me to collect',
  access: 'signed_in',
  body: z.object({ itemIds: ItemIds, pickupPointId: IdSchema }),
  response: BorrowRequest,
  status: 201,
})

export const listMyBorrowRequests = defineRoute({
  method: 'GET',
  path: '/api/circulation/my-borrow-requests',
  tag: 'circulation',
  summary: 'My borrow requests and what became of each item',
  access: 'signed_in',
  response: z.object({ items: z.array(BorrowRequest) }),
})

export const requestItemsForReader = defineRoute({
  method: 'POST',
  path: '/api/circulation/borrow-requests',
  tag: 'circulation',
  summary: 'Ask for items on behalf of a reader (who phoned or wrote)',
  access: DESK_ROLES,
  body: z.object({
    readerNumber: ReaderNumberSchema,
    barcodes: Barcodes,
    pickupPointId: IdSchema,
    note: noteText(500).optional(),
  }),
  response: BorrowRequest,
  status: 201,
})

export const PullListLine = RequestLine.extend({
  requestId: IdSchema,
  reader: LoanReader,
  channel: z.enum(['online', 'phone']),
  requestedAt: z.string(),
  pickupPoint: z.object({ id: IdSchema, nameZh: z.string(), nameEn: z.string() }),
})
export type PullListLine = z.infer<typeof PullListLine>

export const getPullList = defineRoute({
  method: 'GET',
  path: '/api/circulation/pull-list',
  tag: 'circulation',
  summary: 'Requested items still to be pulled, by location then call number',
  access: DESK_ROLES,
  response: z.object({ items: z.array(PullListLine) }),
})

export const markLine = defineRoute({
  method: 'POST',
  path: '/api/circulation/pull-list/:lineId',
  tag: 'circulation',
  summary: 'Mark a requested item found (held for the reader) or not found (the reader is told)',
  access: DESK_ROLES,
  params: z.object({ lineId: IdSchema }),
  body: z.object({ outcome: z.enum(['found', 'not_found']) }),
  response: PullListLine,
})

export const BOOKING_STATUSES = ['booked', 'handed_over', 'no_show', 'cancelled'] as const

export const Booking = z.object({
  id: IdSchema,
  pickupPoint: z.object({ id: IdSchema, nameZh: z.string(), nameEn: z.string() }),
  reader: LoanReader,
  startsAt: z.string(),
  endsAt: z.string(),
  day: DateOnlySchema,
  time: z.string(),
  code: z.string(),
  status: z.enum(BOOKING_STATUSES),
  stagedAt: z.string().nullable(),
  /** Found items waiting for the reader at this point. */
  items: z.array(LoanItem),
})
export type Booking = z.infer<typeof Booking>

/** The reader's view: with the code as a QR image (SVG) the desk can scan. */
export const MyBooking = Booking.extend({ qrSvg: z.string() })
export type MyBooking = z.infer<typeof MyBooking>

const SlotChoice = z.object({ pickupPointId: IdSchema, startsAt: TimestampSchema })

export const bookPickup = defineRoute({
  method: 'POST',
  path: '/api/circulation/my-pickups',
  tag: 'circulation',
  summary:
    'Book a pickup slot for my found items; full, past or closed slots answer 409 with the next free ones',
  access: 'signed_in',
  body: SlotChoice,
  response: MyBooking,
  status: 201,
})

export const listMyPickups = defineRoute({
  method: 'GET',
  path: '/api/circulation/my-pickups',
  tag: 'circulation',
  summary: 'My booked pickups with their codes',
  access: 'signed_in',
  response: z.object({ items: z.array(MyBooking) }),
})

export const moveBooking = defineRoute({
  method: 'POST',
  path: '/api/circulation/pickup-bookings/:bookingId/move',
  tag: 'circulation',
  summary: 'Move a booked pickup to another slot (the reader’s own, or any of my library for the desk)',
  access: 'signed_in',
  params: z.object({ bookingId: IdSchema }),
  body: z.object({ startsAt: TimestampSchema }),
  response: Booking,
})

export const cancelBooking = defineRoute({
  method: 'POST',
  path: '/api/circulation/pickup-bookings/:bookingId/cancel',
  tag: 'circulation',
  summary: 'Cancel a booked pickup (the reader’s own, or any of my library for the desk)',
  access: 'signed_in',
  params: z.object({ bookingId: IdSchema }),
  response: Booking,
})

export const getPickupDay = defineRoute({
  method: 'GET',
  path: '/api/circulation/pickup-desk',
  tag: 'circulation',
  summary: 'A pickup point’s slots of one day with their bookings and the items to stage',
  access: DESK_ROLES,
  query: z.object({ pointId: IdSchema, day: DateOnlySchema.optional() }),
  response: z.object({
    day: DateOnlySchema,
    open: z.boolean(),
    slots: z.array(
      z.object({
        startsAt: z.string(),
        time: z.string(),
        booked: z.number().int(),
        bookings: z.array(Booking),
      }),
    ),
  }),
})

export const stageBooking = defineRoute({
  method: 'POST',
  path: '/api/circulation/pickup-bookings/:bookingId/stage',
  tag: 'circulation',
  summary: 'Record that a booking’s items are staged at the pickup point',
  access: DESK_ROLES,
  params: z.object({ bookingId: IdSchema }),
  response: Booking,
})

export const markNoShow = defineRoute({
  method: 'POST',
  path: '/api/circulation/pickup-bookings/:bookingId/no-show',
  tag: 'circulation',
  summary: 'The reader did not come: the booking ends and their holds run out as usual',
  access: DESK_ROLES,
  params: z.object({ bookingId: IdSchema }),
  response: Booking,
})

export const handOver = defineRoute({
  method: 'POST',
  path: '/api/circulation/pickup-handovers',
  tag: 'circulation',
  summary: 'Hand over by pickup code (scanned or typed): every waiting item is checked out to the reader',
  access: DESK_ROLES,
  body: z.object({ code: z.string().trim().min(4).max(12) }),
  response: z.object({
    booking: Booking,
    loans: z.array(z.object({ id: IdSchema, barcode: z.string(), dueAt: z.string() })),
  }),
})
