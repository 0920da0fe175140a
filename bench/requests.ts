import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { sql } from 'kysely'
import pg from 'pg'
import { openDatabase } from '../packages/server/src/db/database.ts'
import { migrateToLatest } from '../packages/server/src/db/migrate.ts'
import { DEMO_PASSWORD, seedDemo } from '../packages/server/src/platform/demo/demo-seed.ts'
import { signIn, startServer } from '../packages/server/src/test/server-process.ts'
import { createCpuMeter } from './cpu.ts'
import { type OpenLoopOptions, openLoop } from './open-loop.ts'
import { loadNow, machineNote, percentile, writeSection } from './report.ts'
import { addBenchReaders, generateRequests } from './requests-data.ts'

// Issue 3's targets for service requests, on PostgreSQL:
// 1. submitting a document-delivery request (with an Idempotency-Key) at 50 concurrent readers,
//    p99 < 50 ms;
// 2. the staff queue over 100,000 requests, filtered and paginated, p95 < 50 ms.
// Both run against `shuqiao serve` as its own process, on a database this script creates, fills
// with set-based SQL and drops. PGlite figures are for information.
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',')
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000)
const READERS = 50
const SUBMIT_SECONDS = Number(process.env.BENCH_SUBMIT_SECONDS ?? 20)
const SUBMIT_RATES = (process.env.BENCH_SUBMIT_RATES ?? '50,100').split(',').map(Number)
const QUEUE_SECONDS = Number(process.env.BENCH_QUEUE_SECONDS ?? 10)
const QUEUE_CONNECTIONS = Number(process.env.BENCH_QUEUE_CONNECTIONS ?? 10)
const QUEUE_RATE = Number(process.env.BENCH_QUEUE_RATE ?? 50)
const QUEUE_FLAT_OUT_SECONDS = 5
/** The web app's page of the staff queue (QUEUE_PAGE_SIZE). */
const PAGE_SIZE = 30
/** Leave the PostgreSQL database in place afterwards, to EXPLAIN its queries. */
const KEEP = process.env.BENCH_KEEP === '1'
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const POOL_SIZE = 20

interface Figures {
  ok: number
  perSecond: number
  p50: number
  p95: number
  p99: number
  non2xx: number
  errors: number
  /** CPU ms per 2xx response, of the server process and of the PostgreSQL backends. */
  cpuServer: number
  cpuDatabase: number
}

type Meter = ReturnType<typeof createCpuMeter>

/**
 * Runs autocannon and takes the percentiles of the 2xx response times itself (autocannon has no
 * p95), with the CPU time the server and its database used per response.
 */
const cannon = async (options: autocannon.Options, meter?: Meter): Promise<Figures> => {
  await meter?.start()
  const times: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)))
    instance.on('response', (_client, status, _bytes, time) => {
      if (status >= 200 && status < 300) times.push(time)
    })
  })
  const cpu = await meter?.stop()
  times.sort((a, b) => a - b)
  const ok = result['2xx']
  return {
    ok,
    perSecond: Math.round(ok / (options.duration as number)),
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
    cpuServer: cpu && ok ? cpu.server / ok : Number.NaN,
    cpuDatabase: cpu && ok ? cpu.database / ok : Number.NaN,
  }
}

