import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { createNoticeWorker, RETRY_DELAYS_MS } from './notice-worker.ts'
import { startRobotReceiver } from './robot-receiver.ts'

const t = useTestApp()
const SECRETS = { dingtalk: 'SEC0123456789abcdef0123456789abcdef', webhook: 'whsec-7f3a9c2e5b' }
let receiver: Awaited<ReturnType<typeof startRobotReceiver>>
const channels: Record<'wecom' | 'dingtalk' | 'webhook', string> = { wecom: '', dingtalk: '', webhook: '' }

// The worker's clock, which tests move forward to make retries due.
let offsetMs = 0
const now = () => new Date(Date.now() + offsetMs)
const worker = () => createNoticeWorker({ db: t.ctx.db, config: t.ctx.config, now })

const sjtu = () => t.world.libraries[0]!
const admin = () => t.as('library_admin')

const resetReaderPassword = async () => {
  const response = await t.request({
    method: 'PUT',
    url: `/api/accounts/${sjtu().accounts.reader}/password`,
    cookie: await admin(),
    payload: { password: 'brand-new-password' },
  })
  expect(response.statusCode).toBe(204)
}

const robotRows = () =>
  t.ctx.db
    .selectFrom('notice_outbox')
    .selectAll()
    .where('channel', 'in', ['wecom', 'dingtalk', 'webhook'])
    .orderBy('id')
    .execute()

beforeAll(async () => {
  receiver = await startRobotReceiver(SECRETS)
})
afterAll(async () => {
  await receiver.close()
})
beforeEach(async () => {
  await t.ctx.db.deleteFrom('notice_outbox').execute()
  receiver.received.length = 0
  offsetMs = 1000
  if (channels.wecom) return
  for (const kind of ['wecom', 'dingtalk', 'webhook'] as const) {
    const response = await t.request({
      method: 'POST',
      url: `/api/libraries/${sjtu().id}/notice-channels`,
      cookie: await admin(),
      payload: {
        name: { wecom: '流通部企业微信群', dingtalk: '馆员钉钉群', webhook: '馆内工单系统' }[kind],
        kind,
        url: receiver.urls[kind],
        ...(kind === 'wecom' ? {} : { secret: SECRETS[kind] }),
        events: ['account.password_reset'],
      },
    })
    expect(response.statusCode, response.body).toBe(201)
    channels[kind] = response.json().id
  }
})

