import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { openDatabase } from '../packages/server/src/db/database.ts'
import { migrateToLatest } from '../packages/server/src/db/migrate.ts'
import { seedDemo } from '../packages/server/src/platform/demo/demo-seed.ts'
import { startServer } from '../packages/server/src/test/server-process.ts'
import { freshDatabase } from './bench-database.ts'
import { openLoop } from './open-loop.ts'
import { loadNow, machineNote, percentile, writeSection } from './report.ts'
import { addBenchReaders } from './requests-data.ts'

// Issue 7's target for the lending desk, on PostgreSQL: check-out and check-in answer with p95
// under 20 ms while 50 staff clients work at once. Each client is a librarian at a desk with a
// pile of books: they lend one to a reader (reader number and barcode, as scanned), and take
// books back (barcode). Requests come at random moments (open loop, see open-loop.ts) at the
// rates below, all 50 clients sharing them, each with one request in flight at most. The
// library already has a busy year behind it: many open and returned loans.
const CLIENTS = 50
const RATES = (process.env.BENCH_RATES ?? '50,100,200').split(',').map(Number)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20)
const OPEN_LOANS = Number(process.env.BENCH_OPEN_LOANS ?? 200_000)
const RETURNED_LOANS = Number(process.env.BENCH_RETURNED_LOANS ?? 300_000)
const READERS_PER_CLIENT = 40
const POOL_SIZE = 20

type Desk = { cookie: string; readers: string[]; barcodes: string[]; next: number; lent: string[] }

