import { describe, expect, it } from 'vitest'
import { parseReplyTemplate, renderReplyTemplate, SAMPLE_REPLY_VALUES } from './reply-template-text.ts'

const values = SAMPLE_REPLY_VALUES.zh

describe('reply template text', () => {
  it('fills Chinese and English names of the same placeholder alike', () => {
    expect(renderReplyTemplate('{读者姓名}，您的申请 {编号} 已受理。', values)).toBe(
      '李明，您的申请 DD-2026-000123 已受理。',
    )
    expect(
      renderReplyTemplate('Dear {reader_name}, {number} is due {due_date}.', SAMPLE_REPLY_VALUES.en),
    ).toBe('Dear Li Ming, DD-2026-000123 is due 2026-03-06.')
    expect(renderReplyTemplate('{ 类型 }', values)).toBe('文献传递')
  })

  it('names unknown placeholders and known ones written with full-width braces', () => {
    const parsed = parseReplyTemplate('{学号} {reader_name} {学号} ｛编号｝ ｛别的｝')
    expect(parsed.unknown).toEqual(['{学号}'])
    expect(parsed.fullWidth).toEqual(['｛编号｝'])
  })

  it('keeps doubled braces and stray braces as text', () => {
    expect(parseReplyTemplate('{{格式}} 与 {未闭合\n} {}').unknown).toEqual([])
    expect(renderReplyTemplate('{{格式}} 与 {未闭合\n} {}', values)).toBe('{格式} 与 {未闭合\n} {}')
  })

  it('inserts values as plain text, once, without reading them as placeholders', () => {
    const sneaky = { ...values, reader_name: '{编号}\u0007<b>' }
    expect(renderReplyTemplate('{读者姓名}/{编号}', sneaky)).toBe('{编号}<b>/DD-2026-000123')
  })
})
