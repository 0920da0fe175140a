import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { openDatabase } from '../packages/server/src/db/database.ts'
import { migrateToLatest } from '../packages/server/src/db/migrate.ts'
import { seedDemo } from '../packages/server/src/platform/demo/demo-seed.ts'
import { startServer } from '../packages/server/src/test/server-process.ts'
import { freshDatabase } from './bench-database.ts'
import { openRawConnection, type RawConnection, rawRequest } from './raw-http.ts'
import { loadNow, machineNote, percentile, writeSection } from './report.ts'
import { addBenchReaders } from './requests-data.ts'

// Issue 7's target for pickup by appointment, on PostgreSQL: 500 readers booking the last 10
// places of a slot at once: exactly 10 succeed, the rest get 409, p99 under 100 ms.
// Every reader has an item found and held at the pickup point; the slot has 30 places of which
// 20 are taken. All 500 bookings are sent at once, each on its own connection, to
// `shuqiao serve` in its own process on a database this script creates and drops.
const READERS = Number(process.env.BENCH_READERS ?? 500)
const PLACES = 30
const LAST = 10
const POOL_SIZE = 20
const EARLIER_RUSHES = 3
const MEASURED_RUSHES = 5
/** From loading the slot list to tapping a slot. */
const CHOOSING_MS = 2000

