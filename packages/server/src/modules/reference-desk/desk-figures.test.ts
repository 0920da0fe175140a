import { describe, expect, it } from 'vitest'
import { todayIn } from '../../platform/libraries/calendar.ts'
import { useTestApp } from '../../test/test-app.ts'
import { act, libraryId, queueId, setDuty, startChat } from './desk.fixtures.ts'

const t = useTestApp()

/** A chat asked, taken and ended through the API, then placed at known times. */
const chatAt = async (
  queue: string,
  times: { created: string; waitSeconds?: number; answerSeconds?: number },
  score?: number,
) => {
  const reader = await t.as('reader')
  const librarian = await t.as('librarian')
  const chat = (await startChat(t, reader, queue)).json()
  await act(t, librarian, chat.id, 'claim')
  await act(t, librarian, chat.id, 'close')
  if (score) {
    const rated = await t.request({
      method: 'PUT',
      url: `/api/reference-desk/conversations/${chat.id}/rating`,
      cookie: reader,
      payload: { score },
    })
    expect(rated.statusCode, rated.body).toBe(200)
  }
  const created = new Date(times.created)
  const after = (seconds: number | undefined) =>
    seconds === undefined ? null : new Date(created.getTime() + seconds * 1000)
  await t.ctx.db
    .updateTable('reference_conversations')
    .set({
      created_at: created,
      assigned_at: after(times.waitSeconds),
      first_answer_at: after(times.answerSeconds),
    })
    .where('id', '=', chat.id)
    .execute()
  return chat.id as string
}

/** A reader's question through the portal's form, then placed at a known time, replied to and moved on. */
const ticketAt = async (
  queue: string,
  times: { created: string; replySeconds?: number },
  status: 'new' | 'open' | 'pending' | 'closed',
) => {
  const reader = await t.as('reader')
  const asked = await t.request({
    method: 'POST',
    url: '/api/reference-desk/tickets',
    cookie: reader,
    payload: { queueId: queue, subject: '查收查引', text: '需要多久？' },
  })
  expect(asked.statusCode, asked.body).toBe(201)
  const created = new Date(times.created)
  await t.ctx.db
    .updateTable('reference_tickets')
    .set({
      created_at: created,
      status,
      first_reply_at:
        times.replySeconds === undefined ? null : new Date(created.getTime() + times.replySeconds * 1000),
    })
    .where('id', '=', asked.json().id)
    .execute()
}

const figures = (cookie: string, query: string) =>
  t.request({ method: 'GET', url: `/api/reference-desk/figures?${query}`, cookie })

