import type { AppContext } from '../../context.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { expireEndedTrials } from './e-resources.repository.ts'

const HOUR = 3_600_000

/**
 * Trials and free periods expire on their own (R3): readers stop seeing them the day after the
 * end date at once (the directory's query checks it); this sweep also marks them expired, at
 * start and every hour, so staff lists and exports say so. Returns a stop function.
 */
export const startTrialExpiry = (ctx: AppContext, warn: (error: unknown) => void) => {
  const sweep = () => expireEndedTrials(ctx.db, (zone) => todayIn(zone, ctx.now())).catch(warn)
  void sweep()
  const timer = setInterval(() => void sweep(), HOUR)
  timer.unref()
  return () => clearInterval(timer)
}
