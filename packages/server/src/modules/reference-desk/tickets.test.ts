import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNoticeWorker } from '../../platform/notifications/notices.ts'
import { startSmtpSink } from '../../platform/notifications/smtp-sink.ts'
import { useTestApp } from '../../test/test-app.ts'
import { addReader, queueId, setDuty, startChat } from './desk.fixtures.ts'
import { noticesFor, say } from './tickets.fixtures.ts'
import { ticketUnansweredChats } from './tickets.jobs.ts'

const t = useTestApp()
let sink: Awaited<ReturnType<typeof startSmtpSink>>

beforeAll(async () => {
  sink = await startSmtpSink()
})
afterAll(async () => {
  await sink.close()
})

const ask = (cookie: string, payload: object) =>
  t.request({ method: 'POST', url: '/api/reference-desk/tickets', cookie, payload })

const reply = (cookie: string, ticketId: string, text: string, kind: 'replies' | 'notes' = 'replies') =>
  t.request({
    method: 'POST',
    url: `/api/reference-desk/tickets/${ticketId}/${kind}`,
    cookie,
    payload: { text },
  })

const change = (cookie: string, ticketId: string, payload: object) =>
  t.request({ method: 'PATCH', url: `/api/reference-desk/tickets/${ticketId}`, cookie, payload })

const detail = (cookie: string, ticketId: string) =>
  t.request({ method: 'GET', url: `/api/reference-desk/tickets/${ticketId}`, cookie })

const list = async (cookie: string, query = '') => {
  const response = await t.request({ method: 'GET', url: `/api/reference-desk/tickets${query}`, cookie })
  expect(response.statusCode, response.body).toBe(200)
  return response.json().items as { id: string; number: number; subject: string; status: string }[]
}