describe('group robots and webhooks', () => {
  it('posts to WeCom, DingTalk (signed) and a webhook (HMAC) in the shapes they expect', async () => {
    await resetReaderPassword()
    expect(await worker().drain()).toBe(4)
    expect(receiver.received.map((post) => post.kind).sort()).toEqual(['dingtalk', 'webhook', 'wecom'])
    expect(receiver.received.every((post) => post.verified)).toBe(true)
    const byKind = Object.fromEntries(receiver.received.map((post) => [post.kind, post]))
    const subject = '您在上海交通大学图书馆的账号密码已被重置'
    expect(byKind.wecom!.body).toMatchObject({ msgtype: 'markdown' })
    expect((byKind.wecom!.body.markdown as { content: string }).content).toMatch(
      new RegExp(`^\\*\\*${subject}\\*\\*`),
    )
    expect(byKind.dingtalk!.body).toMatchObject({ msgtype: 'markdown', markdown: { title: subject } })
    expect(byKind.dingtalk!.url.searchParams.get('access_token')).toBeTruthy()
    const rows = await robotRows()
    const webhookRow = rows.find((row) => row.channel === 'webhook')!
    expect(byKind.webhook!.headers['x-shuqiao-event']).toBe('account.password_reset')
    expect(byKind.webhook!.headers['x-shuqiao-delivery']).toBe(webhookRow.id)
    expect(byKind.webhook!.body).toMatchObject({
      id: webhookRow.id,
      event: 'account.password_reset',
      libraryId: sjtu().id,
      subject,
      data: { name: '李明', readerNumber: '2020001' },
    })
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true)
  })

  it('retries with backoff after an HTTP 500 and after errcode ≠ 0, then sends', async () => {
    receiver.answer('webhook', { status: 500, json: { error: 'down for maintenance' } })
    receiver.answer('wecom', { json: { errcode: 45009, errmsg: 'api freq out of limit' } })
    receiver.answer('dingtalk', { status: 502 }, { json: { errcode: 130101, errmsg: 'send too fast' } })
    await resetReaderPassword()
    const w = worker()
    await w.drain()
    let rows = await robotRows()
    const byKind = (kind: string) => rows.find((row) => row.channel === kind)!
    expect(byKind('webhook')).toMatchObject({ status: 'failed', attempts: 1 })
    expect(byKind('webhook').last_error).toMatch(/^HTTP 500/)
    expect(byKind('wecom').last_error).toBe('errcode 45009: api freq out of limit')
    expect(byKind('webhook').next_attempt_at.getTime() - now().getTime()).toBeGreaterThan(
      RETRY_DELAYS_MS[0]! - 5000,
    )
    // Not yet due: nothing is sent again.
    expect(await w.drain()).toBe(0)
    offsetMs += RETRY_DELAYS_MS[0]!
    expect(await w.drain()).toBe(3)
    rows = await robotRows()
    expect(byKind('webhook')).toMatchObject({ status: 'sent', attempts: 2, last_error: null })
    expect(byKind('wecom')).toMatchObject({ status: 'sent', attempts: 2 })
    expect(byKind('dingtalk')).toMatchObject({ status: 'failed', attempts: 2 })
    expect(byKind('dingtalk').last_error).toBe('errcode 130101: send too fast')
    offsetMs += RETRY_DELAYS_MS[1]!
    await w.drain()
    expect((await robotRows()).every((row) => row.status === 'sent')).toBe(true)
  })

  it('gives up after the last backoff step, and an admin can retry a dead delivery', async () => {
    receiver.answer('webhook', ...Array.from({ length: 6 }, () => ({ status: 503 })))
    await resetReaderPassword()
    const w = worker()
    for (const delay of [0, ...RETRY_DELAYS_MS]) {
      offsetMs += delay
      await w.drain()
    }
    const dead = (await robotRows()).find((row) => row.channel === 'webhook')!
    expect(dead).toMatchObject({ status: 'dead', attempts: 6 })
    offsetMs += 24 * 3_600_000
    expect(await w.drain()).toBe(0)

    const list = await t.request({
      method: 'GET',
      url: `/api/libraries/${sjtu().id}/notice-deliveries?status=dead`,
      cookie: await admin(),
    })
    expect(list.json().items).toEqual([
      expect.objectContaining({
        id: dead.id,
        channel: 'webhook',
        status: 'dead',
        attempts: 6,
        lastError: 'HTTP 503',
        noticeChannel: { id: channels.webhook, name: '馆内工单系统' },
        nextAttemptAt: null,
      }),
    ])
    const retried = await t.request({
      method: 'POST',
      url: `/api/libraries/${sjtu().id}/notice-deliveries/${dead.id}/retry`,
      cookie: await admin(),
    })
    expect(retried.statusCode).toBe(200)
    expect(retried.json()).toMatchObject({ status: 'failed', attempts: 6 })
    const webhookPosts = () => receiver.received.filter((post) => post.kind === 'webhook').length
    const before = webhookPosts()
    // The retry is due on the real clock.
    offsetMs = 1000
    expect(await w.drain()).toBe(1)
    expect(webhookPosts()).toBe(before + 1)
    const again = await t.request({
      method: 'POST',
      url: `/api/libraries/${sjtu().id}/notice-deliveries/${dead.id}/retry`,
      cookie: await admin(),
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('illegal_transition')
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'notice.delivery.retry')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      entity_id: dead.id,
      library_id: sjtu().id,
      changed_fields: ['nextAttemptAt', 'status'],
    })
  })

  it('treats a wrong DingTalk secret as a failure, as DingTalk answers it', async () => {
    await t.request({
      method: 'PATCH',
      url: `/api/libraries/${sjtu().id}/notice-channels/${channels.dingtalk}`,
      cookie: await admin(),
      payload: { secret: 'SEC-not-the-right-one' },
    })
    try {
      await resetReaderPassword()
      await worker().drain()
      const row = (await robotRows()).find((r) => r.channel === 'dingtalk')!
      expect(row).toMatchObject({ status: 'failed', last_error: 'errcode 310000: sign not match' })
    } finally {
      await t.request({
        method: 'PATCH',
        url: `/api/libraries/${sjtu().id}/notice-channels/${channels.dingtalk}`,
        cookie: await admin(),
        payload: { secret: SECRETS.dingtalk },
      })
    }
  })

  it('skips deliveries to a channel turned off or removed after the notice was written', async () => {
    await resetReaderPassword()
    await t.ctx.db
      .updateTable('notice_channels')
      .set({ enabled: false })
      .where('id', '=', channels.wecom)
      .execute()
    const removed = await t.request({
      method: 'DELETE',
      url: `/api/libraries/${sjtu().id}/notice-channels/${channels.dingtalk}`,
      cookie: await admin(),
    })
    expect(removed.statusCode).toBe(204)
    await worker().drain()
    const rows = await robotRows()
    expect(rows.map((row) => [row.channel, row.status, row.last_error])).toEqual([
      ['wecom', 'skipped', 'the channel is turned off'],
      ['dingtalk', 'skipped', 'the channel was removed'],
      ['webhook', 'sent', null],
    ])
  })

  it('sends a test message on request, even to a channel turned off, and reports the answer', async () => {
    const ok = await t.request({
      method: 'POST',
      url: `/api/libraries/${sjtu().id}/notice-channels/${channels.webhook}/test`,
      cookie: await admin(),
    })
    expect(ok.json()).toEqual({ ok: true, status: 204, error: null })
    expect(receiver.received.at(-1)!.verified).toBe(true)
    receiver.answer('wecom', { json: { errcode: 93000, errmsg: 'invalid webhook url' } })
    const refused = await t.request({
      method: 'POST',
      url: `/api/libraries/${sjtu().id}/notice-channels/${channels.wecom}/test`,
      cookie: await admin(),
    })
    expect(refused.json()).toEqual({ ok: false, status: 200, error: 'errcode 93000: invalid webhook url' })
  })
})
