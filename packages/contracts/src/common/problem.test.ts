import { describe, expect, it } from 'vitest'
import { nameText, noteText, ReaderNumberSchema } from '../index.ts'
import { FIELD_MESSAGES, PROBLEMS } from './problem.ts'

describe('problem codes', () => {
  it('are snake_case with an HTTP error status and both languages', () => {
    for (const [code, problem] of Object.entries(PROBLEMS)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/)
      expect(problem.status).toBeGreaterThanOrEqual(400)
      expect(problem.zh.length).toBeGreaterThan(0)
      expect(problem.en.length).toBeGreaterThan(0)
      expect(problem.zh).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('have field messages in both languages', () => {
    for (const message of Object.values(FIELD_MESSAGES)) {
      expect(message.zh).toMatch(/[\u4e00-\u9fff]/)
      expect(message.en).toMatch(/^[A-Z]/)
    }
  })
})

describe('text fields', () => {
  it('trim names and refuse markup or control characters', () => {
    expect(nameText().parse('  图书馆  ')).toBe('图书馆')
    expect(nameText().safeParse('<b>x</b>').success).toBe(false)
    expect(nameText().safeParse('a\u0007b').success).toBe(false)
    expect(nameText(3).safeParse('四个字符').success).toBe(false)
  })

  it('allow line breaks in notes but not other control characters', () => {
    expect(noteText().parse('第一行\n第二行')).toBe('第一行\n第二行')
    expect(noteText().safeParse('bell\u0007').success).toBe(false)
  })

  it('accept reader numbers as campuses issue them', () => {
    for (const ok of ['2020001', 'L001', 'T.2019-07_x'])
      expect(ReaderNumberSchema.safeParse(ok).success).toBe(true)
    for (const bad of ['', '学号', 'a b', 'x'.repeat(41)])
      expect(ReaderNumberSchema.safeParse(bad).success).toBe(false)
  })
})
