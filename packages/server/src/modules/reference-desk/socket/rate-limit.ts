/**
 * A token bucket: `capacity` at once, one more every `refillMs`. `take()` returns 0 when a token
 * was taken, else how many milliseconds until the next one.
 */
export const tokenBucket = (capacity: number, refillMs: number, now: () => number = Date.now) => {
  let tokens = capacity
  let at = now()
  return {
    take(): number {
      const current = now()
      const earned = Math.floor((current - at) / refillMs)
      if (earned > 0) {
        tokens = Math.min(capacity, tokens + earned)
        at = tokens === capacity ? current : at + earned * refillMs
      }
      if (tokens > 0) {
        tokens -= 1
        return 0
      }
      return Math.max(1, at + refillMs - current)
    },
  }
}
