// Test-only: text as Excel and Notepad on a Chinese Windows save it. Node reads GBK but cannot
// write it, so the table of two-byte codes is built once by decoding every one of them.

let codes: Map<string, Buffer> | undefined

const table = () => {
  if (codes) return codes
  codes = new Map()
  const decoder = new TextDecoder('gbk')
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue
      const bytes = Buffer.from([lead, trail])
      const char = decoder.decode(bytes)
      if (char.length === 1 && char !== '\uFFFD' && !codes.has(char)) codes.set(char, bytes)
    }
  return codes
}

/** `text` encoded as GBK; throws on a character GBK lacks. */
export const gbk = (text: string) =>
  Buffer.concat(
    Array.from(text, (char) => {
      if (char.charCodeAt(0) < 0x80) return Buffer.from(char, 'latin1')
      const bytes = table().get(char)
      if (!bytes) throw new Error(`GBK has no ${char}`)
      return bytes
    }),
  )
