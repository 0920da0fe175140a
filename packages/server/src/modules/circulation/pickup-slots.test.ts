import { describe, expect, it } from 'vitest'
import type { LibraryCalendar } from '../../platform/libraries/calendar.ts'
import { bookableDays, slotAt, slotsOfDay } from './pickup-slots.ts'

const ZONE = 'Asia/Shanghai'
// Open every day but the exception: Tuesday 2 March 2027 closed.
const CALENDAR: LibraryCalendar = {
  openWeekdays: [1, 2, 3, 4, 5, 6, 7],
  exceptions: new Map([['2027-03-02', { open: false, note: '闭馆' }]]),
}
const POINT = {
  windows: [
    { weekday: 1, opens: '14:00', closes: '15:10' },
    { weekday: 1, opens: '09:00', closes: '10:00' },
    { weekday: 2, opens: '14:00', closes: '16:00' },
  ],
  slot_minutes: 30,
  lead_minutes: 60,
  days_ahead: 3,
}
const at = (local: string) => new Date(`${local}+08:00`)

describe('pickup slots', () => {
  it('cut each window of the weekday into whole slots, mornings first', () => {
    const slots = slotsOfDay(POINT, CALENDAR, ZONE, '2027-03-01')
    // 14:00–15:10 holds two whole half hours; the last ten minutes make no slot.
    expect(slots.map((slot) => slot.time)).toEqual(['09:00', '09:30', '14:00', '14:30'])
    expect(slots[2]).toMatchObject({ startsAt: at('2027-03-01T14:00:00'), endsAt: at('2027-03-01T14:30:00') })
  })

  it('are none on a day the library calendar closes or without windows', () => {
    expect(slotsOfDay(POINT, CALENDAR, ZONE, '2027-03-02')).toEqual([])
    expect(slotsOfDay(POINT, CALENDAR, ZONE, '2027-03-03')).toEqual([])
  })

  it('can be booked from the lead time on, up to the last bookable day, on the grid only', () => {
    const now = at('2027-03-01T08:30:00')
    expect(bookableDays(POINT, '2027-03-01')).toEqual([
      '2027-03-01',
      '2027-03-02',
      '2027-03-03',
      '2027-03-04',
    ])
    expect(slotAt(POINT, CALENDAR, ZONE, now, at('2027-03-01T09:00:00'))).toBe('slot_past')
    expect(slotAt(POINT, CALENDAR, ZONE, now, at('2027-03-01T09:30:00'))).toMatchObject({ time: '09:30' })
    expect(slotAt(POINT, CALENDAR, ZONE, now, at('2027-03-01T09:45:00'))).toBe('slot_closed')
    expect(slotAt(POINT, CALENDAR, ZONE, now, at('2027-03-02T14:00:00'))).toBe('slot_closed')
    expect(slotAt(POINT, CALENDAR, ZONE, now, at('2027-03-08T09:00:00'))).toBe('slot_closed')
  })
})
