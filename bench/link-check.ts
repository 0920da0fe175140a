import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import { readConfig } from '../packages/server/src/config/config.ts'
import { createContext } from '../packages/server/src/context.ts'
import { openDatabase } from '../packages/server/src/db/database.ts'
import { migrateToLatest } from '../packages/server/src/db/migrate.ts'
import {
  checkLinks,
  type LinkCheckResult,
} from '../packages/server/src/modules/e-resources/link-check/link-check.ts'
import { createLinkCheckService } from '../packages/server/src/modules/e-resources/link-checks.service.ts'
import { seedDemo } from '../packages/server/src/platform/demo/demo-seed.ts'
import { openEventBus } from '../packages/server/src/platform/events/event-bus.ts'
import { loadNow, machineNote, writeSection } from './report.ts'

// Issue 5's target: link checking of 5,000 URLs against the local test server in under 60 s at
// concurrency 50 and 4 per host. Measured twice: the engine alone (link-check/link-check.ts), and
// the whole service (link-checks.service.ts) over 5,000 published resources of one library,
// writing the history and the counters, on each engine of BENCH_ENGINES.
const URLS = Number(process.env.BENCH_URLS ?? 5_000)
const HOSTS = Number(process.env.BENCH_HOSTS ?? 20)
const CONCURRENCY = 50
const PER_HOST = 4
const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',').filter(Boolean)
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const TARGET_SECONDS = 60
const PAGE_BYTES = 20_000

// ---------------------------------------------------------------------------------------------
// The vendors: one Node server per port of 127.0.0.1, each port a host for the per-host bound.
// They run in this process, so the checker shares its one thread with them: a pessimistic setting.

const filler =
  `<p>${'期刊、图书、学位论文与会议论文全文检索。Journals, books, theses and proceedings. '.repeat(300)}</p>`.slice(
    0,
    PAGE_BYTES,
  )
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`
const PAGE = page('数据库 Database', `<h1>数据库首页</h1>${filler}`)
const SOFT_404 = page('提示', '<h2>抱歉，您访问的页面不存在</h2><a href="/">返回首页</a>')

/** What the n-th address answers: 1 in 25 a 404, 1 in 50 a 403, 1 in 50 a soft 404, 1 in 10 a redirect. */
const pathOf = (n: number) =>
  n % 25 === 0
    ? `/gone/${n}`
    : n % 50 === 1
      ? `/forbidden/${n}`
      : n % 50 === 2
        ? `/soft/${n}`
        : n % 10 === 3
          ? `/moved/${n}`
          : `/item/${n}`

const servers: http.Server[] = []
const stats = { requests: 0, open: 0, maxOpen: 0, maxOpenByHost: 0 }
const startHosts = async () => {
  const ports: number[] = []
  for (let index = 0; index < HOSTS; index += 1) {
    let open = 0
    const server = http.createServer((req, res) => {
      stats.requests += 1
      const path = new URL(req.url ?? '/', 'http://bench').pathname
      const [, kind, n] = path.split('/')
      const answer = () => {
        if (kind === 'gone') return res.writeHead(404, { 'content-type': 'text/html' }).end(page('404', ''))
        if (kind === 'forbidden')
          return res.writeHead(403, { 'content-type': 'text/html' }).end(page('Forbidden', 'Access denied'))
        if (kind === 'soft')
          return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(SOFT_404)
        if (kind === 'moved') return res.writeHead(302, { location: `/item/${n}` }).end()
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE)
      }
      // Vendors answer in 5–25 ms.
      setTimeout(answer, 5 + Math.random() * 20)
    })
    server.on('connection', (socket) => {
      open += 1
      stats.open += 1
      stats.maxOpen = Math.max(stats.maxOpen, stats.open)
      stats.maxOpenByHost = Math.max(stats.maxOpenByHost, open)
      socket.on('close', () => {
        open -= 1
        stats.open -= 1
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    servers.push(server)
    ports.push((server.address() as AddressInfo).port)
  }
  return ports
}

const resetStats = () => {
  stats.requests = 0
  stats.maxOpen = 0
  stats.maxOpenByHost = 0
}

interface Figures {
  name: string
  urls: number
  seconds: number
  counts: Record<'ok' | 'broken' | 'needs_person' | 'soft_404', number>
  maxOpen: number
  maxOpenByHost: number
  note: string
}

const countOf = (results: LinkCheckResult[]) => {
  const counts = { ok: 0, broken: 0, needs_person: 0, soft_404: 0 }
  for (const result of results) counts[result.outcome] += 1
  return counts
}

// ---------------------------------------------------------------------------------------------
// 1. The engine alone.

const ports = await startHosts()
const urls = Array.from({ length: URLS }, (_, n) => `http://127.0.0.1:${ports[n % HOSTS]}${pathOf(n)}`)
const loadAtStart = loadNow()
const figures: Figures[] = []

{
  resetStats()
  const started = performance.now()
  const results = await checkLinks(urls, { concurrency: CONCURRENCY, perHost: PER_HOST })
  const seconds = (performance.now() - started) / 1000
  figures.push({
    name: 'engine alone (`checkLinks`)',
    urls: URLS,
    seconds,
    counts: countOf(results),
    maxOpen: stats.maxOpen,
    maxOpenByHost: stats.maxOpenByHost,
    note: `${stats.requests.toLocaleString('en')} requests (redirects included)`,
  })
  console.log(figures.at(-1))
}

