import type { referenceDesk } from '@shuqiao/contracts'
import type { AppContext } from '../../../context.ts'
import { presentConversation } from '../conversations.presenter.ts'
import * as conversations from '../conversations.repository.ts'
import type { Side } from '../desk-access.ts'
import { DESK_CHANNEL, type DeskSignal, decodeSignal, encodeSignal } from '../desk-signals.ts'
import { presentMessage, visibleTo } from '../messages.presenter.ts'
import { messagesAfter } from '../messages.repository.ts'
import { onlineQueues } from '../queues.repository.ts'

/** What the hub needs of a connection: a way to send it frames and who it is. */
export interface Listener {
  send(frame: referenceDesk.ServerFrame): void
  /** Who is behind it, to leave out their own typing signals. */
  key: string
}

interface Subscription {
  listener: Listener
  side: Side
  /** The highest sequence number this listener has been sent (or has said it saw). */
  delivered: number
}

const BATCH = 500

/**
 * The sockets of this process, by chat and by library, fed from the event bus. Signals carry ids;
 * the hub reads what changed from the database once per chat and sends each socket what it has
 * not seen yet, in order, so a message is neither lost nor sent twice.
 */
export const createDeskHub = (ctx: AppContext, log: (message: string, error: unknown) => void) => {
  const { db } = ctx
  const chats = new Map<string, Map<Listener, Subscription>>()
  const libraries = new Map<string, Set<Listener>>()
  // The same the other way round, so that a closing socket leaves only the chats and libraries it
  // followed instead of scanning every chat of the process (thousands with a busy desk).
  const chatsOf = new Map<Listener, Set<string>>()
  const librariesOf = new Map<Listener, Set<string>>()

  /** Adds `key` to the set under `owner` in `index`. */
  const note = <K, V>(index: Map<K, Set<V>>, owner: K, key: V) => {
    const set = index.get(owner) ?? new Set<V>()
    index.set(owner, set)
    set.add(key)
  }
  const forget = <K, V>(index: Map<K, Set<V>>, owner: K, key: V) => {
    const set = index.get(owner)
    set?.delete(key)
    if (set?.size === 0) index.delete(owner)
  }
  // One reader of new messages per chat at a time; a signal while it runs asks for another round.
  const pumps = new Map<string, { again: boolean }>()
  const deskRefresh = new Map<string, { again: boolean }>()
  // Work started by signals, awaited when the app closes so no query outlives the database.
  const inFlight = new Set<Promise<unknown>>()

  const pump = async (conversationId: string) => {
    const running = pumps.get(conversationId)
    if (running) {
      running.again = true
      return
    }
    const state = { again: true }
    pumps.set(conversationId, state)
    try {
      while (state.again) {
        state.again = false
        const subscribers = chats.get(conversationId)
        if (!subscribers?.size) break
        let from = Math.min(...[...subscribers.values()].map((sub) => sub.delivered))
        for (;;) {
          const rows = await messagesAfter(db, conversationId, from, BATCH)
          if (rows.length === 0) break
          const last = rows.at(-1)!.seq
          for (const sub of chats.get(conversationId)?.values() ?? []) {
            // A socket that subscribed while this batch was read from further on is behind it:
            // the next round, which its subscribe asked for, starts from where it is.
            if (sub.delivered < from) continue
            const items = rows
              .filter((row) => row.seq > sub.delivered && visibleTo(row, sub.side))
              .map(presentMessage)
            if (items.length) sub.listener.send({ type: 'messages', conversationId, items })
            if (last > sub.delivered) sub.delivered = last
          }
          if (rows.length < BATCH) break
          from = last
        }
      }
    } catch (error) {
      log('desk pump failed', error)
    } finally {
      pumps.delete(conversationId)
    }
  }

  const sendConversation = async (conversationId: string) => {
    const subscribers = chats.get(conversationId)
    if (!subscribers?.size) return
    const row = await conversations.findConversation(db, conversationId)
    if (!row) return
    for (const sub of subscribers.values())
      sub.listener.send({ type: 'conversation', conversation: presentConversation(row, sub.side) })
  }

  const sendRead = async (conversationId: string) => {
    const subscribers = chats.get(conversationId)
    if (!subscribers?.size) return
    const row = await db
      .selectFrom('reference_conversations')
      .select(['reader_read_seq', 'staff_read_seq'])
      .where('id', '=', conversationId)
      .executeTakeFirst()
    if (!row) return
    for (const sub of subscribers.values())
      sub.listener.send({
        type: 'read',
        conversationId,
        readerReadSeq: row.reader_read_seq,
        staffReadSeq: row.staff_read_seq,
      })
  }

  /** Who is online per queue to the library's sockets, and new places in line to those waiting. */
  const refreshDesk = async (libraryId: string) => {
    const running = deskRefresh.get(libraryId)
    if (running) {
      running.again = true
      return
    }
    const state = { again: true }
    deskRefresh.set(libraryId, state)
    try {
      while (state.again) {
        state.again = false
        const watchers = libraries.get(libraryId)
        if (watchers?.size) {
          const queues = await onlineQueues(db, libraryId)
          const online = Object.fromEntries(queues.map((queue) => [queue.id, Boolean(queue.online)]))
          for (const listener of watchers) listener.send({ type: 'desk', libraryId, online })
        }
        // Only chats someone here follows: the line of a big library is read once, not per reader.
        const followed = [...chats.keys()]
        if (followed.length === 0) continue
        const waiting = await conversations
          .conversationsQuery(db)
          .where('c.library_id', '=', libraryId)
          .where('c.status', '=', 'waiting')
          .where('c.id', 'in', followed)
          .execute()
        for (const row of waiting)
          for (const sub of chats.get(row.id)?.values() ?? [])
            sub.listener.send({ type: 'conversation', conversation: presentConversation(row, sub.side) })
      }
    } catch (error) {
      log('desk refresh failed', error)
    } finally {
      deskRefresh.delete(libraryId)
    }
  }

  const typing = (signal: Extract<DeskSignal, { kind: 't' }>) => {
    for (const sub of chats.get(signal.conversationId)?.values() ?? []) {
      if (sub.side === signal.side || sub.listener.key === signal.sender) continue
      sub.listener.send({ type: 'typing', conversationId: signal.conversationId, side: signal.side })
    }
  }

  const track = (work: Promise<unknown>) => {
    const tracked = work
      .catch((error) => log('desk signal failed', error))
      .finally(() => inFlight.delete(tracked))
    inFlight.add(tracked)
  }

  const onSignal = (payload: string) => {
    const signal = decodeSignal(payload)
    if (!signal) return
    if (signal.kind === 't') return typing(signal)
    track(
      signal.kind === 'm'
        ? pump(signal.conversationId)
        : signal.kind === 'c'
          ? sendConversation(signal.conversationId)
          : signal.kind === 'r'
            ? sendRead(signal.conversationId)
            : refreshDesk(signal.libraryId),
    )
  }
  const unsubscribeBus = ctx.events.subscribe(DESK_CHANNEL, onSignal)
  // Signals sent while this process was not listening never arrive: everything it follows is
  // brought up to date from the database instead (messages after what each socket has, the
  // chats' state and read marks, the desks' queues), as if each had been signalled.
  const stopCatchingUp = ctx.events.whenMissed(() => {
    for (const id of chats.keys()) {
      track(sendConversation(id))
      track(pump(id))
      track(sendRead(id))
    }
    for (const id of libraries.keys()) track(refreshDesk(id))
  })

  return {
    /** Desk changes of a library reach this listener from now on. */
    watch(listener: Listener, libraryId: string) {
      note(libraries, libraryId, listener)
      note(librariesOf, listener, libraryId)
    },

    /**
     * Sends the chat as it is now, then every message after `after` the listener may see, and
     * from then on each new one as it comes.
     */
    async subscribe(listener: Listener, row: conversations.ConversationRow, side: Side, after: number) {
      listener.send({ type: 'conversation', conversation: presentConversation(row, side) })
      const subs = chats.get(row.id) ?? new Map<Listener, Subscription>()
      chats.set(row.id, subs)
      subs.set(listener, { listener, side, delivered: Math.min(after, row.last_seq) })
      note(chatsOf, listener, row.id)
      await pump(row.id)
    },

    unsubscribe(listener: Listener, conversationId: string) {
      const subs = chats.get(conversationId)
      subs?.delete(listener)
      if (subs && subs.size === 0) chats.delete(conversationId)
      forget(chatsOf, listener, conversationId)
    },

    /** Forgets a listener everywhere (its socket closed): only where it was, by the indexes. */
    drop(listener: Listener) {
      for (const id of chatsOf.get(listener) ?? []) {
        const subs = chats.get(id)
        subs?.delete(listener)
        if (subs?.size === 0) chats.delete(id)
      }
      chatsOf.delete(listener)
      for (const id of librariesOf.get(listener) ?? []) forget(libraries, id, listener)
      librariesOf.delete(listener)
    },

    /** How many chats, libraries and sockets this process follows (for tests and the benchmark). */
    counts: () => ({
      chats: chats.size,
      libraries: libraries.size,
      sockets: new Set([...chatsOf.keys(), ...librariesOf.keys()]).size,
    }),

    /** Tells the chat's other side, in every process, that someone is typing. */
    typing: (conversationId: string, side: Side, sender: string) =>
      ctx.events.publish(DESK_CHANNEL, encodeSignal({ kind: 't', conversationId, side, sender })),

    /** Stops listening and waits for the work already started. */
    async close() {
      unsubscribeBus()
      stopCatchingUp()
      while (inFlight.size) await Promise.allSettled([...inFlight])
    },
  }
}

export type DeskHub = ReturnType<typeof createDeskHub>
