import { phases } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import { type DemoRole, useTestApp } from '../../test/test-app.ts'
import { switchPhase } from './phases.fixtures.ts'

const t = useTestApp()

const book = async (library = 'sjtu', role: DemoRole = 'librarian') =>
  t.request({ method: 'GET', url: '/api/operations/phases', cookie: await t.as(role, library) })

const save = async (input: object[], seen: string | null, library = 'sjtu') =>
  t.request({
    method: 'PUT',
    url: '/api/operations/phases',
    cookie: await t.as('library_admin', library),
    payload: { phases: input, seen },
  })

const switchTo = async (toPhaseId: string, fromPhaseId: string | null, library = 'sjtu', preview = false) =>
  t.request({
    method: 'POST',
    url: `/api/operations/phase-switches${preview ? '/preview' : ''}`,
    cookie: await t.as('library_admin', library),
    payload: { toPhaseId, fromPhaseId },
  })

const board = (code = 'sjtu') => t.request({ method: 'GET', url: `/api/service-board/${code}` })

const current = async (library = 'sjtu') => (await book(library)).json() as phases.PhaseBook

const named = (found: phases.PhaseBook, nameZh: string) =>
  found.phases.find((phase) => phase.nameZh === nameZh)!

describe('the phase book', () => {
  it('starts from the suggested phases, in limited service by appointment', async () => {
    const found = await current()
    expect(found.phases.map((phase) => phase.nameZh)).toEqual([
      '闭馆（线上服务）',
      '有限开放（预约服务）',
      '开放（限流）',
      '正常开放',
    ])
    expect(found.currentPhaseId).toBe(named(found, '有限开放（预约服务）').id)
    expect(named(found, '闭馆（线上服务）').services.lending.status).toBe('paused')
    expect(Object.keys(named(found, '正常开放').services)).toEqual([...phases.SERVICES])
  })

  it('is replaced as a whole by a library admin, refusing a stale copy, duplicate names and the current phase’s removal', async () => {
    const found = await current('fudan')
    const [closed, limited, , normal] = found.phases as [
      phases.Phase,
      phases.Phase,
      phases.Phase,
      phases.Phase,
    ]
    const edited: Omit<phases.PhaseValues, 'updatedAt'>[] = [
      { ...closed, nameZh: '闭馆', noticeZh: '闭馆期间线上服务照常。' },
      limited,
      { ...normal, id: undefined, nameZh: '部分开放', nameEn: 'Partly open' },
      normal,
    ].map(({ updatedAt: _, ...phase }) => phase)
    const saved = await save(edited, found.updatedAt, 'fudan')
    expect(saved.statusCode, saved.body).toBe(200)
    const after = saved.json() as phases.PhaseBook
    expect(after.phases.map((phase) => phase.nameZh)).toEqual([
      '闭馆',
      '有限开放（预约服务）',
      '部分开放',
      '正常开放',
    ])
    expect(after.currentPhaseId).toBe(limited.id)
    // The unchanged phase keeps its time; the edited one has a new one.
    expect(named(after, '有限开放（预约服务）').updatedAt).toBe(limited.updatedAt)
    expect(named(after, '闭馆').updatedAt).not.toBe(closed.updatedAt)

    // Someone else's copy, from before this save.
    expect((await save(edited, found.updatedAt, 'fudan')).json()).toMatchObject({ code: 'phases_changed' })
    const duplicate = await save([edited[0]!, { ...edited[1]!, nameZh: '闭馆' }], after.updatedAt, 'fudan')
    expect(duplicate.statusCode).toBe(400)
    expect(duplicate.json().errors[0]).toMatchObject({
      path: 'body.phases.1.nameZh',
      code: 'duplicate_phase_name',
    })
    const withoutCurrent = await save([edited[0]!], after.updatedAt, 'fudan')
    expect(withoutCurrent.statusCode).toBe(409)
    expect(withoutCurrent.json().code).toBe('phase_is_current')
    const unknownStatus = await save(
      [{ ...edited[1]!, services: { ...edited[1]!.services, lending: { status: 'sometimes' } } }],
      after.updatedAt,
      'fudan',
    )
    expect(unknownStatus.statusCode).toBe(400)
    // Nothing of the refused saves was written.
    expect((await current('fudan')).phases.map((phase) => phase.nameZh)).toEqual(
      after.phases.map((p) => p.nameZh),
    )
  })

  it('is another library’s business: an admin of one cannot read or switch another’s', async () => {
    const theirs = await current('fudan')
    const other = await t.request({
      method: 'GET',
      url: `/api/operations/phases?libraryId=${theirs.libraryId}`,
      cookie: await t.as('library_admin', 'sjtu'),
    })
    expect(other.statusCode).toBe(404)
    const mine = await current('sjtu')
    const crossed = await switchTo(theirs.phases[0]!.id, mine.currentPhaseId, 'sjtu')
    expect(crossed.statusCode).toBe(400)
    expect(crossed.json().errors[0]).toMatchObject({ path: 'body.toPhaseId', code: 'unknown_phase' })
  })
})

