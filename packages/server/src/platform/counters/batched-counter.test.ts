import { describe, expect, it } from 'vitest'
import { createBatchedCounter } from './batched-counter.ts'

type Opening = { item: string; day: string }

/** A counter whose writes are kept in `written`, failing while `failing` is set. */
const counter = () => {
  const written: { entry: Opening; count: number }[][] = []
  const state = { failing: false, running: 0, overlapped: false, started: () => {} }
  const counts = createBatchedCounter<Opening>({
    flushMs: 60_000,
    keyOf: (opening) => `${opening.item}|${opening.day}`,
    write: async (batch) => {
      if (state.running++ > 0) state.overlapped = true
      state.started()
      await new Promise((resolve) => setTimeout(resolve, 5))
      state.running--
      if (state.failing) throw new Error('database away')
      written.push([...batch])
    },
  })
  return { counts, written, state }
}

describe('batched counter', () => {
  it('sums counts by key and writes them in one batch', async () => {
    const { counts, written } = counter()
    for (let i = 0; i < 3; i++) counts.count({ item: 'a', day: '2026-11-30' })
    counts.count({ item: 'a', day: '2026-12-01' })
    counts.count({ item: 'b', day: '2026-11-30' })
    await counts.flush()
    expect(written).toEqual([
      [
        { entry: { item: 'a', day: '2026-11-30' }, count: 3 },
        { entry: { item: 'a', day: '2026-12-01' }, count: 1 },
        { entry: { item: 'b', day: '2026-11-30' }, count: 1 },
      ],
    ])
    // Nothing pending, nothing written.
    await counts.flush()
    expect(written).toHaveLength(1)
    await counts.stop()
  })

  it('never runs two writes at once, and counts arriving during a write go in the next batch', async () => {
    const { counts, written, state } = counter()
    counts.count({ item: 'a', day: 'd' })
    const writing = new Promise<void>((resolve) => {
      state.started = resolve
    })
    const first = counts.flush()
    await writing
    counts.count({ item: 'a', day: 'd' })
    counts.count({ item: 'a', day: 'd' })
    const second = counts.flush()
    await Promise.all([first, second])
    expect(state.overlapped).toBe(false)
    expect(written.map((batch) => batch[0]!.count)).toEqual([1, 2])
    await counts.stop()
  })

  it('drops a batch the write refuses without an error, and writes what is left on stop', async () => {
    const { counts, written, state } = counter()
    state.failing = true
    counts.count({ item: 'a', day: 'd' })
    await expect(counts.flush()).resolves.toBeUndefined()
    state.failing = false
    counts.count({ item: 'b', day: 'd' })
    await counts.stop()
    expect(written).toEqual([[{ entry: { item: 'b', day: 'd' }, count: 1 }]])
  })
})
