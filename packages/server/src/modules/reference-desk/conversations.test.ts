import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { act, addReader, queueId, setDuty, startChat, transfer } from './desk.fixtures.ts'

const t = useTestApp()

const messages = async (cookie: string, conversationId: string) => {
  const response = await t.request({
    method: 'GET',
    url: `/api/reference-desk/conversations/${conversationId}/messages`,
    cookie,
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json().items as { kind: string; text: string | null; event: { code: string } | null }[]
}

describe('chats at the reference desk', () => {
  it('puts readers in line, lets a librarian on duty claim one, hand it to a colleague and end it', async () => {
    const reader = await t.as('reader')
    const second = await addReader(t, '2020099', '赵晓')
    const librarian = await t.as('librarian')
    const colleague = await t.as('subject_librarian')
    const reference = await queueId(t, 'reference')
    const documents = await queueId(t, 'documents')

    const offline = await startChat(t, reader, reference)
    expect(offline.statusCode).toBe(409)
    expect(offline.json().code).toBe('reference_desk_offline')

    await setDuty(t, librarian, reference, true)
    const started = await startChat(t, reader, reference)
    expect(started.statusCode, started.body).toBe(201)
    const chat = started.json()
    expect(chat).toMatchObject({ status: 'waiting', position: 1, assignee: null, asker: { name: '李明' } })
    // The reader does not get their own reader number back.
    expect(chat.asker.readerNumber).toBeNull()
    // Asking again in the same topic is the same chat; in another topic it is refused while one is open.
    expect((await startChat(t, reader, reference)).json().id).toBe(chat.id)
    await setDuty(t, colleague, documents, true)
    const elsewhere = await startChat(t, reader, documents)
    expect(elsewhere.statusCode).toBe(409)
    expect(elsewhere.json()).toMatchObject({ code: 'chat_already_open', conversationId: chat.id })

    const next = (await startChat(t, second, reference)).json()
    expect(next.position).toBe(2)
    const line = await t.request({
      method: 'GET',
      url: '/api/reference-desk/conversations?status=waiting',
      cookie: librarian,
    })
    expect(line.json().items.map((item: { id: string }) => item.id)).toEqual([chat.id, next.id])
    expect(line.json().items[0].asker).toMatchObject({ name: '李明', readerNumber: '2020001' })

    // Someone not on duty for the queue cannot take it; the one on duty can, once.
    const notOnDuty = await act(t, colleague, chat.id, 'claim')
    expect(notOnDuty.json().code).toBe('not_on_duty')
    const claimed = await act(t, librarian, chat.id, 'claim')
    expect(claimed.json()).toMatchObject({ status: 'active', assignee: { name: '王芳' }, position: null })
    await setDuty(t, colleague, reference, true)
    expect((await act(t, colleague, chat.id, 'claim')).json().code).toBe('already_claimed')
    const moved = await t.request({
      method: 'GET',
      url: `/api/reference-desk/conversations/${next.id}`,
      cookie: second,
    })
    expect(moved.json().position).toBe(1)

    // A colleague who is not on duty anywhere cannot be handed a chat.
    const admin = t.world.libraries[0]!.accounts.library_admin!
    const offDuty = await transfer(t, librarian, chat.id, { toAccountId: admin })
    expect(offDuty.json().errors[0]).toMatchObject({ path: 'body.toAccountId', code: 'not_on_duty' })
    const handed = await transfer(t, librarian, chat.id, {
      toAccountId: t.world.libraries[0]!.accounts.subject_librarian,
      note: '读者问的是 IEEE 数据库的校外访问，请张老师跟进',
    })
    expect(handed.json()).toMatchObject({ status: 'active', assignee: { name: '张伟' } })

    const closed = await act(t, colleague, chat.id, 'close')
    expect(closed.json()).toMatchObject({ status: 'closed', closedBy: 'staff' })
    // Ending it again changes nothing.
    expect((await act(t, reader, chat.id, 'close')).json()).toMatchObject({ closedBy: 'staff' })

    const staffHistory = await messages(librarian, chat.id)
    expect(staffHistory.map((m) => m.event?.code ?? m.kind)).toEqual([
      'started',
      'claimed',
      'transferred',
      'note',
      'closed',
    ])
    // The reader never gets the internal note.
    const readerHistory = await messages(reader, chat.id)
    expect(readerHistory.map((m) => m.event?.code ?? m.kind)).toEqual([
      'started',
      'claimed',
      'transferred',
      'closed',
    ])

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'entity_label'])
      .where('entity_id', '=', chat.id)
      .orderBy('at')
      .execute()
    expect(audit.map((row) => row.action)).toEqual([
      'reference_desk.conversation.claim',
      'reference_desk.conversation.transfer',
      'reference_desk.conversation.close',
    ])
    expect(audit[0]!.entity_label).toBe('参考咨询 · 李明')

    // The other reader's chat goes back to wait in another queue.
    expect((await act(t, librarian, next.id, 'claim')).statusCode).toBe(200)
    const requeued = await transfer(t, librarian, next.id, { toQueueId: documents })
    expect(requeued.json()).toMatchObject({
      status: 'waiting',
      assignee: null,
      queue: { code: 'documents' },
      position: 1,
    })
    const both = await transfer(t, librarian, next.id, { toQueueId: reference, toAccountId: admin })
    expect(both.json().errors[0].code).toBe('one_target')
    await act(t, second, next.id, 'close')
    await setDuty(t, librarian, reference, false)
    await setDuty(t, colleague, reference, false)
    await setDuty(t, colleague, documents, false)
  })

  it('keeps each chat to its reader and its library’s staff', async () => {
    const reader = await t.as('reader')
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    const chat = (await startChat(t, reader, reference)).json()
    const stranger = await addReader(t, '2020100', '钱七')
    for (const cookie of [stranger, await t.as('librarian', 'fudan'), await t.as('reader', 'fudan')]) {
      for (const url of [
        `/api/reference-desk/conversations/${chat.id}`,
        `/api/reference-desk/conversations/${chat.id}/messages`,
      ])
        expect((await t.request({ method: 'GET', url, cookie })).statusCode).toBe(404)
      expect((await act(t, cookie, chat.id, 'close')).statusCode).toBe(404)
    }
    expect((await act(t, await t.as('librarian', 'fudan'), chat.id, 'claim')).statusCode).toBe(404)
    // A reader of another library cannot ask at this one's desk.
    expect((await startChat(t, await t.as('reader', 'fudan'), reference)).statusCode).toBe(404)
    // The consortium admin may look, not take part.
    const consortium = await t.as('consortium_admin')
    expect(
      (
        await t.request({
          method: 'GET',
          url: `/api/reference-desk/conversations/${chat.id}`,
          cookie: consortium,
        })
      ).statusCode,
    ).toBe(200)
    expect((await act(t, consortium, chat.id, 'close')).statusCode).toBe(404)
    const mine = await t.request({
      method: 'GET',
      url: '/api/reference-desk/conversations/mine',
      cookie: reader,
    })
    expect(mine.json().items[0]).toMatchObject({ id: chat.id, status: 'waiting' })
    expect((await act(t, reader, chat.id, 'close')).json()).toMatchObject({
      status: 'closed',
      closedBy: 'reader',
    })
    await setDuty(t, librarian, reference, false)
  })

  it('hands chats of an automatic queue to the least busy librarian under their limit', async () => {
    const purchase = await queueId(t, 'purchase')
    const librarian = await t.as('librarian')
    const colleague = await t.as('subject_librarian')
    const readers = [
      await t.as('reader'),
      await addReader(t, '2020201', '孙一'),
      await addReader(t, '2020202', '周二'),
    ]
    await t.request({
      method: 'PUT',
      url: `/api/reference-desk/librarians/${t.world.libraries[0]!.accounts.librarian}/chat-limit`,
      cookie: librarian,
      payload: { chatLimit: 1 },
    })
    await t.request({
      method: 'PUT',
      url: `/api/reference-desk/librarians/${t.world.libraries[0]!.accounts.subject_librarian}/chat-limit`,
      cookie: colleague,
      payload: { chatLimit: 1 },
    })
    await setDuty(t, librarian, purchase, true)
    const first = (await startChat(t, readers[0]!, purchase)).json()
    expect(first).toMatchObject({ status: 'active', assignee: { name: '王芳' } })
    // 王芳 is at her limit: the next waits until someone has room.
    const second = (await startChat(t, readers[1]!, purchase)).json()
    expect(second).toMatchObject({ status: 'waiting', position: 1 })
    const third = (await startChat(t, readers[2]!, purchase)).json()
    expect(third.position).toBe(2)
    // A colleague going on duty takes the oldest waiting chat.
    await setDuty(t, colleague, purchase, true)
    const detail = (id: string, cookie: string) =>
      t.request({ method: 'GET', url: `/api/reference-desk/conversations/${id}`, cookie })
    expect((await detail(second.id, readers[1]!)).json()).toMatchObject({
      status: 'active',
      assignee: { name: '张伟' },
    })
    expect((await detail(third.id, readers[2]!)).json()).toMatchObject({ status: 'waiting', position: 1 })
    // When 王芳 ends her chat, the line moves on to her.
    await act(t, librarian, first.id, 'close')
    expect((await detail(third.id, readers[2]!)).json()).toMatchObject({
      status: 'active',
      assignee: { name: '王芳' },
    })
    const history = await messages(readers[2]!, third.id)
    expect(history.map((m) => m.event?.code)).toEqual(['started', 'assigned'])
  })

  it('takes guests with a nickname only where the queue allows them', async () => {
    const librarian = await t.as('librarian', 'tongji')
    const reference = await queueId(t, 'reference', 'tongji')
    const documents = await queueId(t, 'documents', 'tongji')
    await setDuty(t, librarian, reference, true)
    await setDuty(t, librarian, documents, true)
    const guest = await t.request({
      method: 'POST',
      url: '/api/reference-desk/guest-conversations',
      payload: { queueId: reference, nickname: '校友小王' },
    })
    expect(guest.statusCode, guest.body).toBe(201)
    expect(guest.json()).toMatchObject({
      guest: { name: '校友小王' },
      conversation: { status: 'waiting', asker: { kind: 'guest', name: '校友小王' } },
    })
    expect(guest.json().guestToken).toMatch(/^[\w-]+\.[\w-]+\.\d+\.[\w-]+$/)
    const refused = await t.request({
      method: 'POST',
      url: '/api/reference-desk/guest-conversations',
      payload: { queueId: documents, nickname: '校友小王' },
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('guests_not_allowed')
    const markup = await t.request({
      method: 'POST',
      url: '/api/reference-desk/guest-conversations',
      payload: { queueId: reference, nickname: '<b>王</b>' },
    })
    expect(markup.statusCode).toBe(400)
  })
})