describe('switching phase', () => {
  it('previews, applies, shows on the public board, and undoes back to the phase before', async () => {
    const before = await current()
    const closed = named(before, '闭馆（线上服务）')
    const preview = await switchTo(closed.id, before.currentPhaseId, 'sjtu', true)
    expect(preview.statusCode, preview.body).toBe(200)
    const effects = (preview.json() as phases.SwitchPreview).effects
    expect(effects).toEqual(
      expect.arrayContaining([
        { kind: 'service_status', service: 'lending', from: 'by_appointment', to: 'paused' },
        { kind: 'service_status', service: 'pickup', from: 'by_appointment', to: 'paused' },
        { kind: 'pickup', from: 'on', to: 'off' },
      ]),
    )
    expect(effects.find((effect) => effect.service === 'remote_access')).toBeUndefined()
    // The preview changed nothing.
    expect((await current()).currentPhaseId).toBe(before.currentPhaseId)

    const switched = await switchTo(closed.id, before.currentPhaseId)
    expect(switched.statusCode, switched.body).toBe(201)
    const done = switched.json() as phases.PhaseSwitch
    expect(done).toMatchObject({
      to: { nameZh: '闭馆（线上服务）' },
      from: { nameZh: '有限开放（预约服务）' },
      undoable: true,
    })

    const shown = (await board()).json() as phases.ServiceBoard
    expect(shown.phase).toMatchObject({ nameZh: '闭馆（线上服务）', nameEn: 'Closed (online services)' })
    expect(shown.services.find((service) => service.service === 'lending')).toMatchObject({
      status: 'paused',
      statusZh: '暂停',
      nameZh: '图书借还',
    })

    // A second admin who saw the old phase is refused, and so is switching to where the library is.
    expect((await switchTo(named(before, '正常开放').id, before.currentPhaseId)).json().code).toBe(
      'phase_changed',
    )
    expect((await switchTo(closed.id, closed.id)).json().code).toBe('already_in_phase')

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'entity_label'])
      .where('action', 'like', 'operations.phase.%')
      .execute()
    expect(audit).toContainEqual({
      action: 'operations.phase.switch',
      entity_label: '有限开放（预约服务） → 闭馆（线上服务）',
    })

    const undone = await t.request({
      method: 'POST',
      url: `/api/operations/phase-switches/${done.id}/undo`,
      cookie: await t.as('library_admin'),
    })
    expect(undone.statusCode, undone.body).toBe(200)
    expect(undone.json()).toMatchObject({ undoable: false, undoReport: [{ kind: 'waive_fines', count: 0 }] })
    const back = await current()
    expect(back.currentPhaseId).toBe(before.currentPhaseId)
    expect(back.since).toBe(before.since)
    expect(((await board()).json() as phases.ServiceBoard).phase?.nameZh).toBe('有限开放（预约服务）')

    // Undone once is undone.
    const again = await t.request({
      method: 'POST',
      url: `/api/operations/phase-switches/${done.id}/undo`,
      cookie: await t.as('library_admin'),
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('switch_not_latest')
    const history = await t.request({
      method: 'GET',
      url: '/api/operations/phase-switches',
      cookie: await t.as('librarian'),
    })
    expect(history.json().items[0]).toMatchObject({ id: done.id, undoneBy: { name: expect.any(String) } })
  })

  it('undoes only the latest switch, and not another library’s', async () => {
    const start = await current()
    const first = (
      await switchTo(named(start, '开放（限流）').id, start.currentPhaseId)
    ).json() as phases.PhaseSwitch
    const second = (await switchTo(named(start, '正常开放').id, named(start, '开放（限流）').id)).json()
    const undo = async (id: string, library = 'sjtu') =>
      t.request({
        method: 'POST',
        url: `/api/operations/phase-switches/${id}/undo`,
        cookie: await t.as('library_admin', library),
      })
    expect((await undo(first.id)).json().code).toBe('switch_not_latest')
    expect((await undo(second.id, 'fudan')).statusCode).toBe(404)
    expect((await undo(second.id)).statusCode).toBe(200)
    expect((await undo(first.id)).statusCode).toBe(200)
    expect((await current()).currentPhaseId).toBe(start.currentPhaseId)
  })

  it('lets exactly one of two simultaneous switches through', async () => {
    const start = await current()
    const [a, b] = await Promise.all([
      switchTo(named(start, '闭馆（线上服务）').id, start.currentPhaseId),
      switchTo(named(start, '正常开放').id, start.currentPhaseId),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409])
    expect([a, b].find((response) => response.statusCode === 409)!.json().code).toBe('phase_changed')
  })
})

