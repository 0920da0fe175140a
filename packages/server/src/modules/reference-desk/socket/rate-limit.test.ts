import { describe, expect, it } from 'vitest'
import { tokenBucket } from './rate-limit.ts'

describe('token bucket', () => {
  it('allows a burst, then one per interval, and says how long to wait', () => {
    let now = 1_000
    const bucket = tokenBucket(3, 1000, () => now)
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0])
    expect(bucket.take()).toBe(1000)
    now += 400
    expect(bucket.take()).toBe(600)
    now += 600
    expect(bucket.take()).toBe(0)
    expect(bucket.take()).toBe(1000)
    now += 10_000
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0, 1000])
  })
})