describe('the desk’s figures', () => {
  it('counts chats per queue and per local hour, with waiting, first answer and ratings', async () => {
    const librarian = await t.as('librarian')
    const admin = await t.as('library_admin')
    const reference = await queueId(t, 'reference')
    const documents = await queueId(t, 'documents')
    await setDuty(t, librarian, reference, true)
    await setDuty(t, librarian, documents, true)
    // 09:30 and 23:10 on 20 November in Shanghai; 00:30 on the 21st there is still the 20th in UTC.
    await chatAt(reference, { created: '2026-11-20T01:30:00Z', waitSeconds: 120, answerSeconds: 180 }, 4)
    await chatAt(documents, { created: '2026-11-20T15:10:00Z', waitSeconds: 60 })
    await chatAt(reference, { created: '2026-11-20T16:30:00Z', waitSeconds: 30, answerSeconds: 40 }, 1)

    const day = await figures(admin, 'from=2026-11-20&to=2026-11-20')
    expect(day.statusCode, day.body).toBe(200)
    const body = day.json()
    expect(body).toMatchObject({ timeZone: 'Asia/Shanghai', sources: ['chats', 'tickets'] })
    expect(body.totals).toEqual({
      counts: { chats: 2, tickets: 0 },
      total: 2,
      averageWaitSeconds: 90,
      averageFirstAnswerSeconds: 180,
      ratingAverage: 4,
      ratingCount: 1,
      tickets: {
        byStatus: { new: 0, open: 0, pending: 0, closed: 0 },
        averageFirstAnswerSeconds: null,
        answered: 0,
      },
    })
    expect(body.byHour).toHaveLength(24)
    expect(body.byHour[9]).toEqual({ hour: 9, counts: { chats: 1, tickets: 0 }, total: 1 })
    expect(body.byDay).toEqual([{ day: '2026-11-20', counts: { chats: 2, tickets: 0 }, total: 2 }])
    expect(body.byHour[23].total).toBe(1)
    const byCode = Object.fromEntries(
      body.byQueue.map((line: { queue: { code: string } }) => [line.queue.code, line]),
    )
    expect(byCode.reference).toMatchObject({ total: 1, averageWaitSeconds: 120, ratingAverage: 4 })
    expect(byCode.documents).toMatchObject({ total: 1, averageFirstAnswerSeconds: null, ratingAverage: null })
    expect(byCode.purchase).toMatchObject({ total: 0 })

    const twoDays = (await figures(admin, 'from=2026-11-20&to=2026-11-21')).json()
    expect(twoDays.totals).toMatchObject({ total: 3, ratingAverage: 2.5, ratingCount: 2 })
    expect(twoDays.byHour[0].total).toBe(1)

    // The consortium admin names a member library; another library's admin and librarians may not look.
    const consortium = await t.as('consortium_admin')
    const named = await figures(consortium, `from=2026-11-20&to=2026-11-21&libraryId=${libraryId(t)}`)
    expect(named.json().totals.total).toBe(3)
    expect((await figures(librarian, 'from=2026-11-20&to=2026-11-20')).statusCode).toBe(403)
    expect((await figures(await t.as('reader'), 'from=2026-11-20&to=2026-11-20')).statusCode).toBe(403)
    const otherAdmin = await t.as('library_admin', 'fudan')
    expect(
      (await figures(otherAdmin, `from=2026-11-20&to=2026-11-20&libraryId=${libraryId(t)}`)).statusCode,
    ).toBe(404)
    expect((await figures(otherAdmin, 'from=2026-11-20&to=2026-11-21')).json().totals.total).toBe(0)
  })

  it('counts tickets next to chats: per queue, hour and day, by status, with time to the first staff reply', async () => {
    const admin = await t.as('library_admin')
    const reference = await queueId(t, 'reference')
    const documents = await queueId(t, 'documents')
    // 10:00 and 22:15 on 10 November in Shanghai, and 08:00 on the 11th.
    await ticketAt(reference, { created: '2026-11-10T02:00:00Z', replySeconds: 3600 }, 'closed')
    await ticketAt(reference, { created: '2026-11-10T14:15:00Z' }, 'new')
    await ticketAt(documents, { created: '2026-11-11T00:00:00Z', replySeconds: 7200 }, 'pending')

    const body = (await figures(admin, 'from=2026-11-10&to=2026-11-11')).json()
    expect(body.totals.counts).toEqual({ chats: 0, tickets: 3 })
    expect(body.totals.tickets).toEqual({
      byStatus: { new: 1, open: 0, pending: 1, closed: 1 },
      averageFirstAnswerSeconds: 5400,
      answered: 2,
    })
    // Chats' averages are the chats' alone: a ticket's hours do not stretch them.
    expect(body.totals).toMatchObject({
      averageWaitSeconds: null,
      averageFirstAnswerSeconds: null,
      ratingCount: 0,
    })
    const byCode = Object.fromEntries(
      body.byQueue.map((line: { queue: { code: string } }) => [line.queue.code, line]),
    )
    expect(byCode.reference.tickets).toMatchObject({
      byStatus: { new: 1, closed: 1 },
      averageFirstAnswerSeconds: 3600,
    })
    expect(byCode.documents).toMatchObject({ counts: { tickets: 1 }, total: 1 })
    expect(body.byHour[10].counts).toEqual({ chats: 0, tickets: 1 })
    expect(body.byHour[22].counts.tickets).toBe(1)
    expect(body.byDay).toEqual([
      { day: '2026-11-10', counts: { chats: 0, tickets: 2 }, total: 2 },
      { day: '2026-11-11', counts: { chats: 0, tickets: 1 }, total: 1 },
    ])

    const csv = (
      await t.request({
        method: 'GET',
        url: '/api/reference-desk/figures/export?from=2026-11-10&to=2026-11-11&format=csv',
        cookie: admin,
      })
    ).body
    expect(csv).toContain('咨询队列,在线咨询,留言咨询,合计,')
    expect(csv).toContain('留言：新建,留言：处理中,留言：待读者回复,留言：已关闭,留言平均首次答复（小时）')
    expect(csv.split('\n').find((line) => line.startsWith('全部'))).toMatch(/,1,0,1,1,1\.5\s*$/)
    const days = await t.request({
      method: 'GET',
      url: '/api/reference-desk/figures/export?from=2026-11-10&to=2026-11-11&format=csv&table=days',
      cookie: admin,
    })
    expect(days.headers['content-disposition']).toContain('sjtu-desk-days-2026-11-10-2026-11-11.csv')
    expect(days.body).toContain('日期,在线咨询,留言咨询,合计')
    expect(days.body).toContain('2026-11-11,0,1,1')
  })

  it('without a range, shows the last 30 days up to today where the library is', async () => {
    const admin = await t.as('library_admin')
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    // Asked just now: counted even when the library's date is already a day ahead of UTC's.
    await chatAt(reference, { created: new Date().toISOString() })
    const body = (await figures(admin, '')).json()
    expect(body.to).toBe(todayIn('Asia/Shanghai', new Date()))
    expect(body.byDay).toHaveLength(30)
    expect(body.byDay[0].day).toBe(body.from)
    expect(body.byDay.at(-1)).toMatchObject({ day: body.to, total: 1 })
  })

  it('refuses a range that ends before it starts, is too long or is not dates', async () => {
    const admin = await t.as('library_admin')
    const backwards = await figures(admin, 'from=2026-11-21&to=2026-11-20')
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json().errors[0]).toMatchObject({ path: 'query.to', code: 'ends_before_start' })
    expect((await figures(admin, 'from=2024-01-01&to=2026-11-20')).json().errors[0].code).toBe('too_big')
    expect((await figures(admin, 'from=yesterday&to=2026-11-20')).statusCode).toBe(400)
    // Only the end: the 30 days up to it.
    expect((await figures(admin, 'to=2026-11-20')).json()).toMatchObject({
      from: '2026-10-22',
      to: '2026-11-20',
    })
  })

  it('exports the figures per queue or per hour as CSV and Excel with headers in the caller’s language', async () => {
    const admin = await t.as('library_admin')
    const csv = await t.request({
      method: 'GET',
      url: '/api/reference-desk/figures/export?from=2026-11-20&to=2026-11-21&format=csv',
      cookie: admin,
    })
    expect(csv.statusCode, csv.body).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.headers['content-disposition']).toContain('sjtu-desk-queues-2026-11-20-2026-11-21.csv')
    expect(csv.body).toContain('咨询队列,在线咨询,留言咨询,合计,平均等待（分钟）')
    expect(csv.body).toContain('参考咨询')
    const hours = await t.request({
      method: 'GET',
      url: '/api/reference-desk/figures/export?from=2026-11-20&to=2026-11-21&format=csv&table=hours',
      cookie: admin,
    })
    expect(hours.body).toContain('时段,在线咨询,留言咨询,合计')
    expect(hours.body).toContain('09:00–10:00')
    const xlsx = await t.request({
      method: 'GET',
      url: '/api/reference-desk/figures/export?from=2026-11-20&to=2026-11-21',
      cookie: admin,
    })
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
    const librarian = await t.as('librarian')
    const refused = await t.request({
      method: 'GET',
      url: '/api/reference-desk/figures/export?from=2026-11-20&to=2026-11-21',
      cookie: librarian,
    })
    expect(refused.statusCode).toBe(403)
  })
})
