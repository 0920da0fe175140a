import { readFileSync } from 'node:fs'
import { WebSocket } from 'ws'
import { type RunningServer, signIn, startServer } from '../packages/server/src/test/server-process.ts'
import { freshDatabase } from './bench-database.ts'
import { loadNow, machineNote, percentile, writeSection } from './report.ts'

// Issue 4's target, on PostgreSQL and 2 cores: 1,000 readers connected over WebSocket and 20
// librarians on one server process; a message reaches the other side with p99 under 100 ms.
// Readers are guests of the demo library's 参考咨询 queue (automatic assignment): 20 librarians
// on duty with 20 chats each answer 400 of them, the other 600 wait in line, connected and idle.
const READERS = Number(process.env.BENCH_READERS ?? 1000)
const LIBRARIANS = Number(process.env.BENCH_LIBRARIANS ?? 20)
const CHAT_LIMIT = 20
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
/** Each reader in an active chat writes every this many ms (the socket allows one a second). */
const READER_EVERY_MS = Number(process.env.BENCH_READER_EVERY_MS ?? 5000)
/** Each librarian answers one of their chats every this many ms. */
const LIBRARIAN_EVERY_MS = Number(process.env.BENCH_LIBRARIAN_EVERY_MS ?? 1100)

type Frame = { type: string; [key: string]: unknown }

const api = async (
  server: RunningServer,
  cookie: string | undefined,
  method: string,
  path: string,
  body?: object,
) => {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}

/** A socket that says hello and hands every frame to `onFrame`. */
const openSocket = (
  server: RunningServer,
  auth: { cookie?: string; guestToken?: string },
  onFrame: (frame: Frame) => void,
) =>
  new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/reference-desk/socket`, {
      headers: auth.cookie ? { cookie: auth.cookie } : {},
    })
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame
      if (frame.type === 'ready') resolve(ws)
      onFrame(frame)
    })
    ws.once('error', reject)
    ws.once('open', () =>
      ws.send(JSON.stringify({ type: 'hello', ...(auth.guestToken ? { guestToken: auth.guestToken } : {}) })),
    )
  })

const rssOf = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)
  return Number(line?.[1] ?? 0) * 1024
}

const run = async (server: RunningServer) => {
  const admin = await signIn(server.url, 'sjtu', 'A001')
  const queues = await api(server, admin, 'GET', '/api/reference-desk/queues')
  const reference = queues.items.find((queue: { code: string }) => queue.code === 'reference').id
  await api(server, admin, 'PATCH', `/api/reference-desk/queues/${reference}`, {
    assignment: 'auto',
    allowGuests: true,
  })

  // Librarians: made by the library's admin, signed in, on duty, limit 20.
  const librarians: { cookie: string; id: string }[] = []
  for (let n = 0; n < LIBRARIANS; n++) {
    const number = `BL${String(n).padStart(3, '0')}`
    const account = await api(server, admin, 'POST', '/api/accounts', {
      readerNumber: number,
      name: `馆员${n}`,
      type: 'staff',
      roles: ['librarian'],
      password: 'shuqiao2020',
    })
    await api(server, admin, 'PUT', `/api/reference-desk/librarians/${account.id}/chat-limit`, {
      chatLimit: CHAT_LIMIT,
    })
    const cookie = await signIn(server.url, 'sjtu', number)
    await api(server, cookie, 'PUT', `/api/reference-desk/duty/${reference}`, { onDuty: true })
    librarians.push({ cookie, id: account.id })
  }

  // Readers: guests asking in the queue; the first 400 are handed out at once, the rest wait.
  const readers: { token: string; chatId: string }[] = []
  for (let n = 0; n < READERS; n++) {
    const chat = await api(server, undefined, 'POST', '/api/reference-desk/guest-conversations', {
      queueId: reference,
      nickname: `读者${n}`,
    })
    readers.push({ token: chat.guestToken, chatId: chat.conversation.id })
  }

  const sentAt = new Map<string, number>()
  const latencies: { toStaff: number[]; toReader: number[] } = { toStaff: [], toReader: [] }
  const refused: Record<string, number> = {}
  const seen = (frame: Frame, side: 'toStaff' | 'toReader') => {
    if (frame.type === 'error') refused[String(frame.code)] = (refused[String(frame.code)] ?? 0) + 1
    if (frame.type !== 'messages') return
    for (const message of frame.items as { clientMessageId: string | null }[]) {
      const id = message.clientMessageId
      const at = id ? sentAt.get(`${side}:${id}`) : undefined
      if (at !== undefined) {
        latencies[side].push(performance.now() - at)
        sentAt.delete(`${side}:${id}`)
      }
    }
  }

  const rssBefore = rssOf(server.pid)
  const staffChats = new Map<string, string[]>()
  const staffSockets: WebSocket[] = []
  for (const librarian of librarians) {
    const ws = await openSocket(server, { cookie: librarian.cookie }, (frame) => seen(frame, 'toStaff'))
    staffSockets.push(ws)
    const mine = await api(
      server,
      librarian.cookie,
      'GET',
      '/api/reference-desk/conversations?status=active&assignee=me&limit=100',
    )
    const ids = mine.items.map((chat: { id: string }) => chat.id)
    staffChats.set(librarian.id, ids)
    for (const id of ids) ws.send(JSON.stringify({ type: 'subscribe', conversationId: id, after: 0 }))
  }
  const active = new Set([...staffChats.values()].flat())
  const readerSockets: { ws: WebSocket; chatId: string }[] = []
  const connectStarted = performance.now()
  for (let at = 0; at < readers.length; at += 50) {
    const batch = await Promise.all(
      readers.slice(at, at + 50).map(async (reader) => {
        const ws = await openSocket(server, { guestToken: reader.token }, (frame) => seen(frame, 'toReader'))
        ws.send(JSON.stringify({ type: 'subscribe', conversationId: reader.chatId, after: 0 }))
        return { ws, chatId: reader.chatId }
      }),
    )
    readerSockets.push(...batch)
  }
  const connectSeconds = (performance.now() - connectStarted) / 1000
  // Let the subscriptions' first frames settle, then read the idle memory.
  await new Promise((resolve) => setTimeout(resolve, 5000))
  const rssIdle = rssOf(server.pid)
  const perConnection = (rssIdle - rssBefore) / (readerSockets.length + staffSockets.length)

  // Chatting: readers in active chats write every READER_EVERY_MS, librarians answer in turn.
  let counter = 0
  const timers: NodeJS.Timeout[] = []
  const send = (ws: WebSocket, side: 'toStaff' | 'toReader', conversationId: string) => {
    const id = `bench-${process.pid}-${++counter}`
    sentAt.set(`${side}:${id}`, performance.now())
    ws.send(
      JSON.stringify({
        type: 'send',
        conversationId,
        clientMessageId: id,
        text: `第 ${counter} 条：请问这本书在哪里？`,
      }),
    )
  }
  const talking = readerSockets.filter((reader) => active.has(reader.chatId))
  for (const reader of talking) {
    const start = setTimeout(() => {
      timers.push(setInterval(() => send(reader.ws, 'toStaff', reader.chatId), READER_EVERY_MS))
    }, Math.random() * READER_EVERY_MS)
    timers.push(start)
  }
  librarians.forEach((librarian, at) => {
    const chats = staffChats.get(librarian.id) ?? []
    let turn = 0
    if (chats.length === 0) return
    timers.push(
      setInterval(
        () => send(staffSockets[at]!, 'toReader', chats[turn++ % chats.length]!),
        LIBRARIAN_EVERY_MS,
      ),
    )
  })
  const cpuBefore = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(' ')
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000))
  for (const timer of timers) clearInterval(timer)
  await new Promise((resolve) => setTimeout(resolve, 3000))
  const cpuAfter = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(' ')
  const ticks = (stat: string[]) => Number(stat[13]) + Number(stat[14])
  const cpuPercent = ((ticks(cpuAfter) - ticks(cpuBefore)) / 100 / (SECONDS + 3)) * 100
  const rssBusy = rssOf(server.pid)
  const lost = sentAt.size
  for (const socket of [...staffSockets, ...readerSockets.map((reader) => reader.ws)]) socket.close()
  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b)
    return {
      n: sorted.length,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? 0,
    }
  }
  return {
    readers: readerSockets.length,
    talking: talking.length,
    librarians: staffSockets.length,
    connectSeconds,
    rssBefore,
    rssIdle,
    rssBusy,
    perConnection,
    cpuPercent,
    toStaff: summary(latencies.toStaff),
    toReader: summary(latencies.toReader),
    lost,
    refused,
  }
}

const fresh = await freshDatabase('reference_desk')
const loadAtStart = loadNow()
const url = new URL(fresh.url)
const server = await startServer({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: '20' })
let result: Awaited<ReturnType<typeof run>>
try {
  result = await run(server)
} finally {
  await server.stop()
  await fresh.drop()
}
console.log(JSON.stringify(result, null, 2))

const ms = (value: number) => value.toFixed(1)
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0)
const line = (label: string, s: typeof result.toStaff) =>
  `| ${label} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${ms(s.max)} |`
writeSection(
  'desk',
  `## Reference desk: ${result.readers} readers and ${result.librarians} librarians over WebSocket, one process

