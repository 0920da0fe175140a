/**
 * Answers about a pickup point this process reuses for a moment (its settings, its next free
 * slots), so a rush of readers at one point costs the database one read per answer, not one
 * per reader. Callers asking while an answer is being read share that read. Forgotten after
 * `ttlMs`, or at once when the point or its bookings change.
 */
export const createPointMemo = <T>(clock: () => number, ttlMs: number) => {
  const entries = new Map<string, { at: number; value: Promise<T> }>()
  return {
    get(pointId: string, key: string, load: () => Promise<T>): Promise<T> {
      const entryKey = `${pointId}|${key}`
      const hit = entries.get(entryKey)
      if (hit && clock() - hit.at < ttlMs) return hit.value
      const entry = { at: clock(), value: load() }
      entries.set(entryKey, entry)
      // A failed read is not remembered: the next caller reads again.
      entry.value.catch(() => {
        if (entries.get(entryKey) === entry) entries.delete(entryKey)
      })
      return entry.value
    },

    forgetPoint(pointId: string) {
      for (const key of entries.keys()) if (key.startsWith(`${pointId}|`)) entries.delete(key)
    },

    /** Forgets everything: a library's calendar changed, and answers of any point may follow it. */
    clear() {
      entries.clear()
    },
  }
}
