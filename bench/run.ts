import autocannon from 'autocannon'
import pg from 'pg'
import { signIn, startServer } from '../packages/server/src/test/server-process.ts'
import { loadNow, machineNote, writeSection } from './report.ts'

// GET /api/me as a signed-in reader: session lookup plus profile, the cost every page pays.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100)
const DURATION = Number(process.env.BENCH_SECONDS ?? 20)
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

interface Row {
  engine: string
  requests: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

const measure = async (engine: string, env: Record<string, string>): Promise<Row> => {
  const server = await startServer(env)
  try {
    const cookie = await signIn(server.url, 'sjtu', '2020001')
    // A short warm-up so the JIT and the pool settle before we count.
    await autocannon({ url: `${server.url}/api/me`, connections: 10, duration: 3, headers: { cookie } })
    const result = await autocannon({
      url: `${server.url}/api/me`,
      connections: CONNECTIONS,
      duration: DURATION,
      headers: { cookie },
    })
    const row = {
      engine,
      requests: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    }
    console.log(row)
    return row
  } finally {
    await server.stop()
  }
}

const withPostgresDatabase = async <T>(run: (url: string) => Promise<T>) => {
  const name = `shuqiao_bench_${process.pid}`
  const admin = new pg.Client({ connectionString: POSTGRES_URL })
  await admin.connect()
  await admin.query(`drop database if exists ${name}`)
  await admin.query(`create database ${name}`)
  const url = new URL(POSTGRES_URL)
  url.pathname = `/${name}`
  try {
    return await run(url.toString())
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}

// Other work on the machine skews the figures; the report records how busy it was.
const loadAtStart = loadNow()
const rows: Row[] = []
rows.push(
  await withPostgresDatabase((url) =>
    measure('PostgreSQL 15 (pool 20)', { DATABASE_URL: url, DATABASE_POOL_SIZE: '20' }),
  ),
)
rows.push(await measure('PGlite (embedded)', {}))

const table = [
  '| database | req/s | p50 ms | p99 ms | non-2xx | errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.engine} | ${r.requests} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} |`),
].join('\n')

writeSection(
  'me',
  `## GET /api/me, signed-in reader, ${CONNECTIONS} connections, ${DURATION} s

Target from the platform issue: on PostgreSQL, ≥ 5000 req/s with p99 < 25 ms, 100 connections, on 2 cores.

${machineNote(loadAtStart)}

${table}
`,
)
console.log(table)
