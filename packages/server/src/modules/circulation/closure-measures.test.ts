import { v7 as uuidv7 } from 'uuid'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import {
  addItems,
  addReader,
  deskOf,
  resetClock,
  saveRules,
  setClock,
  withoutQuarantine,
} from './circulation.fixtures.ts'
import { DEFAULT_LOAN_RULES } from './loan-rules.ts'

const t = useTestApp()

const ITEMS = [
  '条码号,题名,责任者,索书号,馆藏地,文献类型,流通状态',
  ...['S0001', 'S0002', 'S0003', 'S0004', 'S0005', 'L0001', 'L0002', 'L0003', 'C0001', 'C0002', 'C0003'].map(
    (barcode) => `${barcode},闭馆措施测试${barcode},王明,G250/${barcode},主馆 3楼,中文图书,在架`,
  ),
].join('\n')

const sjtuId = () => t.world.libraries.find((library) => library.code === 'sjtu')!.id
const readers: Record<string, string> = {}

const setDays = async (from: string, to: string, open: boolean | null) => {
  const response = await t.request({
    method: 'PUT',
    url: `/api/libraries/${sjtuId()}/calendar`,
    cookie: await t.as('library_admin'),
    payload: { from, to, open },
  })
  expect(response.statusCode, response.body).toBe(200)
}

const lend = async (at: string, reader: string, barcode: string) => {
  setClock(t, at)
  const response = await deskOf(t).checkOut(reader, barcode)
  expect(response.statusCode, response.body).toBe(201)
  return response.json().loan
}

beforeAll(async () => {
  await withoutQuarantine(t)
  await addItems(t, 'sjtu', ITEMS)
  for (const [readerNumber, name, type] of [
    ['SA01', '分散甲', 'student'],
    ['SB01', '分散乙', 'student'],
    ['SC01', '分散丙', 'student'],
    ['LA01', '提额同学', 'student'],
    ['CA01', '闭馆同学', 'student'],
    ['FT01', '罚款老师', 'teacher'],
  ] as const) {
    readers[readerNumber] = await addReader(t, 'sjtu', { readerNumber, name, type })
  }
  readers.F001 = await addReader(t, 'fudan', { readerNumber: 'F001', name: '复旦同学', type: 'student' })
  // Due 3 March 2027 at 23:59 (30 days).
  for (const [reader, barcode] of [
    ['SA01', 'S0001'],
    ['SA01', 'S0002'],
    ['SB01', 'S0003'],
    ['SB01', 'S0004'],
    ['SC01', 'S0005'],
  ]) {
    await lend('2027-02-01T10:00:00+08:00', reader!, barcode!)
  }
  // Due 20 April and 1 May.
  await lend('2027-03-21T10:00:00+08:00', 'CA01', 'C0001')
  await lend('2027-04-01T10:00:00+08:00', 'CA01', 'C0002')
  await lend('2027-04-01T10:00:00+08:00', 'CA01', 'C0003')
  resetClock(t)
})

afterEach(() => resetClock(t))

const post = async (
  url: string,
  payload: object,
  role: 'librarian' | 'reader' = 'librarian',
  library = 'sjtu',
) => t.request({ method: 'POST', url, cookie: await t.as(role, library), payload })

const expectFieldProblem = (
  response: {
    statusCode: number
    headers: Record<string, unknown>
    body: string
    json(): { errors: unknown[] }
  },
  path: string,
  code: string,
) => {
  expect(response.statusCode, response.body).toBe(400)
  expect(String(response.headers['content-type'])).toContain('application/problem+json')
  expect(response.json().errors).toContainEqual(expect.objectContaining({ path, code }))
}

const dueOf = async (barcode: string) => {
  const row = await t.ctx.db
    .selectFrom('loans as l')
    .innerJoin('catalogue_items as i', 'i.id', 'l.item_id')
    .select('l.due_at')
    .where('i.barcode', '=', barcode)
    .executeTakeFirstOrThrow()
  return row.due_at.toISOString()
}

