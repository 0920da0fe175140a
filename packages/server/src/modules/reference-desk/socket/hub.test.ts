import type { referenceDesk } from '@shuqiao/contracts'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../../test/test-app.ts'
import * as conversations from '../conversations.repository.ts'
import { libraryId, queueId, setDuty, startChat } from '../desk.fixtures.ts'
import { appendMessage } from '../messages.repository.ts'
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

  it.runIf(process.env.DATABASE_URL)(
    'brings its sockets up to date when it may have missed signals (its listening connection was lost)',
    async () => {
      const librarian = await t.as('librarian')
      const reference = await queueId(t, 'reference')
      await setDuty(t, librarian, reference, true)
      const reader = await t.signIn('2020001', 'sjtu')
      const chat = (await startChat(t, reader, reference)).json()
      const row = (await conversations.findConversation(t.ctx.db, chat.id))!
      const hub = createDeskHub(t.ctx, (message, error) => {
        throw new Error(`${message}: ${String(error)}`)
      })
      try {
        const staff = listener('staff')
        await hub.subscribe(staff, row, 'staff', row.last_seq)
        const texts = () =>
          staff.frames.flatMap((frame) =>
            frame.type === 'messages' ? frame.items.map((item) => item.text) : [],
          )
        // The server drops this process's listening connection; while it is down, another
        // process writes a message, and its signal never reaches this one.
        await sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and query like 'listen %'`.execute(
          t.ctx.db,
        )
        await appendMessage(t.ctx.db, chat.id, { kind: 'text', body: '断线时发来的消息', sentAt: new Date() })
        expect(texts()).toEqual([])
        // Once listening again, the hub reads what the socket does not have yet.
        for (let wait = 0; wait < 150 && texts().length === 0; wait++)
          await new Promise((resume) => setTimeout(resume, 20))
        expect(texts()).toEqual(['断线时发来的消息'])
      } finally {
        await hub.close()
      }
    },
  )
})
