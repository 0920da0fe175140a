import { describe, expect, it } from 'vitest'
import { mappingOf, sameMapping, summarise, termNamesOf } from './logic.ts'

describe('course reserves in the console', () => {
  it('names a term from its code', () => {
    expect(termNamesOf('2025-2026-2')).toEqual({
      nameZh: '2025—2026学年第二学期',
      nameEn: '2025–2026 spring term',
    })
    expect(termNamesOf(' 2026-2027-1 ')?.nameZh).toBe('2026—2027学年第一学期')
    expect(termNamesOf('2026春')).toBeUndefined()
  })

  it('keeps every field in a mapping and compares two', () => {
    const used = mappingOf({ mapping: { courseCode: '课程号', teachers: '教师' } })
    expect(used.courseCode).toBe('课程号')
    expect(used.studentNumber).toBeNull()
    expect(sameMapping(used, { ...used })).toBe(true)
    expect(sameMapping(used, { ...used, teachers: null })).toBe(false)
  })

  it('lets a preview be applied only without errors and with rows', () => {
    const warning = {
      line: 3,
      column: null,
      code: 'unknown_department',
      message: '…',
      severity: 'warning' as const,
    }
    expect(summarise({ rows: 3, problems: [warning] }).canApply).toBe(true)
    expect(summarise({ rows: 0, problems: [] }).canApply).toBe(false)
    expect(
      summarise({ rows: 3, problems: [warning, { ...warning, code: 'missing_code', severity: 'error' }] }),
    ).toMatchObject({ canApply: false, errors: [{ code: 'missing_code' }], warnings: [warning] })
  })
})
