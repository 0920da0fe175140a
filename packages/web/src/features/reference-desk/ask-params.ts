/** What the widget put in the address and every step on /ask keeps: the frame, library and topic. */
const KEPT = ['embed', 'library', 'queue'] as const

/** The kept parameters of `search` with `patch` on top (a chat, or none to go back to the topics). */
export const askParams = (search: URLSearchParams, patch: Record<string, string> = {}) => {
  const next = new URLSearchParams()
  for (const key of KEPT) {
    const value = search.get(key)
    if (value) next.set(key, value)
  }
  for (const [key, value] of Object.entries(patch)) next.set(key, value)
  return next
}