const main = async () => {
  const loadAtStart = loadNow()
  const fresh = await freshDatabase('desk')
  const url = new URL(fresh.url)
  const databaseUrl = url.toString()

  const database = await openDatabase({ databaseUrl, poolSize: 5 })
  const db = database.db
  await migrateToLatest(db as never)
  const world = (await seedDemo(db))!
  const library = world.libraries.find((candidate) => candidate.code === 'sjtu')!
  const now = new Date()

  // A year behind it: items lent and returned, and items out now, spread over 5,000 readers.
  console.log(
    `writing ${OPEN_LOANS.toLocaleString()} open and ${RETURNED_LOANS.toLocaleString()} returned loans…`,
  )
  const history = await addBenchReaders(db, world, 'sjtu', 5_000)
  const historyIds = (
    await db.selectFrom('accounts').select('id').where('reader_number', 'in', history).execute()
  ).map((row) => row.id)
  // The desks' readers are numbered from B000001 too: these readers of the past take H numbers.
  await db
    .updateTable('accounts')
    .set({ reader_number: sql`'H' || substr(reader_number, 2)` })
    .where('id', 'in', historyIds)
    .execute()
  const started = performance.now()
  await sql`
    with past as (select id, (row_number() over (order by id)) - 1 as n from accounts
      where library_id = ${library.id} and reader_number like 'H%'),
    readers as (select r, p.id from generate_series(0, ${OPEN_LOANS + RETURNED_LOANS - 1}) r
      join past p on p.n = r % ${historyIds.length}),
    items as (
      insert into catalogue_items (id, library_id, barcode, title, call_number, location, status, created_at, updated_at)
      select gen_random_uuid(), ${library.id}, 'H' || lpad(r::text, 8, '0'), '馆藏图书 ' || r, 'I247/' || r,
        '主馆 ' || (2 + r % 5) || '楼', case when r < ${OPEN_LOANS} then 'on_loan' else 'available' end, now(), now()
      from generate_series(0, ${OPEN_LOANS + RETURNED_LOANS - 1}) r
      returning id, barcode)
    insert into loans (id, library_id, item_id, reader_id, checked_out_at, due_at, returned_at)
    select gen_random_uuid(), ${library.id}, i.id, readers.id,
      now() - ((r % 300) || ' days')::interval, now() + ((r % 60) - 10 || ' days')::interval,
      case when r >= ${OPEN_LOANS} then now() - ((r % 200) || ' days')::interval end
    from items i join readers on readers.r = substr(i.barcode, 2)::int
  `.execute(db)
  console.log(`written in ${((performance.now() - started) / 1000).toFixed(0)} s`)

  // The desks: 50 librarians, each with readers to lend to and a pile of books on the counter.
  const rounds = RATES.reduce((sum, rate) => sum + Math.ceil((rate * SECONDS) / CLIENTS) * 3, 0)
  const deskReaders = await addBenchReaders(db, world, 'sjtu', CLIENTS * READERS_PER_CLIENT)
  const desks: Desk[] = []
  for (let client = 0; client < CLIENTS; client++) {
    const staffId = uuidv7()
    await db
      .insertInto('accounts')
      .values({
        id: staffId,
        consortium_id: world.consortiumId,
        library_id: library.id,
        reader_number: `S9${String(client).padStart(4, '0')}`,
        name: `流通馆员${client + 1}`,
        type: 'staff',
        email: `desk${client}@sjtu.example.edu.cn`,
        password_hash: null,
      })
      .execute()
    await db.insertInto('account_roles').values({ account_id: staffId, role: 'librarian' }).execute()
    const token = randomBytes(32).toString('base64url')
    await db
      .insertInto('sessions')
      .values({
        id: createHash('sha256').update(token).digest('hex'),
        account_id: staffId,
        via: 'password',
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + 86_400_000),
        user_agent: 'bench',
        ip: '127.0.0.1',
      })
      .execute()
    const barcodes = Array.from({ length: rounds }, (_, n) => `K${client}-${n}`)
    await db
      .insertInto('catalogue_items')
      .values(
        barcodes.map((barcode, n) => ({
          id: uuidv7(),
          library_id: library.id,
          barcode,
          title: `流通压测图书 ${client}-${n}`,
          author: null,
          publisher: null,
          year: null,
          isbn13: null,
          call_number: `TP312/${client}.${n}`,
          location: '主馆 3楼',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute()
    desks.push({
      cookie: `shuqiao_session=${token}`,
      readers: deskReaders.slice(client * READERS_PER_CLIENT, (client + 1) * READERS_PER_CLIENT),
      barcodes,
      next: 0,
      lent: [],
    })
  }
  await sql`vacuum analyze`.execute(db)

  const server = await startServer({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(POOL_SIZE) })
  const rows: string[] = []
  const counts = { out: 0, in: 0 }
  try {
    // A desk lends the next book on its pile, or takes back one it lent, about half each.
    const send = (desk: Desk) => {
      const headers = { cookie: desk.cookie, 'content-type': 'application/json' }
      if (desk.lent.length > 0 && (Math.random() < 0.5 || desk.next >= desk.barcodes.length)) {
        const barcode = desk.lent.shift()!
        counts.in++
        return fetch(`${server.url}/api/circulation/check-ins`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ barcode }),
        })
      }
      const barcode = desk.barcodes[desk.next++]!
      const readerNumber = desk.readers[desk.next % desk.readers.length]!
      desk.lent.push(barcode)
      counts.out++
      return fetch(`${server.url}/api/circulation/check-outs`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ readerNumber, barcode }),
      })
    }
    // Every desk opens its connection and signs in before the clock starts.
    await Promise.all(
      desks.map(async (desk) => {
        const response = await fetch(`${server.url}/api/me`, { headers: { cookie: desk.cookie } })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`desk sign-in: ${response.status}`)
      }),
    )
    // A few seconds of work first, so the figures are of a server that has been running.
    await openLoop({ rate: RATES[0]!, seconds: 5, clients: desks, send })
    for (const rate of RATES) {
      counts.out = 0
      counts.in = 0
      const load = loadNow()
      const result = await openLoop({ rate, seconds: SECONDS, clients: desks, send })
      const times = result.times
      const p50 = percentile(times, 0.5)
      const p95 = percentile(times, 0.95)
      const p99 = percentile(times, 0.99)
      console.log({
        rate,
        ...counts,
        ok: result.ok,
        non2xx: result.non2xx,
        errors: result.errors,
        p50,
        p95,
        p99,
      })
      rows.push(
        `| ${rate} | ${load} | ${counts.out.toLocaleString()} | ${counts.in.toLocaleString()} | ${result.non2xx + result.errors} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${p99.toFixed(1)} | ${p95 < 20 ? 'met' : '**not met**'} |`,
      )
    }
  } finally {
    await server.stop()
  }
  const loans = await db
    .selectFrom('loans')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow()
  await database.close()
  await fresh.drop()

  writeSection(
    'circulation-desk',
    [
      `## Lending desk: check-out and check-in with ${CLIENTS} staff clients at once`,
      '',
      'Target from issue 7, on PostgreSQL: check-out and check-in p95 under 20 ms at 50 concurrent staff clients.',
      '',
      machineNote(loadAtStart).replace('load generator (autocannon) runs', 'the clients (Node fetch) run'),
      `- server: \`shuqiao serve\` in its own process on a fresh PostgreSQL database with the demo data, pool of ${POOL_SIZE} connections.`,
      `- data: ${OPEN_LOANS.toLocaleString()} open and ${RETURNED_LOANS.toLocaleString()} returned loans of 5,000 readers already in the library (${Number(loans.count).toLocaleString()} loans at the end); ${CLIENTS} librarians, each with ${READERS_PER_CLIENT} readers of their own and a pile of new books.`,
      `- what is timed: each librarian lends the next book on the pile (\`POST /api/circulation/check-outs\`, reader number and barcode, loan rules and limits checked, the answer carrying the reader's loans) or takes back one they lent (\`POST /api/circulation/check-ins\`, fines and quarantine checked), about half each. Requests come at random moments at the rate given (open loop), shared by the ${CLIENTS} clients with one request in flight each; a request is timed from the moment it was due, so waiting for a free client counts. ${SECONDS} s per rate.`,
      '',
      '| requests/s | load at start | check-outs | check-ins | failed | p50 ms | p95 ms | p99 ms | p95 < 20 ms |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      ...rows,
    ].join('\n'),
  )
}

await main()