const until = async (done: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const reader = () => t.world.libraries[0]!.accounts.reader!

describe('tickets asked through the portal', () => {
  it('threads replies between reader and staff, keeps notes from the reader, and moves the status', async () => {
    const me = await t.as('reader')
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')

    const asked = await ask(me, {
      queueId: reference,
      subject: '学位论文提交格式',
      text: '请问学位论文电子版<b>需要</b>提交 PDF 吗？',
    })
    expect(asked.statusCode, asked.body).toBe(201)
    const ticket = asked.json()
    expect(ticket).toMatchObject({
      number: 1,
      status: 'new',
      source: 'web',
      asker: { kind: 'reader', name: '李明', readerNumber: null },
      assignee: null,
    })
    // HTML is kept as the characters typed.
    expect(ticket.posts.map((p: { text: string }) => p.text)).toEqual([
      '请问学位论文电子版<b>需要</b>提交 PDF 吗？',
    ])

    const staffView = (await detail(librarian, ticket.id)).json()
    expect(staffView.asker.readerNumber).toBe('2020001')
    expect(staffView.posts.map((p: { kind: string }) => p.kind)).toEqual(['event', 'reply'])

    expect((await reply(librarian, ticket.id, '请先联系学院秘书确认。', 'notes')).statusCode).toBe(201)
    const answered = await reply(librarian, ticket.id, '需要提交 PDF，另附授权书。')
    expect(answered.statusCode, answered.body).toBe(201)
    expect(answered.json()).toMatchObject({ status: 'pending', assignee: { name: '王芳' } })
    expect(answered.json().firstReplyAt).not.toBeNull()

    // The reader sees replies only, never the note or events; and is told in the inbox and by e-mail.
    const mine = (await detail(me, ticket.id)).json()
    expect(mine.posts.map((p: { side: string; text: string }) => [p.side, p.text])).toEqual([
      ['reader', '请问学位论文电子版<b>需要</b>提交 PDF 吗？'],
      ['staff', '需要提交 PDF，另附授权书。'],
    ])
    const notices = await noticesFor(t, reader(), 'reference_desk.ticket_reply')
    expect(notices.map((n) => n.channel).sort()).toEqual(['email', 'inbox'])
    expect(notices[0]!.subject).toBe('上海交通大学图书馆答复了您的咨询 #1：学位论文提交格式')
    expect(notices[0]!.body).toContain('需要提交 PDF，另附授权书。')
    expect(notices[0]!.body).not.toContain('学院秘书')

    const back = await reply(me, ticket.id, '好的，谢谢！授权书在哪里下载？')
    expect(back.json().status).toBe('open')
    const closed = await change(librarian, ticket.id, { status: 'closed' })
    expect(closed.json()).toMatchObject({ status: 'closed' })
    expect(closed.json().closedAt).not.toBeNull()

    const late = await reply(me, ticket.id, '还有一个问题')
    expect(late.statusCode).toBe(409)
    expect(late.headers['content-type']).toContain('application/problem+json')
    expect(late.json().code).toBe('ticket_closed')
    const wrong = await change(librarian, ticket.id, { status: 'pending' })
    expect(wrong.statusCode).toBe(409)
    expect(wrong.json().code).toBe('illegal_transition')
    expect((await change(librarian, ticket.id, { status: 'open' })).json().status).toBe('open')

    const steps = (await detail(librarian, ticket.id))
      .json()
      .posts.filter((p: { kind: string }) => p.kind === 'event')
    expect(steps.map((p: { event: object }) => p.event)).toEqual([
      { code: 'created', source: 'web' },
      { code: 'status', from: 'open', to: 'closed' },
      { code: 'status', from: 'closed', to: 'open' },
    ])
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', ticket.id)
      .execute()
    expect(audit.map((a) => a.action)).toEqual([
      'reference_desk.ticket.update',
      'reference_desk.ticket.update',
    ])
  })

  it('keeps each reader to their own tickets and each library to its own', async () => {
    const me = await t.as('reader')
    const other = await addReader(t, '2020077', '周敏')
    const reference = await queueId(t, 'reference')
    const ticket = (
      await ask(me, { queueId: reference, subject: '校外访问', text: '校外怎么访问数据库？' })
    ).json()

    const peek = await detail(other, ticket.id)
    expect(peek.statusCode).toBe(404)
    expect(peek.json().code).toBe('not_found')
    expect((await reply(other, ticket.id, '我也想知道')).statusCode).toBe(404)
    const theirs = await t.request({ method: 'GET', url: '/api/reference-desk/tickets/mine', cookie: other })
    expect(theirs.json().items).toEqual([])

    const fudan = await t.as('librarian', 'fudan')
    expect((await detail(fudan, ticket.id)).statusCode).toBe(404)
    expect((await reply(fudan, ticket.id, '你好')).statusCode).toBe(404)
    expect((await change(fudan, ticket.id, { status: 'closed' })).statusCode).toBe(404)
    expect((await list(fudan)).map((item) => item.id)).not.toContain(ticket.id)
    // A topic of another library is not one to ask in.
    const fudanReader = await t.as('reader', 'fudan')
    expect((await ask(fudanReader, { queueId: reference, subject: '问题', text: '内容' })).statusCode).toBe(
      404,
    )

    // The consortium admin may look, not answer; readers may not list or change.
    const admin = await t.as('consortium_admin')
    expect((await detail(admin, ticket.id)).statusCode).toBe(200)
    expect((await reply(admin, ticket.id, '你好')).statusCode).toBe(403)
    expect(
      (await t.request({ method: 'GET', url: '/api/reference-desk/tickets', cookie: me })).statusCode,
    ).toBe(403)
    expect((await change(me, ticket.id, { status: 'closed' })).statusCode).toBe(403)
    expect((await reply(me, ticket.id, '内部', 'notes')).statusCode).toBe(403)
  })

  it('refuses empty, overlong and unsafe text and unknown statuses with stable codes', async () => {
    const me = await t.as('reader')
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    const ticket = (await ask(me, { queueId: reference, subject: '借书', text: '能借几本？' })).json()

    for (const [text, code] of [
      ['   ', 'too_small'],
      ['长'.repeat(4001), 'too_big'],
      ['bell\u0007', 'unsafe_characters'],
    ] as const) {
      const refused = await reply(librarian, ticket.id, text)
      expect(refused.statusCode, text.slice(0, 10)).toBe(400)
      expect(refused.headers['content-type']).toContain('application/problem+json')
      expect(refused.json()).toMatchObject({
        code: 'validation_failed',
        errors: [{ path: 'body.text', code }],
      })
    }
    expect((await reply(librarian, ticket.id, '长'.repeat(4000))).statusCode).toBe(201)
    expect((await ask(me, { queueId: reference, subject: '', text: '内容' })).json().code).toBe(
      'validation_failed',
    )
    const status = await change(librarian, ticket.id, { status: 'solved' })
    expect(status.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'body.status' }] })
    const nothing = await change(librarian, ticket.id, {})
    expect(nothing.json().errors[0]).toMatchObject({ path: 'body.status', code: 'nothing_to_change' })
    const stranger = await change(librarian, ticket.id, {
      assigneeId: t.world.libraries[1]!.accounts.librarian,
    })
    expect(stranger.json().errors[0]).toMatchObject({ path: 'body.assigneeId', code: 'not_found' })
    const cursor = await t.request({
      method: 'GET',
      url: '/api/reference-desk/tickets?cursor=x',
      cookie: librarian,
    })
    expect(cursor.statusCode).toBe(400)
  })

  it('lets staff filter by status, topic, assignee and Chinese words', async () => {
    const librarian = await t.as('librarian')
    const colleague = await t.as('subject_librarian')
    const me = await t.as('reader')
    const purchase = await queueId(t, 'purchase')
    const reference = await queueId(t, 'reference')
    const a = (
      await ask(me, { queueId: purchase, subject: '荐购一本书', text: '推荐购买《深度学习》' })
    ).json()
    const b = (
      await ask(me, { queueId: reference, subject: '查收查引', text: '需要开具查收查引证明' })
    ).json()
    await change(librarian, a.id, { assigneeId: t.world.libraries[0]!.accounts.subject_librarian })
    await change(librarian, b.id, { status: 'open' })

    expect((await list(librarian, `?queueId=${purchase}`)).map((x) => x.id)).toEqual([a.id])
    expect((await list(colleague, '?assignee=me')).map((x) => x.id)).toEqual([a.id])
    expect((await list(librarian, '?status=open')).map((x) => x.id)).toContain(b.id)
    expect((await list(librarian, '?status=open')).map((x) => x.id)).not.toContain(a.id)
    expect((await list(librarian, '?assignee=none')).map((x) => x.id)).toContain(b.id)
    // Words of the thread count, Chinese segmented; a word partly typed too.
    expect((await list(librarian, `?q=${encodeURIComponent('深度学习')}`)).map((x) => x.id)).toEqual([a.id])
    expect((await list(librarian, `?q=${encodeURIComponent('证明')}`)).map((x) => x.id)).toEqual([b.id])
    const page = await t.request({
      method: 'GET',
      url: '/api/reference-desk/tickets?limit=1',
      cookie: librarian,
    })
    expect(page.json().nextCursor).toBe(page.json().items[0].id)
  })
})

