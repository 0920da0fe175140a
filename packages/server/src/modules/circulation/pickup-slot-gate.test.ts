import { describe, expect, it } from 'vitest'
import { createSlotGate } from './pickup-slot-gate.ts'

const SLOT = new Date('2027-03-01T06:00:00Z')
const FULL = new Error('slot_full')
const isFull = (error: unknown) => error === FULL

/** A slot in "the database": a number of free places, taken one at a time after a short wait. */
const slotWith = (places: number) => {
  const slot = { free: places, reads: 0, tries: 0, running: 0, mostAtOnce: 0 }
  return {
    slot,
    loadFree: async () => {
      slot.reads += 1
      return slot.free
    },
    attempt: async () => {
      slot.tries += 1
      slot.running += 1
      slot.mostAtOnce = Math.max(slot.mostAtOnce, slot.running)
      await new Promise((resume) => setTimeout(resume, 5))
      slot.running -= 1
      if (slot.free <= 0) throw FULL
      slot.free -= 1
      return 'booked'
    },
  }
}

describe('the slot gate', () => {
  it('lets only as many bookings try as there are places, and refuses the rest without trying', async () => {
    const gate = createSlotGate(() => 0)
    const { slot, loadFree, attempt } = slotWith(10)
    const answers = await Promise.all(
      Array.from({ length: 500 }, () => gate.through('point', SLOT, loadFree, attempt, isFull)),
    )
    expect(answers.filter((answer) => answer === 'booked')).toHaveLength(10)
    expect(answers.filter((answer) => answer === 'full')).toHaveLength(490)
    expect(slot.tries).toBe(10)
    expect(slot.mostAtOnce).toBeLessThanOrEqual(10)
    expect(slot.reads).toBe(1)
  })

  it('learns a slot is full from a refused booking (another process took the place)', async () => {
    const gate = createSlotGate(() => 0)
    const { slot, attempt } = slotWith(0)
    // This process believed two places were free.
    const answers = await Promise.allSettled(
      Array.from({ length: 5 }, () => gate.through('point', SLOT, async () => 2, attempt, isFull)),
    )
    expect(answers.filter((answer) => answer.status === 'rejected')).toHaveLength(2)
    expect(answers.filter((answer) => answer.status === 'fulfilled' && answer.value === 'full')).toHaveLength(
      3,
    )
    expect(slot.tries).toBe(2)
  })

  it('keeps the places when a booking fails for another reason', async () => {
    const gate = createSlotGate(() => 0)
    const { slot, loadFree, attempt } = slotWith(1)
    await expect(
      gate.through('point', SLOT, loadFree, () => Promise.reject(new Error('no_items_waiting')), isFull),
    ).rejects.toThrow('no_items_waiting')
    expect(await gate.through('point', SLOT, loadFree, attempt, isFull)).toBe('booked')
    expect(slot.free).toBe(0)
  })

  it('reads again when places are given back, or after a while', async () => {
    let clock = 0
    const gate = createSlotGate(() => clock, 2000)
    const { slot, loadFree, attempt } = slotWith(1)
    expect(await gate.through('point', SLOT, loadFree, attempt, isFull)).toBe('booked')
    expect(await gate.through('point', SLOT, loadFree, attempt, isFull)).toBe('full')
    slot.free = 1 // a reader cancels
    gate.forgetPoint('point')
    expect(await gate.through('point', SLOT, loadFree, attempt, isFull)).toBe('booked')
    slot.free = 1 // a cancellation this process was not told of
    expect(await gate.through('point', SLOT, loadFree, attempt, isFull)).toBe('full')
    clock = 2500
    expect(await gate.through('point', SLOT, loadFree, attempt, isFull)).toBe('booked')
    expect(slot.reads).toBe(3)
  })

  it('learns free places from a slot list without reading, and never over what it knows or is reading', async () => {
    let clock = 0
    const gate = createSlotGate(() => clock, 2000)
    const { slot, loadFree, attempt } = slotWith(2)
    gate.learn('point', SLOT, 2)
    expect(gate.freeAt('point', SLOT)).toBe(2)
    expect(await gate.through('point', SLOT, loadFree, attempt, isFull)).toBe('booked')
    expect(slot.reads).toBe(0)
    // A list read before that booking would say 2 again: what the gate counted stands.
    gate.learn('point', SLOT, 2)
    expect(gate.freeAt('point', SLOT)).toBe(1)
    // Once too old, neither list nor count is trusted.
    clock = 2500
    expect(gate.freeAt('point', SLOT)).toBeUndefined()
    expect(await gate.through('point', SLOT, loadFree, attempt, isFull)).toBe('booked')
    expect(slot.reads).toBe(1)
    expect(await gate.through('point', SLOT, loadFree, attempt, isFull)).toBe('full')
  })
})
