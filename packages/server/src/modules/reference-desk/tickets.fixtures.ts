import type { TestApp } from '../../test/test-app.ts'
import { connectReady, socketUrl, subscribe } from './desk.fixtures.ts'

/** Says something in a chat over the socket, as a browser tab would, and waits for the ack. */
export const say = async (t: TestApp, cookie: string, conversationId: string, text: string, note = false) => {
  const client = await connectReady(await socketUrl(t), cookie)
  try {
    await subscribe(client, conversationId)
    client.send({
      type: 'send',
      conversationId,
      clientMessageId: `m-${Math.random().toString(36).slice(2, 12)}`,
      text,
      ...(note ? { note: true } : {}),
    })
    await client.next('ack')
  } finally {
    await client.close()
  }
}

/** The notices of one event written for an account, newest first. */
export const noticesFor = (t: TestApp, accountId: string, event: string) =>
  t.ctx.db
    .selectFrom('notice_outbox')
    .selectAll()
    .where('recipient_account_id', '=', accountId)
    .where('event', '=', event)
    .orderBy('id', 'desc')
    .execute()
