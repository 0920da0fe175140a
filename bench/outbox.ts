import { writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import { openDatabase } from '../packages/server/src/db/database.ts'
import { migrateToLatest } from '../packages/server/src/db/migrate.ts'
import { seedDemo } from '../packages/server/src/platform/demo/demo-seed.ts'
import { createNoticeWorker } from '../packages/server/src/platform/notifications/notice-worker.ts'
import { enqueueNotice } from '../packages/server/src/platform/notifications/notices.ts'
import { startSmtpSink } from '../packages/server/src/platform/notifications/smtp-sink.ts'

// 10,000 e-mail notices written as a bulk change would write them, then drained through a real
// SMTP conversation with a local server, on PostgreSQL. Target: drained in under 60 s.
const NOTICES = Number(process.env.BENCH_NOTICES ?? 10_000)
const READERS = 2_000
const PER_TRANSACTION = 500
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

const seconds = (ms: number) => (ms / 1000).toFixed(1)

const name = `shuqiao_bench_outbox_${process.pid}`
const admin = new pg.Client({ connectionString: POSTGRES_URL })
await admin.connect()
await admin.query(`drop database if exists ${name}`)
await admin.query(`create database ${name}`)
const url = new URL(POSTGRES_URL)
url.pathname = `/${name}`
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 })
const sink = await startSmtpSink({ parse: false })
const loadAtStart = loadavg()[0]!.toFixed(2)

try {
  const { db } = database
  await migrateToLatest(db as never)
  const world = (await seedDemo(db))!
  const library = world.libraries[0]!
  const readers = Array.from({ length: READERS }, (_, n) => ({
    id: uuidv7(),
    consortium_id: world.consortiumId,
    library_id: library.id,
    reader_number: `B${String(n).padStart(6, '0')}`,
    name: `读者${n}`,
    type: 'student' as const,
    email: `b${n}@sjtu.example.edu.cn`,
    password_hash: null,
  }))
  for (let i = 0; i < readers.length; i += 500)
    await db
      .insertInto('accounts')
      .values(readers.slice(i, i + 500))
      .execute()

  const enqueueStart = performance.now()
  for (let start = 0; start < NOTICES; start += PER_TRANSACTION) {
    await db.transaction().execute(async (trx) => {
      for (let n = start; n < Math.min(NOTICES, start + PER_TRANSACTION); n++) {
        const reader = readers[n % READERS]!
        await enqueueNotice(trx, {
          libraryId: library.id,
          event: 'account.password_reset',
          recipientAccountId: reader.id,
          data: { name: reader.name, readerNumber: reader.reader_number },
        })
      }
    })
  }
  const enqueueMs = performance.now() - enqueueStart

  const worker = createNoticeWorker({
    db,
    config: {
      SMTP_URL: sink.url,
      MAIL_FROM: '上海交通大学图书馆 <library@sjtu.example.edu.cn>',
      PUBLIC_URL: undefined,
      NOTICE_POLL_SECONDS: 15,
      LOG_LEVEL: 'warn',
    },
  })
  const drainStart = performance.now()
  const claimed = await worker.drain()
  await sink.waitFor(NOTICES, 120_000)
  const drainMs = performance.now() - drainStart
  await worker.stop()

  const statuses = await db
    .selectFrom('notice_outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('channel', '=', 'email')
    .groupBy('status')
    .execute()
  const messageIds = new Set(sink.messages.map((mail) => mail.messageId))
  const figures = {
    notices: NOTICES,
    claimed,
    received: sink.messages.length,
    distinctMessageIds: messageIds.size,
    statuses: Object.fromEntries(statuses.map((row) => [row.status, Number(row.n)])),
    enqueueSeconds: seconds(enqueueMs),
    drainSeconds: seconds(drainMs),
    perSecond: Math.round(NOTICES / (drainMs / 1000)),
  }
  console.log(figures)
  if (figures.received !== NOTICES || figures.distinctMessageIds !== NOTICES)
    throw new Error('some notices were lost or sent twice')

  const report = `# Notice outbox benchmark

Written by \`npm run bench:outbox\` (bench/outbox.ts). Target from FEATURES X2: 10,000 e-mail notices
enqueued and drained into an SMTP server in under 60 s, on PostgreSQL.

## ${NOTICES.toLocaleString('en')} e-mail notices through SMTP, PostgreSQL 15

- date: ${new Date().toISOString()}
- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}
- 1-minute load average when the run started: ${loadAtStart}
- one worker (batches of 50, 10 sends at a time, 5 pooled SMTP connections, database pool 10);
  the SMTP server (smtp-server, with AUTH) and PostgreSQL run on the same machine.
- each notice also writes its inbox row: ${(NOTICES * 2).toLocaleString('en')} outbox rows in all,
  written ${PER_TRANSACTION} notices per transaction to ${READERS.toLocaleString('en')} readers.

| step | seconds | per second |
| --- | ---: | ---: |
| enqueue (in the announcing transactions) | ${figures.enqueueSeconds} | ${Math.round(NOTICES / (enqueueMs / 1000))} |
| drain (claim, send over SMTP, mark sent) | ${figures.drainSeconds} | ${figures.perSecond} |

Received ${figures.received.toLocaleString('en')} messages with ${figures.distinctMessageIds.toLocaleString('en')} distinct Message-IDs; outbox e-mail rows: ${JSON.stringify(figures.statuses)}.
`
  writeFileSync(join(import.meta.dirname, 'RESULTS-outbox.md'), report)
  console.log(report)
} finally {
  await sink.close()
  await database.close()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.end()
}