const main = async () => {
  const loadAtStart = loadNow()
  const fresh = await freshDatabase('pickups')
  const url = new URL(fresh.url)
  const databaseUrl = url.toString()

  const database = await openDatabase({ databaseUrl, poolSize: 5 })
  const db = database.db
  await migrateToLatest(db as never)
  const world = (await seedDemo(db))!
  const library = world.libraries.find((candidate) => candidate.code === 'sjtu')!
  const numbers = await addBenchReaders(db, world, 'sjtu', READERS)
  const readers = await db
    .selectFrom('accounts')
    .select(['id', 'reader_number'])
    .where('reader_number', 'in', numbers)
    .execute()

  // A point open every day, all day, in half-hour slots of 30 readers, bookable at once.
  const pointId = uuidv7()
  const now = new Date()
  await db
    .insertInto('pickup_points')
    .values({
      id: pointId,
      library_id: library.id,
      name_zh: '压测取书点',
      name_en: 'Bench pickup point',
      windows: JSON.stringify(
        [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:30' })),
      ),
      slot_minutes: 30,
      readers_per_slot: PLACES,
      lead_minutes: 0,
      days_ahead: 7,
      hold_days: 5,
      created_at: now,
      updated_at: now,
    })
    .execute()
  // One item held for each reader: requested, found, on the hold shelf for a week.
  const holdUntil = new Date(now.getTime() + 7 * 86_400_000)
  for (const reader of readers) {
    const itemId = uuidv7()
    const requestId = uuidv7()
    await db
      .insertInto('catalogue_items')
      .values({
        id: itemId,
        library_id: library.id,
        barcode: `PB${reader.reader_number}`,
        title: '取书压测图书',
        author: null,
        publisher: null,
        year: null,
        isbn13: null,
        call_number: `I247/${reader.reader_number}`,
        location: '主馆 4楼',
        status: 'on_hold',
        created_at: now,
        updated_at: now,
      })
      .execute()
    await db
      .insertInto('borrow_requests')
      .values({
        id: requestId,
        library_id: library.id,
        reader_id: reader.id,
        pickup_point_id: pointId,
        channel: 'online',
        note: null,
        created_by: reader.id,
        created_at: now,
      })
      .execute()
    await db
      .insertInto('borrow_request_lines')
      .values({
        id: uuidv7(),
        library_id: library.id,
        request_id: requestId,
        reader_id: reader.id,
        pickup_point_id: pointId,
        item_id: itemId,
        status: 'found',
        hold_until: holdUntil,
      })
      .execute()
  }
  // Signed in: one session each, as a sign-in would leave it (the cookie's token, its hash stored).
  const cookies: string[] = []
  for (const reader of readers) {
    const token = randomBytes(32).toString('base64url')
    await db
      .insertInto('sessions')
      .values({
        id: createHash('sha256').update(token).digest('hex'),
        account_id: reader.id,
        via: 'password',
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + 86_400_000),
        user_agent: 'bench',
        ip: '127.0.0.1',
      })
      .execute()
    cookies.push(`shuqiao_session=${token}`)
  }

  const server = await startServer({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(POOL_SIZE) })
  try {
    // The slots: the first that can be booked, each with 20 of its 30 places already taken. The
    // first few are the earlier rushes', the rest are measured.
    const slots = (await (
      await fetch(`${server.url}/api/circulation/pickup-points/${pointId}/slots`, {
        headers: { cookie: cookies[0]! },
      })
    ).json()) as { days: { slots: { startsAt: string }[] }[] }
    const chosen = slots.days
      .flatMap((day) => day.slots)
      .slice(1, 1 + EARLIER_RUSHES + MEASURED_RUSHES)
      .map((slot) => slot.startsAt)
    const earlier = chosen.slice(0, EARLIER_RUSHES)
    const measured = chosen.slice(EARLIER_RUSHES)
    await db
      .insertInto('pickup_slots')
      .values(
        chosen.map((at) => ({
          id: uuidv7(),
          library_id: library.id,
          pickup_point_id: pointId,
          starts_at: new Date(at),
          booked: PLACES - LAST,
        })),
      )
      .execute()
    await sql`vacuum analyze`.execute(db)

    // Every reader signed in, their connection to the server kept open for the next tap.
    const connections = await Promise.all(cookies.map(() => openRawConnection(server.url)))
    const all = async (path: string) => {
      const answers = await Promise.all(
        connections.map((connection, n) =>
          connection.send(rawRequest('GET', `${server.url}${path}`, { cookie: cookies[n]! })),
        ),
      )
      const failed = answers.find((answer) => answer.status !== 200)
      if (failed) throw new Error(`GET ${path}: ${failed.status} ${failed.body}`)
      return answers
    }
    await all('/api/circulation/my-pickups')

    // The floor of this way of measuring: the same burst to an answer that does no work.
    const floor = (await all('/healthz')).map((answer) => answer.ms).sort((a, b) => a - b)
    const floorP99 = percentile(floor, 0.99)
    console.log(`${READERS} × GET /healthz at once: p99 ${floorP99.toFixed(0)} ms`)

    const book = async (connection: RawConnection, request: string) => {
      const answer = await connection.send(request)
      const body = JSON.parse(answer.body) as { id?: string; code?: string; nextFree?: unknown[] }
      return {
        status: answer.status,
        ms: answer.ms,
        id: body.id,
        code: body.code,
        nextFree: body.nextFree?.length ?? 0,
      }
    }
    const rush = (at: string) => {
      const requests = cookies.map((cookie) =>
        rawRequest(
          'POST',
          `${server.url}/api/circulation/my-pickups`,
          { cookie },
          { pickupPointId: pointId, startsAt: at },
        ),
      )
      return Promise.all(connections.map((connection, n) => book(connection, requests[n]!)))
    }
    type Answer = Awaited<ReturnType<typeof book>>
    /** The winners give their places back, so that every reader can book in the next rush. */
    const cancelWinners = async (answers: Answer[]) => {
      for (const [n, answer] of answers.entries()) {
        if (answer.status !== 201) continue
        const cancelled = await connections[n]!.send(
          rawRequest('POST', `${server.url}/api/circulation/pickup-bookings/${answer.id}/cancel`, {
            cookie: cookies[n]!,
          }),
        )
        if (cancelled.status !== 200) throw new Error(`cancelling a booking: ${cancelled.body}`)
      }
    }

    // The server has taken bookings before, as on a closure's first pickup day: earlier rushes
    // for other slots' last places. The first of them meets code V8 has not compiled yet.
    let firstRushP99 = 0
    for (const [round, at] of earlier.entries()) {
      const answers = await rush(at)
      if (round === 0)
        firstRushP99 = percentile(
          answers.map((answer) => answer.ms).sort((a, b) => a - b),
          0.99,
        )
      await cancelWinners(answers)
    }
    console.log(`first rush after the server started: p99 ${firstRushP99.toFixed(0)} ms`)

    // Each measured rush: every reader opens the booking page (their pickups and the point's
    // slot list, as the reader's page loads them), takes a moment to choose, and taps the slot.
    const runs = []
    for (const at of measured) {
      await all('/api/circulation/my-pickups')
      await all(`/api/circulation/pickup-points/${pointId}/slots`)
      await new Promise((resolve) => setTimeout(resolve, CHOOSING_MS))
      const began = performance.now()
      const results = await rush(at)
      const wall = performance.now() - began
      const times = results.map((result) => result.ms).sort((a, b) => a - b)
      const row = await db
        .selectFrom('pickup_slots')
        .select('booked')
        .where('pickup_point_id', '=', pointId)
        .where('starts_at', '=', new Date(at))
        .executeTakeFirstOrThrow()
      const bookings = await db
        .selectFrom('pickup_bookings')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('starts_at', '=', new Date(at))
        .where('status', '=', 'booked')
        .executeTakeFirstOrThrow()
      const booked = results.filter((result) => result.status === 201).length
      const full = results.filter((result) => result.status === 409 && result.code === 'slot_full').length
      const run = {
        at,
        booked,
        full,
        other: results.length - booked - full,
        withNextFree: results.filter((result) => result.code === 'slot_full' && result.nextFree > 0).length,
        slotBooked: row.booked,
        bookingRows: Number(bookings.count),
        p50: percentile(times, 0.5),
        p95: percentile(times, 0.95),
        p99: percentile(times, 0.99),
        wall,
        bookedSlowest: Math.max(
          ...results.filter((result) => result.status === 201).map((result) => result.ms),
        ),
      }
      console.log(run)
      runs.push(run)
      await cancelWinners(results)
    }

    const exact = runs.every(
      (run) =>
        run.booked === LAST &&
        run.full === READERS - LAST &&
        run.slotBooked === PLACES &&
        run.bookingRows === LAST,
    )
    const p99s = runs.map((run) => run.p99).sort((a, b) => a - b)
    const medianP99 = p99s[Math.floor(p99s.length / 2)]!
    const verdict = (met: boolean) => (met ? 'met' : '**not met**')
    writeSection(
      'pickups',
      [
        `## Pickup slots: ${READERS} readers booking the last ${LAST} places of a slot at once`,
        '',
        'Target from issue 7, on PostgreSQL: exactly 10 succeed, the rest get 409, p99 under 100 ms.',
        '',
        machineNote(loadAtStart).replace(
          'load generator (autocannon) runs',
          `the ${READERS} requests are written by a raw HTTP/1.1 client (bench/raw-http.ts), one kept-alive socket per reader,`,
        ),
        `- server: \`shuqiao serve\` in its own process on a fresh PostgreSQL database with the demo data, pool of ${POOL_SIZE} connections.`,
        `- data: ${READERS} readers, each with one item found and held at one pickup point; each slot rushed has ${PLACES} places, ${PLACES - LAST} of them booked before.`,
        `- before: the server has taken bookings already, as on a closure's first pickup day: ${EARLIER_RUSHES} earlier rushes of the same readers for other slots.`,
        `- each measured rush: all ${READERS} readers open the booking page (their pickups, then the point's slot list), ${CHOOSING_MS / 1000} s pass while they choose, then all ${READERS} \`POST /api/circulation/my-pickups\` for the same slot are sent at once; timed from request to parsed answer. The winners then cancel, so that everyone can book in the next rush.`,
        '',
        '| rush | 201 booked | 409 slot_full (with next free slots) | other | slot afterwards | p50 ms | p95 ms | p99 ms | all answered in ms |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        ...runs.map(
          (run, n) =>
            `| ${n + 1} | ${run.booked} | ${run.full} (${run.withNextFree}) | ${run.other} | ${run.slotBooked} of ${PLACES}, ${run.bookingRows} bookings | ${run.p50.toFixed(0)} | ${run.p95.toFixed(0)} | ${run.p99.toFixed(0)} | ${run.wall.toFixed(0)} |`,
        ),
        '',
        `Exactly ${LAST} succeeded and the rest got 409 in every rush: ${verdict(exact)}. p99 under 100 ms: ${runs.filter((run) => run.p99 < 100).length} of ${runs.length} rushes, median p99 ${medianP99.toFixed(0)} ms: ${verdict(medianP99 < 100)}.`,
        '',
        `For scale: the first rush after the server process started, before V8 had compiled the code it runs, took p99 ${firstRushP99.toFixed(0)} ms. The same burst of ${READERS} requests to \`GET /healthz\` (no work, no database) on the same open connections: p99 ${floorP99.toFixed(0)} ms.`,
      ].join('\n'),
    )
  } finally {
    await server.stop()
    await database.close()
    await fresh.drop()
  }
}

await main()
