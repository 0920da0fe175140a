import { notifications } from '@shuqiao/contracts'
import { type Kysely, sql, type Updateable } from 'kysely'
import { v7 as uuidv7 } from 'uuid'
import type { Config } from '../../config/config.ts'
import type { DB, NoticeOutboxTable } from '../../db/schema.ts'
import type { EventBus } from '../events/event-bus.ts'
import { type ChannelTarget, DeliveryError, type OutgoingNotice } from './delivery.ts'
import { createEmailSender, type EmailSender } from './email-sender.ts'
import { OUTBOX_CHANNEL, onNoticeEnqueued } from './outbox.ts'
import { postToChannel } from './robot-senders.ts'

const { SKIPPED_BECAUSE } = notifications
const MINUTE = 60_000
/**
 * After a wake-up the worker waits this long before claiming: a local wake-up comes before the
 * enqueuing transaction commits, and notices enqueued at nearly the same moment (fifty readers
 * submitting) then go out in one claim instead of one round of queries each.
 */
const SETTLE_MS = 25
/** Wait after the 1st, 2nd … failed try; a try beyond the last is not made: the delivery is dead. */
export const RETRY_DELAYS_MS = [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE]

export interface ClaimedDelivery {
  id: string
  library_id: string
  event: string
  channel: NoticeOutboxTable['channel']
  address: string | null
  language: 'zh-CN' | 'en'
  subject: string
  body: string
  data: Record<string, unknown>
  created_at: Date
  attempts: number
  notice_channel_id: string | null
  target_kind: ChannelTarget['kind'] | null
  target_url: string | null
  target_secret: string | null
  target_enabled: boolean | null
}

export interface Claim {
  claimId: string
  rows: ClaimedDelivery[]
}

type NoticeConfig = Pick<
  Config,
  'SMTP_URL' | 'MAIL_FROM' | 'PUBLIC_URL' | 'NOTICE_POLL_SECONDS' | 'LOG_LEVEL'
>

export interface NoticeWorkerOptions {
  db: Kysely<DB>
  /** Where the mail server, the poll interval and the log level come from, unless given below. */
  config?: NoticeConfig
  /** Without it (and without SMTP_URL), e-mail deliveries are recorded as skipped. */
  email?: EmailSender | undefined
  events?: EventBus | undefined
  now?: () => Date
  /** Longest sleep when nothing wakes the worker. */
  pollMs?: number
  /** How long a claimed row is ours; must outlast a batch's sends. */
  leaseMs?: number
  batchSize?: number
  concurrency?: number
  log?: (message: string, error?: unknown) => void
}

export type NoticeWorker = ReturnType<typeof createNoticeWorker>

/**
 * Sends what the outbox holds. Any number of workers, in any number of processes, may run: a
 * worker claims due rows with FOR UPDATE SKIP LOCKED and a lease (`locked_until`), so no two
 * hold the same row; outcomes are recorded only under the worker's own claim, so a worker whose
 * lease ran out cannot undo what another recorded, and a row marked sent is never claimed again.
 * A worker that dies mid-batch leaves its rows leased; after the lease they are claimed again.
 */