describe('spreading returns over the first open days', () => {
  const SPREAD = {
    dueFrom: '2027-03-01',
    dueTo: '2027-03-05',
    startDay: '2027-03-08',
    openDays: 3,
    dailyCap: 2,
  }

  it('previews loans per open day, a reader’s books together, and refuses what does not fit', async () => {
    await setDays('2027-03-09', '2027-03-09', false)
    setClock(t, '2027-03-01T09:00:00+08:00')
    const preview = await post('/api/circulation/closure/return-spreads/preview', SPREAD)
    expect(preview.statusCode, preview.body).toBe(200)
    expect(preview.json()).toMatchObject({
      count: 5,
      unplaced: 0,
      days: [
        { day: '2027-03-08', count: 2 },
        { day: '2027-03-10', count: 2 },
        { day: '2027-03-11', count: 1 },
      ],
    })
    const tight = await post('/api/circulation/closure/return-spreads/preview', { ...SPREAD, dailyCap: 1 })
    expect(tight.json()).toMatchObject({ count: 5, unplaced: 2 })
    const refused = await post('/api/circulation/closure/return-spreads', { ...SPREAD, dailyCap: 1 })
    expectFieldProblem(refused, 'body.dailyCap', 'too_small')
    expect(await t.ctx.db.selectFrom('closure_batches').select('id').execute()).toHaveLength(0)
  })

  it('applies as a batch that keeps each loan’s time of day, and undoes it', async () => {
    setClock(t, '2027-03-01T09:00:00+08:00')
    const applied = await post('/api/circulation/closure/return-spreads', {
      ...SPREAD,
      reason: '恢复开馆，分散还书',
    })
    expect(applied.statusCode, applied.body).toBe(201)
    expect(applied.json()).toMatchObject({ kind: 'return_spread', affected: 5, reason: '恢复开馆，分散还书' })
    expect(await dueOf('S0001')).toBe('2027-03-08T15:59:00.000Z')
    expect(await dueOf('S0002')).toBe('2027-03-08T15:59:00.000Z')
    expect(await dueOf('S0003')).toBe('2027-03-10T15:59:00.000Z')
    expect(await dueOf('S0004')).toBe('2027-03-10T15:59:00.000Z')
    expect(await dueOf('S0005')).toBe('2027-03-11T15:59:00.000Z')
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'circulation.closure.return_spread')
      .execute()
    expect(audit).toEqual([{ entity_id: applied.json().id }])

    const undone = await post(`/api/circulation/closure/batches/${applied.json().id}/undo`, {})
    expect(undone.json()).toMatchObject({ restored: 5, changedSince: 0 })
    for (const barcode of ['S0001', 'S0003', 'S0005'])
      expect(await dueOf(barcode)).toBe('2027-03-03T15:59:00.000Z')
  })

  it('answers bad windows and counts with 4xx problems', async () => {
    setClock(t, '2027-03-01T09:00:00+08:00')
    const url = '/api/circulation/closure/return-spreads/preview'
    expectFieldProblem(await post(url, { ...SPREAD, dueTo: '2027-02-01' }), 'body.dueTo', 'ends_before_start')
    expectFieldProblem(await post(url, { ...SPREAD, openDays: 0 }), 'body.openDays', 'too_small')
    expectFieldProblem(await post(url, { ...SPREAD, openDays: 61 }), 'body.openDays', 'too_big')
    expectFieldProblem(await post(url, { ...SPREAD, dailyCap: 0 }), 'body.dailyCap', 'too_small')
    expectFieldProblem(await post(url, { ...SPREAD, startDay: '2027-02-28' }), 'body.startDay', 'too_small')
    expect((await post(url, SPREAD, 'reader')).statusCode).toBe(403)
  })
})

