import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { addItems, addReader, deskOf, resetClock, saveRules, setClock } from './circulation.fixtures.ts'
import { expireAllHolds } from './circulation.jobs.ts'
import { DEFAULT_LOAN_RULES } from './loan-rules.ts'
import { POINT_CHANGED_CHANNEL } from './pickup-booking.ts'
import { addPickupPoint, itemIdsOf, LOBBY, pullAll, readerOf } from './pickups.fixtures.ts'

const t = useTestApp()

const ITEMS = [
  '条码号,题名,责任者,索书号,馆藏地,文献类型,流通状态',
  'P0001,取书测试图书甲,王明,TP311/P2,主馆 3楼,中文图书,在架',
  'P0002,取书测试图书乙,王明,TP311/P1,主馆 3楼,中文图书,在架',
  'P0003,取书测试图书丙,李华,G250/P1,主馆 2楼,中文图书,在架',
  'P0004,取书测试图书丁,李华,G250/P2,主馆 2楼,中文图书,在架',
  'P0005,取书测试图书戊,李华,G250/P3,主馆 2楼,中文图书,在架',
  'P0006,取书测试图书己,李华,G250/P4,主馆 2楼,中文图书,在架',
  'P0007,取书测试图书庚,李华,G250/P5,主馆 2楼,中文图书,在架',
  'P0008,取书测试图书辛,李华,G250/P6,主馆 2楼,中文图书,在架',
].join('\n')

// Monday 1 March 2027, 09:00 in Shanghai; the lobby opens 14:00–16:00 on weekdays.
const MONDAY = '2027-03-01T09:00:00+08:00'
const at = (local: string) => new Date(`${local}+08:00`).toISOString()

let lobby: string
let reader: ReturnType<typeof readerOf>
let other: ReturnType<typeof readerOf>

beforeAll(async () => {
  await addItems(t, 'sjtu', ITEMS)
  await addReader(t, 'sjtu', { readerNumber: 'P2021001', name: '取书同学', type: 'student' })
  await addReader(t, 'sjtu', { readerNumber: 'P2021002', name: '电话读者', type: 'student' })
  lobby = await addPickupPoint(t, 'sjtu')
  reader = readerOf(t, await t.signIn('P2021001', 'sjtu', 'reader-password-1'))
  other = readerOf(t, await t.signIn('P2021002', 'sjtu', 'reader-password-1'))
})

afterEach(() => resetClock(t))

const librarian = () => t.as('librarian')

const pullList = async () =>
  (await t.request({ method: 'GET', url: '/api/circulation/pull-list', cookie: await librarian() })).json()
    .items

const mark = async (lineId: string, outcome: 'found' | 'not_found') =>
  t.request({
    method: 'POST',
    url: `/api/circulation/pull-list/${lineId}`,
    cookie: await librarian(),
    payload: { outcome },
  })

const desk = async (path: string, payload?: object) =>
  t.request({
    method: 'POST',
    url: `/api/circulation/${path}`,
    cookie: await librarian(),
    ...(payload ? { payload } : {}),
  })

const itemStatus = async (barcode: string) =>
  (
    await t.ctx.db
      .selectFrom('catalogue_items')
      .select('status')
      .where('barcode', '=', barcode)
      .executeTakeFirstOrThrow()
  ).status

const auditActions = async (action: string) =>
  (
    await t.request({
      method: 'GET',
      url: `/api/audit-events?action=${action}`,
      cookie: await t.as('library_admin'),
    })
  ).json().items

