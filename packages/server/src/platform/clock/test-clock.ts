/**
 * A clock the parent process can move, for browser journeys that must see a day pass (a trial
 * ending on its end date). It listens on the IPC channel Node opens when the parent spawns with
 * 'ipc' in stdio, so nothing on HTTP can move it; `shuqiao serve` uses it only when
 * `SHUQIAO_TEST_CLOCK=true`.
 *
 * Message in: `{ type: 'clock', at: ISO date }`. When every listener (jobs that look at the date)
 * has run, the process answers `{ type: 'clock-moved', at }`.
 */
export interface MovableClock {
  now: () => Date
  /** Runs the listener after each move; returns a function that stops it. */
  whenMoved: (listener: () => Promise<unknown> | undefined) => () => void
}

export const listenForClockMoves = (): MovableClock => {
  let offset = 0
  const listeners = new Set<() => Promise<unknown> | undefined>()
  process.on('message', (message: { type?: string; at?: string }) => {
    if (message?.type !== 'clock' || typeof message.at !== 'string') return
    const at = new Date(message.at)
    if (Number.isNaN(at.getTime())) return
    offset = at.getTime() - Date.now()
    void Promise.allSettled([...listeners].map((listener) => listener())).then(() =>
      process.send?.({ type: 'clock-moved', at: at.toISOString() }),
    )
  })
  return {
    now: () => new Date(Date.now() + offset),
    whenMoved: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