// ---------------------------------------------------------------------------------------------
// 2. The service over 5,000 published resources, writing history and counters.

const prepare = async (engine: string) => {
  if (engine === 'postgres') {
    const name = `shuqiao_bench_link_check_${process.pid}`
    const admin = new pg.Client({ connectionString: POSTGRES_URL })
    await admin.connect()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.query(`create database ${name}`)
    await admin.end()
    const url = new URL(POSTGRES_URL)
    url.pathname = `/${name}`
    return {
      database: await openDatabase({ databaseUrl: url.toString(), poolSize: 10 }),
      drop: async () => {
        const again = new pg.Client({ connectionString: POSTGRES_URL })
        await again.connect()
        await again.query(`drop database if exists ${name} with (force)`)
        await again.end()
      },
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'shuqiao-bench-link-check-'))
  return {
    database: await openDatabase({ dataDir }),
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  }
}

for (const engine of ENGINES) {
  const { database, drop } = await prepare(engine)
  try {
    await migrateToLatest(database.db as never)
    const world = (await seedDemo(database.db))!
    const library = world.libraries.find((candidate) => candidate.code === 'sjtu')!
    // The demo's own resources point at real vendor sites: they are not part of this.
    await database.db.updateTable('e_resources').set({ status: 'suspended' }).execute()
    for (let at = 0; at < URLS; at += 1_000) {
      await database.db
        .insertInto('e_resources')
        .values(
          urls.slice(at, at + 1_000).map((url, offset) => {
            const n = at + offset
            return {
              id: uuidv7(),
              library_id: library.id,
              name_zh: `基准测试资源 ${n}`,
              name_en: `Bench resource ${n}`,
              kind: 'database',
              url,
              owner_id: library.accounts.librarian ?? null,
              status: 'published' as const,
              sort_key: `jizhunceshiziyuan ${String(n).padStart(5, '0')}`,
              initial: 'J',
            }
          }),
        )
        .execute()
    }
    await sql`analyze`.execute(database.db)
    const events = await openEventBus(database)
    const ctx = createContext(
      readConfig({ LOG_LEVEL: 'silent', LINK_CHECK_SCHEDULE: 'false' }),
      database,
      events,
    )
    const service = createLinkCheckService(ctx, { engine: { concurrency: CONCURRENCY, perHost: PER_HOST } })
    for (const round of [1, 2]) {
      resetStats()
      const started = performance.now()
      const run = await service.runLibrary(library.id)
      const seconds = (performance.now() - started) / 1000
      const history = await database.db
        .selectFrom('e_resource_link_checks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      figures.push({
        name: `service on ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}, run ${round}`,
        urls: run.urls,
        seconds,
        counts: { ok: run.ok, broken: run.broken, needs_person: run.needsPerson, soft_404: run.soft404 },
        maxOpen: stats.maxOpen,
        maxOpenByHost: stats.maxOpenByHost,
        note: `${run.resources.toLocaleString('en')} resources; ${Number(history.n).toLocaleString('en')} checks in the history after it`,
      })
      console.log(figures.at(-1))
    }
    await service.stop()
    await events.close()
  } finally {
    await database.close()
    await drop()
  }
}

for (const server of servers) server.close()

const rows = figures.map(
  (row) =>
    `| ${row.name} | ${row.urls.toLocaleString('en')} | ${row.seconds.toFixed(1)} | ${Math.round(row.urls / row.seconds).toLocaleString('en')} | ${row.counts.ok} / ${row.counts.broken} / ${row.counts.needs_person} / ${row.counts.soft_404} | ${row.maxOpen} | ${row.maxOpenByHost} | ${row.seconds < TARGET_SECONDS ? 'yes' : '**no**'} | ${row.note} |`,
)

writeSection(
  'link-check',
  `## Link checking: ${URLS.toLocaleString('en')} URLs at ${CONCURRENCY} at once and ${PER_HOST} per host

Target from issue 5: ${URLS === 5_000 ? '5,000' : `5,000 (this run: ${URLS.toLocaleString('en')})`} URLs against a local server in under ${TARGET_SECONDS} s at concurrency ${CONCURRENCY} and ${PER_HOST} per host.

${machineNote(loadAtStart)
  .split('\n')
  .filter((line) => !line.includes('autocannon'))
  .join('\n')}
- vendors: ${HOSTS} Node HTTP servers on ports of 127.0.0.1 (each port a host) in the benchmark process itself, so the checker shares its one thread with them; each answers in 5–25 ms with a ${Math.round(PAGE_BYTES / 1000)} KB page, 1 address in 10 redirecting once, 1 in 25 a 404, 1 in 50 a 403 and 1 in 50 a soft 404 (200 saying 页面不存在).
- engine: GET with manual redirects, the first 64 KB of each body, a new connection per request (no keep-alive), as in production.
- service: \`createLinkCheckService(ctx).runLibrary()\` over ${URLS.toLocaleString('en')} published resources of one library, one address each: the engine, then the history (one row per address) and each resource's counters written 200 resources per transaction as they finish. Run 2 finds the history and counters of run 1 in place.
- "most open": connections open at the vendors' side at once, in all and to one host.

| run | URLs | seconds | URLs/s | ok / broken / needs a person / soft 404 | most open | most open to one host | < ${TARGET_SECONDS} s | |
| --- | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |
${rows.join('\n')}
`,
)
process.exit(0)
