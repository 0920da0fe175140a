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
import { announceLoanRulesChanged } from './lending-memo.ts'
import { DEFAULT_LOAN_RULES } from './loan-rules.ts'

const t = useTestApp()

const ITEMS = [
  '条码号,题名,责任者,索书号,馆藏地,文献类型,流通状态',
  ...['1', '2', '3', '4', '5', '6'].map(
    (n) => `D000${n},流通测试图书${n},王明,G250/W${n},主馆 3楼,中文图书,在架`,
  ),
  'P0001,正在加工的书,李华,G251/L1,主馆 3楼,中文图书,加工中',
  'L0001,原系统借出的书,李华,G251/L2,主馆 3楼,中文图书,借出',
].join('\n')

beforeAll(async () => {
  await withoutQuarantine(t)
  await addItems(t, 'sjtu', ITEMS)
  await addReader(t, 'sjtu', { readerNumber: '2021001', name: '钱同学', type: 'student' })
  await addReader(t, 'sjtu', { readerNumber: 'T100', name: '赵老师', type: 'teacher' })
  await addReader(t, 'fudan', { readerNumber: 'F999', name: '孙同学', type: 'student' })
  const disabled = await addReader(t, 'sjtu', { readerNumber: 'X001', name: '停用的读者', type: 'student' })
  await t.request({
    method: 'PATCH',
    url: `/api/accounts/${disabled}`,
    cookie: await t.as('library_admin'),
    payload: { status: 'disabled' },
  })
})

afterEach(() => resetClock(t))

const itemStatus = async (barcode: string) =>
  (
    await t.request({
      method: 'GET',
      url: `/api/catalogue/items?q=${barcode}`,
      cookie: await t.as('librarian'),
    })
  ).json().items[0].status

