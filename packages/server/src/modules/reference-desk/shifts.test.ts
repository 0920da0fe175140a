import { describe, expect, it } from 'vitest'
import {
  dayOf,
  floatingAt,
  gapsOf,
  instantOf,
  occurrencesBetween,
  parseRule,
  shiftsOverlap,
  weekOf,
} from './shifts.ts'

const at = (iso: string) => Date.parse(`${iso}Z`)
const base = { startsOn: '2030-01-07', startTime: '08:00', endTime: '12:00', skippedDays: [] as string[] }

describe('shift rules', () => {
  it('accepts daily to yearly RRULEs and refuses others', () => {
    expect(parseRule('FREQ=WEEKLY;BYDAY=MO,WE')).toBeDefined()
    expect(parseRule('FREQ=DAILY;UNTIL=20301231T000000Z;INTERVAL=2')).toBeDefined()
    for (const bad of [
      'garbage',
      'FREQ=FOO',
      'BYDAY=MO',
      'FREQ=WEEKLY;BYDAY=XX',
      'FREQ=HOURLY',
      'FREQ=DAILY;BYHOUR=8',
      'FREQ=WEEKLY;COUNT=abc',
      'FREQ=WEEKLY;FOO=1',
      'FREQ=DAILY\nDTSTART:20300101T000000Z',
    ])
      expect(parseRule(bad), bad).toBeUndefined()
  })

  it('expands occurrences in a range, leaving out skipped days', () => {
    const shift = { ...base, rrule: 'FREQ=WEEKLY;BYDAY=MO,WE', skippedDays: ['2030-01-09'] }
    const found = occurrencesBetween(shift, at('2030-01-07T00:00'), at('2030-01-17T00:00'))
    expect(found.map((span) => new Date(span.start).toISOString())).toEqual([
      '2030-01-07T08:00:00.000Z',
      '2030-01-14T08:00:00.000Z',
      '2030-01-16T08:00:00.000Z',
    ])
    // An occurrence under way at the start of the range counts.
    expect(occurrencesBetween(shift, at('2030-01-07T11:00'), at('2030-01-07T11:01'))).toHaveLength(1)
    expect(occurrencesBetween(shift, at('2030-01-07T12:00'), at('2030-01-07T13:00'))).toHaveLength(0)
    // A single shift happens once.
    expect(
      occurrencesBetween({ ...base, rrule: null }, at('2030-01-01T00:00'), at('2031-01-01T00:00')),
    ).toHaveLength(1)
  })

  it('finds overlapping shifts, not adjacent ones', () => {
    const weekly = { ...base, rrule: 'FREQ=WEEKLY;BYDAY=MO' }
    expect(
      shiftsOverlap(weekly, {
        ...base,
        startsOn: '2030-02-04',
        startTime: '11:00',
        endTime: '13:00',
        rrule: null,
      }),
    ).toBe(true)
    expect(
      shiftsOverlap(weekly, { ...base, startTime: '12:00', endTime: '16:00', rrule: 'FREQ=WEEKLY;BYDAY=MO' }),
    ).toBe(false)
    expect(shiftsOverlap(weekly, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=TU' })).toBe(false)
    expect(shiftsOverlap(weekly, { ...base, rrule: 'FREQ=DAILY' })).toBe(true)
  })

  it('lists the hours of each day nobody covers', () => {
    const days = ['2030-01-07', '2030-01-08']
    const { gaps, coveredMinutes } = gapsOf(days, [
      { start: at('2030-01-07T08:00'), end: at('2030-01-07T12:00') },
      { start: at('2030-01-07T10:00'), end: at('2030-01-07T14:00') },
      { start: at('2030-01-07T18:00'), end: at('2030-01-08T00:00') },
    ])
    expect(gaps).toEqual([
      { day: '2030-01-07', startTime: '00:00', endTime: '08:00' },
      { day: '2030-01-07', startTime: '14:00', endTime: '18:00' },
      { day: '2030-01-08', startTime: '00:00', endTime: '24:00' },
    ])
    expect(coveredMinutes).toBe(12 * 60)
  })

  it('turns instants into the library’s wall clock and back', () => {
    const instant = new Date('2030-01-07T00:30:00Z')
    const floating = floatingAt(instant, 'Asia/Shanghai')
    expect(new Date(floating).toISOString()).toBe('2030-01-07T08:30:00.000Z')
    expect(instantOf(floating, 'Asia/Shanghai').toISOString()).toBe(instant.toISOString())
    expect(dayOf(floating)).toBe('2030-01-07')
    expect(weekOf('2030-01-09')).toEqual([
      '2030-01-07',
      '2030-01-08',
      '2030-01-09',
      '2030-01-10',
      '2030-01-11',
      '2030-01-12',
      '2030-01-13',
    ])
  })
})