describe('bulk fine waivers', () => {
  const fine = async (
    reader: string,
    amountFen: number,
    createdAt: string,
    status: 'open' | 'paid' = 'open',
  ) => {
    const libraryId = reader === 'F001' ? t.world.libraries.find((l) => l.code === 'fudan')!.id : sjtuId()
    await t.ctx.db
      .insertInto('fines')
      .values({
        id: uuidv7(),
        library_id: libraryId,
        reader_id: readers[reader]!,
        loan_id: null,
        amount_fen: amountFen,
        kind: 'imported',
        overdue_days: null,
        note: status === 'paid' ? '已缴' : null,
        status,
        created_at: new Date(createdAt),
      })
      .execute()
  }

  beforeAll(async () => {
    await fine('SA01', 120, '2027-02-10T10:00:00+08:00')
    await fine('SA01', 30, '2027-03-02T10:00:00+08:00')
    await fine('SA01', 50, '2027-02-11T10:00:00+08:00', 'paid')
    await fine('FT01', 200, '2027-02-15T10:00:00+08:00')
    await fine('F001', 80, '2027-02-15T10:00:00+08:00')
  })

  const previewWaiver = (payload: object) =>
    post('/api/circulation/closure/fine-waivers/preview', {
      reason: '闭馆期间逾期全部豁免',
      // The demo library's own fines are older.
      createdFrom: '2027-01-01',
      ...payload,
    })

  it('previews the open fines of the library a filter selects', async () => {
    expect((await previewWaiver({})).json()).toEqual({ count: 3, totalFen: 350, readers: 2 })
    expect((await previewWaiver({ readerType: 'student' })).json()).toEqual({
      count: 2,
      totalFen: 150,
      readers: 1,
    })
    expect((await previewWaiver({ createdFrom: '2027-02-01', createdTo: '2027-02-28' })).json()).toEqual({
      count: 2,
      totalFen: 320,
      readers: 2,
    })
  })

  it('waives them with the reason as one audited batch, and undoes it', async () => {
    setClock(t, '2027-03-05T10:00:00+08:00')
    const applied = await post('/api/circulation/closure/fine-waivers', {
      readerType: 'student',
      createdFrom: '2027-01-01',
      reason: '闭馆期间逾期全部豁免',
    })
    expect(applied.statusCode, applied.body).toBe(201)
    expect(applied.json()).toMatchObject({ kind: 'fine_waiver', affected: 2, reason: '闭馆期间逾期全部豁免' })
    const finesOf = () =>
      t.ctx.db
        .selectFrom('fines')
        .select(['amount_fen', 'status', 'note', 'settled_at'])
        .where('reader_id', '=', readers.SA01!)
        .orderBy('amount_fen')
        .execute()
    expect(await finesOf()).toEqual([
      {
        amount_fen: 30,
        status: 'waived',
        note: '闭馆期间逾期全部豁免',
        settled_at: new Date('2027-03-05T02:00:00Z'),
      },
      { amount_fen: 50, status: 'paid', note: '已缴', settled_at: null },
      {
        amount_fen: 120,
        status: 'waived',
        note: '闭馆期间逾期全部豁免',
        settled_at: new Date('2027-03-05T02:00:00Z'),
      },
    ])
    const atDesk = await t.request({
      method: 'GET',
      url: '/api/circulation/readers/SA01',
      cookie: await t.as('librarian'),
    })
    expect(atDesk.json().openFinesFen).toBe(0)
    expect((await previewWaiver({})).json()).toEqual({ count: 1, totalFen: 200, readers: 1 })
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'circulation.closure.fine_waiver')
      .execute()
    expect(audit).toEqual([{ entity_id: applied.json().id }])

    const undone = await post(`/api/circulation/closure/batches/${applied.json().id}/undo`, {})
    expect(undone.json()).toMatchObject({ restored: 2, changedSince: 0 })
    expect(await finesOf()).toEqual([
      { amount_fen: 30, status: 'open', note: null, settled_at: null },
      { amount_fen: 50, status: 'paid', note: '已缴', settled_at: null },
      { amount_fen: 120, status: 'open', note: null, settled_at: null },
    ])
  })

  it('needs a reason and a sound date range', async () => {
    const url = '/api/circulation/closure/fine-waivers'
    expectFieldProblem(await post(url, { reason: '  ' }), 'body.reason', 'required')
    expectFieldProblem(
      await post(url, { reason: '闭馆', createdFrom: '2027-03-01', createdTo: '2027-02-01' }),
      'body.createdTo',
      'ends_before_start',
    )
    expectFieldProblem(
      await post(url, { reason: '闭馆', readerType: 'alumnus' }),
      'body.readerType',
      'invalid_value',
    )
    expect((await post(url, { reason: '闭馆' }, 'reader')).statusCode).toBe(403)
  })
})

