import { describe, expect, it } from 'vitest'
import { expandCannedCode } from './canned-replies.queries.ts'

const replies = [
  { code: 'hours', body: '本馆 8:00–22:00 开放。' },
  { code: 'thx', body: '感谢您的咨询！' },
]

describe('canned reply codes in the composer', () => {
  it('expands a known /code once a space or new line follows', () => {
    expect(expandCannedCode('/hours ', replies)).toBe('本馆 8:00–22:00 开放。')
    expect(expandCannedCode('您好，/thx\n', replies)).toBe('您好，/thx\n')
    expect(expandCannedCode('您好 /thx\n', replies)).toBe('您好 感谢您的咨询！')
    expect(expandCannedCode('/HOURS ', replies)).toBe('本馆 8:00–22:00 开放。')
  })

  it('leaves other text as typed', () => {
    expect(expandCannedCode('/hours', replies)).toBe('/hours')
    expect(expandCannedCode('/unknown ', replies)).toBe('/unknown ')
    expect(expandCannedCode('a/hours ', replies)).toBe('a/hours ')
    expect(expandCannedCode('http://x/hours ', replies)).toBe('http://x/hours ')
  })
})
