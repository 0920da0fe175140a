import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import {
  addItems,
  addReader,
  deskOf,
  resetClock,
  setClock,
  withoutQuarantine,
} from './circulation.fixtures.ts'

const t = useTestApp()

const ITEMS = [
  '条码号,题名,责任者,索书号,馆藏地,文献类型,流通状态',
  ...['1', '2', '3', '4', '5', '6'].map(
    (n) => `B000${n},延期测试图书${n},王明,G250/B${n},主馆 3楼,中文图书,在架`,
  ),
  'B0007,分馆的书,李华,G251/B7,分馆 1楼,中文图书,在架',
].join('\n')

const NOW = '2027-02-06T10:00:00+08:00'

const closure = async (from: string, to: string, open: boolean | null) => {
  const sjtu = t.world.libraries.find((library) => library.code === 'sjtu')!
  const response = await t.request({
    method: 'PUT',
    url: `/api/libraries/${sjtu.id}/calendar`,
    cookie: await t.as('library_admin'),
    payload: { from, to, open, ...(open === false ? { note: '疫情防控闭馆' } : {}) },
  })
  expect(response.statusCode, response.body).toBe(200)
}

beforeAll(async () => {
  await withoutQuarantine(t)
  await addItems(t, 'sjtu', ITEMS)
  await addReader(t, 'sjtu', { readerNumber: 'B2021001', name: '延期同学甲', type: 'student' })
  await addReader(t, 'sjtu', { readerNumber: 'B2021002', name: '延期同学乙', type: 'student' })
  await addReader(t, 'sjtu', { readerNumber: 'BT100', name: '延期老师', type: 'teacher' })
  const desk = deskOf(t)
  const lend = async (at: string, reader: string, barcode: string) => {
    setClock(t, at)
    const response = await desk.checkOut(reader, barcode)
    expect(response.statusCode, response.body).toBe(201)
  }
  // Due 9 February (students lend for 30 days), 10 April (teachers, 90), 19 February, 4 February.
  await lend('2027-01-10T10:00:00+08:00', 'B2021001', 'B0001')
  await lend('2027-01-10T10:00:00+08:00', 'B2021001', 'B0002')
  await lend('2027-01-10T10:00:00+08:00', 'BT100', 'B0003')
  await lend('2027-01-20T10:00:00+08:00', 'B2021002', 'B0004')
  await lend('2027-01-20T10:00:00+08:00', 'B2021002', 'B0007')
  await lend('2027-01-05T10:00:00+08:00', 'B2021002', 'B0005')
  resetClock(t)
  await closure('2027-02-07', '2027-03-07', false)
})

afterEach(() => resetClock(t))

const post = async (
  url: string,
  payload: object,
  role: 'librarian' | 'reader' = 'librarian',
  library = 'sjtu',
) => t.request({ method: 'POST', url, cookie: await t.as(role, library), payload })

const preview = (payload: object, role: 'librarian' | 'reader' = 'librarian', library = 'sjtu') =>
  post('/api/circulation/closure/due-dates/preview', payload, role, library)

const FEBRUARY = { dueFrom: '2027-02-01', dueTo: '2027-02-28' }

const dueOf = async (barcode: string) => {
  const row = await t.ctx.db
    .selectFrom('loans as l')
    .innerJoin('catalogue_items as i', 'i.id', 'l.item_id')
    .select(['l.due_at', 'l.returned_at'])
    .where('i.barcode', '=', barcode)
    .orderBy('l.checked_out_at', 'desc')
    .executeTakeFirstOrThrow()
  return row.due_at.toISOString()
}

