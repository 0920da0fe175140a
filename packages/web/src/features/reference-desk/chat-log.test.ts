import type { referenceDesk } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import { addPending, applyFrame, emptyLog, isTyping, lastSeqOf, mergeMessages } from './chat-log.ts'
import { reconnectDelay } from './desk-socket.ts'

const CHAT = '01a21467-0000-7000-8000-000000000001'

const message = (
  seq: number,
  text: string,
  clientMessageId: string | null = null,
): referenceDesk.Message => ({
  id: `01a21467-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  conversationId: CHAT,
  seq,
  kind: 'text',
  author: null,
  text,
  event: null,
  clientMessageId,
  sentAt: '2026-11-28T08:00:00.000Z',
})

describe('a chat’s log in the browser', () => {
  it('keeps each message once and in order, however they arrive', () => {
    const merged = mergeMessages(
      [message(1, 'a'), message(3, 'c')],
      [message(2, 'b'), message(3, 'c'), message(4, 'd')],
    )
    expect(merged.map((item) => item.seq)).toEqual([1, 2, 3, 4])
    expect(lastSeqOf(merged)).toBe(4)
    expect(lastSeqOf([])).toBe(0)
  })

  it('shows a message as sending until it is in the history, and as failed with the reason', () => {
    let log = addPending(emptyLog(), { clientMessageId: 'c-1', text: '你好', note: false })
    log = addPending(log, { clientMessageId: 'c-2', text: 'x'.repeat(3000), note: false })
    log = applyFrame(
      log,
      { type: 'messages', conversationId: CHAT, items: [message(2, '你好', 'c-1')] },
      CHAT,
      0,
    )
    expect(log.pending.map((item) => item.clientMessageId)).toEqual(['c-2'])
    log = applyFrame(
      log,
      { type: 'error', code: 'message_too_long', detail: '消息过长', ref: 'c-2' },
      CHAT,
      0,
    )
    expect(log.pending[0]).toMatchObject({ failed: '消息过长' })
    // Frames about another chat change nothing.
    const other = applyFrame(
      log,
      { type: 'messages', conversationId: 'other', items: [message(9, 'x')] },
      CHAT,
      0,
    )
    expect(other).toBe(log)
  })

  it('shows typing for a few seconds, and no longer once the message came', () => {
    let log = applyFrame(emptyLog(), { type: 'typing', conversationId: CHAT, side: 'staff' }, CHAT, 1000)
    expect(isTyping(log, 3000)).toBe(true)
    expect(isTyping(log, 6000)).toBe(false)
    log = applyFrame(log, { type: 'messages', conversationId: CHAT, items: [message(1, '好的')] }, CHAT, 2000)
    expect(isTyping(log, 2500)).toBe(false)
  })

  it('waits longer after each failed reconnect, up to 15 seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(reconnectDelay)).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000])
  })
})
