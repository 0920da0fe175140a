import { DISCIPLINES, MAX_DISCIPLINES } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import {
  disciplineInputOf,
  moveRow,
  rowProblemsOf,
  rowsOf,
  sameList,
  serverProblemsOf,
  withNewRow,
  withoutRow,
} from './discipline-list-logic.ts'
import { disciplinesOf, isDisciplineCode } from './e-resources-logic.ts'

const OWN = [
  { code: '08', zh: '工学', en: 'Engineering' },
  { code: '0812', zh: '计算机科学与技术', en: 'Computer science and technology' },
  { code: 'AI', zh: '人工智能', en: 'Artificial intelligence' },
]

const codes = (rows: { code: string }[]) => rows.map((row) => row.code)

describe('editing the discipline list', () => {
  it('moves, adds and removes rows, each keeping its key', () => {
    const rows = rowsOf(OWN)
    expect(codes(moveRow(rows, 2, 1))).toEqual(['08', 'AI', '0812'])
    expect(codes(moveRow(rows, 0, 1))).toEqual(['0812', '08', 'AI'])
    // Past either end nothing moves.
    expect(codes(moveRow(rows, 0, -1))).toEqual(['08', '0812', 'AI'])
    expect(codes(moveRow(rows, 2, 3))).toEqual(['08', '0812', 'AI'])
    expect(moveRow(rows, 2, 1)[1]!.key).toBe(rows[2]!.key)
    expect(codes(withoutRow(rows, 1))).toEqual(['08', 'AI'])
    const added = withNewRow(rows)
    expect(added).toHaveLength(4)
    expect(added[3]).toMatchObject({ code: '', zh: '', en: '' })
    expect(new Set(added.map((row) => row.key)).size).toBe(4)
    const full = rowsOf(
      Array.from({ length: MAX_DISCIPLINES }, (_, at) => ({ code: `Z${at}`, zh: `${at}`, en: `${at}` })),
    )
    expect(withNewRow(full)).toHaveLength(MAX_DISCIPLINES)
  })

  it('finds what the server would refuse before sending', () => {
    const rows = rowsOf([
      ...OWN,
      { code: 'ai', zh: '智能科学', en: 'Intelligence science' },
      { code: '08-12', zh: '工学', en: ' ' },
      { code: 'X1', zh: '<b>粗</b>', en: 'Bold' },
      { code: 'ABCDEFGHIJKLM', zh: '长代码', en: 'Long code' },
    ])
    expect(rowProblemsOf(rows)).toEqual({
      '3.code': { kind: 'duplicateCode' },
      '4.code': { kind: 'codeFormat' },
      '4.zh': { kind: 'duplicateName' },
      '4.en': { kind: 'required' },
      '5.zh': { kind: 'unsafe' },
      '6.code': { kind: 'tooLong' },
    })
    expect(rowProblemsOf(rowsOf(OWN))).toEqual({})
  })

  it('sends the rows trimmed and in order, and knows when they say what was saved', () => {
    const rows = rowsOf(OWN.map((item) => ({ ...item, zh: ` ${item.zh} ` })))
    expect(disciplineInputOf(rows)).toEqual({ items: OWN })
    expect(sameList(rows, OWN)).toBe(true)
    expect(sameList(moveRow(rows, 0, 1), OWN)).toBe(false)
    expect(sameList(withoutRow(rows, 2), OWN)).toBe(false)
  })

  it('puts the server’s problems on the cells they name, and the others above the table', () => {
    expect(
      serverProblemsOf([
        { path: 'body.items.3.code', code: 'duplicate_discipline', message: '学科代码重复' },
        { path: 'body.items', code: 'too_big', message: '太长或太大' },
      ]),
    ).toEqual({ cells: { '3.code': { kind: 'server', message: '学科代码重复' } }, general: ['太长或太大'] })
  })
})

describe('naming a resource’s disciplines', () => {
  it('follows the library’s list and its order, and names a code not on it by itself', () => {
    expect(disciplinesOf(['AI', '08'], OWN).map((each) => each.zh)).toEqual(['工学', '人工智能'])
    expect(disciplinesOf(['0899', '08'], OWN).map((each) => each.zh)).toEqual(['工学', '0899'])
    expect(disciplinesOf(['13'], DISCIPLINES).map((each) => each.en)).toEqual(['Art'])
  })

  it('takes codes of letters and digits from an address, nothing else', () => {
    for (const ok of ['08', '0812', '081201', 'AI']) expect(isDisciplineCode(ok)).toBe(true)
    for (const bad of [null, '', '08-12', 'x'.repeat(13), '工学']) expect(isDisciplineCode(bad)).toBe(false)
  })
})
