import type { AppContext } from '../../context.ts'
import { syncRosterDuty } from './roster-duty.ts'

const MINUTE = 60_000

/**
 * The duty roster puts librarians on and off duty (Q3): at start, every minute, and when a
 * journey's test clock moves, always at the service clock's time (`ctx.now()`). Runs are
 * chained, never overlapping. Returns a stop function.
 */
export const startRosterClock = (ctx: AppContext, warn: (error: unknown) => void) => {
  let running: Promise<unknown> = Promise.resolve()
  const tick = () => {
    running = running.then(() => syncRosterDuty(ctx.db, ctx.events, ctx.now()).catch(warn))
    return running
  }
  void tick()
  const timer = setInterval(() => void tick(), MINUTE)
  timer.unref()
  const stopListening = ctx.whenClockMoves(tick)
  return async () => {
    clearInterval(timer)
    stopListening()
    await running
  }
}
