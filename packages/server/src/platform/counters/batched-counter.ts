// A click or an opening must not wait on a write: thousands of readers opening 知网 at 8 a.m., or
// a whole class opening a reserve item at the start of a lecture, would each commit a row.
// Counts are summed in memory under a key and written in one batch every few seconds (and when
// the server stops); a crash loses at most those seconds of counts. /go's clicks and reserve
// items' openings both count this way.

/**
 * A counter of `T`s (e.g. a resource, route and day) that sums them by `keyOf` and hands
 * `write` each pending entry with its count, one batch at a time, every `flushMs`.
 */
export const createBatchedCounter = <T>(options: {
  keyOf: (entry: T) => string
  write: (batch: readonly { entry: T; count: number }[]) => Promise<unknown>
  flushMs?: number
}) => {
  let pending = new Map<string, { entry: T; count: number }>()
  let flushing: Promise<void> = Promise.resolve()

  /** Writes what is pending, after any write still running, so batches never overlap. */
  const flush = () => {
    flushing = flushing.then(async () => {
      if (pending.size === 0) return
      const batch = [...pending.values()]
      pending = new Map()
      try {
        await options.write(batch)
      } catch {
        // A counted thing deleted meanwhile, or the database away: counts are not worth an error.
      }
    })
    return flushing
  }

  const timer = setInterval(() => void flush(), options.flushMs ?? 5_000)
  timer.unref()

  return {
    count: (entry: T) => {
      const key = options.keyOf(entry)
      const known = pending.get(key)
      if (known) known.count++
      else pending.set(key, { entry, count: 1 })
    },
    flush,
    /** Stops the timer and writes what is left. */
    stop: async () => {
      clearInterval(timer)
      await flush()
    },
  }
}

export type BatchedCounter<T> = ReturnType<typeof createBatchedCounter<T>>
