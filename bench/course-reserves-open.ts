import autocannon from 'autocannon'
import { signIn, startServer } from '../packages/server/src/test/server-process.ts'
import { freshDatabase, POSTGRES_URL } from './bench-database.ts'
import { createCpuMeter } from './cpu.ts'
import { loadNow, machineNote, writeSection } from './report.ts'

// Issue 6's target, on PostgreSQL and 2 cores: opening an item permalink (/r/<code>) at least
// 2,000 req/s with p99 under 50 ms. An enrolled reader, signed in, opens a link item of their
// course off campus: access checked, the opening counted, and a 302 through the library's proxy.
const SECONDS = Number(process.env.BENCH_OPEN_SECONDS ?? 10)
const CONNECTIONS = 50
const POOL_SIZE = 20

const fresh = await freshDatabase('reserves_open')
const url = new URL(fresh.url)

const loadAtStart = loadNow()
const server = await startServer({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: String(POOL_SIZE) })
const meter = createCpuMeter(server.pid, { adminUrl: POSTGRES_URL, database: fresh.name })
const rows: string[] = []
let counted = 0
let expected = 0
try {
  const librarian = await signIn(server.url, 'sjtu', 'L001')
  const reader = await signIn(server.url, 'sjtu', '2020001')
  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { cookie: librarian, origin: server.url, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
    return response.json() as Promise<Record<string, unknown>>
  }
  const courses = (await api('/api/course-reserves/courses?q=MB2101')) as { items: { id: string }[] }
  const courseId = courses.items[0]!.id
  const add = (payload: Record<string, unknown>) =>
    api(`/api/course-reserves/courses/${courseId}/items`, { kind: 'link', ...payload }) as Promise<{
      id: string
      permalink: string
    }>
  const plain = await add({ name: '数据结构 第3章', url: 'https://ebooks.example.com/book/123?page=3' })
  const seated = await add({
    name: '限 1,000 人同时阅读',
    url: 'https://ebooks.example.com/book/456',
    seatLimit: 1000,
  })
  const OPENS = [
    { name: 'link item, no seat limit (off campus, through the proxy)', item: plain },
    {
      name: 'link item with a seat limit (a seat taken or renewed in PostgreSQL at each opening)',
      item: seated,
    },
  ]
  for (const open of OPENS) {
    const target = {
      url: `${server.url}${open.item.permalink}`,
      headers: { cookie: reader },
      connections: CONNECTIONS,
    }
    await new Promise((resolve) => autocannon({ ...target, duration: 2 }, resolve))
    await meter.start()
    const result = await new Promise<autocannon.Result>((resolve, reject) =>
      autocannon({ ...target, duration: SECONDS }, (error, done) => (error ? reject(error) : resolve(done))),
    )
    const cpu = await meter.stop()
    const perSecond = Math.round(result['3xx'] / SECONDS)
    console.log(`${open.name}: ${perSecond}/s p99 ${result.latency.p99}`)
    rows.push(
      `| ${open.name} | ${perSecond} | ${result.latency.p50} | ${result.latency.p99} | ${result['2xx'] + result['4xx'] + result['5xx'] + result.errors} | ${((cpu.server + cpu.database) / Math.max(1, result['3xx'])).toFixed(2)} | ${perSecond >= 2000 && result.latency.p99 < 50 ? 'met' : '**missed**'} |`,
    )
    expected += result['3xx']
  }
  // Openings are summed in memory and written every few seconds; listing the course writes them first.
  const listed = (await api(`/api/course-reserves/courses/${courseId}/items`)) as {
    items: { openings: { total: number } }[]
  }
  counted = listed.items.reduce((sum, item) => sum + item.openings.total, 0)
} finally {
  await server.stop()
  await fresh.drop()
}

writeSection(
  'course-reserves-open',
  `## Course reserves: opening an item permalink

Target from issue 6, on PostgreSQL and 2 cores: \`/r/<code>\` at least 2,000 req/s with p99 under 50 ms.

${machineNote(loadAtStart)}
- server: \`shuqiao serve\` in its own process on a fresh PostgreSQL database with the demo data, database pool ${POOL_SIZE}.
- caller: the demo reader 2020001, signed in, enrolled in the course; ${CONNECTIONS} connections, ${SECONDS} s each, flat out, after 2 s of warming.
- each opening: the session, the permalink and the reader's standing in the course (each kept in memory for 10 s), the opening counted (summed in memory, written every 5 s), a 302 to the library's proxy link.

| opening | redirects/s | p50 ms | p99 ms | other answers | CPU ms per opening | ≥ 2,000/s, p99 < 50 ms |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
${rows.join('\n')}

Openings counted afterwards: ${counted.toLocaleString('en')} of ${expected.toLocaleString('en')} redirects timed (the warm-up's too are counted).
`,
)
process.exit(0)