export const createNoticeWorker = (options: NoticeWorkerOptions) => {
  const { db } = options
  const now = options.now ?? (() => new Date())
  const { config } = options
  const email =
    options.email ??
    (config?.SMTP_URL
      ? createEmailSender({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, publicUrl: config.PUBLIC_URL })
      : undefined)
  const pollMs = options.pollMs ?? (config ? config.NOTICE_POLL_SECONDS * 1000 : 15_000)
  const leaseMs = options.leaseMs ?? 5 * MINUTE
  const batchSize = options.batchSize ?? 50
  const concurrency = options.concurrency ?? 10
  const log =
    options.log ??
    (config?.LOG_LEVEL === 'silent'
      ? () => {}
      : (message: string, error?: unknown) => console.warn(message, error))

  let running: Promise<void> | undefined
  let stopping = false
  let woken = false
  let interrupt: (() => void) | undefined
  const unsubscribe: (() => void)[] = []

  const wake = () => {
    woken = true
    interrupt?.()
  }

  /** Leases up to `limit` due rows to a new claim. */
  const claim = async (limit = batchSize): Promise<Claim> => {
    const claimId = uuidv7()
    const at = now()
    const result = await sql<ClaimedDelivery>`
      with due as (
        select id from notice_outbox
        where status in ('pending', 'failed') and next_attempt_at <= ${at}
          and (locked_until is null or locked_until <= ${at})
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked
      ), claimed as (
        update notice_outbox o
        set locked_until = ${new Date(at.getTime() + leaseMs)}, claim_id = ${claimId}, attempts = o.attempts + 1
        from due where o.id = due.id
        returning o.*
      )
      select claimed.id, claimed.library_id, claimed.event, claimed.channel, claimed.address, claimed.language,
        claimed.subject, claimed.body, claimed.data, claimed.created_at, claimed.attempts,
        claimed.notice_channel_id, c.kind as target_kind, c.url as target_url, c.secret as target_secret,
        c.enabled as target_enabled
      from claimed left join notice_channels c on c.id = claimed.notice_channel_id
      order by claimed.id
    `.execute(db)
    return { claimId, rows: result.rows }
  }

  const record = (claimId: string, id: string, change: Updateable<NoticeOutboxTable>) =>
    db
      .updateTable('notice_outbox')
      .set({ ...change, locked_until: null })
      .where('id', '=', id)
      .where('claim_id', '=', claimId)
      .where('status', 'in', ['pending', 'failed'])
      .execute()

  const send = async (row: ClaimedDelivery) => {
    const notice: OutgoingNotice = {
      id: row.id,
      libraryId: row.library_id,
      event: row.event,
      language: row.language,
      subject: row.subject,
      body: row.body,
      data: row.data,
      createdAt: row.created_at,
    }
    if (row.channel === 'email') {
      if (!email) return SKIPPED_BECAUSE.noMailServer
      if (!row.address) return SKIPPED_BECAUSE.noAddress
      await email.send(notice, row.address)
      return
    }
    if (row.channel === 'inbox') return
    if (!row.target_kind || !row.target_url) return SKIPPED_BECAUSE.channelRemoved
    if (!row.target_enabled) return SKIPPED_BECAUSE.channelOff
    await postToChannel(
      { kind: row.target_kind, url: row.target_url, secret: row.target_secret },
      notice,
      now(),
    )
  }

  const deliverOne = async (claimId: string, row: ClaimedDelivery) => {
    try {
      const skipped = await send(row)
      await record(
        claimId,
        row.id,
        skipped
          ? { status: 'skipped', last_error: skipped }
          : { status: 'sent', sent_at: now(), last_error: null },
      )
    } catch (error) {
      const permanent = error instanceof DeliveryError && error.options.permanent
      const delay = permanent ? undefined : RETRY_DELAYS_MS[row.attempts - 1]
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000)
      if (!(error instanceof DeliveryError)) log(`notice ${row.id} could not be sent`, error)
      await record(
        claimId,
        row.id,
        delay === undefined
          ? { status: 'dead', last_error: message }
          : { status: 'failed', last_error: message, next_attempt_at: new Date(now().getTime() + delay) },
      )
    }
  }

  /** Sends a claim's rows, a few at a time; on stop, rows not yet started go back unclaimed. */
  const deliver = async ({ claimId, rows }: Claim) => {
    let next = 0
    const lane = async () => {
      while (!stopping && next < rows.length) {
        const row = rows[next++]!
        await deliverOne(claimId, row)
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane))
    const unstarted = rows.slice(next).map((row) => row.id)
    if (unstarted.length) {
      await db
        .updateTable('notice_outbox')
        .set((eb) => ({ locked_until: null, claim_id: null, attempts: eb('attempts', '-', 1) }))
        .where('id', 'in', unstarted)
        .where('claim_id', '=', claimId)
        .execute()
    }
  }

  /** Claims one batch and sends it; returns how many rows it claimed. */
  const drainOnce = async () => {
    const claimed = await claim()
    if (claimed.rows.length) await deliver(claimed)
    return claimed.rows.length
  }

  /** Sends until nothing is due; for tests and the benchmark. */
  const drain = async () => {
    let total = 0
    for (let n = await drainOnce(); n > 0 && !stopping; n = await drainOnce()) total += n
    return total
  }

  /** Time until the next row falls due or a lease runs out, capped by the poll interval. */
  const idleMs = async () => {
    const row = await sql<{ at: Date | null }>`
      select min(greatest(next_attempt_at, coalesce(locked_until, next_attempt_at))) as at
      from notice_outbox where status in ('pending', 'failed')`.execute(db)
    const at = row.rows[0]?.at
    const wait = at ? new Date(at).getTime() - now().getTime() : pollMs
    return Math.min(pollMs, Math.max(50, wait))
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        interrupt = undefined
        resolve()
      }
      interrupt = done
    })

  const loop = async () => {
    while (!stopping) {
      woken = false
      try {
        await drain()
        if (stopping) break
        const wait = await idleMs()
        if (!woken && !stopping) await sleep(wait)
        if (woken && !stopping) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
      } catch (error) {
        log('notice worker: a round failed; trying again shortly', error)
        if (!stopping) await sleep(Math.min(pollMs, 5000))
      }
    }
  }

  return {
    /** Starts draining in the background; woken by NOTIFY on the outbox and by local enqueues. */
    start() {
      if (running) return
      stopping = false
      if (options.events) unsubscribe.push(options.events.subscribe(OUTBOX_CHANNEL, wake))
      unsubscribe.push(onNoticeEnqueued(wake))
      running = loop()
    },
    /** Stops claiming, lets sends in flight finish, and returns unstarted rows. Safe to call twice. */
    async stop() {
      stopping = true
      interrupt?.()
      for (const off of unsubscribe.splice(0)) off()
      await running
      running = undefined
      email?.close()
    },
    wake,
    claim,
    deliver,
    drainOnce,
    drain,
  }
}