/** Requests sent at random moments at a steady average rate (open-loop.ts), with the same figures. */
const paced = async <Client>(options: OpenLoopOptions<Client>, meter?: Meter): Promise<Figures> => {
  await meter?.start()
  const result = await openLoop(options)
  const cpu = await meter?.stop()
  const { ok, times } = result
  return {
    ok,
    perSecond: Math.round(ok / options.seconds),
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    p99: percentile(times, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
    cpuServer: cpu && ok ? cpu.server / ok : Number.NaN,
    cpuDatabase: cpu && ok ? cpu.database / ok : Number.NaN,
  }
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value.toFixed(1))

/** Server + PostgreSQL backends; on PGlite the database runs inside the server. */
const cpu = (figures: Figures) =>
  Number.isNaN(figures.cpuServer)
    ? '–'
    : figures.cpuDatabase
      ? `${figures.cpuServer.toFixed(1)} + ${figures.cpuDatabase.toFixed(1)}`
      : figures.cpuServer.toFixed(1)

// ---------------------------------------------------------------------------------------------
// Database: created, migrated, seeded and filled here, then served by its own process.

interface Prepared {
  engine: string
  /** The PostgreSQL database's name; undefined on PGlite. */
  database?: string
  env: Record<string, string>
  data: Awaited<ReturnType<typeof generateRequests>>
  readerNumbers: string[]
  openAgain(): Promise<Awaited<ReturnType<typeof openDatabase>>>
  drop(): Promise<void>
}

const prepare = async (engine: string): Promise<Prepared> => {
  let databaseUrl: string | undefined
  let databaseName: string | undefined
  let dataDir: string | undefined
  let drop: () => Promise<void>
  if (engine === 'postgres') {
    const name = `shuqiao_bench_requests_${process.pid}`
    databaseName = name
    const admin = new pg.Client({ connectionString: POSTGRES_URL })
    await admin.connect()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.query(`create database ${name}`)
    await admin.end()
    const url = new URL(POSTGRES_URL)
    url.pathname = `/${name}`
    databaseUrl = url.toString()
    drop = async () => {
      if (KEEP) return console.log(`kept ${databaseUrl}`)
      const again = new pg.Client({ connectionString: POSTGRES_URL })
      await again.connect()
      await again.query(`drop database if exists ${name} with (force)`)
      await again.end()
    }
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'shuqiao-bench-requests-'))
    drop = async () => rmSync(dataDir!, { recursive: true, force: true })
  }
  const open = () => openDatabase(databaseUrl ? { databaseUrl, poolSize: 5 } : { dataDir: dataDir! })
  const database = await open()
  try {
    await migrateToLatest(database.db as never)
    const world = (await seedDemo(database.db))!
    console.log(`${engine}: writing ${REQUESTS.toLocaleString('en')} requests…`)
    const data = await generateRequests(database.db, world, REQUESTS, new Date())
    const readerNumbers = await addBenchReaders(database.db, world, 'sjtu', READERS)
    // What autovacuum would have done by the time a year of requests is there.
    await sql`vacuum analyze`.execute(database.db)
    console.log(`${engine}: data ready in ${data.seconds.toFixed(1)} s`, data)
    return {
      engine,
      ...(databaseName ? { database: databaseName } : {}),
      env: databaseUrl
        ? { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(POOL_SIZE) }
        : { SHUQIAO_DATA_DIR: dataDir! },
      data,
      readerNumbers,
      openAgain: open,
      drop,
    }
  } finally {
    await database.close()
  }
}

// ---------------------------------------------------------------------------------------------
// 2. The staff queue.

type Who = 'librarian' | 'subject_librarian' | 'consortium_admin'

interface Scenario {
  name: string
  who: Who
  query: string
  /** 1 for the first page; later pages are reached by following nextCursor. */
  page: number
}