describe('pickup points', () => {
  it('are set up by a library admin (audited), listed to readers, and checked', async () => {
    const points = await t.request({
      method: 'GET',
      url: '/api/circulation/pickup-points',
      cookie: await t.as('reader'),
    })
    // The demo's own lobby point (five readers a slot) and the one added here.
    expect(points.json().items).toContainEqual(
      expect.objectContaining({ id: lobby, nameZh: '主馆大厅取书点', readersPerSlot: 2 }),
    )
    expect(
      points
        .json()
        .items.map((point: { readersPerSlot: number }) => point.readersPerSlot)
        .sort(),
    ).toEqual([2, 5])
    expect((await auditActions('circulation.pickup_point.create'))[0].entityLabel).toBe('主馆大厅取书点')

    const backwards = await t.request({
      method: 'POST',
      url: '/api/circulation/pickup-points',
      cookie: await t.as('library_admin'),
      payload: { ...LOBBY, windows: [{ weekday: 1, opens: '16:00', closes: '14:00' }] },
    })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json().errors[0].path).toContain('closes')
    const byLibrarian = await t.request({
      method: 'POST',
      url: '/api/circulation/pickup-points',
      cookie: await librarian(),
      payload: LOBBY,
    })
    expect(byLibrarian.statusCode).toBe(403)
    // Another library neither sees nor changes this one's point.
    const elsewhere = await t.request({
      method: 'PUT',
      url: `/api/circulation/pickup-points/${lobby}`,
      cookie: await t.as('library_admin', 'tongji'),
      payload: LOBBY,
    })
    expect(elsewhere.statusCode).toBe(404)
    const theirSlots = await t.request({
      method: 'GET',
      url: `/api/circulation/pickup-points/${lobby}/slots`,
      cookie: await t.as('reader', 'tongji'),
    })
    expect(theirSlots.statusCode).toBe(404)
  })
})

describe('borrow requests and the pull list', () => {
  it('takes a reader’s online request and a phoned one, lists them by location then call number, and tells the reader', async () => {
    setClock(t, MONDAY)
    const [p1, p2, p3] = await itemIdsOf(t, ['P0001', 'P0002', 'P0003'])
    const online = await reader.request([p1!, p2!], lobby)
    expect(online.statusCode, online.body).toBe(201)
    expect(online.json()).toMatchObject({
      channel: 'online',
      lines: [{ status: 'requested' }, { status: 'requested' }],
    })

    const phoned = await desk('borrow-requests', {
      readerNumber: 'P2021002',
      barcodes: ['P0003'],
      pickupPointId: lobby,
      note: '读者来电',
    })
    expect(phoned.statusCode, phoned.body).toBe(201)
    expect(phoned.json()).toMatchObject({ channel: 'phone', reader: { readerNumber: 'P2021002' } })
    expect((await auditActions('circulation.borrow_request.create'))[0].entityLabel).toBe(
      '电话读者（P2021002）',
    )

    // Someone else cannot ask for an item already asked for; nobody can ask for an unknown one.
    const again = await other.request([p3!], lobby)
    expect(again.json()).toMatchObject({ status: 409, code: 'item_already_requested' })
    const unknown = await reader.request(['0190c1c2-0000-7000-8000-000000000000'], lobby)
    expect(unknown.statusCode).toBe(404)

    // 2楼 before 3楼, then by call number: G250/P1, TP311/P1, TP311/P2.
    const list = await pullList()
    expect(list.map((line: { item: { barcode: string } }) => line.item.barcode)).toEqual([
      'P0003',
      'P0002',
      'P0001',
    ])

    const notFound = await mark(list[2].id, 'not_found')
    expect(notFound.json().status).toBe('not_found')
    const found = await mark(list[1].id, 'found')
    expect(found.statusCode, found.body).toBe(200)
    // Held three open days: until Thursday 23:59 in Shanghai.
    expect(found.json()).toMatchObject({ status: 'found', holdUntil: at('2027-03-04T23:59:00') })
    expect(await itemStatus('P0002')).toBe('on_hold')
    expect((await mark(list[1].id, 'not_found')).json().code).toBe('line_already_marked')

    const told = await t.ctx.db
      .selectFrom('notice_outbox')
      .select(['event', 'subject'])
      .where('channel', '=', 'inbox')
      .where('dedupe_key', 'in', [`borrow-line:${list[1].id}`, `borrow-line:${list[2].id}`])
      .orderBy('event')
      .execute()
    expect(told).toEqual([
      { event: 'circulation.item_found', subject: '您预约的《取书测试图书乙》已备好，请预约取书时段' },
      { event: 'circulation.item_not_found', subject: '抱歉，未能找到您预约的《取书测试图书甲》' },
    ])
    expect((await auditActions('circulation.pull.found'))[0].entityLabel).toBe(
      '取书测试图书乙（P0002）→ 取书同学（P2021001）',
    )

    const mine = await reader.requests()
    expect(
      mine
        .json()
        .items[0].lines.map((line: { status: string }) => line.status)
        .sort(),
    ).toEqual(['found', 'not_found'])
    // A reader never sees another reader's requests, and may not call the desk's list.
    expect(JSON.stringify((await other.requests()).json())).not.toContain('P0002')
    const asReader = await t.request({
      method: 'GET',
      url: '/api/circulation/pull-list',
      cookie: await t.as('reader'),
    })
    expect(asReader.statusCode).toBe(403)
  })

  it('refuses items on loan and requests past the reader’s limit', async () => {
    setClock(t, MONDAY)
    expect((await deskOf(t).checkOut('P2021001', 'P0004')).statusCode).toBe(201)
    const [p4, p5, p6] = await itemIdsOf(t, ['P0004', 'P0005', 'P0006'])
    const lent = await other.request([p4!], lobby)
    expect(lent.json()).toMatchObject({ status: 409, code: 'item_not_available', itemStatus: 'on_loan' })

    // A student limit of 2: P2021002 has P0003 asked for, so one more is the most.
    await saveRules(
      t,
      'sjtu',
      DEFAULT_LOAN_RULES.map((rule) => (rule.readerType === 'student' ? { ...rule, itemLimit: 2 } : rule)),
    )
    const tooMany = await other.request([p5!, p6!], lobby)
    expect(tooMany.json()).toMatchObject({ status: 409, code: 'loan_limit_reached', itemLimit: 2 })
    await saveRules(t, 'sjtu', DEFAULT_LOAN_RULES)
    expect((await deskOf(t).checkIn('P0004')).statusCode).toBe(200)
  })
})

