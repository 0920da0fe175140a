import { referenceDesk } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import {
  act,
  addReader,
  connectReady,
  type DeskClient,
  queueId,
  receives,
  setDuty,
  socketUrl,
  startChat,
  subscribe,
} from './desk.fixtures.ts'

const t = useTestApp()

/** A reader's chat, claimed by the librarian, with a socket for each side. */
const openChat = async (reader: string) => {
  const url = await socketUrl(t)
  const librarian = await t.as('librarian')
  const reference = await queueId(t, 'reference')
  await setDuty(t, librarian, reference, true)
  const chat = (await startChat(t, reader, reference)).json()
  await act(t, librarian, chat.id, 'claim')
  const readerSocket = await connectReady(url, reader)
  await subscribe(readerSocket, chat.id)
  const staffSocket = await connectReady(url, librarian)
  await subscribe(staffSocket, chat.id)
  return { chat, url, readerSocket, staffSocket }
}

/** Sends texts at once and waits for one answer (ack or error) per text. */
const burst = async (client: DeskClient, conversationId: string, prefix: string, count: number) => {
  for (let i = 0; i < count; i++)
    client.send({
      type: 'send',
      conversationId,
      clientMessageId: `${prefix}-${String(i).padStart(4, '0')}`,
      text: `${prefix} ${i}`,
    })
  const answers = []
  for (let i = 0; i < count; i++) {
    const ref = `${prefix}-${String(i).padStart(4, '0')}`
    answers.push(
      await Promise.race([
        client.next('ack', (frame) => frame.clientMessageId === ref),
        client.next('error', (frame) => frame.ref === ref),
      ]),
    )
  }
  return answers
}

describe('what the reference desk socket refuses', () => {
  it('shows HTML as the text it is, and refuses empty, overlong and control-character messages', async () => {
    const reader = await t.as('reader')
    const { chat, readerSocket, staffSocket } = await openChat(reader)
    const markup = '<img src=x onerror="alert(1)"><script>alert(2)</script> & 书'
    readerSocket.send({ type: 'send', conversationId: chat.id, clientMessageId: 'html-0001', text: markup })
    await readerSocket.next('ack')
    expect((await receives(staffSocket, chat.id, markup)).text).toBe(markup)
    const stored = await t.request({
      method: 'GET',
      url: `/api/reference-desk/conversations/${chat.id}/messages`,
      cookie: await t.as('librarian'),
    })
    expect(stored.json().items.at(-1).text).toBe(markup)

    for (const [text, code] of [
      ['书'.repeat(referenceDesk.CHAT_TEXT_MAX + 1), 'message_too_long'],
      ['   ', 'message_empty'],
      ['bell\u0007', 'unsafe_characters'],
    ] as const) {
      readerSocket.send({ type: 'send', conversationId: chat.id, clientMessageId: `bad-${code}`, text })
      const error = await readerSocket.next('error', (frame) => frame.ref === `bad-${code}`)
      expect(error.code).toBe(code)
      expect(error.detail).toMatch(/[\u4e00-\u9fff]/)
    }
    // The connection is still good.
    readerSocket.send({ type: 'send', conversationId: chat.id, clientMessageId: 'after-bad', text: '好的' })
    await readerSocket.next('ack', (frame) => frame.clientMessageId === 'after-bad')

    // A frame beyond any message's size is cut off by the socket itself.
    readerSocket.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 'huge-0001',
      text: 'x'.repeat(70_000),
    })
    expect((await readerSocket.closed).code).toBe(1009)
    await staffSocket.close()
  })

  it('refuses a flood from one connection with a reason, and the connection stays usable', async () => {
    const reader = await addReader(t, '2020401', '冯四')
    const { chat, readerSocket, staffSocket } = await openChat(reader)
    const answers = await burst(readerSocket, chat.id, 'flood', referenceDesk.CHAT_LIMITS.burst + 3)
    const acks = answers.filter((frame) => frame.type === 'ack')
    const refused = answers.filter((frame) => frame.type === 'error')
    expect(acks).toHaveLength(referenceDesk.CHAT_LIMITS.burst)
    expect(refused).toHaveLength(3)
    expect(refused[0]).toMatchObject({ code: 'rate_limited' })
    const wait = (refused[0] as { retryAfterMs: number }).retryAfterMs
    expect(wait).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, wait + 50))
    readerSocket.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 'calm-0001',
      text: '抱歉，刚才手滑了',
    })
    await readerSocket.next('ack', (frame) => frame.clientMessageId === 'calm-0001')
    await readerSocket.close()
    await staffSocket.close()
  })

  it('limits a reader over all their tabs, not only per connection', async () => {
    const reader = await addReader(t, '2020402', '陈五')
    const { chat, url, readerSocket, staffSocket } = await openChat(reader)
    const otherTab = await connectReady(url, reader)
    await subscribe(otherTab, chat.id)
    const { burst: perConnection, perReader } = referenceDesk.CHAT_LIMITS
    const first = await burst(readerSocket, chat.id, 'tab-a', perConnection)
    expect(first.every((frame) => frame.type === 'ack')).toBe(true)
    const second = await burst(otherTab, chat.id, 'tab-b', perConnection)
    expect(second.filter((frame) => frame.type === 'ack')).toHaveLength(perReader - perConnection)
    const refused = second.find((frame) => frame.type === 'error')
    expect(refused).toMatchObject({ code: 'reader_rate_limited' })
    // Staff are not held to the reader's limit.
    staffSocket.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 'staff-after-flood',
      text: '请慢慢说',
    })
    await staffSocket.next('ack', (frame) => frame.clientMessageId === 'staff-after-flood')
    for (const client of [readerSocket, otherTab, staffSocket]) await client.close()
  })
})
