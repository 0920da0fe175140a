/**
 * Answers about one thing (a pickup point, a library) this process reuses for a moment, so a
 * rush of readers at a point or a busy lending desk costs the database one read per answer,
 * not one per request. Callers asking while an answer is being read share that read. Forgotten
 * after `ttlMs`, or at once when the thing changes (`forget`, called on an announcement).
 */
export const createRecentAnswers = <T>(clock: () => number, ttlMs: number) => {
  const entries = new Map<string, { at: number; value: Promise<T> }>()
  return {
    get(id: string, key: string, load: () => Promise<T>): Promise<T> {
      const entryKey = `${id}|${key}`
      const hit = entries.get(entryKey)
      if (hit && clock() - hit.at < ttlMs) return hit.value
      // Answers kept under keys nobody asks for any more (yesterday's) go when a new one is read.
      for (const [other, { at }] of entries) if (clock() - at >= ttlMs) entries.delete(other)
      const entry = { at: clock(), value: load() }
      entries.set(entryKey, entry)
      // A failed read is not remembered: the next caller reads again.
      entry.value.catch(() => {
        if (entries.get(entryKey) === entry) entries.delete(entryKey)
      })
      return entry.value
    },

    forget(id: string) {
      for (const key of entries.keys()) if (key.startsWith(`${id}|`)) entries.delete(key)
    },

    /** Forgets everything: what this process was told may have been missed, or a change touches all. */
    clear() {
      entries.clear()
    },
  }
}
