import { describe, expect, it } from 'vitest'
import { localTimeIn } from './dates.ts'

describe('times as the library shows them', () => {
  it('reads a moment on the library’s clock, whatever the browser’s zone', () => {
    // A hold that ends at 23:59 in Shanghai is 15:59 UTC, the clock of a browser in UTC.
    expect(localTimeIn('Asia/Shanghai', '2026-12-02T15:59:00.000Z')).toBe('2026-12-02 23:59')
    expect(localTimeIn('Europe/London', '2026-12-02T15:59:00.000Z')).toBe('2026-12-02 15:59')
    // Midnight is 00, not 24.
    expect(localTimeIn('Asia/Shanghai', '2026-12-02T16:00:00.000Z')).toBe('2026-12-03 00:00')
  })
})
