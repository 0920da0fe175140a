import type { referenceDesk } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/test-app.ts'
import * as conversations from '../conversations.repository.ts'
import { libraryId, queueId, setDuty, startChat } from '../desk.fixtures.ts'
import { createDeskHub, type Listener } from './hub.ts'

const t = useTestApp()

/** A listener that keeps the frames it is sent, as a socket would pass them on. */
const listener = (key: string): Listener & { frames: referenceDesk.ServerFrame[] } => {
  const frames: referenceDesk.ServerFrame[] = []
  return { key, frames, send: (frame) => frames.push(frame) }
}

describe('the desk hub', () => {
  it('forgets a closed socket in the chats and library it followed, and nowhere else', async () => {
    const librarian = await t.as('librarian')
    const reference = await queueId(t, 'reference')
    await setDuty(t, librarian, reference, true)
    const rows = []
    for (const number of ['2020001', 'A001']) {
      const reader = await t.signIn(number, 'sjtu')
      const chat = (await startChat(t, reader, reference)).json()
      rows.push((await conversations.findConversation(t.ctx.db, chat.id))!)
    }
    const hub = createDeskHub(t.ctx, (message, error) => {
      throw new Error(`${message}: ${String(error)}`)
    })
    try {
      const closing = listener('closing')
      const staying = listener('staying')
      for (const row of rows) await hub.subscribe(closing, row, 'staff', 0)
      await hub.subscribe(staying, rows[0]!, 'staff', 0)
      hub.watch(closing, libraryId(t))
      hub.watch(staying, libraryId(t))
      expect(hub.counts()).toEqual({ chats: 2, libraries: 1, sockets: 2 })

      hub.drop(closing)
      // The second chat had only the closed socket; the first and the library keep the other one.
      expect(hub.counts()).toEqual({ chats: 1, libraries: 1, sockets: 1 })
      hub.unsubscribe(staying, rows[0]!.id)
      expect(hub.counts()).toEqual({ chats: 0, libraries: 1, sockets: 1 })
      hub.drop(staying)
      expect(hub.counts()).toEqual({ chats: 0, libraries: 0, sockets: 0 })
      // Dropping twice, or a socket that followed nothing, is harmless.
      hub.drop(staying)
      hub.drop(listener('never'))
      expect(hub.counts()).toEqual({ chats: 0, libraries: 0, sockets: 0 })
      expect(closing.frames.filter((frame) => frame.type === 'conversation')).toHaveLength(2)
    } finally {
      await hub.close()
    }
  })
})
