import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import {
  act,
  connectReady,
  queueId,
  receives,
  setDuty,
  socketUrl,
  startChat,
  subscribe,
} from './desk.fixtures.ts'

const t = useTestApp()

const history = async (cookie: string, conversationId: string) =>
  (
    await t.request({
      method: 'GET',
      url: `/api/reference-desk/conversations/${conversationId}/messages`,
      cookie,
    })
  ).json().items as { seq: number; text: string | null; kind: string }[]

describe('reconnecting to the reference desk', () => {
  it('resumes from the last message seen, without losing or repeating any, and stores a resend once', async () => {
    const url = await socketUrl(t)
    const reader = await t.as('reader')
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    const chat = (await startChat(t, reader, reference)).json()
    await act(t, librarian, chat.id, 'claim')
    const staff = await connectReady(url, librarian)
    await subscribe(staff, chat.id)

    const first = await connectReady(url, reader)
    await subscribe(first, chat.id)
    first.send({ type: 'send', conversationId: chat.id, clientMessageId: 'r-resume-0001', text: '第一问' })
    await first.next('ack')
    await receives(first, chat.id, '第一问')
    const lastSeen = Math.max(...first.messages(chat.id).map((message) => message.seq))

    // The tab sends once more and the network drops at once: the reader cannot know if it arrived.
    first.send({ type: 'send', conversationId: chat.id, clientMessageId: 'r-resume-0002', text: '第二问' })
    first.ws.terminate()
    await first.closed

    // Meanwhile the librarian answers, and writes a note the reader must never get.
    for (const [id, text] of [
      ['s-resume-0001', '答一'],
      ['s-resume-0002', '答二'],
      ['s-resume-0003', '答三'],
    ] as const) {
      staff.send({ type: 'send', conversationId: chat.id, clientMessageId: id, text })
      await staff.next('ack', (frame) => frame.clientMessageId === id)
    }
    staff.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 's-resume-note',
      text: '内部：已查馆藏',
      note: true,
    })
    await staff.next('ack', (frame) => frame.clientMessageId === 's-resume-note')

    // Back online: resubscribe from the last message seen, and send the unconfirmed one again.
    const second = await connectReady(url, reader)
    await subscribe(second, chat.id, lastSeen)
    second.send({ type: 'send', conversationId: chat.id, clientMessageId: 'r-resume-0002', text: '第二问' })
    const resent = await second.next('ack', (frame) => frame.clientMessageId === 'r-resume-0002')
    await receives(second, chat.id, '答三')
    await receives(second, chat.id, '第二问')

    const stored = await history(librarian, chat.id)
    expect(stored.filter((message) => message.text === '第二问')).toHaveLength(1)
    expect(stored.find((message) => message.text === '第二问')!.seq).toBe(resent.seq)

    // What the reader's two tabs got, together, is exactly what the reader may see: once each, in order.
    const got = [...first.messages(chat.id), ...second.messages(chat.id)]
    const visible = (await history(reader, chat.id)).map((message) => message.seq)
    expect(got.map((message) => message.seq)).toEqual(visible)
    expect(second.messages(chat.id).every((message) => message.seq > lastSeen)).toBe(true)
    expect(got.some((message) => message.kind === 'note')).toBe(false)

    // Two tabs of one reader each get every new message.
    const third = await connectReady(url, reader)
    await subscribe(third, chat.id, Math.max(...visible))
    staff.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 's-resume-0004',
      text: '两个标签页都能看到',
    })
    await receives(second, chat.id, '两个标签页都能看到')
    await receives(third, chat.id, '两个标签页都能看到')
    expect(third.messages(chat.id)).toHaveLength(1)

    for (const client of [staff, second, third]) await client.close()
  })
})
