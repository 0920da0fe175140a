import { referenceDesk } from '@shuqiao/contracts'

type ServerFrame = referenceDesk.ServerFrame
type ClientFrame = referenceDesk.ClientFrame

export type SocketStatus = 'connecting' | 'open' | 'reconnecting' | 'refused'

export interface Outgoing {
  conversationId: string
  clientMessageId: string
  text: string
  note: boolean
}

/** Waits after the n-th failed attempt in a row: 1 s, 2 s, 4 s … at most 15 s. */
export const reconnectDelay = (attempt: number) => Math.min(15_000, 1000 * 2 ** Math.max(0, attempt - 1))

/** A client message id that stays the same when the message is sent again after a reconnect. */
export const newClientMessageId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`

export const deskSocketUrl = (location: { protocol: string; host: string }) =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${referenceDesk.DESK_SOCKET_PATH}`

/**
 * One WebSocket per browser tab. It says hello (with a guest's token), follows the chats it is
 * asked to, reconnects after a drop and then picks up each chat after the last message it got,
 * and sends again what the server had not confirmed, under the same client ids, so the server
 * keeps one copy. A refusal (not signed in, guests not taken) ends it for good.
 */
export class DeskSocket {
  status: SocketStatus = 'connecting'
  /** Why the server refused the socket, in the reader's language. */
  refusal: { code: string; detail: string } | undefined
  private ws: WebSocket | undefined
  private attempt = 0
  private timer: ReturnType<typeof setTimeout> | undefined
  private stopped = false
  private ready = false
  /** Followed chats and the last sequence number received in each. */
  private readonly following = new Map<string, number>()
  private readonly unconfirmed = new Map<string, Outgoing>()
  private readonly frameListeners = new Set<(frame: ServerFrame) => void>()
  private readonly statusListeners = new Set<(status: SocketStatus) => void>()

  constructor(
    private readonly url: string,
    private readonly guestToken?: string,
  ) {}

  start() {
    this.stopped = false
    this.open()
    window.addEventListener('online', this.retryNow)
    window.addEventListener('offline', this.dropNow)
  }

  stop() {
    this.stopped = true
    clearTimeout(this.timer)
    window.removeEventListener('online', this.retryNow)
    window.removeEventListener('offline', this.dropNow)
    this.ws?.close(1000)
    this.ws = undefined
  }

  onFrame(listener: (frame: ServerFrame) => void) {
    this.frameListeners.add(listener)
    return () => void this.frameListeners.delete(listener)
  }

  onStatus(listener: (status: SocketStatus) => void) {
    this.statusListeners.add(listener)
    return () => void this.statusListeners.delete(listener)
  }

  /** Follows a chat from after `after` (default: what this socket already has). */
  follow(conversationId: string, after?: number) {
    const known = this.following.get(conversationId)
    const from = Math.max(after ?? 0, known ?? 0)
    this.following.set(conversationId, from)
    if (this.ready) this.write({ type: 'subscribe', conversationId, after: from })
  }

  unfollow(conversationId: string) {
    this.following.delete(conversationId)
    if (this.ready) this.write({ type: 'unsubscribe', conversationId })
  }

  /** Sends a message; it is sent again after a reconnect until the server confirms it. */
  send(conversationId: string, text: string, note = false): Outgoing {
    const outgoing = { conversationId, clientMessageId: newClientMessageId(), text, note }
    this.unconfirmed.set(outgoing.clientMessageId, outgoing)
    if (this.ready) this.write(this.sendFrame(outgoing))
    return outgoing
  }

  typing(conversationId: string) {
    if (this.ready) this.write({ type: 'typing', conversationId })
  }

  read(conversationId: string, seq: number) {
    if (this.ready) this.write({ type: 'read', conversationId, seq })
  }

  private sendFrame(outgoing: Outgoing): ClientFrame {
    return {
      type: 'send',
      conversationId: outgoing.conversationId,
      clientMessageId: outgoing.clientMessageId,
      text: outgoing.text,
      ...(outgoing.note ? { note: true } : {}),
    }
  }

  /** The phone lost its network: say so at once rather than when the socket times out. */
  private readonly dropNow = () => {
    if (this.status === 'open') this.ws?.close(4000, 'offline')
  }

  private readonly retryNow = () => {
    if (this.status !== 'reconnecting' || this.stopped) return
    clearTimeout(this.timer)
    this.open()
  }

  private setStatus(status: SocketStatus) {
    this.status = status
    for (const listener of this.statusListeners) listener(status)
  }

  private write(frame: ClientFrame) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame))
  }

  private open() {
    const ws = new WebSocket(this.url)
    this.ws = ws
    this.ready = false
    ws.onopen = () =>
      ws.send(JSON.stringify({ type: 'hello', ...(this.guestToken ? { guestToken: this.guestToken } : {}) }))
    ws.onmessage = (event) => this.receive(JSON.parse(String(event.data)) as ServerFrame)
    ws.onclose = (event) => {
      if (this.ws !== ws) return
      this.ready = false
      const code = event.code as number
      if (
        code === referenceDesk.SOCKET_CLOSE.unauthenticated ||
        code === referenceDesk.SOCKET_CLOSE.guests_not_allowed
      ) {
        this.refusal ??= { code: event.reason, detail: event.reason }
        this.setStatus('refused')
        return
      }
      if (this.stopped) return
      this.attempt += 1
      this.setStatus('reconnecting')
      this.timer = setTimeout(() => this.open(), reconnectDelay(this.attempt))
    }
  }

  private receive(frame: ServerFrame) {
    if (frame.type === 'ready') {
      this.ready = true
      this.attempt = 0
      this.setStatus('open')
      for (const [conversationId, after] of this.following)
        this.write({ type: 'subscribe', conversationId, after })
      for (const outgoing of this.unconfirmed.values()) this.write(this.sendFrame(outgoing))
    } else if (frame.type === 'messages') {
      const last = Math.max(...frame.items.map((item) => item.seq))
      if (this.following.has(frame.conversationId) && last > (this.following.get(frame.conversationId) ?? 0))
        this.following.set(frame.conversationId, last)
    } else if (frame.type === 'ack') {
      this.unconfirmed.delete(frame.clientMessageId)
    } else if (frame.type === 'error') {
      if (frame.ref) this.unconfirmed.delete(frame.ref)
      if (frame.code === 'unauthenticated' || frame.code === 'guests_not_allowed')
        this.refusal = { code: frame.code, detail: frame.detail }
    }
    for (const listener of this.frameListeners) listener(frame)
  }
}
