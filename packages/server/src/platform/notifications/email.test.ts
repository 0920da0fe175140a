import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { createNoticeWorker } from './notice-worker.ts'
import { startSmtpSink } from './smtp-sink.ts'

const t = useTestApp()
let sink: Awaited<ReturnType<typeof startSmtpSink>>

beforeAll(async () => {
  sink = await startSmtpSink()
})
afterAll(async () => {
  await sink.close()
})

const resetPassword = async (accountId: string, libraryCode = 'sjtu') => {
  const response = await t.request({
    method: 'PUT',
    url: `/api/accounts/${accountId}/password`,
    cookie: await t.as('library_admin', libraryCode),
    payload: { password: 'brand-new-password' },
  })
  expect(response.statusCode).toBe(204)
}

const emailRow = (accountId: string) =>
  t.ctx.db
    .selectFrom('notice_outbox')
    .selectAll()
    .where('recipient_account_id', '=', accountId)
    .where('channel', '=', 'email')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()

const configWith = (smtpUrl?: string) => ({
  ...t.ctx.config,
  SMTP_URL: smtpUrl,
  MAIL_FROM: '上海交通大学图书馆 <library@sjtu.example.edu.cn>',
  // Only a wake-up can make the worker look before the end of the test.
  NOTICE_POLL_SECONDS: 300,
})

describe('password-reset e-mail over SMTP', () => {
  it('reaches the reader in their language with a Message-ID made from the outbox id', async () => {
    const [sjtu, fudan] = t.world.libraries
    await t.ctx.db
      .updateTable('accounts')
      .set({ language: 'en' })
      .where('id', '=', fudan!.accounts.reader!)
      .execute()
    const worker = createNoticeWorker({ db: t.ctx.db, events: t.ctx.events, config: configWith(sink.url) })
    worker.start()
    try {
      await resetPassword(sjtu!.accounts.reader!)
      await resetPassword(fudan!.accounts.reader!, 'fudan')
      await sink.waitFor(2)
    } finally {
      await worker.stop()
    }
    const zh = sink.messages.find((mail) => mail.to.includes('2020001@sjtu.example.edu.cn'))!
    const en = sink.messages.find((mail) => mail.to.includes('2020001@fudan.example.edu.cn'))!
    expect(zh.parsed!.subject).toBe('您在上海交通大学图书馆的账号密码已被重置')
    expect(zh.parsed!.text).toContain('李明，您好')
    expect(zh.parsed!.from!.text).toContain('library@sjtu.example.edu.cn')
    expect(en.parsed!.subject).toBe('Your password at Fudan University Library has been reset')
    expect(en.parsed!.text).toContain('Dear 刘洋')
    const row = await emailRow(sjtu!.accounts.reader!)
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null, locked_until: null })
    expect(zh.messageId).toBe(`<${row.id}@sjtu.example.edu.cn>`)
    expect(zh.parsed!.headers.get('x-shuqiao-delivery')).toBe(row.id)
    expect(zh.parsed!.headers.get('auto-submitted')).toBe('auto-generated')
  })

  it('records e-mail as skipped, not failed, without SMTP_URL', async () => {
    const reader = t.world.libraries[2]!.accounts.reader!
    await resetPassword(reader, 'tongji')
    const worker = createNoticeWorker({ db: t.ctx.db, config: configWith(undefined) })
    expect(await worker.drain()).toBe(1)
    expect(await emailRow(reader)).toMatchObject({ status: 'skipped', last_error: 'SMTP_URL is not set' })
  })

  it('gives up at once on a mailbox the server says does not exist', async () => {
    const librarian = t.world.libraries[0]!.accounts.librarian!
    sink.refuse('l001@sjtu.example.edu.cn')
    await resetPassword(librarian)
    const worker = createNoticeWorker({ db: t.ctx.db, config: configWith(sink.url) })
    await worker.drain()
    await worker.stop()
    const row = await emailRow(librarian)
    expect(row.status).toBe('dead')
    expect(row.last_error).toMatch(/550/)
  })

  it('retries later when the mail server refuses our sign-in', async () => {
    const subject = t.world.libraries[0]!.accounts.subject_librarian!
    await resetPassword(subject)
    const wrongPassword = sink.url.replace('mail-pass', 'wrong')
    const worker = createNoticeWorker({ db: t.ctx.db, config: configWith(wrongPassword) })
    await worker.drain()
    await worker.stop()
    const row = await emailRow(subject)
    expect(row.status).toBe('failed')
    expect(row.last_error).toMatch(/535|Invalid/)
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 50_000)
  })
})
