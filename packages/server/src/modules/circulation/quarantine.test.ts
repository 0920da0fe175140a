import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { addItems, addReader, deskOf, resetClock, setClock } from './circulation.fixtures.ts'

const t = useTestApp()

const ITEMS = [
  '条码号,题名,责任者,索书号,馆藏地,文献类型,流通状态',
  ...['1', '2', '3', '4'].map((n) => `Q000${n},隔离测试图书${n},王明,G250/Q${n},主馆 2楼,中文图书,在架`),
  'QAV01,隔离测试光盘,李华,J6/Q1,主馆 2楼,音像,在架',
].join('\n')

beforeAll(async () => {
  await addItems(t, 'sjtu', ITEMS)
  await addReader(t, 'sjtu', { readerNumber: 'Q2021001', name: '隔离同学', type: 'student' })
})

afterEach(() => resetClock(t))

const savePeriods = async (libraryCode: string, periods: object[]) =>
  t.request({
    method: 'PUT',
    url: '/api/circulation/quarantine-periods',
    cookie: await t.as('library_admin', libraryCode),
    payload: { periods },
  })

const listQuarantine = async (show = 'all', role: 'librarian' | 'reader' = 'librarian', library = 'sjtu') =>
  t.request({
    method: 'GET',
    url: `/api/circulation/quarantine?show=${show}`,
    cookie: await t.as(role, library),
  })

const release = async (itemId: string, role: 'librarian' | 'reader' = 'librarian', library = 'sjtu') =>
  t.request({
    method: 'POST',
    url: `/api/circulation/quarantine/${itemId}/release`,
    cookie: await t.as(role, library),
  })

const releaseDue = async () =>
  t.request({
    method: 'POST',
    url: '/api/circulation/quarantine/release-due',
    cookie: await t.as('librarian'),
  })

/** Lends an item on the first day and takes it back at `returnAt`. */
const lendAndReturn = async (barcode: string, returnAt: string) => {
  const desk = deskOf(t)
  setClock(t, '2027-03-01T09:00:00+08:00')
  const out = await desk.checkOut('Q2021001', barcode)
  expect(out.statusCode, out.body).toBe(201)
  setClock(t, returnAt)
  const back = await desk.checkIn(barcode)
  expect(back.statusCode, back.body).toBe(200)
  return back.json()
}

describe('quarantine periods', () => {
  it('are the demo values, replaced by a library admin and audited; librarians may not change them', async () => {
    const before = await t.request({
      method: 'GET',
      url: '/api/circulation/quarantine-periods',
      cookie: await t.as('librarian'),
    })
    expect(before.json().periods).toEqual([
      { materialType: null, hours: 24 },
      { materialType: 'book', hours: 72 },
    ])
    const saved = await savePeriods('sjtu', [
      { materialType: 'book', hours: 72 },
      { materialType: null, hours: 24 },
      { materialType: 'audiovisual', hours: 48 },
    ])
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json().periods.map((p: { materialType: string | null }) => p.materialType)).toEqual([
      null,
      'audiovisual',
      'book',
    ])
    const audit = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=circulation.quarantine_periods.save',
      cookie: await t.as('library_admin'),
    })
    expect(audit.json().items[0].entityLabel).toBe('上海交通大学图书馆')
    const duplicate = await savePeriods('sjtu', [
      { materialType: 'book', hours: 72 },
      { materialType: 'book', hours: 12 },
    ])
    expect(duplicate.statusCode).toBe(400)
    const byLibrarian = await t.request({
      method: 'PUT',
      url: '/api/circulation/quarantine-periods',
      cookie: await t.as('librarian'),
      payload: { periods: [] },
    })
    expect(byLibrarian.statusCode).toBe(403)
  })
})

