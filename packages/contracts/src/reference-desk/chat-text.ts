/** The longest chat message, in characters (code points, so an emoji counts once). */
export const CHAT_TEXT_MAX = 2000

/**
 * Limits on what one person may send. A connection may send a burst of `burst` messages, then
 * one every `refillMs`; a reader (or guest) may send `perReader` messages in any `readerWindowMs`
 * over all their tabs and devices. Typing signals beyond one per `typingEveryMs` are dropped.
 */
export const CHAT_LIMITS = {
  burst: 8,
  refillMs: 1000,
  perReader: 12,
  readerWindowMs: 10_000,
  typingEveryMs: 1500,
} as const

const isUnsafe = (char: string) => {
  const code = char.codePointAt(0) ?? 0
  return (code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t') || code === 0x7f
}

/**
 * Why a chat message cannot be sent as written, or null when it can. HTML is not a reason: a
 * message is stored and shown as text, so `<b>` reaches the other side as the four characters.
 */
export const chatTextProblem = (
  text: string,
): 'message_empty' | 'message_too_long' | 'unsafe_characters' | null => {
  if (text.trim().length === 0) return 'message_empty'
  if ([...text].length > CHAT_TEXT_MAX) return 'message_too_long'
  if ([...text].some(isUnsafe)) return 'unsafe_characters'
  return null
}