// What staff at a desk ask for, as the web app asks: 30 a page, open=true unless "open only" is
// unticked, overdue=true beside it when ticked.
const SCENARIOS: Scenario[] = [
  { name: 'open requests (the default view)', who: 'librarian', query: 'open=true', page: 1 },
  { name: 'open requests, page 20', who: 'librarian', query: 'open=true', page: 20 },
  { name: 'everything, page 100', who: 'librarian', query: '', page: 100 },
  { name: 'type', who: 'librarian', query: 'type=document_delivery&open=true', page: 1 },
  { name: 'type, page 10', who: 'librarian', query: 'type=document_delivery&open=true', page: 10 },
  { name: 'rare type, page 5', who: 'librarian', query: 'type=thesis_submission', page: 5 },
  { name: 'type + status', who: 'librarian', query: 'type=interlibrary_loan&status=requested', page: 1 },
  {
    name: 'type + closed status, page 50',
    who: 'librarian',
    query: 'type=document_delivery&status=delivered',
    page: 50,
  },
  { name: 'assignee = me', who: 'subject_librarian', query: 'assignee=me&open=true', page: 1 },
  { name: 'assignee = me, page 5', who: 'subject_librarian', query: 'assignee=me&open=true', page: 5 },
  {
    name: 'assignee = me + type + status',
    who: 'subject_librarian',
    query: 'assignee=me&type=document_delivery&status=processing',
    page: 1,
  },
  { name: 'unassigned', who: 'librarian', query: 'assignee=unassigned&open=true', page: 1 },
  { name: 'overdue', who: 'librarian', query: 'overdue=true&open=true', page: 1 },
  { name: 'overdue, page 10', who: 'librarian', query: 'overdue=true&open=true', page: 10 },
  { name: 'search: reader name', who: 'librarian', query: `q=${encodeURIComponent('王芳')}`, page: 1 },
  { name: 'search: surname', who: 'librarian', query: `q=${encodeURIComponent('王')}&open=true`, page: 1 },
  { name: 'search: request number', who: 'librarian', query: 'q=DD-2026-00012', page: 1 },
  { name: 'search: reader number', who: 'librarian', query: 'q=201800123', page: 1 },
  { name: 'consortium: open, all libraries', who: 'consortium_admin', query: 'open=true', page: 1 },
  {
    name: 'consortium: overdue, page 10',
    who: 'consortium_admin',
    query: 'overdue=true&open=true',
    page: 10,
  },
]

const signInConsortiumAdmin = async (url: string) => {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ readerNumber: 'admin', password: DEMO_PASSWORD }),
  })
  if (!response.ok) throw new Error(`consortium sign-in failed: ${response.status}`)
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('shuqiao_session='))!
  return cookie.split(';')[0]!
}

interface QueueRow {
  scenario: Scenario
  reachedPage: number
  items: number
  /** At QUEUE_RATE requests per second in all: the latency staff see. */
  paced: Figures
  /** Every connection asking again as soon as answered: what the machine can serve. */
  flatOut: Figures
}

/** Follows nextCursor to the scenario's page; the last page there is if the list is shorter. */
const pathOf = async (url: string, cookie: string, scenario: Scenario) => {
  let cursor: string | null = null
  let page = 1
  let items = 0
  for (; ; page++) {
    const query = [scenario.query, `limit=${PAGE_SIZE}`, cursor ? `cursor=${cursor}` : ''].filter(Boolean)
    const path = `/api/requests?${query.join('&')}`
    const response = await fetch(`${url}${path}`, { headers: { cookie } })
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
    const body = (await response.json()) as { items: unknown[]; nextCursor: string | null }
    items = body.items.length
    if (page === scenario.page || !body.nextCursor) return { path, page, items }
    cursor = body.nextCursor
  }
}