describe('temporary limit raises', () => {
  it('let readers borrow and renew more until the end day, then the rules hold again', async () => {
    const tight = DEFAULT_LOAN_RULES.filter((rule) => rule.materialType === null).map((rule) =>
      rule.readerType === 'student' ? { ...rule, itemLimit: 1, renewalLimit: 0 } : rule,
    )
    expect((await saveRules(t, 'sjtu', tight)).statusCode).toBe(200)
    await lend('2027-03-01T10:00:00+08:00', 'LA01', 'L0001')
    const desk = deskOf(t)
    expect((await desk.checkOut('LA01', 'L0002')).json().code).toBe('loan_limit_reached')

    const raised = await post('/api/circulation/closure/limit-raises', {
      readerType: 'student',
      extraItems: 2,
      extraRenewals: 1,
      endDay: '2027-03-10',
      note: '闭馆期间放宽借阅',
    })
    expect(raised.statusCode, raised.body).toBe(201)
    expect(raised.json()).toMatchObject({
      readerType: 'student',
      extraItems: 2,
      extraRenewals: 1,
      endDay: '2027-03-10',
      endsAt: '2027-03-10T16:00:00.000Z',
      active: true,
    })
    expect((await desk.checkOut('LA01', 'L0002')).statusCode).toBe(201)
    expect((await desk.renew('L0001')).statusCode).toBe(200)
    const atDesk = await t.request({
      method: 'GET',
      url: '/api/circulation/readers/LA01',
      cookie: await t.as('librarian'),
    })
    expect(atDesk.json().itemLimit).toBe(3)
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('entity_id')
      .where('action', '=', 'circulation.closure.limit_raise')
      .execute()
    expect(audit).toEqual([{ entity_id: raised.json().id }])

    // After the end day: one item, no renewals, as the rules say.
    setClock(t, '2027-03-11T09:00:00+08:00')
    expect((await desk.checkOut('LA01', 'L0003')).json().code).toBe('loan_limit_reached')
    expect((await desk.renew('L0002')).json().code).toBe('renewal_limit_reached')
    const list = await t.request({
      method: 'GET',
      url: '/api/circulation/closure/limit-raises',
      cookie: await t.as('librarian'),
    })
    expect(list.json().raises).toMatchObject([{ id: raised.json().id, active: false, endedAt: null }])
  })

  it('can be ended early, once', async () => {
    setClock(t, '2027-03-11T09:00:00+08:00')
    const raised = await post('/api/circulation/closure/limit-raises', {
      extraItems: 5,
      extraRenewals: 0,
      endDay: '2027-03-20',
    })
    expect(raised.json()).toMatchObject({ readerType: null, active: true })
    const desk = deskOf(t)
    expect((await desk.checkOut('LA01', 'L0003')).statusCode).toBe(201)
    expect((await desk.checkIn('L0003')).statusCode).toBe(200)
    const ended = await post(`/api/circulation/closure/limit-raises/${raised.json().id}/end`, {})
    expect(ended.statusCode, ended.body).toBe(200)
    expect(ended.json()).toMatchObject({ active: false, endedAt: '2027-03-11T01:00:00.000Z' })
    expect((await desk.checkOut('LA01', 'L0003')).json().code).toBe('loan_limit_reached')
    const again = await post(`/api/circulation/closure/limit-raises/${raised.json().id}/end`, {})
    expect(again.statusCode).toBe(409)
    const elsewhere = await post(
      `/api/circulation/closure/limit-raises/${raised.json().id}/end`,
      {},
      'librarian',
      'fudan',
    )
    expect(elsewhere.statusCode).toBe(404)
  })

  it('answers bad raises with 4xx problems', async () => {
    setClock(t, '2027-03-11T09:00:00+08:00')
    const url = '/api/circulation/closure/limit-raises'
    const good = { readerType: 'student', extraItems: 2, extraRenewals: 1, endDay: '2027-03-20' }
    expectFieldProblem(await post(url, { ...good, endDay: '2027-03-10' }), 'body.endDay', 'too_small')
    expectFieldProblem(await post(url, { ...good, extraItems: 501 }), 'body.extraItems', 'too_big')
    expectFieldProblem(await post(url, { ...good, extraRenewals: -1 }), 'body.extraRenewals', 'too_small')
    expectFieldProblem(
      await post(url, { ...good, readerType: 'alumnus' }),
      'body.readerType',
      'invalid_value',
    )
    expect((await post(url, good, 'reader')).statusCode).toBe(403)
  })
})

describe('fines and closed days', () => {
  it('charge nothing for the days of a closure, nor the first open day after a due day it covered', async () => {
    expect((await saveRules(t, 'sjtu', DEFAULT_LOAN_RULES)).statusCode).toBe(200)
    // Declared after the books were lent: closed 25 April to 5 May, with C0002 and C0003 due 1 May.
    await setDays('2027-04-25', '2027-05-05', false)
    const desk = deskOf(t)
    setClock(t, '2027-05-06T10:00:00+08:00')
    const onReopening = await desk.checkIn('C0002')
    expect(onReopening.statusCode, onReopening.body).toBe(200)
    expect(onReopening.json().fine).toBeNull()
    // Due 20 April: late 21–24 April and 6 May; the closure costs nothing.
    const beforeClosure = await desk.checkIn('C0001')
    expect(beforeClosure.json().fine).toMatchObject({ overdueDays: 5, amountFen: 50 })
    setClock(t, '2027-05-08T10:00:00+08:00')
    const later = await desk.checkIn('C0003')
    expect(later.json().fine).toMatchObject({ overdueDays: 2, amountFen: 20 })
  })
})
