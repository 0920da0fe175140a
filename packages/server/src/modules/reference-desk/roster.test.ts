import { describe, expect, it } from 'vitest'
import type { AppContext } from '../../context.ts'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { accountIdOf } from '../../test/accounts.ts'
import { useTestApp } from '../../test/test-app.ts'
import { queueId, setDuty } from './desk.fixtures.ts'
import { startRosterClock } from './roster.jobs.ts'

const t = useTestApp()

const createShift = async (cookie: string, payload: object) =>
  t.request({ method: 'POST', url: '/api/reference-desk/roster/shifts', cookie, payload })

const dutyOf = (account: string) =>
  t.ctx.db
    .selectFrom('reference_duty')
    .select(['queue_id', 'source'])
    .where('account_id', '=', account)
    .execute()

/** A roster clock on the service clock of `t`, moved by the test like a journey's test clock. */
const movableRoster = () => {
  let now = new Date('2030-01-01T00:00:00Z')
  const listeners: (() => Promise<unknown> | undefined)[] = []
  const ctx: AppContext = {
    ...t.ctx,
    now: () => now,
    whenClockMoves: (listener) => {
      listeners.push(listener)
      return () => {}
    },
  }
  const stop = startRosterClock(ctx, (error) => {
    throw error
  })
  return {
    stop,
    /** Moves the clock to a wall-clock time of Shanghai and waits for the roster to apply it. */
    async moveTo(shanghai: string) {
      now = new Date(`${shanghai}+08:00`)
      await Promise.all(listeners.map((listener) => listener()))
    },
  }
}