const measureQueue = async (url: string, meter: Meter) => {
  const cookies: Record<Who, string> = {
    librarian: await signIn(url, 'sjtu', 'L001'),
    subject_librarian: await signIn(url, 'sjtu', 'S001'),
    consortium_admin: await signInConsortiumAdmin(url),
  }
  // The server has just started: let its JIT and PostgreSQL's caches settle first.
  await cannon({
    url: `${url}/api/requests?open=true&limit=${PAGE_SIZE}`,
    headers: { cookie: cookies.librarian },
    connections: QUEUE_CONNECTIONS,
    duration: 5,
  })
  const rows: QueueRow[] = []
  for (const scenario of SCENARIOS) {
    const cookie = cookies[scenario.who]
    const { path, page, items } = await pathOf(url, cookie, scenario)
    const options = { url: `${url}${path}`, headers: { cookie }, connections: QUEUE_CONNECTIONS }
    await cannon({ ...options, duration: 2 })
    const steady = await paced({
      rate: QUEUE_RATE,
      seconds: QUEUE_SECONDS,
      clients: Array.from({ length: QUEUE_CONNECTIONS }, () => cookie),
      send: (staff) => fetch(`${url}${path}`, { headers: { cookie: staff } }),
    })
    const flatOut = await cannon({ ...options, duration: QUEUE_FLAT_OUT_SECONDS }, meter)
    console.log(
      `${scenario.name}: page ${page} (${items} items) at ${QUEUE_RATE}/s p50 ${ms(steady.p50)} p95 ${ms(steady.p95)} p99 ${ms(steady.p99)}; flat out ${flatOut.perSecond}/s p95 ${ms(flatOut.p95)} cpu ${cpu(flatOut)}`,
    )
    rows.push({ scenario, reachedPage: page, items, paced: steady, flatOut })
  }
  return rows
}

// ---------------------------------------------------------------------------------------------
// 1. Submitting.

const deliveryForm = (n: number) => ({
  type: 'document_delivery',
  form: {
    citation: `Zhang W, Li M. Bench article ${n}. Journal of Library Science in China, 2020, 46(3): 4-20.`,
    doi: `10.13530/bench.${n}`,
  },
})

/** A double submit with one key must make one request; check before measuring. */
const checkIdempotency = async (url: string, cookie: string) => {
  const key = `bench-${randomUUID()}`
  const submit = () =>
    fetch(`${url}/api/requests`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(deliveryForm(0)),
    }).then(async (response) => {
      if (!response.ok) throw new Error(`submit failed: ${response.status} ${await response.text()}`)
      return ((await response.json()) as { id: string }).id
    })
  const [first, second] = await Promise.all([submit(), submit()])
  if (first !== second) throw new Error('a double submit with one Idempotency-Key made two requests')
}

interface SubmitPhase {
  name: string
  connections: number
  /**
   * Submits per second from all readers together, at random moments (open-loop.ts); none = each
   * reader sends again as soon as answered (autocannon).
   */
  rate?: number
}

// Fifty readers submitting at once can mean a steady flow or every reader resubmitting the moment
// the answer arrives; the last is a load test at the machine's limit, where the wait is the queue
// (Little's law: 50 in flight at N per second is 50/N s each). All are reported.
const SUBMIT_PHASES: SubmitPhase[] = [
  { name: 'one reader at a time', connections: 1 },
  ...SUBMIT_RATES.map((rate) => ({
    name: `${READERS} readers, ${rate} submits/s in all`,
    connections: READERS,
    rate,
  })),
  { name: `${READERS} readers, each submitting again at once`, connections: READERS },
]

interface SubmitRow extends Figures {
  phase: SubmitPhase
}