describe('pickup slots', () => {
  it('books a slot with a code and its QR image; full, past and closed slots answer 409 with the next free slots', async () => {
    setClock(t, MONDAY)
    const slots = await t.request({
      method: 'GET',
      url: `/api/circulation/pickup-points/${lobby}/slots`,
      cookie: await t.as('reader'),
    })
    const days = slots.json().days
    expect(days[0]).toMatchObject({ day: '2027-03-01', open: true })
    expect(days[0].slots.map((slot: { time: string }) => slot.time)).toEqual([
      '14:00',
      '14:30',
      '15:00',
      '15:30',
    ])
    // Saturday and Sunday have no windows.
    expect(days[5]).toMatchObject({ day: '2027-03-06', slots: [] })

    // P2021001 has P0002 waiting; P2021002 gets P0003 found to book too.
    await pullAll(t, ['P0003'])
    const booked = await reader.book(lobby, at('2027-03-01T14:00:00'))
    expect(booked.statusCode, booked.body).toBe(201)
    expect(booked.json()).toMatchObject({
      day: '2027-03-01',
      time: '14:00',
      status: 'booked',
      items: [{ barcode: 'P0002' }],
    })
    expect(booked.json().code).toMatch(/^[A-Z3-9]{6}$/)
    expect(booked.json().qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s)
    expect((await reader.book(lobby, at('2027-03-01T14:30:00'))).json().code).toBe('already_booked')

    // The slot holds two; a third reader would overbook it.
    await t.ctx.db
      .updateTable('pickup_slots')
      .set({ booked: 2 })
      .where('pickup_point_id', '=', lobby)
      .execute()
    const full = await other.book(lobby, at('2027-03-01T14:00:00'))
    expect(full.json()).toMatchObject({ status: 409, code: 'slot_full' })
    expect(full.json().nextFree[0]).toMatchObject({ day: '2027-03-01', time: '14:30', free: 2 })
    expect(full.json().nextFree).toHaveLength(5)
    await t.ctx.db
      .updateTable('pickup_slots')
      .set({ booked: 1 })
      .where('pickup_point_id', '=', lobby)
      .execute()
    // As a cancellation in another process would announce it.
    await t.ctx.events.publish(POINT_CHANGED_CHANNEL, lobby)

    const tooSoon = await other.book(lobby, at('2027-03-01T09:30:00'))
    expect(tooSoon.json().code).toBe('slot_past')
    const past = await other.book(lobby, at('2027-02-26T14:00:00'))
    expect(past.json()).toMatchObject({
      code: 'slot_past',
      nextFree: [{ time: '14:00' }, ...[1, 2, 3, 4].map(() => expect.anything())],
    })
    const offGrid = await other.book(lobby, at('2027-03-01T14:10:00'))
    expect(offGrid.json().code).toBe('slot_closed')
    const saturday = await other.book(lobby, at('2027-03-06T14:00:00'))
    expect(saturday.json().code).toBe('slot_closed')
    const tooFar = await other.book(lobby, at('2027-03-10T14:00:00'))
    expect(tooFar.json().code).toBe('slot_closed')

    // The library calendar closes Tuesday: its slots disappear and cannot be booked.
    const closed = await t.request({
      method: 'PUT',
      url: `/api/libraries/${t.world.libraries.find((l) => l.code === 'sjtu')!.id}/calendar`,
      cookie: await t.as('library_admin'),
      payload: { from: '2027-03-02', to: '2027-03-02', open: false, note: '闭馆' },
    })
    expect(closed.statusCode, closed.body).toBe(200)
    const tuesday = await other.book(lobby, at('2027-03-02T14:00:00'))
    expect(tuesday.json()).toMatchObject({ code: 'slot_closed' })
    expect(tuesday.json().nextFree.map((slot: { day: string }) => slot.day)).not.toContain('2027-03-02')

    const second = await other.book(lobby, at('2027-03-01T14:00:00'))
    expect(second.statusCode, second.body).toBe(201)
    expect(
      (await t.ctx.db.selectFrom('pickup_slots').select('booked').executeTakeFirstOrThrow()).booked,
    ).toBe(2)
  })

  it('lets a reader move or cancel their own booking, not someone else’s', async () => {
    setClock(t, MONDAY)
    const mine = (await reader.pickups()).json().items[0]
    const theirs = (await other.pickups()).json().items[0]
    const cookie = await t.signIn('P2021001', 'sjtu', 'reader-password-1')
    const stranger = await t.request({
      method: 'POST',
      url: `/api/circulation/pickup-bookings/${theirs.id}/cancel`,
      cookie,
    })
    expect(stranger.statusCode).toBe(404)
    const moved = await t.request({
      method: 'POST',
      url: `/api/circulation/pickup-bookings/${mine.id}/move`,
      cookie,
      payload: { startsAt: at('2027-03-03T15:00:00') },
    })
    expect(moved.json()).toMatchObject({ day: '2027-03-03', time: '15:00', code: mine.code })
    const slots = await t.ctx.db
      .selectFrom('pickup_slots')
      .select(['starts_at', 'booked'])
      .orderBy('starts_at')
      .execute()
    expect(slots.map((slot) => [slot.starts_at.toISOString(), slot.booked])).toEqual([
      [at('2027-03-01T14:00:00'), 1],
      [at('2027-03-03T15:00:00'), 1],
    ])
    const cancelled = await t.request({
      method: 'POST',
      url: `/api/circulation/pickup-bookings/${theirs.id}/cancel`,
      cookie: await t.signIn('P2021002', 'sjtu', 'reader-password-1'),
    })
    expect(cancelled.json().status).toBe('cancelled')
    expect((await other.book(lobby, at('2027-03-01T14:00:00'))).statusCode).toBe(201)
  })
})

