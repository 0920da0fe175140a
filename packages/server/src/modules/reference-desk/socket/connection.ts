import type { Language } from '@shuqiao/contracts'
import { referenceDesk } from '@shuqiao/contracts'
import type { WebSocket } from 'ws'
import type { AppContext } from '../../../context.ts'
import { isStaff } from '../../../http/caller.ts'
import type { Authenticated } from '../../../platform/session/session.service.ts'
import * as conversations from '../conversations.repository.ts'
import { type Side, type Speaker, sideIn, speakerKey } from '../desk-access.ts'
import { DeskError } from '../desk-error.ts'
import type { GuestTokens } from '../guest-tokens.ts'
import type { MessagesService } from '../messages.service.ts'
import type { DeskHub, Listener } from './hub.ts'
import { tokenBucket } from './rate-limit.ts'

const { burst, refillMs, typingEveryMs } = referenceDesk.CHAT_LIMITS
const HELLO_WITHIN_MS = 10_000
// Any frame at all: enough for a lively chat and a reconnect's subscriptions, not for a flood.
const FRAMES_BURST = 60
const FRAMES_REFILL_MS = 100
// A socket that cannot keep up (megabytes unsent) is cut rather than buffered without end.
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024

export interface ConnectionDeps {
  ctx: AppContext
  hub: DeskHub
  messages: MessagesService
  guestTokens: GuestTokens
  log: (message: string, error: unknown) => void
}

/**
 * One browser tab's socket. It answers `hello` (the session cookie was read at the upgrade; a
 * guest brings their token), then takes frames one at a time, in the order they came.
 */
