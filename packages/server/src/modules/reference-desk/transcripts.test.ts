import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { act, addReader, queueId, setDuty, startChat } from './desk.fixtures.ts'
import { noticesFor, say } from './tickets.fixtures.ts'

const t = useTestApp()

const search = (cookie: string, q: string) =>
  t.request({ method: 'GET', url: `/api/reference-desk/transcripts?q=${encodeURIComponent(q)}`, cookie })

/** A chat a reader had with the librarian, with an internal note, ended by the librarian. */
const endedChat = async (reader: string) => {
  const librarian = await t.as('librarian')
  const reference = await queueId(t, 'reference')
  await setDuty(t, librarian, reference, true)
  const chat = (await startChat(t, reader, reference)).json()
  await act(t, librarian, chat.id, 'claim')
  await say(t, reader, chat.id, '请问怎样查找硕士学位论文全文？')
  await say(t, librarian, chat.id, '请在学位论文库里按题名检索。')
  await say(t, librarian, chat.id, '该读者上周也问过', true)
  await act(t, librarian, chat.id, 'close')
  return chat.id as string
}

describe('chat transcripts', () => {
  it('are searchable by the library’s staff in Chinese words, never by readers or other libraries', async () => {
    const reader = await t.as('reader')
    const chatId = await endedChat(reader)
    const librarian = await t.as('librarian')

    const found = await search(librarian, '学位论文')
    expect(found.statusCode, found.body).toBe(200)
    expect(found.json().items).toHaveLength(1)
    expect(found.json().items[0]).toMatchObject({
      conversationId: chatId,
      asker: { name: '李明', readerNumber: '2020001' },
      excerpts: ['请问怎样查找硕士学位论文全文？', '请在学位论文库里按题名检索。'],
    })
    // Any word of the chat finds it; internal notes are not searched.
    expect((await search(librarian, '题名')).json().items).toHaveLength(1)
    expect((await search(librarian, '上周')).json().items).toHaveLength(0)
    expect((await search(librarian, '天文学')).json().items).toHaveLength(0)

    expect((await search(reader, '学位论文')).statusCode).toBe(403)
    expect((await search(await t.as('librarian', 'fudan'), '学位论文')).json().items).toHaveLength(0)
    const bad = await t.request({
      method: 'GET',
      url: '/api/reference-desk/transcripts?cursor=zz',
      cookie: librarian,
    })
    expect(bad.statusCode).toBe(400)
  })

  it('download as text for the reader without internal notes, for staff with them', async () => {
    const reader = await addReader(t, '2020091', '孙悦')
    const chatId = await endedChat(reader)
    const url = `/api/reference-desk/conversations/${chatId}/transcript`

    const mine = await t.request({ method: 'GET', url, cookie: reader })
    expect(mine.statusCode).toBe(200)
    expect(mine.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(String(mine.headers['content-disposition'])).toContain('attachment')
    expect(mine.body).toContain('孙悦: 请问怎样查找硕士学位论文全文？')
    expect(mine.body).toContain('王芳: 请在学位论文库里按题名检索。')
    expect(mine.body).not.toContain('上周')

    const staff = await t.request({ method: 'GET', url, cookie: await t.as('librarian') })
    expect(staff.body).toContain('王芳（内部备注）: 该读者上周也问过')
    expect((await t.request({ method: 'GET', url, cookie: await t.as('reader') })).statusCode).toBe(404)
    expect(
      (await t.request({ method: 'GET', url, cookie: await t.as('librarian', 'fudan') })).statusCode,
    ).toBe(404)
  })

  it('go to the reader’s inbox and e-mail on request, never to someone else', async () => {
    const reader = await addReader(t, '2020092', '何静')
    const chatId = await endedChat(reader)
    const url = `/api/reference-desk/conversations/${chatId}/transcript/email`

    expect((await t.request({ method: 'POST', url, cookie: await t.as('reader') })).statusCode).toBe(404)
    const sent = await t.request({ method: 'POST', url, cookie: reader })
    expect(sent.statusCode, sent.body).toBe(202)
    const account = await t.ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('reader_number', '=', '2020092')
      .executeTakeFirstOrThrow()
    const [notice] = await noticesFor(t, account.id, 'reference_desk.transcript')
    expect(notice!.subject).toMatch(/^您在上海交通大学图书馆的在线咨询记录/)
    expect(notice!.body).toContain('请在学位论文库里按题名检索。')
    expect(notice!.body).not.toContain('上周')

    // Staff may send it for the reader; a guest's chat has nobody to send it to.
    expect((await t.request({ method: 'POST', url, cookie: await t.as('librarian') })).statusCode).toBe(202)
    const reference = await queueId(t, 'reference')
    const guest = await t.request({
      method: 'POST',
      url: '/api/reference-desk/guest-conversations',
      payload: { queueId: reference, nickname: '访客' },
    })
    const guestChat = guest.json().conversation.id
    const noAddress = await t.request({
      method: 'POST',
      url: `/api/reference-desk/conversations/${guestChat}/transcript/email`,
      cookie: await t.as('librarian'),
    })
    expect(noAddress.statusCode).toBe(409)
    expect(noAddress.json().code).toBe('transcript_no_address')
  })
})
