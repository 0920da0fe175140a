import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { libraryId, queueId, setDuty } from './desk.fixtures.ts'

const t = useTestApp()

const publicQueues = async (library = 'sjtu') =>
  (
    await t.request({ method: 'GET', url: `/api/reference-desk/libraries/${libraryId(t, library)}/queues` })
  ).json().items as { code: string; online: boolean; allowGuests: boolean; nameZh: string }[]

describe('reference desk queues and duty', () => {
  it('tells anyone per topic whether a librarian is on duty, and records going on and off duty', async () => {
    const before = await publicQueues()
    expect(before.map((queue) => [queue.nameZh, queue.online, queue.allowGuests])).toEqual([
      ['参考咨询', false, true],
      ['图书荐购', false, false],
      ['文献服务', false, false],
    ])

    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    const desk = await setDuty(t, librarian, reference, true)
    expect(desk.queues.find((item) => item.queue.id === reference)).toMatchObject({
      onDuty: true,
      source: 'manual',
    })
    expect(desk).toMatchObject({ chatLimit: 3, activeChats: 0 })
    expect((await publicQueues()).map((queue) => queue.online)).toEqual([true, false, false])
    // Another library's desk is its own.
    expect((await publicQueues('fudan')).every((queue) => !queue.online)).toBe(true)

    // Going on duty twice changes nothing and is audited once.
    await setDuty(t, librarian, reference, true)
    const staffView = await t.request({ method: 'GET', url: '/api/reference-desk/queues', cookie: librarian })
    expect(staffView.json().items[0]).toMatchObject({
      code: 'reference',
      online: true,
      onDuty: [{ name: '王芳' }],
      waitingCount: 0,
    })

    await setDuty(t, librarian, reference, false)
    expect((await publicQueues())[0]!.online).toBe(false)
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', reference)
      .orderBy('at')
      .execute()
    expect(audit.map((row) => row.action)).toEqual(['reference_desk.duty.on', 'reference_desk.duty.off'])
  })

  it('lets a library admin add and change queues, not a librarian nor another library’s admin', async () => {
    const admin = await t.as('library_admin')
    const created = await t.request({
      method: 'POST',
      url: '/api/reference-desk/queues',
      cookie: admin,
      payload: { code: 'thesis', nameZh: '学位论文', nameEn: 'Theses', allowGuests: false, position: 5 },
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ code: 'thesis', assignment: 'claim', active: true, online: false })
    const again = await t.request({
      method: 'POST',
      url: '/api/reference-desk/queues',
      cookie: admin,
      payload: { code: 'thesis', nameZh: '学位论文2', nameEn: 'Theses 2' },
    })
    expect(again.statusCode).toBe(400)
    expect(again.json().errors[0]).toMatchObject({ path: 'body.code', code: 'taken' })

    const id = created.json().id
    const changed = await t.request({
      method: 'PATCH',
      url: `/api/reference-desk/queues/${id}`,
      cookie: admin,
      payload: { active: false, nameEn: 'Thesis submission' },
    })
    expect(changed.json()).toMatchObject({ active: false, nameEn: 'Thesis submission' })
    expect((await publicQueues()).map((queue) => queue.code)).not.toContain('thesis')
    // Nobody goes on duty for a queue out of use.
    const duty = await t.request({
      method: 'PUT',
      url: `/api/reference-desk/duty/${id}`,
      cookie: await t.as('librarian'),
      payload: { onDuty: true },
    })
    expect(duty.statusCode).toBe(409)

    const otherAdmin = await t.request({
      method: 'PATCH',
      url: `/api/reference-desk/queues/${id}`,
      cookie: await t.as('library_admin', 'fudan'),
      payload: { active: true },
    })
    expect(otherAdmin.statusCode).toBe(404)
    const fudanDuty = await t.request({
      method: 'PUT',
      url: `/api/reference-desk/duty/${id}`,
      cookie: await t.as('librarian', 'fudan'),
      payload: { onDuty: true },
    })
    expect(fudanDuty.statusCode).toBe(404)
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', id)
      .execute()
    expect(audit.map((row) => row.action).sort()).toEqual([
      'reference_desk.queue.create',
      'reference_desk.queue.update',
    ])
  })

  it('lets librarians set their own limit of chats and admins anyone’s, and lists the desk’s staff', async () => {
    const librarian = await t.as('librarian')
    const me = t.world.libraries[0]!.accounts.librarian!
    const colleague = t.world.libraries[0]!.accounts.subject_librarian!
    const own = await t.request({
      method: 'PUT',
      url: `/api/reference-desk/librarians/${me}/chat-limit`,
      cookie: librarian,
      payload: { chatLimit: 5 },
    })
    expect(own.json()).toMatchObject({ name: '王芳', chatLimit: 5 })
    const theirs = await t.request({
      method: 'PUT',
      url: `/api/reference-desk/librarians/${colleague}/chat-limit`,
      cookie: librarian,
      payload: { chatLimit: 9 },
    })
    expect(theirs.statusCode).toBe(403)
    const byAdmin = await t.request({
      method: 'PUT',
      url: `/api/reference-desk/librarians/${colleague}/chat-limit`,
      cookie: await t.as('library_admin'),
      payload: { chatLimit: 2 },
    })
    expect(byAdmin.json()).toMatchObject({ name: '张伟', chatLimit: 2 })
    const tooMany = await t.request({
      method: 'PUT',
      url: `/api/reference-desk/librarians/${me}/chat-limit`,
      cookie: librarian,
      payload: { chatLimit: 50 },
    })
    expect(tooMany.statusCode).toBe(400)

    const staff = await t.request({ method: 'GET', url: '/api/reference-desk/librarians', cookie: librarian })
    expect(
      staff
        .json()
        .items.map((item: { name: string }) => item.name)
        .sort(),
    ).toEqual(['张伟', '王芳', '陈静'])
    const otherLibrary = await t.request({
      method: 'PUT',
      url: `/api/reference-desk/librarians/${me}/chat-limit`,
      cookie: await t.as('library_admin', 'fudan'),
      payload: { chatLimit: 1 },
    })
    expect(otherLibrary.statusCode).toBe(404)
  })
})
