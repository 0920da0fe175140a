import { EventEmitter } from 'node:events'
import pg from 'pg'

type Handler = (payload: string) => void

/**
 * Messages between server processes: PostgreSQL LISTEN/NOTIFY when several processes share a
 * server; in-process delivery on PGlite, where there is only one process. Payloads are short
 * strings (NOTIFY allows under 8000 bytes); send ids, not documents.
 */
export interface EventBus {
  publish(channel: string, payload: string): Promise<void>
  subscribe(channel: string, handler: Handler): () => void
  /**
   * Runs `handler` whenever this process may have missed messages: its listening connection to
   * the server was lost and is back. What a process keeps because others announce its changes
   * (cached sessions, what it knows of a pickup point) should then be forgotten.
   */
  whenMissed(handler: () => void): () => void
  close(): Promise<void>
}

// Not a channel name (those are lower-case letters and underscores), so no message can collide.
const MISSED = 'missed!'

export const createLocalEventBus = (): EventBus => {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    publish: async (channel, payload) => {
      emitter.emit(channel, payload)
    },
    subscribe: (channel, handler) => {
      emitter.on(channel, handler)
      return () => emitter.off(channel, handler)
    },
    // In one process nothing is ever missed; a server's bus says when it may have been.
    whenMissed: (handler) => {
      emitter.on(MISSED, handler)
      return () => emitter.off(MISSED, handler)
    },
    close: async () => {
      emitter.removeAllListeners()
    },
  }
}

const CHANNEL = /^[a-z_]{1,60}$/

/**
 * One dedicated connection listens; publishing goes through a short-lived pool query. This
 * process hears its own messages at once, not after the round trip through the server, so a
 * change it made (a library's calendar closed) is known here before the call that made it
 * returns; the server's echo of them is skipped by the publishing connections' process ids.
 */
export const createPostgresEventBus = async (
  url: string,
  log: (message: string, error?: unknown) => void,
) => {
  const local = createLocalEventBus()
  const listening = new Set<string>()
  const publisher = new pg.Pool({ connectionString: url, max: 2 })
  publisher.on('error', (error) => log('event publisher connection lost', error))
  const ownBackends = new Set<number>()
  const backendOf = (client: pg.PoolClient) => (client as unknown as { processID: number }).processID
  publisher.on('connect', (client) => ownBackends.add(backendOf(client)))
  publisher.on('remove', (client) => ownBackends.delete(backendOf(client)))
  let listener: pg.Client | undefined
  let closed = false
  // One statement at a time on the listening connection: subscriptions come in bursts at start.
  let listens = Promise.resolve()
  const listen = (channel: string) => {
    listens = listens
      .then(() => listener?.query(`listen ${channel}`))
      .then(
        () => undefined,
        (error) => log('listen failed', error),
      )
  }

  const connect = async (again: boolean) => {
    const client = new pg.Client({ connectionString: url })
    client.on('notification', (message) => {
      if (ownBackends.has(message.processId)) return
      void local.publish(message.channel, message.payload ?? '')
    })
    // A lost connection may report more than one error; it is replaced once.
    let lost = false
    client.on('error', (error) => {
      if (lost) return
      lost = true
      listener = undefined
      if (closed) return
      log('event listener connection lost; reconnecting', error)
      if (!closed)
        setTimeout(() => void connect(true).catch((e) => log('event listener reconnect failed', e)), 1000)
    })
    await client.connect()
    for (const channel of listening) await client.query(`listen ${channel}`)
    listener = client
    // Whatever was announced while the connection was down never reaches this process.
    if (again) await local.publish(MISSED, '')
  }
  await connect(false)

  const bus: EventBus = {
    publish: async (channel, payload) => {
      await publisher.query('select pg_notify($1, $2)', [channel, payload])
      await local.publish(channel, payload)
    },
    subscribe: (channel, handler) => {
      if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`)
      if (!listening.has(channel)) {
        listening.add(channel)
        listen(channel)
      }
      return local.subscribe(channel, handler)
    },
    whenMissed: local.whenMissed,
    close: async () => {
      closed = true
      await listener?.end().catch(() => {})
      await publisher.end()
      await local.close()
    },
  }
  return bus
}

/** The bus that fits the database: NOTIFY across processes on a server, in-process on PGlite. */
export const openEventBus = async (
  database: { engine: 'pglite' | 'postgres'; url?: string | undefined },
  log: (message: string, error?: unknown) => void = (message, error) => console.error(message, error),
): Promise<EventBus> =>
  database.engine === 'postgres' && database.url
    ? createPostgresEventBus(database.url, log)
    : createLocalEventBus()
