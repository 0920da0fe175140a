import { describe, expect, it } from 'vitest'
import { formData, PNG } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'
import { queueId, setDuty } from './desk.fixtures.ts'

// Two uploads an hour, so that a guest reaches the limit in a few requests.
const t = useTestApp({ FILE_UPLOADS_PER_HOUR: '2' })

const guestChat = async (reference: string, nickname: string) => {
  const started = await t.request({
    method: 'POST',
    url: '/api/reference-desk/guest-conversations',
    payload: { queueId: reference, nickname },
  })
  expect(started.statusCode, started.body).toBe(201)
  const { guestToken, conversation } = started.json()
  return async () => {
    const body = await formData(PNG, 'photo.png')
    return t.request({
      method: 'POST',
      url: `/api/reference-desk/guest-conversations/${conversation.id}/attachments`,
      payload: body.payload,
      headers: { ...body.headers, 'x-guest-token': guestToken },
    })
  }
}

describe('guests’ uploads at the desk', () => {
  it('are counted per guest against the hourly limit of uploads', async () => {
    const reference = await queueId(t, 'reference')
    await setDuty(t, await t.as('librarian'), reference, true)
    const send = await guestChat(reference, '校友小王')
    expect((await send()).statusCode).toBe(201)
    expect((await send()).statusCode).toBe(201)
    const third = await send()
    expect(third.statusCode).toBe(429)
    expect(third.json().code).toBe('too_many_uploads')
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0)
    // Another guest has their own count.
    expect((await (await guestChat(reference, '校友小李'))()).statusCode).toBe(201)
  })
})
