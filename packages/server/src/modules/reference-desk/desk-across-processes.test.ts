import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, signIn, startServer } from '../../test/server-process.ts'
import { connectReady, receives, subscribe } from './desk.fixtures.ts'

const url = process.env.DATABASE_URL

// Two server processes share one PostgreSQL database, as behind a load balancer: a reader's
// socket on one and a librarian's on the other chat through LISTEN/NOTIFY. Only a PostgreSQL
// server can be shared, so this file runs in the PostgreSQL pass of the suite.
describe.runIf(url)('the reference desk across server processes', () => {
  const name = `shuqiao_desk_${randomBytes(4).toString('hex')}`
  let admin: pg.Client
  let first: RunningServer
  let second: RunningServer

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const shared = new URL(url!)
    shared.pathname = `/${name}`
    first = await startServer({ DATABASE_URL: shared.toString() })
    second = await startServer({ DATABASE_URL: shared.toString() })
  })

  afterAll(async () => {
    await first?.stop()
    await second?.stop()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  })

  const api = async (server: RunningServer, cookie: string, method: string, path: string, body?: object) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }
  const socketOf = (server: RunningServer) => `${server.url.replace('http', 'ws')}/api/reference-desk/socket`

  it('carries a chat between a reader on one process and a librarian on the other, and resumes on either', async () => {
    const reader = await signIn(first.url, 'sjtu', '2020001')
    const librarian = await signIn(second.url, 'sjtu', 'L001')
    const queues = await api(second, librarian, 'GET', '/api/reference-desk/queues')
    const reference = queues.items.find((queue: { code: string }) => queue.code === 'reference').id

    const readerSocket = await connectReady(socketOf(first), reader)
    const staffSocket = await connectReady(socketOf(second), librarian)
    // Going on duty through the second process reaches the reader's tab on the first.
    await api(second, librarian, 'PUT', `/api/reference-desk/duty/${reference}`, { onDuty: true })
    await readerSocket.next('desk', (frame) => frame.online[reference] === true, 10_000)

    const chat = await api(first, reader, 'POST', '/api/reference-desk/conversations', { queueId: reference })
    await subscribe(readerSocket, chat.id)
    await api(second, librarian, 'POST', `/api/reference-desk/conversations/${chat.id}/claim`)
    await readerSocket.next('conversation', (frame) => frame.conversation.status === 'active', 10_000)
    await subscribe(staffSocket, chat.id)

    readerSocket.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 'x-proc-0001',
      text: '两台服务器之间也能收到吗？',
    })
    await receives(staffSocket, chat.id, '两台服务器之间也能收到吗？', 10_000)
    staffSocket.send({ type: 'typing', conversationId: chat.id })
    await readerSocket.next('typing', undefined, 10_000)
    staffSocket.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 'x-proc-0002',
      text: '能，经由 PostgreSQL 通知。',
    })
    const answer = await receives(readerSocket, chat.id, '能，经由 PostgreSQL 通知。', 10_000)
    readerSocket.send({ type: 'read', conversationId: chat.id, seq: answer.seq })
    await staffSocket.next('read', (frame) => frame.readerReadSeq === answer.seq, 10_000)

    // The reader's phone drops off and comes back through the other process.
    const lastSeen = Math.max(...readerSocket.messages(chat.id).map((message) => message.seq))
    readerSocket.ws.terminate()
    staffSocket.send({
      type: 'send',
      conversationId: chat.id,
      clientMessageId: 'x-proc-0003',
      text: '断线期间的回复',
    })
    await staffSocket.next('ack', (frame) => frame.clientMessageId === 'x-proc-0003')
    const back = await connectReady(socketOf(second), reader)
    await subscribe(back, chat.id, lastSeen)
    await receives(back, chat.id, '断线期间的回复', 10_000)
    expect(back.messages(chat.id).map((message) => message.text)).toEqual(['断线期间的回复'])

    await api(second, librarian, 'POST', `/api/reference-desk/conversations/${chat.id}/close`)
    await back.next('conversation', (frame) => frame.conversation.status === 'closed', 10_000)
    await back.close()
    await staffSocket.close()
  })
})
