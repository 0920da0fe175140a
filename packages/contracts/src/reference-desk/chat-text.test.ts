import { describe, expect, it } from 'vitest'
import { CHAT_TEXT_MAX, chatTextProblem } from './chat-text.ts'

describe('chat text', () => {
  it('takes text with line breaks, HTML included, as text', () => {
    expect(chatTextProblem('请问知网校外怎么访问？\n谢谢')).toBeNull()
    expect(chatTextProblem('<script>alert(1)</script>')).toBeNull()
  })

  it('refuses empty, overlong and control-character messages', () => {
    expect(chatTextProblem('  \n ')).toBe('message_empty')
    expect(chatTextProblem('书'.repeat(CHAT_TEXT_MAX))).toBeNull()
    expect(chatTextProblem('书'.repeat(CHAT_TEXT_MAX + 1))).toBe('message_too_long')
    expect(chatTextProblem('a\u0000b')).toBe('unsafe_characters')
  })

  it('counts an emoji as one character', () => {
    expect(chatTextProblem('📚'.repeat(CHAT_TEXT_MAX))).toBeNull()
  })
})
