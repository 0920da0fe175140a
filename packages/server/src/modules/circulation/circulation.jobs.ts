import type { AppContext } from '../../context.ts'
import { expireHolds } from './borrow-requests.service.ts'

const EVERY = 10 * 60_000

/**
 * Ends the holds whose time ran out (no pickup booked) in every library: the lines become
 * expired and the items go back on the shelf, so the catalogue shows them available even when
 * no librarian opens the pull list. The lists still expire holds as they are read, to the minute.
 */
export const expireAllHolds = async (ctx: AppContext) => {
  const libraries = await ctx.db
    .selectFrom('borrow_request_lines')
    .select('library_id')
    .distinct()
    .where('status', '=', 'found')
    .where('hold_until', '<', ctx.now())
    .execute()
  let expired = 0
  for (const { library_id } of libraries) expired += await expireHolds(ctx, library_id)
  return expired
}

/** The hold sweep at start, every ten minutes and when a journey's test clock moves; returns a stop function. */
export const startHoldExpiry = (ctx: AppContext, warn: (error: unknown) => void) => {
  const sweep = () => expireAllHolds(ctx).catch(warn)
  void sweep()
  const timer = setInterval(() => void sweep(), EVERY)
  timer.unref()
  const stopListening = ctx.whenClockMoves(sweep)
  return () => {
    clearInterval(timer)
    stopListening()
  }
}