describe('the measures a switch applies', () => {
  it('extends due dates, waives fines and raises limits in the switch, and the undo puts them back', async () => {
    const library = t.world.libraries.find((each) => each.code === 'tongji')!
    const openLoans = () =>
      t.ctx.db
        .selectFrom('loans')
        .select(['id', 'due_at'])
        .where('library_id', '=', library.id)
        .where('returned_at', 'is', null)
        .orderBy('id')
        .execute()
    const openFines = async () =>
      (
        await t.ctx.db
          .selectFrom('fines')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('library_id', '=', library.id)
          .where('status', '=', 'open')
          .executeTakeFirstOrThrow()
      ).n
    const loansBefore = await openLoans()
    const finesBefore = Number(await openFines())
    expect(loansBefore.length).toBeGreaterThan(0)
    expect(finesBefore).toBeGreaterThan(0)

    const found = await current('tongji')
    const closed = named(found, '闭馆（线上服务）')
    const farDay = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10)
    const edited = found.phases.map(({ updatedAt: _, ...phase }) =>
      phase.id === closed.id
        ? {
            ...phase,
            measures: {
              ...phase.measures,
              extendDueDates: { toDate: farDay, includeOverdue: true },
              raiseLimits: { extraLoans: 5, extraRenewals: 1, until: farDay },
            },
          }
        : phase,
    )
    expect((await save(edited, found.updatedAt, 'tongji')).statusCode).toBe(200)

    const preview = (
      await switchTo(closed.id, found.currentPhaseId, 'tongji', true)
    ).json() as phases.SwitchPreview
    expect(preview.effects).toEqual(
      expect.arrayContaining([
        { kind: 'extend_due_dates', count: loansBefore.length },
        { kind: 'waive_fines', count: finesBefore },
        { kind: 'raise_limits', count: 3 },
      ]),
    )
    const switched = (await switchTo(closed.id, found.currentPhaseId, 'tongji')).json() as phases.PhaseSwitch
    expect(switched.effects.find((effect) => effect.kind === 'extend_due_dates')).toMatchObject({
      count: loansBefore.length,
      batchId: expect.any(String),
    })
    const extended = await openLoans()
    expect(extended.every((loan) => loan.due_at.toISOString().slice(0, 10) >= addDaysIso(farDay, -1))).toBe(
      true,
    )
    expect(Number(await openFines())).toBe(0)
    const raises = await t.ctx.db
      .selectFrom('loan_limit_raises')
      .select(['extra_items', 'ended_at'])
      .where('library_id', '=', library.id)
      .execute()
    expect(raises).toEqual([{ extra_items: 5, ended_at: null }])

    const undone = await t.request({
      method: 'POST',
      url: `/api/operations/phase-switches/${switched.id}/undo`,
      cookie: await t.as('library_admin', 'tongji'),
    })
    expect(undone.statusCode, undone.body).toBe(200)
    expect(undone.json().undoReport).toEqual([
      { kind: 'extend_due_dates', count: 0 },
      { kind: 'waive_fines', count: 0 },
      { kind: 'raise_limits', count: 0 },
    ])
    expect((await openLoans()).map((loan) => loan.due_at.toISOString())).toEqual(
      loansBefore.map((loan) => loan.due_at.toISOString()),
    )
    expect(Number(await openFines())).toBe(finesBefore)
    const ended = await t.ctx.db
      .selectFrom('loan_limit_raises')
      .select('ended_at')
      .where('library_id', '=', library.id)
      .executeTakeFirstOrThrow()
    expect(ended.ended_at).not.toBeNull()
  })
})

