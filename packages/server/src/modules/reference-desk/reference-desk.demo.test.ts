import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { queueId } from './desk.fixtures.ts'
import { seedDemoRoster } from './reference-desk.demo.ts'
import { syncRosterDuty } from './roster-duty.ts'

const t = useTestApp()

interface WeekQueue {
  queue: { code: string }
  blocks: { day: string; startTime: string; endTime: string; lead: unknown }[]
  gaps: { day: string; startTime: string; endTime: string }[]
  coveredMinutes: number
}

/** The Monday a week after the one `at` is in, as 'YYYY-MM-DD' (the demo roster starts this week). */
const nextMonday = (at: Date) => {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 7))
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7))
  return day.toISOString().slice(0, 10)
}

describe('the demo desk’s duty roster', () => {
  it('covers weekdays by day and leaves lunch, evenings, Sunday and nights as gaps', async () => {
    const fudan = t.world.libraries.find((library) => library.code === 'fudan')!
    await seedDemoRoster(t.ctx.db, fudan.id, {
      librarian: fudan.accounts.librarian!,
      subject: fudan.accounts.subject_librarian!,
      admin: fudan.accounts.library_admin!,
    })
    const monday = nextMonday(new Date())
    const response = await t.request({
      method: 'GET',
      url: `/api/reference-desk/roster/week?start=${monday}`,
      cookie: await t.as('library_admin', 'fudan'),
    })
    expect(response.statusCode, response.body).toBe(200)
    const week = response.json() as { days: string[]; queues: WeekQueue[] }
    const byCode = Object.fromEntries(week.queues.map((queue) => [queue.queue.code, queue]))
    const reference = byCode.reference!
    const onMonday = reference.blocks.filter((block) => block.day === monday)
    expect(onMonday.map((block) => [block.startTime, block.endTime])).toEqual([
      ['08:00', '12:00'],
      ['13:00', '17:00'],
      ['18:00', '21:00'],
    ])
    expect(onMonday[0]!.lead).not.toBeNull()
    expect(reference.gaps.filter((gap) => gap.day === monday)).toEqual([
      { day: monday, startTime: '00:00', endTime: '08:00' },
      { day: monday, startTime: '12:00', endTime: '13:00' },
      { day: monday, startTime: '17:00', endTime: '18:00' },
      { day: monday, startTime: '21:00', endTime: '24:00' },
    ])
    const sunday = week.days[6]!
    expect(reference.gaps.filter((gap) => gap.day === sunday)).toEqual([
      { day: sunday, startTime: '00:00', endTime: '24:00' },
    ])
    // Weekdays 8 h, Monday and Wednesday evenings 3 h, Saturday morning 3 h.
    expect(reference.coveredMinutes).toBe((5 * 8 + 2 * 3 + 3) * 60)
    expect(byCode.documents!.coveredMinutes).toBe(2 * 150)
    expect(byCode.purchase!.coveredMinutes).toBe(5 * 120)

    // Monday 10:00 in Shanghai the librarian is on duty by the roster; Sunday 10:00 nobody is.
    const referenceId = await queueId(t, 'reference', 'fudan')
    const onDuty = () =>
      t.ctx.db
        .selectFrom('reference_duty')
        .select(['account_id', 'source'])
        .where('queue_id', '=', referenceId)
        .execute()
    await syncRosterDuty(t.ctx.db, t.ctx.events, new Date(`${monday}T02:00:00Z`), fudan.id)
    expect(await onDuty()).toEqual([{ account_id: fudan.accounts.librarian, source: 'roster' }])
    await syncRosterDuty(t.ctx.db, t.ctx.events, new Date(`${sunday}T02:00:00Z`), fudan.id)
    expect(await onDuty()).toEqual([])
  })
})