export const openConnection = (
  socket: WebSocket,
  caller: Authenticated | undefined,
  language: Language,
  deps: ConnectionDeps,
) => {
  const { ctx, hub, messages, guestTokens } = deps
  let speaker: Speaker | undefined
  const sides = new Map<string, Side>()
  const sendBucket = tokenBucket(burst, refillMs)
  const frameBucket = tokenBucket(FRAMES_BURST, FRAMES_REFILL_MS)
  const lastTyping = new Map<string, number>()
  let floodNoticeAt = 0
  let queue: Promise<void> = Promise.resolve()

  const send = (frame: referenceDesk.ServerFrame) => {
    if (socket.readyState !== socket.OPEN) return
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.terminate()
      return
    }
    socket.send(JSON.stringify(frame))
  }

  const listener: Listener = { send, key: '' }

  const fail = (code: referenceDesk.SocketErrorCode, extra: { ref?: string; retryAfterMs?: number } = {}) => {
    const message = referenceDesk.SOCKET_ERRORS[code]
    send({ type: 'error', code, detail: language === 'en' ? message.en : message.zh, ...extra })
  }

  const refuse = (code: 'unauthenticated' | 'guests_not_allowed') => {
    fail(code)
    socket.close(referenceDesk.SOCKET_CLOSE[code], code)
  }

  const helloTimer = setTimeout(() => {
    if (!speaker) refuse('unauthenticated')
  }, HELLO_WITHIN_MS)

  /** The guest a token names, if their chat's queue still takes guests. */
  const guestOf = async (token: string): Promise<Speaker | 'unauthenticated' | 'guests_not_allowed'> => {
    const verified = await guestTokens.verify(token, ctx.now())
    if (!verified) return 'unauthenticated'
    const guest = await ctx.db
      .selectFrom('reference_guests as g')
      .select(['g.id', 'g.nickname', 'g.library_id'])
      .select((eb) =>
        eb
          .selectFrom('reference_conversations as c')
          .innerJoin('reference_queues as q', 'q.id', 'c.queue_id')
          .select('q.allow_guests')
          .whereRef('c.guest_id', '=', 'g.id')
          .orderBy('c.id', 'desc')
          .limit(1)
          .as('allowed'),
      )
      .where('g.id', '=', verified.guestId)
      .where('g.library_id', '=', verified.libraryId)
      .executeTakeFirst()
    if (!guest) return 'unauthenticated'
    if (!guest.allowed) return 'guests_not_allowed'
    return { kind: 'guest', guestId: guest.id, libraryId: guest.library_id, name: guest.nickname }
  }

  const hello = async (guestToken: string | undefined) => {
    if (speaker) return
    let who: Speaker | 'unauthenticated' | 'guests_not_allowed' = 'unauthenticated'
    if (caller) who = { kind: 'account', caller, name: caller.profile.name }
    else if (guestToken) who = await guestOf(guestToken)
    if (typeof who === 'string') return refuse(who)
    clearTimeout(helloTimer)
    speaker = who
    listener.key = speakerKey(who)
    const libraryId = who.kind === 'account' ? who.caller.libraryId : who.libraryId
    if (libraryId) hub.watch(listener, libraryId)
    send({
      type: 'ready',
      who:
        who.kind === 'account'
          ? {
              kind: 'account',
              id: who.caller.accountId,
              name: who.name,
              staff: isStaff(who.caller),
              libraryId,
            }
          : { kind: 'guest', id: who.guestId, name: who.name, libraryId: who.libraryId },
    })
  }

  const handle = async (frame: referenceDesk.ClientFrame, me: Speaker) => {
    switch (frame.type) {
      case 'subscribe': {
        const row = await conversations.findConversation(ctx.db, frame.conversationId)
        const side = row && sideIn(me, row)
        if (!row) return fail('not_found', { ref: frame.conversationId })
        if (!side) return fail('forbidden', { ref: frame.conversationId })
        sides.set(row.id, side)
        return hub.subscribe(listener, row, side, frame.after)
      }
      case 'unsubscribe':
        sides.delete(frame.conversationId)
        return hub.unsubscribe(listener, frame.conversationId)
      case 'send': {
        const wait = sendBucket.take()
        if (wait > 0) return fail('rate_limited', { ref: frame.clientMessageId, retryAfterMs: wait })
        const sent = await messages.send(me, frame)
        return send({
          type: 'ack',
          conversationId: frame.conversationId,
          clientMessageId: frame.clientMessageId,
          id: sent.id,
          seq: sent.seq,
        })
      }
      case 'typing': {
        const side = sides.get(frame.conversationId)
        if (!side) return fail('not_subscribed', { ref: frame.conversationId })
        const now = Date.now()
        if (now - (lastTyping.get(frame.conversationId) ?? 0) < typingEveryMs) return
        lastTyping.set(frame.conversationId, now)
        return hub.typing(frame.conversationId, side, listener.key)
      }
      case 'read': {
        const side = sides.get(frame.conversationId)
        if (!side) return fail('not_subscribed', { ref: frame.conversationId })
        return messages.markRead(side, frame.conversationId, frame.seq)
      }
      case 'ping':
        return send({ type: 'pong' })
      case 'hello':
        return
    }
  }

  const receive = async (data: string) => {
    let parsed: referenceDesk.ClientFrame
    try {
      parsed = referenceDesk.ClientFrame.parse(JSON.parse(data))
    } catch {
      return fail('bad_frame')
    }
    if (parsed.type === 'hello') return hello(parsed.guestToken)
    if (!speaker) return fail('unauthenticated')
    const ref =
      'clientMessageId' in parsed
        ? parsed.clientMessageId
        : 'conversationId' in parsed
          ? parsed.conversationId
          : undefined
    try {
      await handle(parsed, speaker)
    } catch (error) {
      if (error instanceof DeskError)
        return fail(error.code, {
          ...(ref ? { ref } : {}),
          ...(error.retryAfterMs ? { retryAfterMs: error.retryAfterMs } : {}),
        })
      deps.log('desk frame failed', error)
      fail('internal_error', ref ? { ref } : {})
    }
  }

  return {
    /** Takes one frame off the wire; frames are handled one after another. */
    receive(raw: Buffer | string) {
      const wait = frameBucket.take()
      if (wait > 0) {
        // Say so once a second at most: answering every frame of a flood would feed it.
        const now = Date.now()
        if (now - floodNoticeAt > 1000) {
          floodNoticeAt = now
          fail('rate_limited', { retryAfterMs: wait })
        }
        return
      }
      const text = typeof raw === 'string' ? raw : raw.toString('utf8')
      queue = queue.then(() => receive(text)).catch((error) => deps.log('desk frame failed', error))
    },

    closed() {
      clearTimeout(helloTimer)
      hub.drop(listener)
    },
  }
}
