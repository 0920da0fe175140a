import type { EventBus } from '../../platform/events/event-bus.ts'

/** The one event-bus channel of the desk; payloads carry ids, never message text. */
export const DESK_CHANNEL = 'reference_desk'

/**
 * What one process tells the others (and itself): a chat has new messages (`m`), a chat changed
 * (`c`: status, assignee, queue), read marks moved (`r`), someone is typing (`t`), or a library's
 * desk changed (`d`: duty, the line).
 */
export type DeskSignal =
  | { kind: 'm'; conversationId: string }
  | { kind: 'c'; conversationId: string }
  | { kind: 'r'; conversationId: string }
  | { kind: 't'; conversationId: string; side: 'reader' | 'staff'; sender: string }
  | { kind: 'd'; libraryId: string }

export const encodeSignal = (signal: DeskSignal): string => {
  switch (signal.kind) {
    case 't':
      return `t:${signal.conversationId}:${signal.side}:${signal.sender}`
    case 'd':
      return `d:${signal.libraryId}`
    default:
      return `${signal.kind}:${signal.conversationId}`
  }
}

const ID = /^[0-9a-f-]{36}$/

export const decodeSignal = (payload: string): DeskSignal | undefined => {
  const [kind, id, side, sender] = payload.split(':')
  if (!id || !ID.test(id)) return undefined
  if (kind === 'm' || kind === 'c' || kind === 'r') return { kind, conversationId: id }
  if (kind === 'd') return { kind, libraryId: id }
  if (kind === 't' && (side === 'reader' || side === 'staff') && sender)
    return { kind, conversationId: id, side, sender }
  return undefined
}

/**
 * Signals gathered while a transaction runs and published once it has committed, so no process
 * looks for a row before it can be read.
 */
export const collectSignals = () => {
  const pending = new Map<string, DeskSignal>()
  const add = (signal: DeskSignal) => pending.set(encodeSignal(signal), signal)
  return {
    add,
    /** A chat changed: its subscribers and its library's desk hear of it. */
    conversation: (conversationId: string, libraryId: string) => {
      add({ kind: 'c', conversationId })
      add({ kind: 'd', libraryId })
    },
    message: (conversationId: string) => add({ kind: 'm', conversationId }),
    desk: (libraryId: string) => add({ kind: 'd', libraryId }),
    publish: async (events: EventBus) => {
      for (const payload of pending.keys()) await events.publish(DESK_CHANNEL, payload)
      pending.clear()
    },
  }
}

export type Signals = ReturnType<typeof collectSignals>