describe('ticket numbers', () => {
  it('count per library without gaps or repeats when many ask at once', async () => {
    const me = await t.as('reader')
    const reference = await queueId(t, 'reference')
    const before = (await list(await t.as('librarian'), '?limit=1'))[0]?.number ?? 0
    const asked = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ask(me, { queueId: reference, subject: `同时提问 ${i}`, text: '内容' }),
      ),
    )
    const numbers = asked.map((response) => response.json().number).sort((a, b) => a - b)
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => before + i + 1))
    // Another library counts from 1.
    const fudan = await ask(await t.as('reader', 'fudan'), {
      queueId: await queueId(t, 'reference', 'fudan'),
      subject: '复旦的问题',
      text: '内容',
    })
    expect(fudan.json().number).toBe(1)
  })
})

describe('guest and phone tickets', () => {
  it('takes a guest’s question where the topic takes guests and answers it by e-mail', async () => {
    const reference = await queueId(t, 'reference')
    const purchase = await queueId(t, 'purchase')
    const guest = (queue: string) =>
      t.request({
        method: 'POST',
        url: '/api/reference-desk/guest-tickets',
        payload: {
          queueId: queue,
          name: '校友王先生',
          email: 'wang@alumni.example.com',
          subject: '校友借书证',
          text: '校友可以办理借书证吗？',
        },
      })
    const refused = await guest(purchase)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('guests_not_allowed')
    const asked = await guest(reference)
    expect(asked.statusCode, asked.body).toBe(201)
    const librarian = await t.as('librarian')
    const [ticket] = await list(librarian, `?q=${encodeURIComponent('借书证')}`)
    expect((await detail(librarian, ticket!.id)).json().asker).toEqual({
      kind: 'guest',
      name: '校友王先生',
      email: 'wang@alumni.example.com',
    })

    const config = {
      ...t.ctx.config,
      SMTP_URL: sink.url,
      MAIL_FROM: '上海交通大学图书馆 <library@sjtu.example.edu.cn>',
      NOTICE_POLL_SECONDS: 300,
    }
    const worker = createNoticeWorker({ db: t.ctx.db, events: t.ctx.events, config })
    worker.start()
    try {
      await reply(librarian, ticket!.id, '可以，请带校友卡到总馆服务台办理。')
      await until(() => sink.messages.some((m) => m.to.includes('wang@alumni.example.com')))
    } finally {
      await worker.stop()
    }
    const mail = sink.messages.find((m) => m.to.includes('wang@alumni.example.com'))!
    expect(mail.parsed!.subject).toBe(`上海交通大学图书馆答复了您的咨询 #${asked.json().number}：校友借书证`)
    expect(mail.parsed!.text).toContain('可以，请带校友卡到总馆服务台办理。')
    expect(mail.parsed!.text).toContain('校友王先生，您好')
  })

  it('lets staff log a phone call for a reader, who then finds it under 我的咨询', async () => {
    const librarian = await t.as('librarian')
    const documents = await queueId(t, 'documents')
    const logged = await t.request({
      method: 'POST',
      url: '/api/reference-desk/tickets/phone',
      cookie: librarian,
      payload: {
        queueId: documents,
        readerNumber: '2020001',
        phone: '021-5474 0000',
        subject: '文献传递进度',
        text: '读者来电询问上周申请的文献传递何时到。',
      },
    })
    expect(logged.statusCode, logged.body).toBe(201)
    expect(logged.json()).toMatchObject({
      source: 'phone',
      status: 'open',
      assignee: { name: '王芳' },
      phone: '021-5474 0000',
      asker: { kind: 'reader', readerNumber: '2020001' },
    })
    const mine = await t.request({
      method: 'GET',
      url: '/api/reference-desk/tickets/mine',
      cookie: await t.as('reader'),
    })
    const found = mine.json().items.find((item: { id: string }) => item.id === logged.json().id)
    expect(found).toMatchObject({ source: 'phone', phone: null })

    const phone = (payload: object) =>
      t.request({ method: 'POST', url: '/api/reference-desk/tickets/phone', cookie: librarian, payload })
    const unknown = await phone({ queueId: documents, readerNumber: 'nobody', subject: '来电', text: '内容' })
    expect(unknown.json().errors[0]).toMatchObject({ path: 'body.readerNumber', code: 'not_found' })
    const neither = await phone({ queueId: documents, subject: '来电', text: '内容' })
    expect(neither.json().errors[0]).toMatchObject({ path: 'body.readerNumber', code: 'one_asker' })
    const caller = await phone({ queueId: documents, callerName: '张老师', subject: '来电', text: '内容' })
    expect(caller.json().asker).toEqual({ kind: 'guest', name: '张老师', email: null })
    const byReader = await t.request({
      method: 'POST',
      url: '/api/reference-desk/tickets/phone',
      cookie: await t.as('reader'),
      payload: { queueId: documents, callerName: '张老师', subject: '来电', text: '内容' },
    })
    expect(byReader.statusCode).toBe(403)
  })
})

