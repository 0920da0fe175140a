import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { addItems, addReader, deskOf, resetClock, setClock } from './circulation.fixtures.ts'

const t = useTestApp()

type Loan = { id: string; item: { barcode: string }; reader: { readerNumber: string }; overdue: boolean }

const list = async (
  query: string,
  who: 'librarian' | 'subject_librarian' | 'consortium_admin' = 'librarian',
  libraryCode = 'fudan',
) => {
  const response = await t.request({
    method: 'GET',
    url: `/api/circulation/loans?${query}`,
    cookie: await t.as(who, libraryCode),
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as { items: Loan[]; nextCursor: string | null }
}

const barcodes = (loans: Loan[]) => loans.map((loan) => loan.item.barcode)

beforeAll(async () => {
  await addItems(
    t,
    'fudan',
    [
      '条码号,题名,馆藏地',
      'LS01,书一,文科图书馆 3楼',
      'LS02,书二,文科图书馆 3楼',
      'LS03,书三,理科图书馆 2楼',
      'LS04,书四,理科图书馆 2楼',
    ].join('\n'),
  )
  await addReader(t, 'fudan', { readerNumber: '2024001', name: '蒋同学', type: 'student' })
  await addReader(t, 'fudan', { readerNumber: 'T300', name: '沈老师', type: 'teacher' })
  const desk = deskOf(t, 'fudan')
  setClock(t, '2026-12-01T10:00:00+08:00')
  await desk.checkOut('2024001', 'LS01') // due 2026-12-31
  await desk.checkOut('T300', 'LS03') // due 2027-03-01
  setClock(t, '2026-12-10T10:00:00+08:00')
  await desk.checkOut('2024001', 'LS02') // due 2027-01-09
  await desk.checkOut('2024001', 'LS04') // due 2027-01-09, returned below
  await desk.checkIn('LS04')
})

afterEach(() => resetClock(t))

describe('the loans list', () => {
  it('filters by reader, due dates, overdue, location and reader type', async () => {
    setClock(t, '2027-01-05T10:00:00+08:00')
    const ours = (loans: Loan[]) => barcodes(loans).filter((code) => code.startsWith('LS'))
    expect(ours((await list('limit=200')).items)).toEqual(['LS01', 'LS02', 'LS03'])
    expect(barcodes((await list('readerNumber=2024001')).items)).toEqual(['LS01', 'LS02'])
    expect(ours((await list('dueFrom=2027-01-01&dueTo=2027-01-09')).items)).toEqual(['LS02'])
    const overdue = (await list('overdue=true&readerNumber=2024001')).items
    expect(barcodes(overdue)).toEqual(['LS01'])
    expect(overdue[0]!.overdue).toBe(true)
    expect(ours((await list(`location=${encodeURIComponent('理科图书馆 2楼')}`)).items)).toEqual(['LS03'])
    expect(barcodes((await list('readerType=teacher')).items)).toEqual(['LS03'])
    expect(barcodes((await list('state=returned&readerNumber=2024001')).items)).toEqual(['LS04'])
  })

  it('pages through by due date, and refuses a made-up page position', async () => {
    const first = await list('readerNumber=2024001&state=all&limit=2')
    expect(first.items).toHaveLength(2)
    const second = await list(`readerNumber=2024001&state=all&limit=2&cursor=${first.nextCursor}`)
    expect(second.nextCursor).toBeNull()
    expect(new Set([...barcodes(first.items), ...barcodes(second.items)])).toEqual(
      new Set(['LS01', 'LS02', 'LS04']),
    )
    const bad = await t.request({
      method: 'GET',
      url: '/api/circulation/loans?cursor=abc',
      cookie: await t.as('librarian', 'fudan'),
    })
    expect(bad.statusCode).toBe(400)
  })

  it('shows each library only its own loans; the consortium admin names a library', async () => {
    expect(barcodes((await list('limit=200', 'librarian', 'sjtu')).items)).not.toContain('LS01')
    const fudanId = t.world.libraries.find((library) => library.code === 'fudan')!.id
    const foreign = await t.request({
      method: 'GET',
      url: `/api/circulation/loans?libraryId=${fudanId}`,
      cookie: await t.as('librarian', 'sjtu'),
    })
    expect(foreign.statusCode).toBe(404)
    expect(barcodes((await list(`libraryId=${fudanId}&limit=200`, 'consortium_admin')).items)).toContain(
      'LS01',
    )
    expect((await list('limit=5', 'subject_librarian')).items.length).toBeGreaterThan(0)
    const reader = await t.request({
      method: 'GET',
      url: '/api/circulation/loans',
      cookie: await t.as('reader', 'fudan'),
    })
    expect(reader.statusCode).toBe(403)
  })
})

describe('my loans', () => {
  it('show a reader their own loans soonest due first, overdue marked, and nobody else’s', async () => {
    setClock(t, '2027-01-05T10:00:00+08:00')
    const student = await t.signIn('2024001', 'fudan', 'reader-password-1')
    const mine = (
      await t.request({ method: 'GET', url: '/api/circulation/my-loans', cookie: student })
    ).json()
    expect(mine.loans.map((loan: Loan) => [loan.item.barcode, loan.overdue])).toEqual([
      ['LS01', true],
      ['LS02', false],
    ])
    expect(mine).toMatchObject({ itemLimit: 20, openFinesFen: 0 })
    const teacher = await t.signIn('T300', 'fudan', 'reader-password-1')
    const theirs = (
      await t.request({ method: 'GET', url: '/api/circulation/my-loans', cookie: teacher })
    ).json()
    expect(barcodes(theirs.loans)).toEqual(['LS03'])
    const renewOthers = await t.request({
      method: 'POST',
      url: `/api/circulation/my-loans/${mine.loans[1].id}/renew`,
      cookie: teacher,
      payload: {},
    })
    expect(renewOthers.statusCode).toBe(404)
    const overdue = await t.request({
      method: 'POST',
      url: `/api/circulation/my-loans/${mine.loans[0].id}/renew`,
      cookie: student,
      headers: { 'accept-language': 'en' },
      payload: {},
    })
    expect(overdue.statusCode).toBe(409)
    expect(overdue.json().code).toBe('overdue_not_renewable')
    const admin = (
      await t.request({
        method: 'GET',
        url: '/api/circulation/my-loans',
        cookie: await t.as('consortium_admin'),
      })
    ).json()
    expect(admin).toEqual({ loans: [], fines: [], itemLimit: null, openFinesFen: 0 })
  })

  it('cannot be lent, returned or renewed from another library’s desk', async () => {
    const sjtuDesk = deskOf(t, 'sjtu')
    expect((await sjtuDesk.checkIn('LS02')).json().code).toBe('item_of_another_library')
    expect((await sjtuDesk.renew('LS02')).json().code).toBe('item_of_another_library')
    expect((await sjtuDesk.checkOut('2020001', 'LS03')).json().code).toBe('item_of_another_library')
    const atDesk = await t.request({
      method: 'GET',
      url: '/api/circulation/readers/T300',
      cookie: await t.as('librarian', 'sjtu'),
    })
    expect(atDesk.json().code).toBe('reader_of_another_library')
  })
})