describe('the duty roster', () => {
  it('lets a library admin and duty leads write shifts, not other librarians', async () => {
    const admin = await t.as('library_admin')
    const reference = await queueId(t, 'reference')
    const librarian = await accountIdOf(t, 'L001')
    const subject = await accountIdOf(t, 'S001')

    const refused = await createShift(await t.as('librarian'), {
      queueId: reference,
      accountId: librarian,
      startsOn: '2030-01-07',
      startTime: '08:00',
      endTime: '12:00',
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.headers['content-type']).toContain('application/problem+json')

    const created = await createShift(admin, {
      queueId: reference,
      accountId: librarian,
      leadId: subject,
      startsOn: '2030-01-07',
      startTime: '08:00',
      endTime: '12:00',
      rrule: 'RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR',
      skippedDays: ['2030-01-09'],
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({
      queue: { code: 'reference' },
      librarian: { name: '王芳' },
      lead: { id: subject },
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
      skippedDays: ['2030-01-09'],
    })

    // The subject librarian is now a duty lead (值班长) and may change the roster.
    const leadCookie = await t.as('subject_librarian')
    const list = await t.request({
      method: 'GET',
      url: '/api/reference-desk/roster/shifts',
      cookie: leadCookie,
    })
    expect(list.json()).toMatchObject({ canEdit: true, items: [{ id: created.json().id }] })
    const byLead = await createShift(leadCookie, {
      queueId: reference,
      accountId: subject,
      startsOn: '2030-01-07',
      startTime: '12:00',
      endTime: '24:00',
      rrule: 'FREQ=DAILY',
    })
    expect(byLead.statusCode, byLead.body).toBe(201)
    const plain = await t.request({
      method: 'GET',
      url: '/api/reference-desk/roster/shifts',
      cookie: await t.as('librarian'),
    })
    expect(plain.json().canEdit).toBe(false)

    // Another library's staff neither see nor change it.
    const fudanAdmin = await t.as('library_admin', 'fudan')
    const other = await t.request({
      method: 'PUT',
      url: `/api/reference-desk/roster/shifts/${created.json().id}`,
      cookie: fudanAdmin,
      payload: {
        queueId: reference,
        accountId: librarian,
        startsOn: '2030-01-07',
        startTime: '08:00',
        endTime: '09:00',
      },
    })
    expect(other.statusCode).toBe(404)
    const fudanList = await t.request({
      method: 'GET',
      url: '/api/reference-desk/roster/shifts',
      cookie: fudanAdmin,
    })
    expect(fudanList.json().items).toEqual([])
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'reference_shift')
      .execute()
    expect(audit.map((row) => row.action)).toEqual([
      'reference_desk.shift.create',
      'reference_desk.shift.create',
    ])
  })

  it('refuses bad shifts with a stable code', async () => {
    const admin = await t.as('library_admin')
    const reference = await queueId(t, 'reference')
    const librarian = await accountIdOf(t, 'L001')
    const base = {
      queueId: reference,
      accountId: librarian,
      startsOn: '2030-03-04',
      startTime: '08:00',
      endTime: '10:00',
    }
    const cases: [object, number, string, string?][] = [
      [{ rrule: 'FREQ=SOMETIMES' }, 400, 'body.rrule', 'invalid_rrule'],
      [{ rrule: 'FREQ=HOURLY' }, 400, 'body.rrule', 'invalid_rrule'],
      [{ startTime: '10:00', endTime: '09:00' }, 400, 'body.endTime', 'end_before_start'],
      [{ startTime: '25:00' }, 400, 'body.startTime'],
      [{ queueId: await queueId(t, 'reference', 'fudan') }, 400, 'body.queueId', 'not_found'],
      [{ queueId: '01a21467-0000-7000-8000-000000000009' }, 400, 'body.queueId', 'not_found'],
      [{ accountId: await accountIdOf(t, '2020001') }, 400, 'body.accountId', 'not_found'],
      [{ leadId: await accountIdOf(t, 'L001', 'fudan') }, 400, 'body.leadId', 'not_found'],
    ]
    for (const [change, status, path, code] of cases) {
      const response = await createShift(admin, { ...base, ...change })
      expect(response.statusCode, JSON.stringify(change)).toBe(status)
      expect(response.headers['content-type']).toContain('application/problem+json')
      const problem = response.json()
      expect(problem.code).toBe('validation_failed')
      expect(problem.errors[0].path).toBe(path)
      if (code) expect(problem.errors[0].code).toBe(code)
    }

    // The weekly Monday 08:00–12:00 shift of the first test covers 2030-03-04 (a Monday).
    const overlapping = await createShift(admin, { ...base, rrule: 'FREQ=WEEKLY;BYDAY=MO' })
    expect(overlapping.statusCode).toBe(409)
    expect(overlapping.json()).toMatchObject({ code: 'shift_overlaps' })
    expect(overlapping.json().shiftId).toBeDefined()
    // Adjacent hours are fine, and so is the same hours in another queue.
    const after = await createShift(admin, { ...base, startTime: '06:00', endTime: '08:00' })
    expect(after.statusCode, after.body).toBe(201)
    const elsewhere = await createShift(admin, { ...base, queueId: await queueId(t, 'documents') })
    expect(elsewhere.statusCode, elsewhere.body).toBe(201)
    for (const id of [after.json().id, elsewhere.json().id]) {
      const removed = await t.request({
        method: 'DELETE',
        url: `/api/reference-desk/roster/shifts/${id}`,
        cookie: admin,
      })
      expect(removed.statusCode).toBe(204)
    }
  })

  it('shows a week per queue with who covers which hours and the gaps', async () => {
    const response = await t.request({
      method: 'GET',
      url: '/api/reference-desk/roster/week?start=2030-01-09',
      cookie: await t.as('librarian'),
    })
    expect(response.statusCode, response.body).toBe(200)
    const week = response.json()
    expect(week.timeZone).toBe('Asia/Shanghai')
    expect(week.days[0]).toBe('2030-01-07')
    const reference = week.queues.find(
      (queue: { queue: { code: string } }) => queue.queue.code === 'reference',
    )
    const monday = reference.blocks.filter((block: { day: string }) => block.day === '2030-01-07')
    expect(
      monday.map((block: { startTime: string; endTime: string; librarian: { name: string } }) => [
        block.startTime,
        block.endTime,
        block.librarian.name,
      ]),
    ).toEqual([
      ['08:00', '12:00', '王芳'],
      ['12:00', '24:00', expect.any(String)],
    ])
    expect(monday[0].lead).not.toBeNull()
    // Wednesday the 9th is skipped: the morning is a gap.
    expect(reference.gaps.filter((gap: { day: string }) => gap.day === '2030-01-09')).toEqual([
      { day: '2030-01-09', startTime: '00:00', endTime: '12:00' },
    ])
    expect(reference.gaps.filter((gap: { day: string }) => gap.day === '2030-01-07')).toEqual([
      { day: '2030-01-07', startTime: '00:00', endTime: '08:00' },
    ])
    // Monday and Friday 12 h + 4 h, the other five days 12 h.
    expect(reference.coveredMinutes).toBe((2 * 16 + 5 * 12) * 60)
    const purchase = week.queues.find((queue: { queue: { code: string } }) => queue.queue.code === 'purchase')
    expect(purchase.gaps).toHaveLength(7)
    expect(purchase.coveredMinutes).toBe(0)
  })

  it('puts librarians on duty while their shift runs on the service clock, and off after', async () => {
    const reference = await queueId(t, 'reference')
    const librarian = await accountIdOf(t, 'L001')
    const roster = movableRoster()
    try {
      await roster.moveTo('2030-01-07T07:59:00')
      expect(await dutyOf(librarian)).toEqual([])
      await roster.moveTo('2030-01-07T08:00:00')
      expect(await dutyOf(librarian)).toEqual([{ queue_id: reference, source: 'roster' }])
      const open = await t.request({
        method: 'GET',
        url: `/api/reference-desk/libraries/${t.world.libraries.find((l) => l.code === 'sjtu')!.id}/queues`,
      })
      expect(open.json().items[0].online).toBe(true)
      await roster.moveTo('2030-01-07T12:00:00')
      expect(await dutyOf(librarian)).toEqual([])

      // A skipped day puts nobody on duty.
      await roster.moveTo('2030-01-09T09:00:00')
      expect(await dutyOf(librarian)).toEqual([])

      // Going off by hand during a shift is respected until the next shift.
      await roster.moveTo('2030-01-11T08:30:00')
      expect(await dutyOf(librarian)).toHaveLength(1)
      const cookie = await t.as('librarian')
      await setDuty(t, cookie, reference, false)
      await roster.moveTo('2030-01-11T09:00:00')
      expect(await dutyOf(librarian)).toEqual([])
      await roster.moveTo('2030-01-14T08:00:00')
      expect(await dutyOf(librarian)).toEqual([{ queue_id: reference, source: 'roster' }])

      // Duty begun by hand is never ended by the roster.
      await roster.moveTo('2030-01-14T13:00:00')
      expect(await dutyOf(librarian)).toEqual([])
      await setDuty(t, cookie, reference, true)
      await roster.moveTo('2030-01-16T12:30:00')
      expect(await dutyOf(librarian)).toEqual([{ queue_id: reference, source: 'manual' }])
      await setDuty(t, cookie, reference, false)
    } finally {
      await roster.stop()
    }
  })

  it('applies a change to the roster at once: a shift under way puts its librarian on duty, deleting it ends that', async () => {
    const admin = await t.as('library_admin')
    const documents = await queueId(t, 'documents')
    const adminId = await accountIdOf(t, 'A001')
    const today = todayIn('Asia/Shanghai', new Date())
    const created = await createShift(admin, {
      queueId: documents,
      accountId: adminId,
      startsOn: today,
      startTime: '00:00',
      endTime: '24:00',
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(await dutyOf(adminId)).toEqual([{ queue_id: documents, source: 'roster' }])
    const removed = await t.request({
      method: 'DELETE',
      url: `/api/reference-desk/roster/shifts/${created.json().id}`,
      cookie: admin,
    })
    expect(removed.statusCode).toBe(204)
    expect(await dutyOf(adminId)).toEqual([])
  })
})