const addDaysIso = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

describe('the services that follow the phase', () => {
  it('pause pickup booking and make document delivery free while the library is closed, until it switches back', async () => {
    await switchPhase(t, 'sjtu', '开放（限流）')
    const found = await current('sjtu')
    const before = found.currentPhaseId!
    const reader = await t.as('reader', 'sjtu')
    const point = (
      await t.request({ method: 'GET', url: '/api/circulation/pickup-points', cookie: reader })
    ).json().items[0].id as string
    const slots = () =>
      t.request({ method: 'GET', url: `/api/circulation/pickup-points/${point}/slots`, cookie: reader })
    const deliveryFee = async () =>
      (await t.request({ method: 'GET', url: '/api/request-types', cookie: reader }))
        .json()
        .items.find((type: { code: string }) => type.code === 'document_delivery').feeFen as number
    const book = (startsAt: string) =>
      t.request({
        method: 'POST',
        url: '/api/circulation/my-pickups',
        cookie: reader,
        payload: { pickupPointId: point, startsAt },
      })
    expect((await slots()).json().pausedBy).toBeNull()
    const feeWhenOpen = await deliveryFee()
    expect(feeWhenOpen).toBeGreaterThan(0)

    const closed = named(found, '闭馆（线上服务）')
    expect((await switchTo(closed.id, before, 'sjtu')).statusCode).toBe(201)
    const paused = (await slots()).json()
    expect(paused.pausedBy).toEqual({ nameZh: closed.nameZh, nameEn: closed.nameEn })
    const refused = await book(
      paused.days.flatMap((day: { slots: { startsAt: string }[] }) => day.slots)[0]?.startsAt ??
        new Date(Date.now() + 86_400_000).toISOString(),
    )
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ code: 'pickup_paused' })
    expect(refused.json().detail).toContain(closed.nameZh)
    expect(await deliveryFee()).toBe(0)
    const submitted = await t.request({
      method: 'POST',
      url: '/api/requests',
      cookie: reader,
      payload: {
        type: 'document_delivery',
        form: { citation: 'Zhang W. Library services during closure. 2020' },
      },
    })
    expect(submitted.statusCode, submitted.body).toBe(201)
    expect(submitted.json().feeFen).toBe(0)

    expect((await switchTo(before, closed.id, 'sjtu')).statusCode).toBe(201)
    expect((await slots()).json().pausedBy).toBeNull()
    expect(await deliveryFee()).toBe(feeWhenOpen)
  })
})

describe('the public status board', () => {
  it('needs no sign-in, and a library without phases shows every service normal', async () => {
    const library = t.world.libraries.find((each) => each.code === 'tongji')!
    await t.ctx.db.deleteFrom('library_operating_states').where('library_id', '=', library.id).execute()
    const shown = (await board('tongji')).json() as phases.ServiceBoard
    expect(shown.phase).toBeNull()
    expect(shown.services.map((service) => service.status)).toEqual(phases.SERVICES.map(() => 'normal'))
    const unknown = await board('nowhere')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.headers['content-type']).toContain('application/problem+json')
  })
})
