import { useEffect, useState } from 'react'
import { DeskSocket, deskSocketUrl, type SocketStatus } from './desk-socket.ts'

/**
 * The tab's one desk socket while a desk page is open; a guest passes their token. Undefined
 * until it exists (and while `enabled` is false).
 */
export const useDeskSocket = (enabled: boolean, guestToken?: string) => {
  const [socket, setSocket] = useState<DeskSocket>()
  const [status, setStatus] = useState<SocketStatus>('connecting')
  useEffect(() => {
    if (!enabled) return
    const created = new DeskSocket(deskSocketUrl(window.location), guestToken)
    const off = created.onStatus(setStatus)
    created.start()
    setSocket(created)
    setStatus(created.status)
    return () => {
      off()
      created.stop()
      setSocket(undefined)
    }
  }, [enabled, guestToken])
  return { socket, status }
}
