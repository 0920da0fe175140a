import type { AppContext } from '../../context.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { expireEndedTrials } from './e-resources.repository.ts'
import type { LinkCheckService } from './link-checks.service.ts'

const HOUR = 3_600_000

/**
 * Trials and free periods expire on their own (R3): readers stop seeing them the day after the
 * end date at once (the directory's query checks it); this sweep also marks them expired, at
 * start, every hour and when a journey's test clock moves, so staff lists and exports say so.
 * Returns a stop function.
 */
export const startTrialExpiry = (ctx: AppContext, warn: (error: unknown) => void) => {
  const sweep = () => expireEndedTrials(ctx.db, (zone) => todayIn(zone, ctx.now())).catch(warn)
  void sweep()
  const timer = setInterval(() => void sweep(), HOUR)
  timer.unref()
  const stopListening = ctx.whenClockMoves(sweep)
  return () => {
    clearInterval(timer)
    stopListening()
  }
}

/**
 * Link checks (R5) once a day: at start, then a look every hour for libraries whose last scheduled
 * run started 23 hours ago or more; processes sharing the database claim each library's run once.
 * `LINK_CHECK_SCHEDULE=false` turns it off (tests, benchmarks, a process that should only serve).
 * Returns a stop function; the service's `stop()` ends a run under way.
 */
export const startLinkCheckSchedule = (
  ctx: AppContext,
  service: Pick<LinkCheckService, 'scheduledRun'>,
  warn: (error: unknown) => void,
) => {
  if (!ctx.config.LINK_CHECK_SCHEDULE) return () => {}
  const look = () => service.scheduledRun().catch(warn)
  void look()
  const timer = setInterval(() => void look(), HOUR)
  timer.unref()
  return () => clearInterval(timer)
}
