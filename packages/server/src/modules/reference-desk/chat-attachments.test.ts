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
})
