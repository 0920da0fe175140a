import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { act, addReader, queueId, setDuty, startChat } from './desk.fixtures.ts'

const t = useTestApp()

const rate = (cookie: string | undefined, conversationId: string, payload: object) =>
  t.request({
    method: 'PUT',
    url: `/api/reference-desk/conversations/${conversationId}/rating`,
    ...(cookie ? { cookie } : {}),
    payload,
  })

const ratingOf = (cookie: string, conversationId: string) =>
  t.request({ method: 'GET', url: `/api/reference-desk/conversations/${conversationId}/rating`, cookie })

describe('rating a chat', () => {
  it('lets the reader rate their chat once it has ended, change it for a while, and no one else', async () => {
    const reader = await t.as('reader')
    const other = await addReader(t, '2020088', '钱程')
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    const chat = (await startChat(t, reader, reference)).json()
    expect((await act(t, librarian, chat.id, 'claim')).statusCode).toBe(200)

    const open = await rate(reader, chat.id, { score: 5 })
    expect(open.statusCode).toBe(409)
    expect(open.json()).toMatchObject({ code: 'conversation_not_closed', detail: '咨询结束后才能评价。' })

    expect((await act(t, librarian, chat.id, 'close')).statusCode).toBe(200)
    for (const score of [0, 6, 3.5, '5']) {
      const bad = await rate(reader, chat.id, { score })
      expect(bad.statusCode, String(score)).toBe(400)
      expect(bad.json().errors[0].path).toBe('body.score')
    }
    const overlong = await rate(reader, chat.id, { score: 4, comment: 'x'.repeat(501) })
    expect(overlong.statusCode).toBe(400)

    // Another reader, the librarian who answered, and someone signed out cannot rate it.
    expect((await rate(other, chat.id, { score: 1 })).statusCode).toBe(404)
    expect((await rate(librarian, chat.id, { score: 1 })).statusCode).toBe(404)
    expect((await rate(undefined, chat.id, { score: 1 })).statusCode).toBe(401)
    expect((await ratingOf(other, chat.id)).statusCode).toBe(404)
    const elsewhere = await t.as('librarian', 'fudan')
    expect((await ratingOf(elsewhere, chat.id)).statusCode).toBe(404)

    const given = await rate(reader, chat.id, { score: 4, comment: '  回答很耐心 <b>谢谢</b>  ' })
    expect(given.statusCode, given.body).toBe(200)
    expect(given.json()).toMatchObject({
      conversationId: chat.id,
      score: 4,
      comment: '回答很耐心 <b>谢谢</b>',
    })
    const changed = await rate(reader, chat.id, { score: 5, comment: '' })
    expect(changed.json()).toMatchObject({ score: 5, comment: null, ratedAt: given.json().ratedAt })
    expect((await ratingOf(librarian, chat.id)).json().rating).toMatchObject({ score: 5 })
    expect((await ratingOf(reader, chat.id)).json().rating).toMatchObject({ score: 5 })

    // After the window it is final.
    await t.ctx.db
      .updateTable('reference_ratings')
      .set({ created_at: new Date(Date.now() - 31 * 60_000) })
      .where('conversation_id', '=', chat.id)
      .execute()
    const late = await rate(reader, chat.id, { score: 1 })
    expect(late.statusCode).toBe(409)
    expect(late.json().code).toBe('rating_final')
    expect((await ratingOf(reader, chat.id)).json().rating.score).toBe(5)
  })

  it('lets a guest rate their ended chat with their token, and only theirs', async () => {
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    const startGuest = (nickname: string) =>
      t.request({
        method: 'POST',
        url: '/api/reference-desk/guest-conversations',
        payload: { queueId: reference, nickname },
      })
    const guest = (await startGuest('访客甲')).json()
    const stranger = (await startGuest('访客乙')).json()
    const rateAsGuest = (conversationId: string, guestToken: string, score = 3) =>
      t.request({
        method: 'PUT',
        url: `/api/reference-desk/guest-conversations/${conversationId}/rating`,
        payload: { score, guestToken },
      })
    expect((await rateAsGuest(guest.conversation.id, guest.guestToken)).json().code).toBe(
      'conversation_not_closed',
    )
    await act(t, librarian, guest.conversation.id, 'claim')
    await act(t, librarian, guest.conversation.id, 'close')
    expect((await rateAsGuest(guest.conversation.id, stranger.guestToken)).statusCode).toBe(404)
    expect((await rateAsGuest(guest.conversation.id, 'forged.token')).statusCode).toBe(401)
    const rated = await rateAsGuest(guest.conversation.id, guest.guestToken, 2)
    expect(rated.statusCode, rated.body).toBe(200)
    expect(rated.json().score).toBe(2)
  })
})