Target from issue 4, on PostgreSQL and 2 cores: a message reaches the other side with p99 under
100 ms; memory per idle connection reported. \`npm run bench:desk\` ([desk.ts](desk.ts); \`BENCH_READERS\`,
\`BENCH_LIBRARIANS\`, \`BENCH_SECONDS\`, \`BENCH_READER_EVERY_MS\`, \`BENCH_LIBRARIAN_EVERY_MS\`).

${machineNote(loadAtStart)}
- server: \`shuqiao serve\` in its own process on PostgreSQL 15 (pool 20); the ${result.readers + result.librarians} WebSocket clients run in the benchmark's one Node process on the same 2 cores.
- setup: guests of the 参考咨询 queue (automatic assignment); ${result.librarians} librarians on duty with a limit of ${CHAT_LIMIT} chats each answer ${result.talking} chats, the other ${result.readers - result.talking} readers wait in line, connected and subscribed. Every reader in a chat writes every ${READER_EVERY_MS / 1000} s, every librarian answers one of their chats every ${LIBRARIAN_EVERY_MS / 1000} s, for ${SECONDS} s. Latency: from \`send\` until the other side's socket has the message (sender and receiver share the benchmark's clock).

| direction | messages | p50 ms | p95 ms | p99 ms | max ms |
| --- | ---: | ---: | ---: | ---: | ---: |
${line('reader → librarian', result.toStaff)}
${line('librarian → reader', result.toReader)}

- not delivered within 3 s of the end: ${result.lost}; refused: ${Object.keys(result.refused).length === 0 ? 'none' : JSON.stringify(result.refused)}
- connecting and subscribing ${result.readers} readers (50 at a time): ${result.connectSeconds.toFixed(1)} s
- server memory (RSS): ${mib(result.rssBefore)} MiB before the sockets, ${mib(result.rssIdle)} MiB with all connected and idle, ${mib(result.rssBusy)} MiB after chatting: about **${(result.perConnection / 1024).toFixed(0)} KiB per idle connection** (RSS growth over ${result.readers + result.librarians} sockets, no forced GC in the server)
- server CPU while chatting: ${result.cpuPercent.toFixed(0)} % of one core
`,
)
