import { TextDecoder } from 'node:util'

/** Encodings of plain text as Chinese offices save it. */
export type TextCharset = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

// C0 control characters other than white space (tab, line and page breaks) and the end-of-file
// mark old DOS programs leave (0x1A), and DEL. In GBK and GB18030 every byte below 0x80 is the
// ASCII character itself (trail bytes are 0x40 and up, never 0x7F), so a control byte anywhere
// means the bytes are not text in those encodings.
const CONTROL_BYTE = new Uint8Array(256)
for (const byte of [...Array(32).keys(), 0x7f]) CONTROL_BYTE[byte] = 1
for (const byte of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a]) CONTROL_BYTE[byte] = 0
const hasControlChar = (text: string) => {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (code < 0x80 && CONTROL_BYTE[code] === 1) return true
  }
  return false
}

/**
 * Which encoding the bytes are text in, or null when they are not text: UTF-8 without NUL (with
 * or without a BOM), UTF-16 with a BOM, or GB18030 (a superset of GBK and GB2312: what Excel
 * and Notepad on a Chinese Windows save) without control characters. With `complete: false`
 * the chunks are only the start of the file, and a character cut off at the end is no fault.
 */
export const charsetOf = async (
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  complete = true,
): Promise<TextCharset | null> => {
  let utf16: TextDecoder | undefined
  let first = true
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  const gb = new TextDecoder('gb18030', { fatal: true })
  let isUtf8 = true
  let isGb = true
  let hasNul = false
  for await (const chunk of chunks) {
    if (first && chunk.length >= 2) {
      first = false
      if (chunk[0] === 0xff && chunk[1] === 0xfe) utf16 = new TextDecoder('utf-16le', { fatal: true })
      if (chunk[0] === 0xfe && chunk[1] === 0xff) utf16 = new TextDecoder('utf-16be', { fatal: true })
    }
    if (utf16) {
      try {
        if (hasControlChar(utf16.decode(chunk, { stream: true }))) return null
      } catch {
        return null
      }
      continue
    }
    if (!hasNul && chunk.includes(0)) hasNul = true
    if (hasNul) return null
    if (isUtf8)
      try {
        utf8.decode(chunk, { stream: true })
      } catch {
        isUtf8 = false
      }
    if (isGb) {
      if (chunk.some((byte) => CONTROL_BYTE[byte] === 1)) isGb = false
      else
        try {
          gb.decode(chunk, { stream: true })
        } catch {
          isGb = false
        }
    }
    if (!isUtf8 && !isGb) return null
  }
  const finish = (decoder: TextDecoder) => {
    if (!complete) return true
    try {
      decoder.decode()
      return true
    } catch {
      return false
    }
  }
  if (utf16) return finish(utf16) ? (utf16.encoding as TextCharset) : null
  if (isUtf8 && finish(utf8)) return 'utf-8'
  if (isGb && finish(gb)) return 'gb18030'
  return null
}

/** The bytes as a string when they are text in one of the encodings `charsetOf` knows (a BOM is dropped). */
export const decodeText = async (bytes: Buffer): Promise<string | undefined> => {
  const charset = await charsetOf([bytes])
  return charset ? new TextDecoder(charset).decode(bytes) : undefined
}