const measureSubmit = async (url: string, readerNumbers: string[], meter: Meter) => {
  const cookies: string[] = []
  for (const number of readerNumbers) cookies.push(await signIn(url, 'sjtu', number))
  await checkIdempotency(url, cookies[0]!)
  let client = 0
  let n = 0
  const options = (phase: SubmitPhase, duration: number): autocannon.Options => ({
    url: `${url}/api/requests`,
    connections: phase.connections,
    duration,
    // Each connection is one reader: their own session, and a fresh key for every submit.
    setupClient: (each) =>
      each.setHeaders({
        cookie: cookies[client++ % cookies.length]!,
        'content-type': 'application/json',
      }),
    requests: [
      {
        method: 'POST',
        path: '/api/requests',
        setupRequest: (request) => ({
          ...request,
          headers: { ...request.headers, 'idempotency-key': `bench-${randomUUID()}` },
          body: JSON.stringify(deliveryForm(++n)),
        }),
      },
    ],
  })
  const warmUp = await cannon(options({ name: 'warm-up', connections: READERS }, 3))
  // The double submit above made one request.
  let submitted = warmUp.ok + 1
  // Submits still being served when autocannon stops counting (one per connection per run) or
  // gives up waiting (its 10 s timeout) may still be saved.
  let unanswered = READERS + warmUp.errors
  const rows: SubmitRow[] = []
  for (const phase of SUBMIT_PHASES) {
    const figures = phase.rate
      ? await paced(
          {
            rate: phase.rate,
            seconds: SUBMIT_SECONDS,
            clients: cookies,
            send: (cookie) =>
              fetch(`${url}/api/requests`, {
                method: 'POST',
                headers: {
                  cookie,
                  'content-type': 'application/json',
                  'idempotency-key': `bench-${randomUUID()}`,
                },
                body: JSON.stringify(deliveryForm(++n)),
              }),
          },
          meter,
        )
      : await cannon(options(phase, SUBMIT_SECONDS), meter)
    console.log(
      `${phase.name}: ${figures.perSecond}/s p50 ${ms(figures.p50)} p95 ${ms(figures.p95)} p99 ${ms(figures.p99)} cpu ${cpu(figures)}`,
    )
    rows.push({ phase, ...figures })
    submitted += figures.ok
    unanswered += phase.connections + figures.errors
  }
  return { rows, submitted, unanswered }
}

/** Every 2xx made one request with one first event, each reader submitted, no key was used twice. */
const checkSubmitted = async (prepared: Prepared, expected: number, unanswered: number) => {
  const database = await prepared.openAgain()
  try {
    const row = await sql<{ requests: number; readers: number; keys: number; events: number }>`
      select count(*) as requests, count(distinct r.reader_id) as readers,
        count(distinct r.idempotency_key) as keys,
        (select count(*) from request_events e join requests x on x.id = e.request_id
          where x.idempotency_key like 'bench-%') as events
      from requests r where r.idempotency_key like 'bench-%'`.execute(database.db)
    const found = row.rows[0]!
    if (
      found.requests < expected ||
      found.requests > expected + unanswered ||
      found.keys !== found.requests ||
      found.events !== found.requests ||
      found.readers !== READERS
    )
      throw new Error(`submitted ${expected}, found ${JSON.stringify(found)}`)
    return found
  } finally {
    await database.close()
  }
}

// ---------------------------------------------------------------------------------------------

const engineName = (engine: string) =>
  engine === 'postgres' ? `PostgreSQL 15 (pool ${POOL_SIZE})` : 'PGlite (embedded)'

const loadAtStart = loadNow()
const results: {
  engine: string
  load: string
  data: Prepared['data']
  queue: QueueRow[]
  submit: SubmitRow[]
  checked: Awaited<ReturnType<typeof checkSubmitted>>
}[] = []
for (const engine of ENGINES) {
  const prepared = await prepare(engine)
  try {
    const load = loadNow()
    const server = await startServer(prepared.env)
    let queue: QueueRow[]
    let submit: Awaited<ReturnType<typeof measureSubmit>>
    try {
      const meter = createCpuMeter(
        server.pid,
        prepared.database ? { adminUrl: POSTGRES_URL, database: prepared.database } : undefined,
      )
      queue = await measureQueue(server.url, meter)
      submit = await measureSubmit(server.url, prepared.readerNumbers, meter)
    } finally {
      await server.stop()
    }
    const checked = await checkSubmitted(prepared, submit.submitted, submit.unanswered)
    results.push({
      engine: engineName(engine),
      load,
      data: prepared.data,
      queue,
      submit: submit.rows,
      checked,
    })
  } finally {
    await prepared.drop()
  }
}

const verdict = (value: number, target: number) =>
  Number.isNaN(value) ? '–' : value < target ? 'met' : '**missed**'