describe('the pickup desk', () => {
  it('shows the day, stages, hands over by code (checking out what waits) and marks no-shows', async () => {
    setClock(t, '2027-03-03T09:00:00+08:00')
    const day = await t.request({
      method: 'GET',
      url: `/api/circulation/pickup-desk?pointId=${lobby}`,
      cookie: await librarian(),
    })
    expect(day.statusCode, day.body).toBe(200)
    const slot = day.json().slots.find((s: { time: string }) => s.time === '15:00')
    expect(slot.bookings).toMatchObject([
      { reader: { readerNumber: 'P2021001' }, items: [{ barcode: 'P0002' }] },
    ])
    const booking = slot.bookings[0]

    const staged = await desk(`pickup-bookings/${booking.id}/stage`)
    expect(staged.json().stagedAt).not.toBeNull()
    expect((await desk(`pickup-bookings/${booking.id}/no-show`)).json().code).toBe('slot_not_started')
    expect((await desk('pickup-handovers', { code: 'ZZZZZZ' })).json().code).toBe('unknown_pickup_code')

    setClock(t, '2027-03-03T15:05:00+08:00')
    const handed = await desk('pickup-handovers', { code: booking.code.toLowerCase() })
    expect(handed.statusCode, handed.body).toBe(200)
    expect(handed.json()).toMatchObject({ booking: { status: 'handed_over' }, loans: [{ barcode: 'P0002' }] })
    expect(await itemStatus('P0002')).toBe('on_loan')
    expect((await desk('pickup-handovers', { code: booking.code })).json().code).toBe('unknown_pickup_code')
    expect((await auditActions('circulation.pickup.hand_over'))[0].entityLabel).toContain(booking.code)
    expect((await auditActions('circulation.check_out'))[0].entityLabel).toContain('P0002')

    // P2021002 was booked on Monday 14:00 and did not come.
    setClock(t, '2027-03-01T15:00:00+08:00')
    const theirs = (await other.pickups()).json().items[0]
    const absent = await desk(`pickup-bookings/${theirs.id}/no-show`)
    expect(absent.json().status).toBe('no_show')
    expect(await auditActions('circulation.pickup.no_show')).toHaveLength(1)
    const asReader = await t.request({
      method: 'POST',
      url: `/api/circulation/pickup-bookings/${theirs.id}/no-show`,
      cookie: await t.as('reader'),
    })
    expect(asReader.statusCode).toBe(403)
  })
})

