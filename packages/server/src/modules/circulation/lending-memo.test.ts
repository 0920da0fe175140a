import { beforeAll, describe, expect, it } from 'vitest'
import { CALENDAR_CHANGED_CHANNEL } from '../../platform/libraries/libraries.service.ts'
import { useTestApp } from '../../test/test-app.ts'
import { addItems, addReader, deskOf, setClock, withoutQuarantine } from './circulation.fixtures.ts'
import { announceLoanRulesChanged } from './lending-memo.ts'

// The desk lends on what its process remembers of the library; these check that a change made
// anywhere is lent on as soon as it is announced.
const t = useTestApp()

const ITEMS = [
  '条码号,题名,责任者,索书号,馆藏地,文献类型,流通状态',
  ...['1', '2', '3', '4'].map((n) => `M000${n},记忆测试图书${n},王明,G250/M${n},主馆 3楼,中文图书,在架`),
].join('\n')

let sjtu: string

beforeAll(async () => {
  setClock(t, '2027-03-01T10:00:00+08:00')
  sjtu = t.world.libraries.find((library) => library.code === 'sjtu')!.id
  await withoutQuarantine(t)
  await addItems(t, 'sjtu', ITEMS)
  await addReader(t, 'sjtu', { readerNumber: 'M2021001', name: '记忆同学', type: 'student' })
})

/** The student item limit written at the database, as through another process. */
const setStudentLimit = (itemLimit: number) =>
  t.ctx.db
    .updateTable('loan_rules')
    .set({ item_limit: itemLimit })
    .where('library_id', '=', sjtu)
    .where('reader_type', '=', 'student')
    .where('material_type', 'is', null)
    .execute()

describe('what the desk remembers of a library', () => {
  it('lends on a rule changed through another process once the change is announced', async () => {
    const desk = deskOf(t)
    expect((await desk.checkOut('M2021001', 'M0001')).statusCode).toBe(201)
    await setStudentLimit(1)
    await announceLoanRulesChanged(t.ctx, sjtu)
    const refused = await desk.checkOut('M2021001', 'M0002')
    expect(refused.json()).toMatchObject({ code: 'loan_limit_reached', itemLimit: 1, onLoan: 1 })

    await setStudentLimit(20)
    await announceLoanRulesChanged(t.ctx, sjtu)
    expect((await desk.checkOut('M2021001', 'M0002')).statusCode).toBe(201)
  })

  it('lets a limit raise run out at its end, without any announcement', async () => {
    await setStudentLimit(2)
    await announceLoanRulesChanged(t.ctx, sjtu)
    const raised = await t.request({
      method: 'POST',
      url: '/api/circulation/closure/limit-raises',
      cookie: await t.as('librarian'),
      payload: { readerType: 'student', extraItems: 1, extraRenewals: 0, endDay: '2027-03-01' },
    })
    expect(raised.statusCode, raised.body).toBe(201)
    const desk = deskOf(t)
    expect((await desk.checkOut('M2021001', 'M0003')).statusCode).toBe(201)
    expect((await desk.checkIn('M0003')).statusCode).toBe(200)

    // The raise ends at midnight after its last day; the same day's memory must not outlive it.
    setClock(t, '2027-03-02T00:00:01+08:00')
    const refused = await desk.checkOut('M2021001', 'M0003')
    expect(refused.json()).toMatchObject({ code: 'loan_limit_reached', itemLimit: 2, onLoan: 2 })
  })

  it('moves due dates off a day closed through another process once the calendar change is announced', async () => {
    setClock(t, '2027-03-01T10:00:00+08:00')
    const desk = deskOf(t)
    expect((await desk.checkIn('M0002')).statusCode).toBe(200)
    const before = await desk.checkOut('M2021001', 'M0002')
    expect(before.statusCode, before.body).toBe(201)
    const dueDay: string = before.json().loan.dueDay
    expect((await desk.checkIn('M0002')).statusCode).toBe(200)

    await t.ctx.db
      .insertInto('library_calendar_days')
      .values({ library_id: sjtu, day: dueDay, open: false, note: '临时闭馆' })
      .execute()
    await t.ctx.events.publish(CALENDAR_CHANGED_CHANNEL, sjtu)
    const after = await desk.checkOut('M2021001', 'M0002')
    expect(after.statusCode, after.body).toBe(201)
    expect(after.json().loan.dueDay > dueDay).toBe(true)
  })
})
