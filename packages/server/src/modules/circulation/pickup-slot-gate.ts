/**
 * What this process knows of a slot's free places, so that when hundreds of readers race for
 * a slot's last places (a closure's first pickup day) the losers are answered from memory at
 * once instead of each queueing on the slot's row lock. At most as many bookings as there are
 * places known free try at once; while they do, the others are told the slot is full. The
 * database's guarded increment still decides every booking that tries: the gate only keeps
 * bookings that cannot succeed away from it. (Should a trying booking fail for a reason of its
 * own, its place shows free again in the slot list a moment later.)
 *
 * What it knows comes from reading the slot, or from the slot list a reader just loaded
 * ({@link SlotGate.learn}). It is forgotten at once when places are given back here or in another
 * process (see {@link SlotGate.forgetPoint}), and after `ttlMs` in any case, which bounds how long
 * a freed place could stay hidden should that news be lost.
 */
type SlotState = { free: number; trying: number; knownAt: number }

export type SlotGate = ReturnType<typeof createSlotGate>

export const createSlotGate = (clock: () => number, ttlMs = 2000) => {
  const slots = new Map<string, SlotState>()
  const loading = new Map<string, Promise<SlotState>>()
  const keyOf = (pointId: string, startsAt: Date) => `${pointId}|${startsAt.getTime()}`
  const fresh = (state: SlotState | undefined): state is SlotState =>
    state !== undefined && clock() - state.knownAt < ttlMs
  /** Drops what is too old to use, now and then, so slots long past do not pile up. */
  const prune = () => {
    if (slots.size < 10_000) return
    for (const [key, state] of slots) if (!fresh(state)) slots.delete(key)
  }

  /** The slot's state, read once for all callers who ask while it is being read. */
  const stateOf = (key: string, loadFree: () => Promise<number>) => {
    const known = slots.get(key)
    if (fresh(known)) return known
    let pending = loading.get(key)
    if (!pending) {
      pending = loadFree()
        .then((free) => {
          const state: SlotState = { free, trying: 0, knownAt: clock() }
          slots.set(key, state)
          prune()
          return state
        })
        .finally(() => loading.delete(key))
      loading.set(key, pending)
    }
    return pending
  }

  return {
    /**
     * Runs `attempt` when a place may be free for it; returns 'full' without trying when this
     * process knows the slot has none, or that bookings already trying will take what is left.
     * `isFull` tells an attempt the database refused as full.
     */
    async through<T>(
      pointId: string,
      startsAt: Date,
      loadFree: () => Promise<number>,
      attempt: () => Promise<T>,
      isFull: (error: unknown) => boolean,
    ): Promise<T | 'full'> {
      const state = await stateOf(keyOf(pointId, startsAt), loadFree)
      // No await between this check and taking a turn: no other booking can slip in between.
      if (state.trying >= state.free) return 'full'
      state.trying += 1
      try {
        const result = await attempt()
        state.free -= 1
        return result
      } catch (error) {
        if (isFull(error)) state.free = 0
        throw error
      } finally {
        state.trying -= 1
      }
    },

    /**
     * Takes free places read elsewhere (the slot list a reader loaded), so that the rush which
     * follows the list finds them known. A slot being read or known fresh keeps what it has.
     */
    learn(pointId: string, startsAt: Date, free: number) {
      const key = keyOf(pointId, startsAt)
      if (loading.has(key) || fresh(slots.get(key))) return
      slots.set(key, { free, trying: 0, knownAt: clock() })
      prune()
    },

    /** The places this process knows free at a slot, if it knows. */
    freeAt(pointId: string, startsAt: Date) {
      const state = slots.get(keyOf(pointId, startsAt))
      return fresh(state) ? state.free - state.trying : undefined
    },

    /** Forgets what is known of a point's slots: places were given back or its capacity changed. */
    forgetPoint(pointId: string) {
      for (const key of slots.keys()) if (key.startsWith(`${pointId}|`)) slots.delete(key)
    },

    /** Forgets every slot: this process may have missed places given back. */
    clear() {
      slots.clear()
    },
  }
}