describe('holds', () => {
  it('do not expire while a pickup is booked or the library is closed; once expired, the reader cannot book and the item is shelved', async () => {
    setClock(t, MONDAY)
    const [p7, p8] = await itemIdsOf(t, ['P0007', 'P0008'])
    expect((await reader.request([p7!], lobby)).statusCode).toBe(201)
    expect((await other.request([p8!], lobby)).statusCode).toBe(201)
    await pullAll(t, ['P0007', 'P0008'])
    // Three open days of hold: Tuesday is closed, so until Friday 23:59. P2021001 books
    // Thursday 15:30; P2021002 books nothing.
    const holdOf = async (barcode: string) =>
      (
        await t.ctx.db
          .selectFrom('borrow_request_lines as l')
          .innerJoin('catalogue_items as i', 'i.id', 'l.item_id')
          .select(['l.hold_until', 'l.status'])
          .where('i.barcode', '=', barcode)
          .executeTakeFirstOrThrow()
      ).hold_until?.toISOString()
    expect(await holdOf('P0008')).toBe(at('2027-03-05T23:59:00'))
    expect((await reader.book(lobby, at('2027-03-04T15:30:00'))).statusCode).toBe(201)

    // The library closes on Friday too, after the items were found: the hold pauses for it.
    const closed = await t.request({
      method: 'PUT',
      url: `/api/libraries/${t.world.libraries.find((l) => l.code === 'sjtu')!.id}/calendar`,
      cookie: await t.as('library_admin'),
      payload: { from: '2027-03-05', to: '2027-03-05', open: false, note: '临时闭馆' },
    })
    expect(closed.statusCode, closed.body).toBe(200)
    setClock(t, '2027-03-06T09:00:00+08:00')
    expect(await expireAllHolds(t.ctx)).toBe(0)
    // Monday's three open days are now Wednesday, Thursday and Saturday (the library, not the lobby, opens then).
    expect(await holdOf('P0008')).toBe(at('2027-03-06T23:59:00'))
    expect(await itemStatus('P0008')).toBe('on_hold')

    // Tuesday: the sweep shelves the lapsed hold before anyone opens a list; the booked one stays.
    setClock(t, '2027-03-09T09:00:00+08:00')
    expect(await expireAllHolds(t.ctx)).toBeGreaterThan(0)
    expect(await itemStatus('P0008')).toBe('available')
    expect(await itemStatus('P0007')).toBe('on_hold')
    const desksView = await pullList()
    expect(desksView).toEqual([])
    const late = await other.book(lobby, at('2027-03-09T15:00:00'))
    expect(late.json()).toMatchObject({ status: 409, code: 'hold_expired' })
    const theirLines = (await other.requests())
      .json()
      .items.flatMap((request: { lines: object[] }) => request.lines)
    expect(theirLines).toContainEqual(
      expect.objectContaining({ status: 'expired', item: expect.objectContaining({ barcode: 'P0008' }) }),
    )

    // Still booked, so still held: handed over days late.
    const code = (await reader.pickups()).json().items[0].code
    const handed = await desk('pickup-handovers', { code })
    expect(handed.json().loans).toMatchObject([{ barcode: 'P0007' }])
  })
})

