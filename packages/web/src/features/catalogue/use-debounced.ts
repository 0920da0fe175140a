import { useEffect, useState } from 'react'

/**
 * The value as it was `ms` milliseconds after it last changed (compared by JSON, so a new
 * object with the same content is no change). With `ms` 0 it follows at once.
 */
export const useDebounced = <T>(value: T, ms: number): T => {
  const key = JSON.stringify(value) ?? ''
  const [settled, setSettled] = useState<{ key: string; value: T }>({ key, value })
  useEffect(() => {
    if (key === settled.key) return
    if (ms <= 0) {
      setSettled({ key, value })
      return
    }
    const timer = setTimeout(() => setSettled({ key, value }), ms)
    return () => clearTimeout(timer)
  }, [key, ms, settled.key, value])
  return ms <= 0 ? value : settled.value
}
