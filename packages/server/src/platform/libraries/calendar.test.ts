import { describe, expect, it } from 'vitest'
import { addOpenDays, isOpenDay, isoWeekday, startOfDayIn, todayIn } from './calendar.ts'

const weekdaysOnly = {
  openWeekdays: [1, 2, 3, 4, 5],
  exceptions: new Map([
    ['2026-10-01', { open: false, note: '国庆节' }],
    ['2026-10-10', { open: true, note: '调休上班' }],
  ]),
}

describe('library calendar', () => {
  it('knows ISO weekdays', () => {
    expect(isoWeekday('2026-11-23')).toBe(1)
    expect(isoWeekday('2026-11-29')).toBe(7)
  })

  it('lets exceptions override the usual week', () => {
    expect(isOpenDay(weekdaysOnly, '2026-10-01')).toBe(false) // a Thursday holiday
    expect(isOpenDay(weekdaysOnly, '2026-10-10')).toBe(true) // a Saturday made a working day
    expect(isOpenDay(weekdaysOnly, '2026-10-11')).toBe(false)
  })

  it('counts working days past weekends and holidays', () => {
    // Wed 30 Sep + 3 open days: Thu 1 Oct closed, Fri 2, Sat 3 closed, Sun 4 closed, Mon 5, Tue 6
    expect(addOpenDays(weekdaysOnly, '2026-09-30', 3)).toBe('2026-10-06')
    expect(addOpenDays(weekdaysOnly, '2026-10-03', 0)).toBe('2026-10-05')
  })

  it('reads today in the library time zone, not UTC', () => {
    const lateEveningUtc = new Date('2026-11-25T20:00:00Z')
    expect(todayIn('Asia/Shanghai', lateEveningUtc)).toBe('2026-11-26')
    expect(todayIn('UTC', lateEveningUtc)).toBe('2026-11-25')
  })

  it('finds when a day begins in a time zone', () => {
    expect(startOfDayIn('2026-11-25', 'Asia/Shanghai').toISOString()).toBe('2026-11-24T16:00:00.000Z')
    expect(startOfDayIn('2026-11-25', 'UTC').toISOString()).toBe('2026-11-25T00:00:00.000Z')
    expect(startOfDayIn('2026-07-01', 'Europe/London').toISOString()).toBe('2026-06-30T23:00:00.000Z')
  })
})