describe('concurrent bookings', () => {
  it('never overbook a slot', async () => {
    setClock(t, MONDAY)
    const readers = process.env.DATABASE_URL ? 40 : 12
    const barcodes = Array.from({ length: readers }, (_, n) => `PC${String(n).padStart(3, '0')}`)
    await addItems(
      t,
      'sjtu',
      [
        '条码号,题名,责任者,索书号,馆藏地,文献类型,流通状态',
        ...barcodes.map((barcode) => `${barcode},并发测试图书,王明,I247/${barcode},主馆 4楼,中文图书,在架`),
      ].join('\n'),
    )
    const ids = await itemIdsOf(t, barcodes)
    const cookies: string[] = []
    for (let n = 0; n < readers; n++) {
      const number = `PC20210${String(n).padStart(2, '0')}`
      await addReader(t, 'sjtu', { readerNumber: number, name: `并发读者${n}`, type: 'student' })
      const cookie = await t.signIn(number, 'sjtu', 'reader-password-1')
      cookies.push(cookie)
      expect((await readerOf(t, cookie).request([ids[n]!], lobby)).statusCode).toBe(201)
    }
    await pullAll(t, barcodes)
    const slot = at('2027-03-01T15:30:00')
    const answers = await Promise.all(cookies.map((cookie) => readerOf(t, cookie).book(lobby, slot)))
    const codes = answers.map((answer) => answer.statusCode).sort()
    expect(codes.filter((code) => code === 201)).toHaveLength(LOBBY.readersPerSlot)
    expect(codes.filter((code) => code === 409)).toHaveLength(readers - LOBBY.readersPerSlot)
    const row = await t.ctx.db
      .selectFrom('pickup_slots')
      .select('booked')
      .where('starts_at', '=', new Date(slot))
      .executeTakeFirstOrThrow()
    expect(row.booked).toBe(LOBBY.readersPerSlot)
    const bookings = await t.ctx.db
      .selectFrom('pickup_bookings')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('starts_at', '=', new Date(slot))
      .where('status', '=', 'booked')
      .executeTakeFirstOrThrow()
    expect(Number(bookings.count)).toBe(LOBBY.readersPerSlot)

    // A reader tapping twice at once, for two slots with room (Tuesday is closed), books one of them.
    const unbooked = answers.findIndex((answer) => answer.statusCode === 409)
    const twice = readerOf(t, cookies[unbooked]!)
    const taps = await Promise.all([
      twice.book(lobby, at('2027-03-03T14:00:00')),
      twice.book(lobby, at('2027-03-04T14:00:00')),
    ])
    expect(taps.map((tap) => tap.statusCode).sort()).toEqual([201, 409])
    expect(taps.find((tap) => tap.statusCode === 409)!.json().code).toBe('already_booked')
    expect((await twice.pickups()).json().items).toHaveLength(1)
  })
})