describe('chats nobody answered', () => {
  it('become tickets after the library’s wait, and the reader is told in the chat', async () => {
    const me = await addReader(t, '2020081', '陈静')
    const librarian = await t.as('librarian')
    const admin = await t.as('library_admin')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    const chat = (await startChat(t, me, reference)).json()
    await say(t, me, chat.id, '请问图书馆寒假开放时间？')

    const minutes = (n: number) => new Date(Date.parse(chat.createdAt) + n * 60_000)
    expect(
      (
        await t.request({
          method: 'PUT',
          url: '/api/reference-desk/ticket-settings',
          cookie: librarian,
          payload: { chatWaitMinutes: 30 },
        })
      ).statusCode,
    ).toBe(403)
    const set = await t.request({
      method: 'PUT',
      url: '/api/reference-desk/ticket-settings',
      cookie: admin,
      payload: { chatWaitMinutes: 30 },
    })
    expect(set.json()).toMatchObject({ chatWaitMinutes: 30 })
    expect(await ticketUnansweredChats(t.ctx, minutes(11))).toEqual([])
    const made = await ticketUnansweredChats(t.ctx, minutes(31))
    expect(made).toHaveLength(1)

    const ended = (
      await t.request({ method: 'GET', url: `/api/reference-desk/conversations/${chat.id}`, cookie: me })
    ).json()
    expect(ended.status).toBe('closed')
    const messages = (
      await t.request({
        method: 'GET',
        url: `/api/reference-desk/conversations/${chat.id}/messages`,
        cookie: me,
      })
    ).json().items
    expect(messages.at(-1).event).toEqual({ code: 'ticketed', ticketNumber: made[0] })

    const mine = (
      await t.request({ method: 'GET', url: '/api/reference-desk/tickets/mine', cookie: me })
    ).json()
    expect(mine.items[0]).toMatchObject({
      number: made[0],
      source: 'chat',
      conversationId: chat.id,
      subject: '请问图书馆寒假开放时间？',
    })
    // Sweeping again makes nothing more.
    expect(await ticketUnansweredChats(t.ctx, minutes(60))).toEqual([])
  })

  it('become tickets at once when nobody is on duty for the topic any more', async () => {
    const me = await addReader(t, '2020082', '林涛')
    const librarian = await t.as('librarian')
    const documents = await queueId(t, 'documents')
    await setDuty(t, librarian, documents, true)
    const chat = (await startChat(t, me, documents)).json()
    // A chat with nothing asked yet is not a question to keep.
    await setDuty(t, librarian, documents, false)
    expect(await ticketUnansweredChats(t.ctx)).toEqual([])
    await say(t, me, chat.id, '馆际互借要多久？')
    const [number] = await ticketUnansweredChats(t.ctx)
    expect(number).toBeGreaterThan(0)
    const settings = await t.request({
      method: 'GET',
      url: '/api/reference-desk/ticket-settings',
      cookie: librarian,
    })
    expect(settings.json().chatWaitMinutes).toBe(30)
  })
})
