import { sortLoanRules } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import { dueState, formatFen, freeMaterialTypes, newMaterialRule, scannedCode } from './circulation-logic.ts'

const general = {
  readerType: 'student' as const,
  materialType: null,
  loanDays: 30,
  itemLimit: 20,
  renewalLimit: 1,
  renewalDays: 30,
  renewOverdue: false,
  finePerDayFen: 10,
}

describe('circulation logic', () => {
  it('writes fen as yuan', () => {
    expect(formatFen(50)).toBe('¥0.50')
    expect(formatFen(1200)).toBe('¥12.00')
  })

  it('tells overdue, soon and later loans apart', () => {
    expect(dueState({ overdue: true, dueDay: '2026-11-20' }, '2026-11-26')).toBe('overdue')
    expect(dueState({ overdue: false, dueDay: '2026-11-29' }, '2026-11-26')).toBe('soon')
    expect(dueState({ overdue: false, dueDay: '2026-12-26' }, '2026-11-26')).toBe('later')
  })

  it('cleans what a scanner sends', () => {
    expect(scannedCode('\u0002SJTU1000012\r')).toBe('SJTU1000012')
    expect(scannedCode('  ')).toBe('')
  })

  it('starts a material type’s rule from the general one and offers only types without a rule', () => {
    const rules = [general, { ...general, materialType: 'audiovisual' as const }]
    expect(newMaterialRule(rules, 'student', 'thesis')).toMatchObject({
      materialType: 'thesis',
      loanDays: 30,
    })
    expect(freeMaterialTypes(rules, 'student', ['book', 'audiovisual'])).toEqual(['book'])
    const teacher = { ...general, readerType: 'teacher' as const }
    expect(
      sortLoanRules([teacher, rules[1]!, general]).map((rule) => [rule.readerType, rule.materialType]),
    ).toEqual([
      ['student', null],
      ['student', 'audiovisual'],
      ['teacher', null],
    ])
  })
})
