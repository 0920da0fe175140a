import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { buildApp } from '../packages/server/src/app.ts'
import { readConfig } from '../packages/server/src/config/config.ts'
import { createContext } from '../packages/server/src/context.ts'
import { openDatabase } from '../packages/server/src/db/database.ts'
import { migrateToLatest } from '../packages/server/src/db/migrate.ts'
import { seedDemo } from '../packages/server/src/platform/demo/demo-seed.ts'
import { openEventBus } from '../packages/server/src/platform/events/event-bus.ts'
import { signIn } from '../packages/server/src/test/server-process.ts'

// The staff queue export (GET /api/requests/export) of 10,000 and then 100,000 requests, as CSV
// and as xlsx: how long it takes and how much the server's memory grows meanwhile. Streaming
// means the growth should not follow the number of rows.
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const SIZES = [10_000, 100_000]

interface Row {
  engine: string
  rows: number
  format: string
  seconds: number
  megabytes: number
  rssGrowth: number
  heapGrowth: number
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10

const measure = async (engine: string, databaseUrl: string | undefined): Promise<Row[]> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shuqiao-bench-export-'))
  const database = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 5 } : { dataDir })
  await migrateToLatest(database.db as never)
  const world = (await seedDemo(database.db))!
  const events = await openEventBus(database)
  const ctx = createContext(
    readConfig({ LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', LINK_CHECK_SCHEDULE: 'false' }),
    database,
    events,
  )
  const app = await buildApp(ctx)
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const library = world.libraries.find((candidate) => candidate.code === 'tongji')!
  const results: Row[] = []
  try {
    const cookie = await signIn(url, 'tongji', 'L001')
    let inserted = 0
    for (const size of SIZES) {
      await sql`
        insert into requests (id, library_id, type, number, reader_id, status, form, due_date, submitted_at)
        select gen_random_uuid(), ${library.id}::uuid, 'document_delivery', 'DD-2026-' || lpad(n::text, 6, '0'),
               ${library.accounts.reader!}::uuid, 'submitted',
               jsonb_build_object('citation', '张伟, 李明. 闭馆期间的文献保障研究. 图书馆杂志, 2020, 39(' || n || ').'),
               date '2026-12-31', timestamptz '2026-11-01 00:00:00+00' + n * interval '1 second'
        from generate_series(${inserted + 1}::int, ${size}::int) as n
      `.execute(database.db)
      inserted = size
      await sql`analyze requests`.execute(database.db)
      for (const format of ['csv', 'xlsx']) {
        global.gc?.()
        const before = process.memoryUsage()
        let peak = { rss: before.rss, heap: before.heapUsed }
        // A collection before each look, so `heap` is what is still held, not garbage not yet swept.
        const sampler = setInterval(() => {
          global.gc?.()
          const now = process.memoryUsage()
          peak = { rss: Math.max(peak.rss, now.rss), heap: Math.max(peak.heap, now.heapUsed) }
        }, 200)
        const started = performance.now()
        const response = await fetch(`${url}/api/requests/export?format=${format}`, { headers: { cookie } })
        if (!response.ok || !response.body) throw new Error(`export failed: ${response.status}`)
        // Read and drop, as a browser writing to disk would: the client keeps nothing.
        let bytes = 0
        for await (const chunk of response.body) bytes += chunk.length
        const seconds = (performance.now() - started) / 1000
        clearInterval(sampler)
        const row = {
          engine,
          rows: size,
          format,
          seconds: Math.round(seconds * 10) / 10,
          megabytes: mb(bytes),
          rssGrowth: mb(peak.rss - before.rss),
          heapGrowth: mb(peak.heap - before.heapUsed),
        }
        console.log(row)
        results.push(row)
      }
    }
  } finally {
    await app.close()
    await events.close()
    await database.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return results
}

const withPostgresDatabase = async <T>(run: (url: string) => Promise<T>) => {
  const name = `shuqiao_bench_export_${process.pid}`
  const admin = new pg.Client({ connectionString: POSTGRES_URL })
  await admin.connect()
  await admin.query(`drop database if exists ${name}`)
  await admin.query(`create database ${name}`)
  const target = new URL(POSTGRES_URL)
  target.pathname = `/${name}`
  try {
    return await run(target.toString())
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}

const loadAtStart = loadavg()[0]!.toFixed(2)
const rows = [
  ...(await withPostgresDatabase((url) => measure('PostgreSQL', url))),
  ...(await measure('PGlite (embedded)', undefined)),
]

const table = [
  '| database | requests | format | seconds | file MiB | RSS growth MiB | live heap growth MiB |',
  '| --- | ---: | --- | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.engine} | ${r.rows} | ${r.format} | ${r.seconds} | ${r.megabytes} | ${r.rssGrowth} | ${r.heapGrowth} |`,
  ),
].join('\n')

const report = `# Export benchmark

Written by \`npm run bench:export\` (bench/export.ts): the staff queue exported by a librarian,
every request of the library (document deliveries with a one-line citation), read by a client
that keeps nothing. The server runs in the benchmark's own process, so the memory figures are
the server's (and the client's small buffers): peak growth over the start of each export, the
heap measured after a forced collection every 200 ms (what is held, not garbage).
Rows are read in batches of 1000 and written out as they come, so the growth should stay about
the same from 10,000 to 100,000 requests.

- date: ${new Date().toISOString()}
- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}
- 1-minute load average when the run started: ${loadAtStart}

${table}
`
writeFileSync(join(import.meta.dirname, 'RESULTS-export.md'), report)
console.log(report)
