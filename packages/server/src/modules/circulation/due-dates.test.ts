import { describe, expect, it } from 'vitest'
import { dueAfter, dueAtOn, instantAt, localDayAndTime, openDaysLate } from './due-dates.ts'

// Open Monday to Saturday; Spring Festival closed from Tuesday 16 to Thursday 18 February 2027.
const calendar = {
  openWeekdays: [1, 2, 3, 4, 5, 6],
  exceptions: new Map([
    ['2027-02-16', { open: false, note: '春节' }],
    ['2027-02-17', { open: false, note: '春节' }],
    ['2027-02-18', { open: false, note: '春节' }],
    ['2027-02-21', { open: true, note: '调休开馆' }],
  ]),
}

describe('due dates', () => {
  it('reads and makes wall-clock times in the library’s zone', () => {
    expect(localDayAndTime(new Date('2027-02-15T15:59:00Z'), 'Asia/Shanghai')).toEqual({
      day: '2027-02-15',
      time: '23:59',
    })
    expect(instantAt('2027-02-15', '23:59', 'Asia/Shanghai').toISOString()).toBe('2027-02-15T15:59:00.000Z')
    // The day British clocks go forward: 23:59 is already summer time.
    expect(instantAt('2027-03-28', '23:59', 'Europe/London').toISOString()).toBe('2027-03-28T22:59:00.000Z')
    expect(instantAt('2027-03-27', '23:59', 'Europe/London').toISOString()).toBe('2027-03-27T23:59:00.000Z')
  })

  it('are due at 23:59 on the day the loan period ends when the library is open', () => {
    const due = dueAfter(calendar, 'Asia/Shanghai', '2027-01-14', 30)
    expect(due).toMatchObject({ day: '2027-02-13', moved: false })
    expect(due.at.toISOString()).toBe('2027-02-13T15:59:00.000Z')
    // Sunday the 14th is closed: due Monday.
    expect(dueAfter(calendar, 'Asia/Shanghai', '2027-01-15', 30).day).toBe('2027-02-15')
  })

  it('move off closed days to the next open day, keeping the time of day', () => {
    // 2027-02-16 is closed for the festival, so are the next two days: due Friday the 19th.
    const due = dueAfter(calendar, 'Asia/Shanghai', '2027-01-17', 30)
    expect(due).toMatchObject({ day: '2027-02-19', moved: true })
    expect(due.at.toISOString()).toBe('2027-02-19T15:59:00.000Z')
    // A Sunday made an open day is a due day; an ordinary Sunday is not.
    expect(dueAtOn(calendar, 'Asia/Shanghai', '2027-02-21').day).toBe('2027-02-21')
    const imported = dueAtOn(calendar, 'Asia/Shanghai', '2027-02-28', '18:30')
    expect(imported.day).toBe('2027-03-01')
    expect(localDayAndTime(imported.at, 'Asia/Shanghai')).toEqual({ day: '2027-03-01', time: '18:30' })
  })

  it('count only open days as late', () => {
    expect(openDaysLate(calendar, '2027-02-12', '2027-02-12')).toBe(0)
    // Sat 13 open, Sun 14 closed, Mon 15 open, 16–18 festival, Fri 19 open.
    expect(openDaysLate(calendar, '2027-02-12', '2027-02-19')).toBe(3)
    expect(openDaysLate(calendar, '2027-02-15', '2027-02-18')).toBe(0)
  })
})
