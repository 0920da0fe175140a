import type { AppContext } from '../../context.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { CALENDAR_CHANGED_CHANNEL } from '../../platform/libraries/libraries.service.ts'
import { type LendingBasis, lendingCalendar } from './lending-context.ts'
import { openRaises, rulesAt } from './limit-raises.ts'
import { rulesOf } from './loan-rules.repository.ts'
import { presentRule } from './loan-rules.ts'
import { periodsOf } from './quarantine.repository.ts'
import { createRecentAnswers } from './recent-answers.ts'

/** Announced after a commit that changed a library's loan rules, temporary limit raises or quarantine periods. */
export const LOAN_RULES_CHANGED_CHANNEL = 'loan_rules_changed'

/** After the commit: every process (this one at once) forgets the library's rules it knew. */
export const announceLoanRulesChanged = (ctx: AppContext, libraryId: string) =>
  ctx.events.publish(LOAN_RULES_CHANGED_CHANNEL, libraryId)

/** How long a process lends on what it read of a library, when no change is announced. */
const REMEMBER_MS = 30_000

const utcDay = (at: Date) => at.toISOString().slice(0, 10)

/**
 * What lending needs of a library (time zone, calendar, loan rules, the raises not yet run out
 * and quarantine periods), remembered by this process, so a busy desk reads its reader and item
 * and not the library at every scan. Any change to them is announced (loan rules, raises,
 * quarantine periods, the calendar or the library's settings), and a process that may have
 * missed an announcement forgets all. Which raises hold is worked out at each use, so one that
 * runs out does so on time.
 */
export const createLendingMemo = (ctx: AppContext) => {
  const { db } = ctx
  const read = async (libraryId: string, now: Date) => {
    const [{ timeZone, calendar }, rules, raises, quarantinePeriods] = await Promise.all([
      lendingCalendar(db, libraryId, now),
      rulesOf(db, libraryId),
      openRaises(db, libraryId, now),
      periodsOf(db, libraryId),
    ])
    return { timeZone, calendar, rules: rules.map(presentRule), raises, quarantinePeriods }
  }
  // Kept per day of `now`, so a calendar read for one day is not used for a clock moved far on.
  const answers = createRecentAnswers<Awaited<ReturnType<typeof read>>>(() => performance.now(), REMEMBER_MS)
  const forget = (libraryId: string) => answers.forget(libraryId)
  ctx.events.subscribe(LOAN_RULES_CHANGED_CHANNEL, forget)
  ctx.events.subscribe(CALENDAR_CHANGED_CHANNEL, forget)
  ctx.events.whenMissed(() => answers.clear())

  return {
    /** The library's side of lending at `now`: its calendar, today there and the rules in force. */
    async basisOf(libraryId: string, now: Date): Promise<LendingBasis> {
      const known = await answers.get(libraryId, utcDay(now), () => read(libraryId, now))
      return {
        timeZone: known.timeZone,
        calendar: known.calendar,
        today: todayIn(known.timeZone, now),
        now,
        rules: rulesAt(known.rules, known.raises, now),
        quarantinePeriods: known.quarantinePeriods,
      }
    },
  }
}

export type LendingMemo = ReturnType<typeof createLendingMemo>