describe('check-out at the desk', () => {
  it('lends for the loan period, due at 23:59 on an open day, and marks the item on loan', async () => {
    setClock(t, '2027-01-17T10:00:00+08:00')
    const desk = deskOf(t)
    const student = await desk.checkOut('2021001', 'D0001')
    expect(student.statusCode, student.body).toBe(201)
    // 30 days on is 16 February, in the Spring Festival closure (16–18): due Friday the 19th.
    expect(student.json().loan).toMatchObject({
      dueAt: '2027-02-19T15:59:00.000Z',
      dueDay: '2027-02-19',
      renewals: 0,
      renewalsLeft: 1,
      overdue: false,
      item: { barcode: 'D0001', title: '流通测试图书1' },
      reader: { readerNumber: '2021001', name: '钱同学', type: 'student' },
    })
    expect(student.json().reader).toMatchObject({ itemLimit: 20, openFinesFen: 0 })
    expect(student.json().reader.loans).toHaveLength(1)
    const teacher = await desk.checkOut('T100', 'D0002')
    expect(teacher.json().loan).toMatchObject({ dueAt: '2027-04-17T15:59:00.000Z', renewalsLeft: 2 })
    expect(await itemStatus('D0001')).toBe('on_loan')

    const audit = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=circulation.check_out',
      cookie: await t.as('library_admin'),
    })
    expect(audit.json().items.map((event: { entityLabel: string }) => event.entityLabel)).toContain(
      '流通测试图书1（D0001）→ 钱同学（2021001）',
    )
  })

  it('refuses with a code and a reason for each thing that is wrong', async () => {
    const desk = deskOf(t)
    const fudanBarcode = (
      await t.ctx.db
        .selectFrom('catalogue_items')
        .select('barcode')
        .where('barcode', 'like', 'FUDAN%')
        .where('status', '=', 'available')
        .executeTakeFirstOrThrow()
    ).barcode
    const cases: [string, string, number, string, string | undefined][] = [
      ['2021001', 'NOPE1', 404, 'unknown_barcode', 'NOPE1'],
      ['9999999', 'D0003', 404, 'unknown_reader', '9999999'],
      ['2021001', fudanBarcode, 409, 'item_of_another_library', '复旦大学图书馆'],
      ['F999', 'D0003', 409, 'reader_of_another_library', '复旦大学图书馆'],
      ['T100', 'D0001', 409, 'item_on_loan', '已借给其他读者，应还日期 2027-02-19'],
      ['2021001', 'D0001', 409, 'item_on_loan', '这位读者已经借了这册书'],
      ['2021001', 'L0001', 409, 'item_on_loan', undefined],
      ['2021001', 'P0001', 409, 'item_not_available', '加工中'],
      ['X001', 'D0003', 409, 'reader_disabled', undefined],
    ]
    for (const [reader, barcode, status, code, detail] of cases) {
      const response = await desk.checkOut(reader, barcode)
      expect(response.statusCode, `${reader} ${barcode}`).toBe(status)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(response.json().code).toBe(code)
      if (detail) expect(response.json().detail).toContain(detail)
    }
    expect(await itemStatus('D0003')).toBe('available')
  })

  it('refuses a copy marked as on the shelf while a loan of it is still open, and writes nothing', async () => {
    const desk = deskOf(t)
    expect((await desk.checkOut('2021001', 'D0005')).statusCode).toBe(201)
    // As an import from the old system can leave it.
    await t.ctx.db
      .updateTable('catalogue_items')
      .set({ status: 'available' })
      .where('barcode', '=', 'D0005')
      .execute()
    const auditBefore = await t.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const refused = await desk.checkOut('T100', 'D0005')
    expect(refused.statusCode, refused.body).toBe(409)
    expect(refused.json().code).toBe('item_on_loan')
    const auditAfter = await t.ctx.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n))
    expect(await itemStatus('D0005')).toBe('available')
    expect((await desk.checkIn('D0005')).statusCode).toBe(200)
  })

  it('keeps to the item limit overall and per material type with a rule of its own', async () => {
    await addItems(
      t,
      'tongji',
      [
        '条码号,题名,文献类型',
        'TJ001,书一,图书',
        'TJ002,书二,图书',
        'TJAV1,光盘一,音像',
        'TJAV2,光盘二,音像',
      ].join('\n'),
    )
    await addReader(t, 'tongji', { readerNumber: '2022002', name: '冯同学', type: 'student' })
    const rules = DEFAULT_LOAN_RULES.map((rule) =>
      rule.readerType !== 'student' ? rule : { ...rule, itemLimit: rule.materialType ? 1 : 2 },
    )
    expect((await saveRules(t, 'tongji', rules)).statusCode).toBe(200)
    const desk = deskOf(t, 'tongji')
    expect((await desk.checkOut('2022002', 'TJAV1')).statusCode).toBe(201)
    const secondDisc = await desk.checkOut('2022002', 'TJAV2')
    expect(secondDisc.statusCode).toBe(409)
    expect(secondDisc.json()).toMatchObject({ code: 'loan_limit_reached', itemLimit: 1, onLoan: 1 })
    expect(secondDisc.json().detail).toContain('音像资料')
    expect((await desk.checkOut('2022002', 'TJ001')).statusCode).toBe(201)
    const third = await desk.checkOut('2022002', 'TJ002')
    expect(third.json()).toMatchObject({ code: 'loan_limit_reached', itemLimit: 2, onLoan: 2 })
    expect(third.json().detail).toBe('读者已借 2 册，已达上限 2 册，请先归还再借。')
    expect((await desk.checkIn('TJ001')).statusCode).toBe(200)
    expect((await desk.checkOut('2022002', 'TJ002')).statusCode).toBe(201)
  })

  it('refuses to lend where the library has no rule for the reader', async () => {
    const tongji = t.world.libraries.find((library) => library.code === 'tongji')!.id
    await t.ctx.db
      .deleteFrom('loan_rules')
      .where('library_id', '=', tongji)
      .where('reader_type', '=', 'teacher')
      .execute()
    // Written behind the service's back, so announced as the rules page would.
    await announceLoanRulesChanged(t.ctx, tongji)
    await addReader(t, 'tongji', { readerNumber: 'T200', name: '卫老师', type: 'teacher' })
    const response = await deskOf(t, 'tongji').checkOut('T200', 'TJAV2')
    expect(response.json().code).toBe('no_loan_rule')
  })
})

