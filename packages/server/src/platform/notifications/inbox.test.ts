import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { defineNoticeTemplate } from './notice-templates.ts'
import { enqueueNotice } from './notices.ts'

const t = useTestApp()

defineNoticeTemplate('test.book_ready', {
  zh: { subject: '《{{title}}》可以取书了', body: '请到{{library}}总服务台取书。' },
  en: { subject: '“{{title}}” is ready', body: 'Collect it at {{library}}.' },
})

const notify = (accountId: string, title: string, libraryIndex = 0) =>
  t.ctx.db.transaction().execute((trx) =>
    enqueueNotice(trx, {
      libraryId: t.world.libraries[libraryIndex]!.id,
      event: 'test.book_ready',
      recipientAccountId: accountId,
      data: { title },
    }),
  )

const inbox = async (cookie: string, query = '') =>
  (await t.request({ method: 'GET', url: `/api/me/notices${query}`, cookie })).json()
const unread = async (cookie: string) =>
  (await t.request({ method: 'GET', url: '/api/me/notices/unread-count', cookie })).json().count

describe('the reader’s inbox', () => {
  it('shows a reader their own notices only, newest first, page by page', async () => {
    const sjtu = t.world.libraries[0]!
    for (const title of ['三体', '活着', '围城']) await notify(sjtu.accounts.reader!, title)
    await notify(sjtu.accounts.librarian!, '红楼梦')
    await notify(t.world.libraries[1]!.accounts.reader!, '边城', 1)

    const reader = await t.as('reader')
    const first = await inbox(reader, '?limit=2')
    expect(first.items.map((n: { subject: string }) => n.subject)).toEqual([
      '《围城》可以取书了',
      '《活着》可以取书了',
    ])
    expect(first.items[0]).toMatchObject({
      event: 'test.book_ready',
      body: '请到上海交通大学图书馆总服务台取书。',
      readAt: null,
    })
    expect(Object.keys(first.items[0]).sort()).toEqual([
      'body',
      'createdAt',
      'event',
      'id',
      'readAt',
      'subject',
    ])
    const second = await inbox(reader, `?limit=2&cursor=${first.nextCursor}`)
    expect(second.items.map((n: { subject: string }) => n.subject)).toEqual(['《三体》可以取书了'])
    expect(second.nextCursor).toBeNull()
    expect(await unread(reader)).toBe(3)

    // Another reader (same number, other library) and a colleague see none of them.
    const fudanReader = await t.as('reader', 'fudan')
    expect((await inbox(fudanReader)).items.map((n: { subject: string }) => n.subject)).toEqual([
      '《边城》可以取书了',
    ])
    const librarian = await t.as('librarian')
    expect((await inbox(librarian)).items).toHaveLength(1)
  })

  it('marks one or all read, and will not touch another reader’s notice', async () => {
    const reader = await t.as('reader')
    const fudanReader = await t.as('reader', 'fudan')
    const [newest] = (await inbox(reader)).items
    const theirs = await t.request({
      method: 'POST',
      url: `/api/me/notices/${newest.id}/read`,
      cookie: fudanReader,
    })
    expect(theirs.statusCode).toBe(404)
    expect(await unread(reader)).toBe(3)

    const read = await t.request({ method: 'POST', url: `/api/me/notices/${newest.id}/read`, cookie: reader })
    expect(read.statusCode).toBe(204)
    const twice = await t.request({
      method: 'POST',
      url: `/api/me/notices/${newest.id}/read`,
      cookie: reader,
    })
    expect(twice.statusCode).toBe(204)
    expect(await unread(reader)).toBe(2)
    const unreadOnly = await inbox(reader, '?unread=true')
    expect(unreadOnly.items).toHaveLength(2)
    expect(unreadOnly.items.every((n: { readAt: string | null }) => n.readAt === null)).toBe(true)

    const all = await t.request({ method: 'POST', url: '/api/me/notices/read-all', cookie: reader })
    expect(all.json()).toEqual({ marked: 2 })
    expect(await unread(reader)).toBe(0)
    expect(await unread(fudanReader)).toBe(1)
  })

  it('refuses bad ids and filters', async () => {
    const reader = await t.as('reader')
    const badId = await t.request({ method: 'POST', url: '/api/me/notices/not-a-uuid/read', cookie: reader })
    expect(badId.statusCode).toBe(400)
    const badFilter = await t.request({
      method: 'GET',
      url: '/api/me/notices?unread=perhaps',
      cookie: reader,
    })
    expect(badFilter.statusCode).toBe(400)
    const tooMany = await t.request({ method: 'GET', url: '/api/me/notices?limit=500', cookie: reader })
    expect(tooMany.statusCode).toBe(400)
  })
})
