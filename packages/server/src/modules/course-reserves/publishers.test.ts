import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { addTitle } from './course-reserves.fixtures.ts'

const t = useTestApp()

const PUBLISHERS = '/api/course-reserves/publishers'

const create = async (payload: Record<string, unknown>, cookie?: string) =>
  t.request({ method: 'POST', url: PUBLISHERS, cookie: cookie ?? (await t.as('librarian')), payload })

const contact = async (publisherId: string, payload: Record<string, unknown>, cookie?: string) =>
  t.request({
    method: 'POST',
    url: `${PUBLISHERS}/${publisherId}/contacts`,
    cookie: cookie ?? (await t.as('librarian')),
    payload,
  })

const detail = async (publisherId: string, cookie?: string) =>
  t.request({
    method: 'GET',
    url: `${PUBLISHERS}/${publisherId}`,
    cookie: cookie ?? (await t.as('librarian')),
  })

const statusOf = async (titleId: string) =>
  (
    await t.ctx.db
      .selectFrom('course_titles')
      .select('status')
      .where('id', '=', titleId)
      .executeTakeFirstOrThrow()
  ).status

describe('publishers', () => {
  it('keeps publisher records, one per folded name, matched to titles by the publisher they give', async () => {
    const created = await create({
      name: '清华大学出版社',
      contactPerson: '刘编辑',
      email: 'textbooks@tup.example.cn',
      phone: '010-6277 0175',
      note: '教材中心',
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({
      name: '清华大学出版社',
      contactPerson: '刘编辑',
      figures: { titles: 0, asked: 0, supplied: 0, pending: 0, refused: 0 },
      lastContact: null,
    })
    const again = await create({ name: ' 清华大学出版社有限公司 ' })
    expect(again.statusCode).toBe(409)
    expect(again.headers['content-type']).toContain('application/problem+json')
    expect(again.json().code).toBe('publisher_name_taken')
    const id = created.json().id as string
    const matched = await addTitle(t, 'MB2101', '数据库系统概论', '清华大学出版社（北京）')
    await addTitle(t, 'ME3205', '工程图学', '机械工业出版社')
    const shown = (await detail(id)).json()
    expect(shown.titles).toMatchObject([{ id: matched, linked: false, status: 'requested' }])
    expect(shown.figures.titles).toBe(1)
    const work = await t.request({
      method: 'GET',
      url: `/api/course-reserves/titles/${matched}/work`,
      cookie: await t.as('librarian'),
    })
    expect(work.json().publisher).toEqual({ id, name: '清华大学出版社', linked: false })

    const renamed = await t.request({
      method: 'PATCH',
      url: `${PUBLISHERS}/${id}`,
      cookie: await t.as('librarian'),
      payload: { phone: null, note: '教材中心，周三回复' },
    })
    expect(renamed.json()).toMatchObject({ phone: null, note: '教材中心，周三回复' })
  })

  it('logs contacts: contacting moves titles to publisher contacted, supplying to obtained, with figures', async () => {
    const publisher = (await create({ name: '高等教育出版社' })).json().id as string
    const [a, b, c] = [
      await addTitle(t, 'MB2101', '高等数学（上册）', '高等教育出版社'),
      await addTitle(t, 'MB2101', '线性代数', '高等教育出版社'),
      await addTitle(t, 'PE1003', '微观经济学', '人民大学出版社'),
    ]
    const asked = await contact(publisher, {
      kind: 'contacted',
      date: '2026-03-02',
      note: '邮件询问电子版授权',
      titleIds: [a, b, c],
    })
    expect(asked.statusCode, asked.body).toBe(201)
    expect(asked.json()).toMatchObject({
      moved: 3,
      contact: { kind: 'contacted', date: '2026-03-02', by: { name: '王芳' } },
    })
    for (const id of [a, b, c]) expect(await statusOf(id)).toBe('publisher_contacted')
    const history = (
      await t.request({
        method: 'GET',
        url: `/api/course-reserves/titles/${a}/work`,
        cookie: await t.as('librarian'),
      })
    ).json().history
    expect(history.at(-1)).toMatchObject({
      from: 'requested',
      to: 'publisher_contacted',
      note: '高等教育出版社 — 邮件询问电子版授权',
    })
    // c gave another publisher's name; being named in the log links it by hand.
    expect((await detail(publisher)).json().titles).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: c, linked: true })]),
    )

    await contact(publisher, { kind: 'replied', date: '2026-03-04', titleIds: [a] })
    expect(await statusOf(a)).toBe('publisher_contacted')
    const supplied = await contact(publisher, { kind: 'supplied', date: '2026-03-10', titleIds: [a] })
    expect(supplied.json().moved).toBe(1)
    expect(await statusOf(a)).toBe('obtained')
    await contact(publisher, { kind: 'refused', date: '2026-03-11', note: '无电子版权', titleIds: [b] })
    expect(await statusOf(b)).toBe('publisher_contacted')

    const shown = (await detail(publisher)).json()
    expect(shown.figures).toEqual({ titles: 3, asked: 3, supplied: 1, pending: 1, refused: 1 })
    expect(shown.lastContact).toEqual({ kind: 'refused', date: '2026-03-11' })
    expect(shown.contacts.map((entry: { kind: string }) => entry.kind)).toEqual([
      'refused',
      'supplied',
      'replied',
      'contacted',
    ])
    expect(shown.contacts[0].titles).toMatchObject([{ id: b }])

    // A published title is not moved back by a later contact.
    await t.request({
      method: 'POST',
      url: `/api/course-reserves/titles/${a}/status`,
      cookie: await t.as('librarian'),
      payload: {
        status: 'published',
        channel: 'publisher_supplied',
        link: { url: 'https://hep.example.cn/a' },
      },
    })
    expect(
      (await contact(publisher, { kind: 'supplied', date: '2026-03-12', titleIds: [a] })).json().moved,
    ).toBe(0)
    expect(await statusOf(a)).toBe('published')

    const list = await t.request({
      method: 'GET',
      url: `${PUBLISHERS}?state=pending`,
      cookie: await t.as('librarian'),
    })
    expect(list.json().items.map((item: { name: string }) => item.name)).toEqual(['高等教育出版社'])
    const never = await t.request({
      method: 'GET',
      url: `${PUBLISHERS}?state=never`,
      cookie: await t.as('librarian'),
    })
    expect(never.json().items.map((item: { name: string }) => item.name)).not.toContain('高等教育出版社')
    const byName = await t.request({
      method: 'GET',
      url: `${PUBLISHERS}?q=高等`,
      cookie: await t.as('librarian'),
    })
    expect(byName.json().totals).toMatchObject({ asked: 3, supplied: 1 })
  })

  it('links a title to a publisher by hand and back to matching by name', async () => {
    const publisher = (await create({ name: '科学出版社' })).json().id as string
    const title = await addTitle(t, 'MF4102', '医学统计学', '人民卫生出版社')
    const url = `/api/course-reserves/titles/${title}/publisher`
    const linked = await t.request({
      method: 'PUT',
      url,
      cookie: await t.as('librarian'),
      payload: { publisherId: publisher },
    })
    expect(linked.json()).toEqual({ publisher: { id: publisher, name: '科学出版社', linked: true } })
    const unlinked = await t.request({
      method: 'PUT',
      url,
      cookie: await t.as('librarian'),
      payload: { publisherId: null },
    })
    expect(unlinked.json()).toEqual({ publisher: null })
  })

  it('refuses an unknown publisher, a bad contact, and other libraries’ publishers and titles', async () => {
    const publisher = (await create({ name: '人民邮电出版社' })).json().id as string
    const unknown = await contact('0190f000-0000-7000-8000-000000000000', {
      kind: 'contacted',
      date: '2026-03-01',
    })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('unknown_publisher')
    const linkUnknown = await t.request({
      method: 'PUT',
      url: `/api/course-reserves/titles/${await addTitle(t, 'MB2101', 'Python 程序设计')}/publisher`,
      cookie: await t.as('librarian'),
      payload: { publisherId: '0190f000-0000-7000-8000-000000000000' },
    })
    expect(linkUnknown.json().code).toBe('unknown_publisher')
    const badKind = await contact(publisher, { kind: 'phoned', date: '2026-03-01' })
    expect(badKind.statusCode).toBe(400)
    const badDate = await contact(publisher, { kind: 'contacted', date: '3月1日' })
    expect(badDate.statusCode).toBe(400)
    expect((await create({ name: '（）' })).statusCode).toBe(400)
    expect((await create({ name: '某出版社', email: 'not-an-email' })).statusCode).toBe(400)

    const other = await t.as('librarian', 'fudan')
    expect((await detail(publisher, other)).statusCode).toBe(404)
    expect((await contact(publisher, { kind: 'contacted', date: '2026-03-01' }, other)).statusCode).toBe(404)
    const theirs = (await create({ name: '复旦大学出版社' }, other)).json().id as string
    const foreignTitle = await addTitle(t, 'MB2101', '编译原理')
    const refused = await contact(
      theirs,
      { kind: 'contacted', date: '2026-03-01', titleIds: [foreignTitle] },
      other,
    )
    expect(refused.json().code).toBe('unknown_titles')
    expect(await statusOf(foreignTitle)).toBe('requested')
    const list = await t.request({ method: 'GET', url: PUBLISHERS, cookie: other })
    expect(list.json().items.map((item: { name: string }) => item.name)).toEqual(['复旦大学出版社'])
  })
})
