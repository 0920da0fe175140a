import { describe, expect, it } from 'vitest'
import { formData, PDF, PNG, TEXT } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'
import { act, addReader, queueId, setDuty, startChat } from './desk.fixtures.ts'

const t = useTestApp()

const upload = async (cookie: string, content: Buffer, name: string) => {
  const body = await formData(content, name)
  const response = await t.request({ method: 'POST', url: '/api/files', cookie, ...body })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id as string
}

const send = (cookie: string, conversationId: string, fileId: string) =>
  t.request({
    method: 'POST',
    url: `/api/reference-desk/conversations/${conversationId}/attachments`,
    cookie,
    payload: { fileId },
  })

const fetchFile = (cookie: string, fileId: string) =>
  t.request({ method: 'GET', url: `/api/files/${fileId}`, cookie })

describe('images and files in a chat', () => {
  it('carries a reader’s photo and a librarian’s PDF, readable only by the chat’s reader and the library’s staff', async () => {
    const reader = await t.as('reader')
    const other = await addReader(t, '2020077', '孙悦')
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    const chat = (await startChat(t, reader, reference)).json()
    await act(t, librarian, chat.id, 'claim')

    const photo = await upload(reader, PNG, '索书号.png')
    const sent = await send(reader, chat.id, photo)
    expect(sent.statusCode, sent.body).toBe(201)
    expect(sent.json()).toMatchObject({
      fileId: photo,
      name: '索书号.png',
      mediaType: 'image/png',
      display: 'image',
      side: 'reader',
      url: `/api/files/${photo}`,
    })
    const pdf = await upload(librarian, PDF, '馆际互借申请表.pdf')
    expect((await send(librarian, chat.id, pdf)).json()).toMatchObject({ display: 'file', side: 'staff' })

    const listed = await t.request({
      method: 'GET',
      url: `/api/reference-desk/conversations/${chat.id}/attachments`,
      cookie: reader,
    })
    expect(listed.json().items.map((item: { name: string }) => item.name)).toEqual([
      '索书号.png',
      '馆际互借申请表.pdf',
    ])
    // Each is announced in the chat as a message.
    const messages = await t.request({
      method: 'GET',
      url: `/api/reference-desk/conversations/${chat.id}/messages`,
      cookie: reader,
    })
    expect(messages.json().items.map((m: { text: string | null }) => m.text)).toContain('📎 索书号.png')

    expect((await fetchFile(reader, pdf)).statusCode).toBe(200)
    expect((await fetchFile(librarian, photo)).statusCode).toBe(200)
    expect((await fetchFile(await t.as('subject_librarian'), photo)).statusCode).toBe(200)
    expect((await fetchFile(other, photo)).statusCode).toBe(404)
    expect((await fetchFile(await t.as('librarian', 'fudan'), photo)).statusCode).toBe(404)
    expect(
      (
        await t.request({
          method: 'GET',
          url: `/api/reference-desk/conversations/${chat.id}/attachments`,
          cookie: other,
        })
      ).statusCode,
    ).toBe(404)

    // Another reader cannot send into the chat, nor can anyone send someone else's upload.
    const theirs = await upload(other, PNG, 'x.png')
    expect((await send(other, chat.id, theirs)).statusCode).toBe(404)
    const stolen = await send(reader, chat.id, theirs)
    expect(stolen.statusCode).toBe(400)
    expect(stolen.json().errors[0].code).toBe('file_not_attachable')
    // The same file is sent once.
    expect((await send(reader, chat.id, photo)).statusCode).toBe(400)
  })

  it('refuses other kinds of file with 400, over 5 MiB with 413, and in an ended chat with 409', async () => {
    const reader = await t.as('reader')
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    const chat = (await startChat(t, reader, reference)).json()

    const text = await upload(reader, TEXT, 'notes.png')
    const badType = await send(reader, chat.id, text)
    expect(badType.statusCode).toBe(400)
    expect(badType.json().errors[0]).toMatchObject({ path: 'body.fileId', code: 'file_type_not_allowed' })

    const big = await upload(reader, Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024, 0x20)]), 'scan.pdf')
    const tooBig = await send(reader, chat.id, big)
    expect(tooBig.statusCode).toBe(413)
    expect(tooBig.json().code).toBe('file_too_large')

    await act(t, reader, chat.id, 'close')
    const late = await send(reader, chat.id, await upload(reader, PNG, 'late.png'))
    expect(late.statusCode).toBe(409)
    expect(late.json().code).toBe('conversation_closed')
  })

  it('takes a guest’s photo straight into their chat with their token, within the same kinds and size, while guests are welcome', async () => {
    const librarian = await t.as('librarian')
    const admin = await t.as('library_admin')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    const started = await t.request({
      method: 'POST',
      url: '/api/reference-desk/guest-conversations',
      payload: { queueId: reference, nickname: '校友小王' },
    })
    expect(started.statusCode, started.body).toBe(201)
    const { guestToken, conversation } = started.json()
    const path = `/api/reference-desk/guest-conversations/${conversation.id}/attachments`
    const guestSend = async (content: Buffer, name: string, token: string = guestToken) => {
      const body = await formData(content, name)
      return t.request({
        method: 'POST',
        url: path,
        payload: body.payload,
        headers: { ...body.headers, ...(token ? { 'x-guest-token': token } : {}) },
      })
    }

    const sent = await guestSend(PNG, '借书证.png')
    expect(sent.statusCode, sent.body).toBe(201)
    const fileId = sent.json().fileId
    expect(sent.json()).toMatchObject({
      name: '借书证.png',
      display: 'image',
      side: 'reader',
      url: `${path}/${fileId}`,
    })
    const listed = await t.request({ method: 'GET', url: path, headers: { 'x-guest-token': guestToken } })
    expect(listed.json().items.map((item: { fileId: string }) => item.fileId)).toEqual([fileId])
    const bytes = await t.request({
      method: 'GET',
      url: `${path}/${fileId}`,
      headers: { 'x-guest-token': guestToken },
    })
    expect(bytes.statusCode).toBe(200)
    expect(bytes.rawPayload.equals(PNG)).toBe(true)
    // Staff see it in the chat like a reader's, and read it through the platform's files.
    const staffList = await t.request({
      method: 'GET',
      url: `/api/reference-desk/conversations/${conversation.id}/attachments`,
      cookie: librarian,
    })
    expect(staffList.json().items).toMatchObject([{ fileId, side: 'reader', url: `/api/files/${fileId}` }])
    expect((await fetchFile(librarian, fileId)).statusCode).toBe(200)
    const messages = await t.request({
      method: 'GET',
      url: `/api/reference-desk/conversations/${conversation.id}/messages`,
      cookie: librarian,
    })
    expect(messages.body).toContain('📎 借书证.png')

    // Without the token, or with another guest's, nothing.
    expect((await guestSend(PNG, 'x.png', '')).statusCode).toBe(404)
    const stranger = await t.request({
      method: 'POST',
      url: '/api/reference-desk/guest-conversations',
      payload: { queueId: reference, nickname: '路人' },
    })
    const otherToken = stranger.json().guestToken
    expect((await guestSend(PNG, 'x.png', otherToken)).statusCode).toBe(404)
    expect(
      (await t.request({ method: 'GET', url: `${path}/${fileId}`, headers: { 'x-guest-token': otherToken } }))
        .statusCode,
    ).toBe(404)

    // The same limits as readers: JPEG, PNG or PDF by their bytes, up to 5 MiB.
    const badType = await guestSend(TEXT, 'notes.png')
    expect(badType.statusCode).toBe(415)
    expect(badType.headers['content-type']).toContain('application/problem+json')
    expect(badType.json().code).toBe('file_type_not_allowed')
    const tooBig = await guestSend(Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024, 0x20)]), 'scan.pdf')
    expect(tooBig.statusCode).toBe(413)
    expect(tooBig.json().code).toBe('file_too_large')

    // When the library stops taking guests in the topic, a clear refusal.
    const queues = await t.request({ method: 'GET', url: '/api/reference-desk/queues', cookie: admin })
    expect(queues.statusCode).toBe(200)
    const closedToGuests = await t.request({
      method: 'PATCH',
      url: `/api/reference-desk/queues/${reference}`,
      cookie: admin,
      payload: { allowGuests: false },
    })
    expect(closedToGuests.statusCode, closedToGuests.body).toBe(200)
    const refused = await guestSend(PNG, 'later.png')
    expect(refused.statusCode).toBe(403)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(refused.json()).toMatchObject({ code: 'guests_not_allowed' })
    expect(refused.json().detail).toBeTruthy()
    // Nothing of the refused uploads stayed behind.
    const kept = await t.ctx.db
      .selectFrom('files')
      .select('id')
      .where('owner_id', '=', conversation.id)
      .execute()
    expect(kept).toHaveLength(1)
  })
})
