import { sql } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/database.ts'
import { useTestApp } from '../../test/test-app.ts'
import { defineNoticeTemplate } from './notice-templates.ts'
import { createNoticeWorker } from './notice-worker.ts'
import { enqueueNotice, OUTBOX_CHANNEL } from './outbox.ts'
import { startRobotReceiver } from './robot-receiver.ts'

const t = useTestApp()
const SECRETS = { dingtalk: 'unused', webhook: 'whsec-exactly-once' }
const LEASE_MS = 60_000
let receiver: Awaited<ReturnType<typeof startRobotReceiver>>

defineNoticeTemplate('test.shelf_moved', {
  zh: { subject: '书架 {{n}} 已搬迁', body: '第 {{n}} 号书架' },
  en: { subject: 'Shelf {{n}} moved', body: 'Shelf {{n}}' },
})

let offsetMs = 0
const now = () => new Date(Date.now() + offsetMs)
const workerOn = (db = t.ctx.db, batchSize = 10) =>
  createNoticeWorker({ db, config: t.ctx.config, now, leaseMs: LEASE_MS, batchSize })

/** How many times the receiver got each delivery id. */
const receipts = () => {
  const counts = new Map<string, number>()
  for (const post of receiver.received) {
    const id = String(post.headers['x-shuqiao-delivery'])
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return counts
}

const enqueue = (count: number) =>
  t.ctx.db.transaction().execute(async (trx) => {
    const ids: string[] = []
    for (let n = 0; n < count; n++)
      ids.push(
        ...(await enqueueNotice(trx, {
          libraryId: t.world.libraries[0]!.id,
          event: 'test.shelf_moved',
          data: { n },
        })),
      )
    return ids
  })

beforeAll(async () => {
  receiver = await startRobotReceiver(SECRETS)
  await t.ctx.db
    .insertInto('notice_channels')
    .values({
      id: uuidv7(),
      library_id: t.world.libraries[0]!.id,
      name: '工单系统',
      kind: 'webhook',
      url: receiver.urls.webhook,
      secret: SECRETS.webhook,
      events: ['test.shelf_moved'],
    })
    .execute()
})
afterAll(async () => {
  await receiver.close()
})
beforeEach(async () => {
  await t.ctx.db.deleteFrom('notice_outbox').execute()
  receiver.received.length = 0
  offsetMs = 1000
})

describe('each notice is sent once', () => {
  it('when a worker dies mid-batch: the rest go after its lease, and sent ones never again', async () => {
    const ids = await enqueue(10)
    const dying = workerOn()
    const claim = await dying.claim()
    expect(claim.rows).toHaveLength(10)
    // It sends four and is never heard of again: the other six stay leased to it.
    await dying.deliver({ claimId: claim.claimId, rows: claim.rows.slice(0, 4) })

    const survivor = workerOn()
    expect(await survivor.drain()).toBe(0)
    offsetMs += LEASE_MS - 5000
    expect(await survivor.drain()).toBe(0)
    offsetMs += 10_000
    expect(await survivor.drain()).toBe(6)

    const counts = receipts()
    expect([...counts.keys()].sort()).toEqual([...ids].sort())
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
    offsetMs += 24 * 3_600_000
    expect(await survivor.drain()).toBe(0)
    expect(receiver.received).toHaveLength(10)
    const rows = await t.ctx.db.selectFrom('notice_outbox').select(['status', 'attempts']).execute()
    expect(rows.every((row) => row.status === 'sent')).toBe(true)
    expect(rows.filter((row) => row.attempts === 2)).toHaveLength(6)
  })

  it('when a worker’s lease ran out, its late outcome cannot undo another worker’s', async () => {
    const [id] = await enqueue(1)
    const slow = workerOn()
    const stale = await slow.claim()
    offsetMs += LEASE_MS + 1000
    const fast = workerOn()
    expect(await fast.drain()).toBe(1)
    // The slow worker's send now fails and it tries to record that.
    receiver.answer('webhook', { status: 500 })
    await slow.deliver(stale)
    const row = await t.ctx.db
      .selectFrom('notice_outbox')
      .selectAll()
      .where('id', '=', id!)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'sent', last_error: null })
  })

  it('when two workers drain at once, even from separate connection pools', async () => {
    const ids = await enqueue(120)
    const url = t.ctx.database.url
    // On PostgreSQL the second worker gets its own pool, as another process would.
    const other = url ? await openDatabase({ databaseUrl: url, poolSize: 3 }) : undefined
    try {
      const first = workerOn(t.ctx.db, 7)
      const second = workerOn(other?.db ?? t.ctx.db, 7)
      const [a, b] = await Promise.all([first.drain(), second.drain()])
      expect(a + b).toBe(120)
      if (url) expect(Math.min(a, b)).toBeGreaterThan(0)
    } finally {
      await other?.close()
    }
    const counts = receipts()
    expect(counts.size).toBe(120)
    expect([...counts.keys()].sort()).toEqual([...ids].sort())
    expect(Math.max(...counts.values())).toBe(1)
  })

  it('wakes workers on commit, in time with the change', async () => {
    const worker = createNoticeWorker({
      db: t.ctx.db,
      events: t.ctx.events,
      config: { ...t.ctx.config, NOTICE_POLL_SECONDS: 300 },
    })
    worker.start()
    try {
      await new Promise((resolve) => setTimeout(resolve, 100))
      await enqueue(3)
      const deadline = Date.now() + 5000
      while (receiver.received.length < 3 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20))
      expect(receiver.received).toHaveLength(3)
    } finally {
      const stopping = Date.now()
      await worker.stop()
      expect(Date.now() - stopping).toBeLessThan(1000)
    }
  })

  it.runIf(!!process.env.DATABASE_URL)(
    'announces new rows by NOTIFY only once their transaction commits',
    async () => {
      const heard: number[] = []
      const off = t.ctx.events.subscribe(OUTBOX_CHANNEL, () => heard.push(Date.now()))
      try {
        let committedAt = 0
        await t.ctx.db.transaction().execute(async (trx) => {
          await enqueueNotice(trx, {
            libraryId: t.world.libraries[0]!.id,
            event: 'test.shelf_moved',
            data: { n: 1 },
          })
          await sql`select pg_sleep(0.3)`.execute(trx)
          expect(heard).toEqual([])
          committedAt = Date.now()
        })
        const deadline = Date.now() + 3000
        while (heard.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
        expect(heard.length).toBeGreaterThan(0)
        expect(heard[0]!).toBeGreaterThanOrEqual(committedAt)
      } finally {
        off()
      }
    },
  )
})