describe('check-in into quarantine', () => {
  it('rests a returned item for its material type’s hours, refuses to lend it meanwhile, and shelves it on release', async () => {
    const back = await lendAndReturn('Q0001', '2027-03-05T10:00:00+08:00')
    // Books rest 72 hours: until 8 March, 10:00 in Shanghai.
    expect(back.item).toMatchObject({ status: 'quarantined', quarantineUntil: '2027-03-08T02:00:00.000Z' })

    setClock(t, '2027-03-06T10:00:00+08:00')
    const refused = await deskOf(t).checkOut('Q2021001', 'Q0001')
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({
      code: 'item_in_quarantine',
      quarantineUntil: '2027-03-08T02:00:00.000Z',
    })
    expect(refused.json().detail).toContain('2027-03-08 10:00')

    // The disc's own period (48 hours) applies, not the books'.
    const disc = await lendAndReturn('QAV01', '2027-03-05T11:00:00+08:00')
    expect(disc.item.quarantineUntil).toBe('2027-03-07T03:00:00.000Z')

    setClock(t, '2027-03-08T10:30:00+08:00')
    const released = await release(back.item.id)
    expect(released.json()).toEqual({ released: 1 })
    expect((await deskOf(t).checkOut('Q2021001', 'Q0001')).statusCode).toBe(201)
    expect((await release(back.item.id)).json().code).toBe('not_in_quarantine')

    const audit = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=circulation.quarantine.release',
      cookie: await t.as('library_admin'),
    })
    expect(audit.json().items[0].entityLabel).toBe('隔离测试图书1（Q0001）')
    await release(disc.item.id)
  })

  it('lists items by when they leave, filtered to leaving today or due, and releases all that are due', async () => {
    await lendAndReturn('Q0002', '2027-03-10T09:00:00+08:00') // until 13 March 09:00
    await lendAndReturn('Q0003', '2027-03-10T17:00:00+08:00') // until 13 March 17:00
    await lendAndReturn('Q0004', '2027-03-09T08:00:00+08:00') // until 12 March 08:00
    setClock(t, '2027-03-13T12:00:00+08:00')
    const all = await listQuarantine('all')
    expect(all.statusCode, all.body).toBe(200)
    expect(all.json().items.map((item: { barcode: string }) => item.barcode)).toEqual([
      'Q0004',
      'Q0002',
      'Q0003',
    ])
    expect(all.json().items[0]).toMatchObject({ untilLocal: '2027-03-12 08:00', due: true })
    expect(all.json().counts).toEqual({ all: 3, today: 1, overdue: 2 })
    const today = await listQuarantine('today')
    expect(today.json().items.map((item: { barcode: string }) => item.barcode)).toEqual(['Q0003'])
    const overdue = await listQuarantine('overdue')
    expect(overdue.json().items.map((item: { barcode: string }) => item.barcode)).toEqual(['Q0004', 'Q0002'])

    expect((await releaseDue()).json()).toEqual({ released: 2 })
    const left = await listQuarantine('all')
    expect(left.json().items.map((item: { barcode: string }) => item.barcode)).toEqual(['Q0003'])
    setClock(t, '2027-03-13T18:00:00+08:00')
    expect((await releaseDue()).json()).toEqual({ released: 1 })
  })

  it('shelves at once where the library has turned quarantine off', async () => {
    expect((await savePeriods('sjtu', [])).statusCode).toBe(200)
    const back = await lendAndReturn('Q0002', '2027-03-20T10:00:00+08:00')
    expect(back.item).toMatchObject({ status: 'available', quarantineUntil: null })
    expect((await listQuarantine()).json().counts.all).toBe(0)
    expect(
      (
        await savePeriods('sjtu', [
          { materialType: null, hours: 24 },
          { materialType: 'book', hours: 72 },
        ])
      ).statusCode,
    ).toBe(200)
  })
})

describe('access to quarantine', () => {
  it('keeps each library’s quarantine to its own desk; readers are refused', async () => {
    const back = await lendAndReturn('QAV01', '2027-04-01T10:00:00+08:00')
    const fudan = await listQuarantine('all', 'librarian', 'fudan')
    expect(fudan.statusCode).toBe(200)
    expect(fudan.json().items.map((item: { id: string }) => item.id)).not.toContain(back.item.id)
    expect((await release(back.item.id, 'librarian', 'fudan')).statusCode).toBe(404)
    expect((await listQuarantine('all', 'reader')).statusCode).toBe(403)
    expect((await release(back.item.id, 'reader')).statusCode).toBe(403)
    const still = await listQuarantine('all')
    expect(still.json().items.map((item: { id: string }) => item.id)).toContain(back.item.id)
  })
})