describe('bulk due-date change', () => {
  it('previews the loans a filter selects, leaving overdue ones out unless asked', async () => {
    setClock(t, NOW)
    const plain = await preview({ filter: FEBRUARY, change: { kind: 'by', days: 30 } })
    expect(plain.statusCode, plain.body).toBe(200)
    expect(plain.json()).toMatchObject({ count: 4, overdue: 0, movedOffClosedDays: 0 })
    expect(plain.json().sample[0]).toMatchObject({
      item: { barcode: expect.stringMatching(/^B000[12]$/) },
      dueBeforeLocal: '2027-02-09 23:59',
      dueAfterLocal: '2027-03-11 23:59',
    })

    // The overdue loan (due 4 February) would land on 6 March, closed: it moves to 8 March.
    const withOverdue = await preview({
      filter: { ...FEBRUARY, includeOverdue: true },
      change: { kind: 'by', days: 30 },
    })
    expect(withOverdue.json()).toMatchObject({ count: 5, overdue: 1, movedOffClosedDays: 1 })
    expect(withOverdue.json().sample[0]).toMatchObject({
      item: { barcode: 'B0005' },
      dueAfterLocal: '2027-03-08 23:59',
    })

    const narrow = await preview({
      filter: { ...FEBRUARY, readerType: 'student', location: '分馆 1楼' },
      change: { kind: 'by', days: 30 },
    })
    expect(narrow.json()).toMatchObject({ count: 1, sample: [{ item: { barcode: 'B0007' } }] })
    const teachers = await preview({
      filter: { dueFrom: '2027-01-01', dueTo: '2027-12-31', readerType: 'teacher' },
      change: { kind: 'by', days: 10 },
    })
    expect(teachers.json()).toMatchObject({ count: 1, sample: [{ item: { barcode: 'B0003' } }] })

    // To a closed day: the next open day, each loan keeping its time of day; never earlier.
    const toClosed = await preview({ filter: FEBRUARY, change: { kind: 'to', day: '2027-02-15' } })
    expect(toClosed.json()).toMatchObject({ count: 4, movedOffClosedDays: 4 })
    expect(toClosed.json().sample[0].dueAfterLocal).toBe('2027-03-08 23:59')
    const earlier = await preview({
      filter: { dueFrom: '2027-01-01', dueTo: '2027-12-31' },
      change: { kind: 'to', day: '2027-03-20' },
    })
    expect(earlier.json().count).toBe(4)

    // Another library's staff see none of these loans.
    const elsewhere = await preview(
      { filter: FEBRUARY, change: { kind: 'by', days: 30 } },
      'librarian',
      'fudan',
    )
    expect(elsewhere.json().count).toBe(0)
  })

  it('applies as one audited batch and undoes it, leaving alone loans changed since', async () => {
    setClock(t, NOW)
    const applied = await post('/api/circulation/closure/due-dates', {
      filter: FEBRUARY,
      change: { kind: 'to', day: '2027-03-10' },
      reason: '疫情闭馆，统一延期',
    })
    expect(applied.statusCode, applied.body).toBe(201)
    expect(applied.json()).toMatchObject({
      kind: 'due_dates',
      affected: 4,
      reason: '疫情闭馆，统一延期',
      undoneAt: null,
      request: { change: { kind: 'to', day: '2027-03-10' } },
    })
    for (const barcode of ['B0001', 'B0002', 'B0004', 'B0007']) {
      expect(await dueOf(barcode)).toBe('2027-03-10T15:59:00.000Z')
    }
    expect(await dueOf('B0005')).toBe('2027-02-04T15:59:00.000Z')
    expect(await dueOf('B0003')).toBe('2027-04-10T15:59:00.000Z')
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id'])
      .where('action', '=', 'circulation.closure.due_dates')
      .execute()
    expect(audit).toEqual([{ action: 'circulation.closure.due_dates', entity_id: applied.json().id }])

    // Since then, one loan is renewed and one returned.
    const desk = deskOf(t)
    expect((await desk.renew('B0001')).statusCode).toBe(200)
    expect((await desk.checkIn('B0002')).statusCode).toBe(200)
    const renewedDue = await dueOf('B0001')

    const undone = await post(`/api/circulation/closure/batches/${applied.json().id}/undo`, {})
    expect(undone.statusCode, undone.body).toBe(200)
    expect(undone.json()).toMatchObject({
      restored: 2,
      changedSince: 2,
      batch: { undo: { restored: 2, changedSince: 2 } },
    })
    expect(
      undone
        .json()
        .changedSample.map((loan: { barcode: string; returned: boolean }) => [loan.barcode, loan.returned])
        .sort(),
    ).toEqual([
      ['B0001', false],
      ['B0002', true],
    ])
    expect(await dueOf('B0004')).toBe('2027-02-19T15:59:00.000Z')
    expect(await dueOf('B0007')).toBe('2027-02-19T15:59:00.000Z')
    expect(await dueOf('B0001')).toBe(renewedDue)

    const again = await post(`/api/circulation/closure/batches/${applied.json().id}/undo`, {})
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('illegal_transition')
    const otherLibrary = await post(
      `/api/circulation/closure/batches/${applied.json().id}/undo`,
      {},
      'librarian',
      'fudan',
    )
    expect(otherLibrary.statusCode).toBe(404)

    const history = await t.request({
      method: 'GET',
      url: '/api/circulation/closure/batches',
      cookie: await t.as('librarian'),
    })
    expect(history.json().batches[0]).toMatchObject({
      id: applied.json().id,
      undo: { restored: 2, changedSince: 2 },
      undoneBy: { name: expect.any(String) },
    })
    const undoAudit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'circulation.closure.due_dates.undo')
      .execute()
    expect(undoAudit).toHaveLength(1)
  })

  it('undoes only what a batch changed when a later batch moved the same loans', async () => {
    setClock(t, NOW)
    const first = await post('/api/circulation/closure/due-dates', {
      filter: { dueFrom: '2027-02-19', dueTo: '2027-02-19' },
      change: { kind: 'by', days: 20 },
    })
    expect(first.json().affected).toBe(2)
    const second = await post('/api/circulation/closure/due-dates', {
      filter: { dueFrom: '2027-03-01', dueTo: '2027-03-31', location: '分馆 1楼' },
      change: { kind: 'by', days: 5 },
    })
    expect(second.json().affected).toBe(1)
    const undoFirst = await post(`/api/circulation/closure/batches/${first.json().id}/undo`, {})
    expect(undoFirst.json()).toMatchObject({ restored: 1, changedSince: 1 })
    expect(await dueOf('B0004')).toBe('2027-02-19T15:59:00.000Z')
    expect(await dueOf('B0007')).toBe('2027-03-16T15:59:00.000Z')
    const undoSecond = await post(`/api/circulation/closure/batches/${second.json().id}/undo`, {})
    expect(undoSecond.json()).toMatchObject({ restored: 1, changedSince: 0 })
    expect(await dueOf('B0007')).toBe('2027-03-11T15:59:00.000Z')
  })

  it('answers bad input with 4xx problems and lets only desk staff in', async () => {
    setClock(t, NOW)
    const cases: [payload: object, path: string, code: string][] = [
      [
        { filter: { dueFrom: '2027-03-01', dueTo: '2027-02-01' }, change: { kind: 'by', days: 3 } },
        'body.filter.dueTo',
        'ends_before_start',
      ],
      [{ filter: FEBRUARY, change: { kind: 'by', days: 0 } }, 'body.change.days', 'too_small'],
      [{ filter: FEBRUARY, change: { kind: 'by', days: 400 } }, 'body.change.days', 'too_big'],
      [
        { filter: { ...FEBRUARY, readerType: 'alumnus' }, change: { kind: 'by', days: 3 } },
        'body.filter.readerType',
        'invalid_value',
      ],
      [{ filter: FEBRUARY, change: { kind: 'to', day: '2027-02-06' } }, 'body.change.day', 'too_small'],
      [{ filter: FEBRUARY, change: { kind: 'to', day: '2027-02-30' } }, 'body.change.day', 'invalid_format'],
    ]
    for (const [payload, path, code] of cases) {
      for (const url of [
        '/api/circulation/closure/due-dates/preview',
        '/api/circulation/closure/due-dates',
      ]) {
        const response = await post(url, payload)
        expect(response.statusCode, `${url} ${JSON.stringify(payload)}`).toBe(400)
        expect(String(response.headers['content-type'])).toContain('application/problem+json')
        expect(response.json().errors, response.body).toContainEqual(expect.objectContaining({ path, code }))
      }
    }
    const past = await preview({ filter: FEBRUARY, change: { kind: 'to', day: '2027-01-01' } })
    expect(past.json().errors[0].message).toBe('新的应还日期须晚于今天')
    const reader = await preview({ filter: FEBRUARY, change: { kind: 'by', days: 3 } }, 'reader')
    expect(reader.statusCode).toBe(403)
    const batches = await t.ctx.db.selectFrom('closure_batches').select('id').execute()
    expect(batches).toHaveLength(3)
  })
})
