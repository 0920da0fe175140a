import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { useTestApp } from '../../test/test-app.ts'
import {
  act,
  addReader,
  connect,
  connectReady,
  queueId,
  receives,
  setDuty,
  socketUrl,
  startChat,
  subscribe,
} from './desk.fixtures.ts'

const t = useTestApp()

describe('the reference desk socket', () => {
  it('carries a chat both ways with typing, read marks and internal notes the reader never gets', async () => {
    const url = await socketUrl(t)
    const reader = await t.as('reader')
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')

    const readerSocket = await connectReady(url, reader)
    const staffSocket = await connectReady(url, librarian)
    expect(staffSocket.frames[0]).toMatchObject({
      type: 'ready',
      who: { kind: 'account', name: '王芳', staff: true },
    })

    // The reader's tab hears when someone goes on duty.
    await setDuty(t, librarian, reference, true)
    const desk = await readerSocket.next('desk', (frame) => frame.online[reference] === true)
    expect(desk.libraryId).toBe(t.world.libraries[0]!.id)

    const chat = (await startChat(t, reader, reference)).json()
    expect((await subscribe(readerSocket, chat.id)).status).toBe('waiting')
    readerSocket.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 'r-0001-question',
      text: '请问校外怎么访问知网？',
    })
    const ack = await readerSocket.next('ack')
    expect(ack).toMatchObject({ clientMessageId: 'r-0001-question', seq: 2 })

    await act(t, librarian, chat.id, 'claim')
    // Being claimed reaches the reader as the chat's new state and as an event in the history.
    await readerSocket.next('conversation', (frame) => frame.conversation.status === 'active')
    const staffView = await subscribe(staffSocket, chat.id)
    expect(staffView).toMatchObject({ status: 'active', asker: { readerNumber: '2020001' } })
    await receives(staffSocket, chat.id, '请问校外怎么访问知网？')

    staffSocket.send({ type: 'typing', conversationId: chat.id })
    expect(await readerSocket.next('typing')).toMatchObject({ conversationId: chat.id, side: 'staff' })
    staffSocket.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 's-0001-answer',
      text: '用 CARSI 登录：在知网首页选择“机构登录”。',
    })
    const answer = await receives(readerSocket, chat.id, '用 CARSI 登录：在知网首页选择“机构登录”。')
    expect(answer.author).toMatchObject({ kind: 'staff', name: '王芳' })
    staffSocket.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 's-0002-note',
      text: '读者是电院研一',
      note: true,
    })
    const note = await receives(staffSocket, chat.id, '读者是电院研一')
    expect(note.kind).toBe('note')

    readerSocket.send({ type: 'read', conversationId: chat.id, seq: answer.seq })
    const read = await staffSocket.next('read', (frame) => frame.readerReadSeq === answer.seq)
    expect(read.staffReadSeq).toBe(0)

    readerSocket.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 'r-0002-thanks',
      text: '谢谢！',
    })
    await receives(staffSocket, chat.id, '谢谢！')
    // The reader got everything but the note, each once, in order.
    const seen = readerSocket.messages(chat.id)
    expect(seen.some((message) => message.kind === 'note')).toBe(false)
    const seqs = seen.map((message) => message.seq)
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b))
    // A reader's own typing is not echoed to them.
    readerSocket.send({ type: 'typing', conversationId: chat.id })
    await staffSocket.next('typing', (frame) => frame.side === 'reader')
    expect(readerSocket.frames.filter((frame) => frame.type === 'typing' && frame.side === 'reader')).toEqual(
      [],
    )

    await act(t, librarian, chat.id, 'close')
    await readerSocket.next('conversation', (frame) => frame.conversation.status === 'closed')
    readerSocket.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 'r-0003-late',
      text: '还在吗？',
    })
    expect(await readerSocket.next('error')).toMatchObject({
      code: 'conversation_closed',
      ref: 'r-0003-late',
    })
    await readerSocket.close()
    await staffSocket.close()
    await setDuty(t, librarian, reference, false)
  })

  it('refuses other people’s chats and strangers, and keeps the connection for the rest', async () => {
    const url = await socketUrl(t)
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    const chat = (await startChat(t, await t.as('reader'), reference)).json()

    const other = await connectReady(url, await addReader(t, '2020300', '吴三'))
    other.send({ type: 'subscribe', conversationId: chat.id, after: 0 })
    expect(await other.next('error')).toMatchObject({ code: 'forbidden', ref: chat.id })
    other.send({ type: 'send', conversationId: chat.id, clientMessageId: 'x-0001-intrude', text: '你好' })
    expect(await other.next('error')).toMatchObject({ code: 'not_found', ref: 'x-0001-intrude' })
    other.send({ type: 'typing', conversationId: chat.id })
    expect(await other.next('error')).toMatchObject({ code: 'not_subscribed' })
    other.send({ type: 'nonsense' })
    expect(await other.next('error')).toMatchObject({ code: 'bad_frame' })
    // Still usable.
    other.send({ type: 'ping' })
    await other.next('pong')
    await other.close()

    const fudanStaff = await connectReady(url, await t.as('librarian', 'fudan'))
    fudanStaff.send({ type: 'subscribe', conversationId: chat.id, after: 0 })
    expect(await fudanStaff.next('error')).toMatchObject({ code: 'forbidden' })
    await fudanStaff.close()

    // No cookie and no guest token: told why, in the reader's language, then closed.
    const stranger = await connect(url, undefined, { 'accept-language': 'en' })
    stranger.send({ type: 'subscribe', conversationId: chat.id, after: 0 })
    expect(await stranger.next('error')).toMatchObject({ code: 'unauthenticated' })
    stranger.send({ type: 'hello' })
    expect(await stranger.next('error')).toMatchObject({
      code: 'unauthenticated',
      detail: 'Sign in first, or start a chat as a guest.',
    })
    expect(await stranger.closed).toEqual({ code: 4401, reason: 'unauthenticated' })

    const forged = await connect(url)
    forged.send({ type: 'hello', guestToken: 'a.b.1.c' })
    expect((await forged.closed).code).toBe(4401)

    // Another site's page cannot open a socket with the reader's cookie.
    const crossSite = new WebSocket(url, {
      headers: { cookie: await t.as('reader'), origin: 'https://evil.example' },
    })
    crossSite.on('error', () => {})
    const [upgrade, response] = (await once(crossSite, 'unexpected-response')) as [
      { destroy(): void },
      { statusCode: number },
    ]
    expect(response.statusCode).toBe(403)
    upgrade.destroy()
    await act(t, await t.as('reader'), chat.id, 'close')
    await setDuty(t, librarian, reference, false)
  })

  it('lets a guest chat with their token while the queue takes guests, and refuses them after', async () => {
    const url = await socketUrl(t)
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    const started = await t.request({
      method: 'POST',
      url: '/api/reference-desk/guest-conversations',
      payload: { queueId: reference, nickname: '访客小张' },
    })
    const { guestToken, conversation } = started.json()
    const guest = await connectReady(url, undefined, guestToken)
    expect(guest.frames[0]).toMatchObject({ type: 'ready', who: { kind: 'guest', name: '访客小张' } })
    const view = await subscribe(guest, conversation.id)
    expect(view).toMatchObject({ status: 'waiting', position: 1 })
    guest.send({
      type: 'send',
      conversationId: conversation.id,
      clientMessageId: 'g-0001-hello',
      text: '校外读者能借书吗？',
    })
    await guest.next('ack')

    // The waiting guest sees their place change as the line moves.
    const reader = await t.as('reader')
    const readerChat = (await startChat(t, reader, reference)).json()
    expect(readerChat.position).toBe(2)
    await act(t, librarian, conversation.id, 'claim')
    await guest.next('conversation', (frame) => frame.conversation.status === 'active')
    const staff = await connectReady(url, librarian)
    await subscribe(staff, conversation.id)
    const question = await receives(staff, conversation.id, '校外读者能借书吗？')
    expect(question.author).toMatchObject({ kind: 'guest', name: '访客小张' })

    // A guest may not open someone else's chat.
    guest.send({ type: 'subscribe', conversationId: readerChat.id, after: 0 })
    expect(await guest.next('error')).toMatchObject({ code: 'forbidden' })

    await t.request({
      method: 'PATCH',
      url: `/api/reference-desk/queues/${reference}`,
      cookie: await t.as('library_admin'),
      payload: { allowGuests: false },
    })
    const refused = await connect(url)
    refused.send({ type: 'hello', guestToken })
    expect(await refused.next('error')).toMatchObject({ code: 'guests_not_allowed' })
    expect(await refused.closed).toEqual({ code: 4403, reason: 'guests_not_allowed' })
    await guest.close()
    await staff.close()
  })
})
