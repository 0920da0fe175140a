import { useCallback, useEffect, useRef, useState } from 'react'
import {
  addPending,
  applyFrame,
  type ChatLog,
  dropPending,
  emptyLog,
  isTyping,
  lastSeqOf,
  type Pending,
} from './chat-log.ts'
import type { DeskSocket } from './desk-socket.ts'

const TYPING_EVERY_MS = 1500

/**
 * One chat through the tab's socket: its log, sending (with a retry for refused messages),
 * telling the other side we type, and read marks while the chat is on screen (`visible`).
 */
export const useChat = (
  socket: DeskSocket | undefined,
  conversationId: string | undefined,
  visible = true,
) => {
  const [log, setLog] = useState<ChatLog>(emptyLog)
  const [, setTick] = useState(0)
  const lastTyping = useRef(0)
  const lastRead = useRef(0)

  useEffect(() => {
    if (!socket || !conversationId) return
    setLog(emptyLog())
    lastRead.current = 0
    const off = socket.onFrame((frame) =>
      setLog((current) => applyFrame(current, frame, conversationId, Date.now())),
    )
    socket.follow(conversationId, 0)
    return () => {
      off()
      socket.unfollow(conversationId)
    }
  }, [socket, conversationId])

  // Redraw once the typing signal is too old to show.
  useEffect(() => {
    if (!log.typingAt) return
    const timer = setTimeout(() => setTick((tick) => tick + 1), 4100)
    return () => clearTimeout(timer)
  }, [log.typingAt])

  const last = lastSeqOf(log.messages)
  useEffect(() => {
    if (!socket || !conversationId || !visible) return
    const mark = () => {
      if (document.visibilityState !== 'visible' || last <= lastRead.current) return
      lastRead.current = last
      socket.read(conversationId, last)
    }
    mark()
    document.addEventListener('visibilitychange', mark)
    return () => document.removeEventListener('visibilitychange', mark)
  }, [socket, conversationId, visible, last])

  const send = useCallback(
    (text: string, note = false) => {
      if (!socket || !conversationId) return
      const outgoing = socket.send(conversationId, text, note)
      setLog((current) => addPending(current, { clientMessageId: outgoing.clientMessageId, text, note }))
    },
    [socket, conversationId],
  )

  const retry = useCallback(
    (pending: Pending) => {
      setLog((current) => dropPending(current, pending.clientMessageId))
      send(pending.text, pending.note)
    },
    [send],
  )

  const typing = useCallback(() => {
    if (!socket || !conversationId) return
    const now = Date.now()
    if (now - lastTyping.current < TYPING_EVERY_MS) return
    lastTyping.current = now
    socket.typing(conversationId)
  }, [socket, conversationId])

  return { log, send, retry, typing, otherTyping: isTyping(log, Date.now()) }
}
