import { titleFulfilment } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import { fieldsFor, publisherState, stillShown, suppliedShare } from './fulfilment-logic.ts'

describe('fulfilment in the console', () => {
  it('asks for a channel and link to publish, and a reason for unavailable', () => {
    expect(fieldsFor('published')).toEqual({ channel: true, link: true, reason: false })
    expect(fieldsFor('unavailable')).toEqual({ channel: false, link: false, reason: true })
    expect(fieldsFor('searching')).toEqual({ channel: false, link: false, reason: false })
    expect(fieldsFor(undefined)).toEqual({ channel: false, link: false, reason: false })
  })

  it('offers only the transitions the server allows', () => {
    expect(titleFulfilment.nextStatuses('obtained')).toEqual(['digitising', 'published', 'unavailable'])
    expect(titleFulfilment.nextStatuses('published')).toEqual(['searching'])
    expect(titleFulfilment.nextStatuses('requested')).not.toContain('requested')
  })

  it('shows a publisher’s supplied share and reads the list filter', () => {
    expect(suppliedShare({ asked: 0, supplied: 0 })).toBe('—')
    expect(suppliedShare({ asked: 110, supplied: 60 })).toBe('55%')
    expect(publisherState('pending')).toBe('pending')
    expect(publisherState('bogus')).toBeUndefined()
    expect(publisherState(null)).toBeUndefined()
  })

  it('keeps only selected titles still shown', () => {
    expect(stillShown(['a', 'b'], [{ id: 'b' }, { id: 'c' }])).toEqual(['b'])
  })
})
