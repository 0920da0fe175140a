import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { defineNoticeTemplate, renderNotice } from './notice-templates.ts'
import { enqueueNotice } from './notices.ts'

const t = useTestApp()

defineNoticeTemplate('test.hello', {
  zh: { subject: '你好，{{name}}\n第二行', body: '{{library}}：{{missing}}完' },
  en: { subject: 'Hello {{ name }}', body: '{{library}}: {{missing}}done' },
})

const outbox = () => t.ctx.db.selectFrom('notice_outbox').selectAll().orderBy('id').execute()

const addRobot = async (libraryCode: string, events: string[], enabled = true) => {
  const library = t.world.libraries.find((l) => l.code === libraryCode)!
  const response = await t.request({
    method: 'POST',
    url: `/api/libraries/${library.id}/notice-channels`,
    cookie: await t.as('library_admin', libraryCode),
    payload: {
      name: `机器人 ${events.join(',')}`,
      kind: 'wecom',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
      events,
      enabled,
    },
  })
  expect(response.statusCode).toBe(201)
  return response.json().id as string
}

describe('the notice outbox', () => {
  it('renders templates with the library’s name and one-line subjects', () => {
    const template = {
      zh: { subject: 'a\n{{x}}', body: '{{x}}{{y}}' },
      en: { subject: 'E {{x}}', body: '-' },
    }
    expect(renderNotice(template, 'zh-CN', { x: 1 })).toEqual({ subject: 'a 1', body: '1' })
    expect(renderNotice(template, 'en', { x: 'b' }).subject).toBe('E b')
  })

  it('writes an inbox notice, an e-mail and a post per subscribed robot when a password is reset', async () => {
    const sjtu = t.world.libraries[0]!
    const robot = await addRobot('sjtu', ['account.password_reset'])
    await addRobot('sjtu', ['account.password_reset'], false)
    await addRobot('fudan', ['account.password_reset'])
    const response = await t.request({
      method: 'PUT',
      url: `/api/accounts/${sjtu.accounts.reader}/password`,
      cookie: await t.as('library_admin'),
      payload: { password: 'brand-new-password' },
    })
    expect(response.statusCode).toBe(204)
    const rows = await outbox()
    expect(rows.map((row) => [row.channel, row.status])).toEqual([
      ['inbox', 'sent'],
      ['email', 'pending'],
      ['wecom', 'pending'],
    ])
    const [inbox, email, wecom] = rows
    expect(inbox).toMatchObject({ recipient_account_id: sjtu.accounts.reader, language: 'zh-CN' })
    expect(inbox!.subject).toBe('您在上海交通大学图书馆的账号密码已被重置')
    expect(inbox!.body).toContain('李明，您好')
    expect(inbox!.body).toContain('学工号 2020001')
    expect(email).toMatchObject({ address: '2020001@sjtu.example.edu.cn', subject: inbox!.subject })
    expect(wecom).toMatchObject({ notice_channel_id: robot, language: 'zh-CN', recipient_account_id: null })
    await t.ctx.db.deleteFrom('notice_outbox').execute()
  })

  it('writes in the recipient’s language, but robots in the library’s zh-CN', async () => {
    const fudan = t.world.libraries[1]!
    await t.ctx.db
      .updateTable('accounts')
      .set({ language: 'en' })
      .where('id', '=', fudan.accounts.reader!)
      .execute()
    await t.ctx.db.transaction().execute((trx) =>
      enqueueNotice(trx, {
        libraryId: fudan.id,
        event: 'account.password_reset',
        recipientAccountId: fudan.accounts.reader,
        data: { name: '刘洋', readerNumber: '2020001' },
      }),
    )
    const rows = await outbox()
    expect(rows.find((row) => row.channel === 'inbox')!.subject).toBe(
      'Your password at Fudan University Library has been reset',
    )
    expect(rows.find((row) => row.channel === 'email')!.language).toBe('en')
    expect(rows.find((row) => row.channel === 'wecom')!.subject).toBe('您在复旦大学图书馆的账号密码已被重置')
    await t.ctx.db.deleteFrom('notice_outbox').execute()
  })

  it('exists only if the announcing transaction commits', async () => {
    const sjtu = t.world.libraries[0]!
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await enqueueNotice(trx, {
          libraryId: sjtu.id,
          event: 'test.hello',
          recipientAccountId: sjtu.accounts.reader,
          data: { name: 'x' },
        })
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    expect(await outbox()).toEqual([])
  })

  it('adds nothing when the same dedupe key is enqueued again', async () => {
    const sjtu = t.world.libraries[0]!
    const notice = {
      libraryId: sjtu.id,
      event: 'test.hello',
      recipientAccountId: sjtu.accounts.librarian,
      data: { name: '王芳' },
      dedupeKey: 'hello-1',
    }
    const first = await t.ctx.db.transaction().execute((trx) => enqueueNotice(trx, notice))
    const second = await t.ctx.db.transaction().execute((trx) => enqueueNotice(trx, notice))
    expect(first).toHaveLength(2)
    expect(second).toEqual([])
    const rows = await outbox()
    expect(rows).toHaveLength(2)
    expect(rows[0]).toMatchObject({ subject: '你好，王芳 第二行', body: '上海交通大学图书馆：完' })
    await t.ctx.db.deleteFrom('notice_outbox').execute()
  })

  it('refuses events without a template and recipients of another library', async () => {
    const [sjtu, fudan] = t.world.libraries
    await expect(
      t.ctx.db
        .transaction()
        .execute((trx) => enqueueNotice(trx, { libraryId: sjtu!.id, event: 'no.such_event', data: {} })),
    ).rejects.toThrow(/No notice template/)
    await expect(
      t.ctx.db.transaction().execute((trx) =>
        enqueueNotice(trx, {
          libraryId: sjtu!.id,
          event: 'test.hello',
          recipientAccountId: fudan!.accounts.reader,
          data: {},
        }),
      ),
    ).rejects.toThrow(/own library/)
    expect(() =>
      defineNoticeTemplate('Bad Name', { zh: { subject: '', body: '' }, en: { subject: '', body: '' } }),
    ).toThrow()
  })
})