const submitTable = (rows: SubmitRow[]) =>
  [
    '| readers submitting | submits/s | p50 ms | p95 ms | p99 ms | non-2xx | errors | CPU ms per submit | p99 < 50 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.phase.name} | ${r.perSecond} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.non2xx} | ${r.errors} | ${cpu(r)} | ${verdict(r.p99, 50)} |`,
    ),
  ].join('\n')
const queueTable = (rows: QueueRow[]) =>
  [
    `| listing | as | query | page (items) | p50 ms | p95 ms | p99 ms | flat out: req/s | p95 ms | CPU ms per request | p95 < 50 ms at ${QUEUE_RATE}/s |`,
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.scenario.name} | ${r.scenario.who.replace('_', ' ')} | \`${decodeURIComponent(r.scenario.query) || '–'}\` | ${r.reachedPage} (${r.items}) | ${ms(r.paced.p50)} | ${ms(r.paced.p95)} | ${ms(r.paced.p99)} | ${r.flatOut.perSecond} | ${ms(r.flatOut.p95)} | ${cpu(r.flatOut)} | ${verdict(r.paced.p95, 50)} |`,
    ),
  ].join('\n')
const data = results[0]?.data
const dataNote = data
  ? `${Number(data.requests).toLocaleString('en')} requests with ${Number(data.events).toLocaleString('en')} timeline events among ${Number(data.readers).toLocaleString('en')} readers of 3 libraries (50 / 30 / 20 %), six types, over the past year; ${Number(data.open).toLocaleString('en')} open, ${Number(data.overdue).toLocaleString('en')} of them overdue. Written with generate_series in ${results.map((r) => `${r.data.seconds.toFixed(0)} s on ${r.engine.split(' (')[0]}`).join(', ')}, then VACUUM ANALYZE.`
  : ''

writeSection(
  'requests',
  `## Service requests: submitting, and the staff queue over ${REQUESTS.toLocaleString('en')} requests

Targets from issue 3, on PostgreSQL: submitting p99 < 50 ms at 50 concurrent readers; the staff
queue p95 < 50 ms for filtered, paginated listing. PGlite figures are for information.

${machineNote(loadAtStart)}
- data: ${dataNote}
- server: \`shuqiao serve\` in its own process (notice worker on), database pool ${POOL_SIZE} on PostgreSQL.

### Submitting a document-delivery request, ${SUBMIT_SECONDS} s per line

\`POST /api/requests\` with an \`Idempotency-Key\`, each connection signed in as its own reader of
上海交通大学图书馆 (${READERS} readers of its four departments) with a fresh key per submit. Every
submit numbers the request, assigns it to the least busy subject librarian of the reader's
department, writes it with its first event and the reader's inbox and e-mail notices, and answers
with the request and its timeline. Checked after the run: one request, one key and one event per
2xx, from all ${READERS} readers (${results.map((r) => `${r.engine.split(' (')[0]}: ${r.checked.requests.toLocaleString('en')} requests`).join(', ')}).

${results.map((r) => `#### ${r.engine} (1-minute load average ${r.load} when it started)\n\n${submitTable(r.submit)}`).join('\n\n')}

### The staff queue

\`GET /api/requests\` as 上海交通大学图书馆's librarian (L001) or subject librarian (S001), whose
library holds half the requests, or as the consortium administrator (all three libraries), ${PAGE_SIZE}
a page as the web app asks; later pages reached by following \`nextCursor\`. Each listing is asked
by ${QUEUE_CONNECTIONS} connections at ${QUEUE_RATE} requests/s in all for ${QUEUE_SECONDS} s (latencies and the
target), then flat out (each connection asking again as soon as answered) for ${QUEUE_FLAT_OUT_SECONDS} s, which
gives what the machine can serve and the CPU each request costs (server + PostgreSQL backends).

${results.map((r) => `#### ${r.engine} (1-minute load average ${r.load} when it started)\n\n${queueTable(r.queue)}`).join('\n\n')}
`,
)
console.log(results.map((r) => submitTable(r.submit)).join('\n\n'))