describe('renewal', () => {
  it('moves the due date on from the current one by the renewal period, as often as the rule allows', async () => {
    setClock(t, '2027-02-01T09:00:00+08:00')
    const desk = deskOf(t)
    const first = await desk.renew('D0001')
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toMatchObject({ dueAt: '2027-03-21T15:59:00.000Z', renewals: 1, renewalsLeft: 0 })
    const again = await desk.renew('D0001')
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'renewal_limit_reached', renewals: 1, renewalLimit: 1 })
    expect(again.json().detail).toBe('已续借 1 次，最多可续借 1 次，不能再续借。')
    expect((await desk.renew('D0003')).json().code).toBe('not_on_loan')
  })

  it('refuses an overdue loan unless the rule allows it, then counts from today', async () => {
    setClock(t, '2027-04-20T09:00:00+08:00')
    const desk = deskOf(t)
    const refused = await desk.renew('D0002')
    expect(refused.json().code).toBe('overdue_not_renewable')
    expect(refused.json().detail).toBe('已超期的借阅不能续借，请尽快归还。')
    const rules = DEFAULT_LOAN_RULES.map((rule) =>
      rule.readerType === 'teacher' ? { ...rule, renewOverdue: true } : rule,
    )
    await saveRules(t, 'sjtu', rules)
    const renewed = await desk.renew('D0002')
    expect(renewed.json()).toMatchObject({ dueAt: '2027-06-19T15:59:00.000Z', renewals: 1, overdue: false })
    await saveRules(t, 'sjtu', DEFAULT_LOAN_RULES)
  })

  it('lets a reader renew their own loan once, however often they click', async () => {
    setClock(t, '2027-01-20T09:00:00+08:00')
    const desk = deskOf(t)
    const loan = (await desk.checkOut('2021001', 'D0004')).json().loan
    const reader = await t.signIn('2021001', 'sjtu', 'reader-password-1')
    const click = () =>
      t.request({
        method: 'POST',
        url: `/api/circulation/my-loans/${loan.id}/renew`,
        cookie: reader,
        payload: { seenDueAt: loan.dueAt },
      })
    const first = await click()
    expect(first.statusCode, first.body).toBe(200)
    const second = await click()
    expect(second.json()).toEqual(first.json())
    expect(second.json()).toMatchObject({ renewals: 1, renewalsLeft: 0 })
    const stranger = await t.request({
      method: 'POST',
      url: `/api/circulation/my-loans/${loan.id}/renew`,
      cookie: await t.as('reader'),
      payload: {},
    })
    expect(stranger.statusCode).toBe(404)
  })
})

describe('check-in', () => {
  it('fines each open day late, not the days the library was closed', async () => {
    setClock(t, '2027-01-13T10:00:00+08:00')
    const desk = deskOf(t)
    const lent = await desk.checkOut('2021001', 'D0005')
    expect(lent.json().loan.dueAt).toBe('2027-02-12T15:59:00.000Z')
    setClock(t, '2027-02-20T16:30:00+08:00')
    const back = await desk.checkIn('D0005')
    expect(back.statusCode, back.body).toBe(200)
    // Late on 13, 14, 15, 19 and 20 February; the festival closure (16–18) costs nothing.
    expect(back.json().fine).toMatchObject({
      amountFen: 50,
      kind: 'overdue',
      overdueDays: 5,
      status: 'open',
      item: { barcode: 'D0005' },
    })
    expect(back.json().loan.returnedAt).toBe('2027-02-20T08:30:00.000Z')
    expect(back.json().item.status).toBe('available')
    expect(await itemStatus('D0005')).toBe('available')
    expect((await desk.checkIn('D0005')).json().code).toBe('not_on_loan')

    const atDesk = await t.request({
      method: 'GET',
      url: '/api/circulation/readers/2021001',
      cookie: await t.as('librarian'),
    })
    expect(atDesk.json()).toMatchObject({ openFinesFen: 50 })
    expect(atDesk.json().loans.map((loan: { item: { barcode: string } }) => loan.item.barcode)).not.toContain(
      'D0005',
    )
  })

  it('charges nothing for a return on time or within closed days', async () => {
    setClock(t, '2027-01-17T10:00:00+08:00')
    const desk = deskOf(t)
    await desk.checkOut('T100', 'D0006')
    setClock(t, '2027-04-17T20:00:00+08:00')
    const back = await desk.checkIn('D0006')
    expect(back.json().fine).toBeNull()
  })

  it('puts back on the shelf an item marked on loan without a loan record', async () => {
    const back = await deskOf(t).checkIn('L0001')
    expect(back.statusCode, back.body).toBe(200)
    expect(back.json()).toMatchObject({
      loan: null,
      fine: null,
      item: { barcode: 'L0001', status: 'available' },
    })
  })
})

describe('fines at the desk', () => {
  it('are paid or waived with a reason, once', async () => {
    const fine = (
      await t.request({
        method: 'GET',
        url: '/api/circulation/readers/2021001',
        cookie: await t.as('librarian'),
      })
    ).json().fines[0]
    const settle = async (payload: object, libraryCode = 'sjtu') =>
      t.request({
        method: 'POST',
        url: `/api/circulation/fines/${fine.id}/settle`,
        cookie: await t.as('librarian', libraryCode),
        payload,
      })
    expect((await settle({ status: 'waived' })).statusCode).toBe(400)
    expect((await settle({ status: 'waived', note: '闭馆期间' }, 'fudan')).statusCode).toBe(404)
    const waived = await settle({ status: 'waived', note: '春节闭馆前借出，酌情免除' })
    expect(waived.statusCode, waived.body).toBe(200)
    expect(waived.json()).toMatchObject({ status: 'waived', note: '春节闭馆前借出，酌情免除' })
    expect((await settle({ status: 'paid' })).json().code).toBe('illegal_transition')
    const audit = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=circulation.fine.waive',
      cookie: await t.as('library_admin'),
    })
    expect(audit.json().items).toHaveLength(1)
  })
})
