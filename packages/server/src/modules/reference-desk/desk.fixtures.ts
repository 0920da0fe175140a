import { once } from 'node:events'
import type { referenceDesk } from '@shuqiao/contracts'
import { WebSocket } from 'ws'
import type { TestApp } from '../../test/test-app.ts'

type Frame = referenceDesk.ServerFrame
type FrameOf<T extends Frame['type']> = Extract<Frame, { type: T }>

/** A queue of the demo desk by code, in a demo library. */
export const queueId = async (t: TestApp, code: string, libraryCode = 'sjtu') =>
  (
    await t.ctx.db
      .selectFrom('reference_queues as q')
      .innerJoin('libraries as l', 'l.id', 'q.library_id')
      .select('q.id')
      .where('q.code', '=', code)
      .where('l.code', '=', libraryCode)
      .executeTakeFirstOrThrow()
  ).id

export const libraryId = (t: TestApp, code = 'sjtu') => t.world.libraries.find((l) => l.code === code)!.id

/** 上岗 / 下岗 through the API. */
export const setDuty = async (t: TestApp, cookie: string, queue: string, onDuty: boolean) => {
  const response = await t.request({
    method: 'PUT',
    url: `/api/reference-desk/duty/${queue}`,
    cookie,
    payload: { onDuty },
  })
  if (response.statusCode !== 200) throw new Error(`duty failed: ${response.body}`)
  return response.json() as referenceDesk.MyDesk
}

export const startChat = (t: TestApp, cookie: string, queue: string) =>
  t.request({ method: 'POST', url: '/api/reference-desk/conversations', cookie, payload: { queueId: queue } })

export const act = (
  t: TestApp,
  cookie: string,
  conversationId: string,
  action: 'claim' | 'close',
  payload?: object,
) =>
  t.request({
    method: 'POST',
    url: `/api/reference-desk/conversations/${conversationId}/${action}`,
    cookie,
    ...(payload ? { payload } : {}),
  })

export const transfer = (t: TestApp, cookie: string, conversationId: string, payload: object) =>
  t.request({
    method: 'POST',
    url: `/api/reference-desk/conversations/${conversationId}/transfer`,
    cookie,
    payload,
  })

/** A second reader of a library, made by its admin. */
export const addReader = async (t: TestApp, readerNumber: string, name: string, libraryCode = 'sjtu') => {
  const created = await t.request({
    method: 'POST',
    url: '/api/accounts',
    cookie: await t.as('library_admin', libraryCode),
    payload: { readerNumber, name, type: 'student', roles: ['reader'], password: 'shuqiao2020' },
  })
  if (created.statusCode !== 201) throw new Error(`account failed: ${created.body}`)
  return t.signIn(readerNumber, libraryCode)
}

/** Starts the app listening on a free port (once per file) and gives the socket's address. */
export const socketUrl = async (t: TestApp) => {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = t.app.server.address() as { port: number }
  return `ws://127.0.0.1:${port}/api/reference-desk/socket`
}

export interface DeskClient {
  ws: WebSocket
  frames: Frame[]
  send(frame: referenceDesk.ClientFrame | Record<string, unknown>): void
  /** The first frame of a type (and matching `match`) not taken yet, waiting up to `ms`. */
  next<T extends Frame['type']>(
    type: T,
    match?: (frame: FrameOf<T>) => boolean,
    ms?: number,
  ): Promise<FrameOf<T>>
  /** Every message received for a chat, in the order received. */
  messages(conversationId: string): referenceDesk.Message[]
  closed: Promise<{ code: number; reason: string }>
  close(): Promise<void>
}

/** A WebSocket client as a browser tab would be, with the cookie of `cookie` (none for a guest). */
export const connect = async (url: string, cookie?: string, headers: Record<string, string> = {}) => {
  const ws = new WebSocket(url, { headers: { ...headers, ...(cookie ? { cookie } : {}) } })
  const frames: Frame[] = []
  const taken = new Set<Frame>()
  const waiters = new Set<() => void>()
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Frame)
    for (const wake of waiters) wake()
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  )
  await once(ws, 'open')
  const client: DeskClient = {
    ws,
    frames,
    send: (frame) => ws.send(JSON.stringify(frame)),
    next: (type, match, ms = 5000) =>
      new Promise((resolve, reject) => {
        const look = () => {
          const found = frames.find(
            (frame) => !taken.has(frame) && frame.type === type && (!match || match(frame as never)),
          )
          if (!found) return false
          taken.add(found)
          waiters.delete(look)
          clearTimeout(timer)
          resolve(found as never)
          return true
        }
        const timer = setTimeout(() => {
          waiters.delete(look)
          reject(new Error(`no ${type} frame within ${ms} ms; got ${JSON.stringify(frames.slice(-5))}`))
        }, ms)
        if (!look()) waiters.add(look)
      }),
    messages: (conversationId) =>
      frames.flatMap((frame) =>
        frame.type === 'messages' && frame.conversationId === conversationId ? frame.items : [],
      ),
    closed,
    close: async () => {
      if (ws.readyState === ws.CLOSED) return
      ws.close()
      await closed
    },
  }
  return client
}

/** Connects and says hello; resolves once the server says who it is. */
export const connectReady = async (url: string, cookie?: string, guestToken?: string) => {
  const client = await connect(url, cookie)
  client.send({ type: 'hello', ...(guestToken ? { guestToken } : {}) })
  await client.next('ready')
  return client
}

/** Subscribes and waits for the chat as it is now. */
export const subscribe = async (client: DeskClient, conversationId: string, after = 0) => {
  client.send({ type: 'subscribe', conversationId, after })
  return (await client.next('conversation', (frame) => frame.conversation.id === conversationId)).conversation
}

/** Waits until a client has got a message with this text. */
export const receives = async (client: DeskClient, conversationId: string, text: string, ms = 5000) => {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const found = client.messages(conversationId).find((message) => message.text === text)
    if (found) return found
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(
    `"${text}" did not arrive; got ${JSON.stringify(client.messages(conversationId).map((m) => m.text))}`,
  )
}
