import { describe, expect, it } from 'vitest'
import {
  formatPercent,
  listLines,
  percentInput,
  problemsByLine,
  progressOf,
  statusColour,
  stepsFor,
  summariseWarnings,
  templateRows,
  uploadChunks,
} from './logic.ts'

const problem = (line: number, severity: 'error' | 'warning', code = 'x') => ({
  line,
  column: null,
  code,
  message: code,
  severity,
})

describe('thesis check rules on the page', () => {
  it('colours results by verdict', () => {
    expect(statusColour('checked', true)).toBe('success')
    expect(statusColour('checked', false)).toBe('error')
    expect(statusColour('waiting')).toBe('gold')
    expect(statusColour('withdrawn')).toBe('default')
  })

  it('prints percents as the services do', () => {
    expect(formatPercent(12.3)).toBe('12.3%')
    expect(formatPercent(8)).toBe('8%')
    expect(formatPercent(9.999)).toBe('10%')
    expect(formatPercent(null)).toBe('')
  })

  it('counts a batch done when every thesis has a result or was withdrawn', () => {
    const counts = {
      total: 4,
      waiting: 1,
      submitted: 0,
      checked: 2,
      passed: 1,
      failed: 1,
      returned: 0,
      withdrawn: 1,
    }
    expect(progressOf(counts)).toBe(75)
    expect(progressOf({ ...counts, total: 0 })).toBe(0)
  })

  it('groups import problems by line and separates those of the file itself', () => {
    const grouped = problemsByLine([
      problem(1, 'error'),
      problem(3, 'error'),
      problem(3, 'warning'),
      problem(5, 'warning'),
    ])
    expect(grouped.errors).toBe(2)
    expect(grouped.warnings).toBe(2)
    expect(grouped.byLine.get(3)).toHaveLength(2)
    expect(grouped.fileLevel(new Set([3, 5])).map((p) => p.line)).toEqual([1])
  })

  it('sums up warnings of one kind over many lines', () => {
    const summary = summariseWarnings([
      problem(2, 'warning', 'no_account'),
      problem(4, 'warning', 'no_account'),
      problem(3, 'error'),
    ])
    expect(summary).toEqual([{ code: 'no_account', lines: [2, 4] }])
    expect(listLines([2, 4, 6], '、', (n) => ` +${n}`)).toBe('2、4、6')
    expect(listLines([1, 2, 3, 4], ', ', (n) => ` and ${n} more`, 2)).toBe('1, 2 and 2 more')
  })

  it('offers a blank list with the headers the server reads', () => {
    expect(templateRows('theses', 'zh-CN')[0]).toEqual([
      '学号',
      '姓名',
      '论文题目',
      '导师',
      '院系',
      '专业',
      '学位',
    ])
    expect(templateRows('results', 'en')[0]).toEqual(['Reader number', 'Similarity', 'Note'])
  })

  it('puts the usual next step first', () => {
    expect(stepsFor([{ action: 'withdraw' }, { action: 'submit' }, { action: 'record' }]).main?.action).toBe(
      'record',
    )
  })

  it('reads what is typed as a result', () => {
    expect(percentInput(12.345)).toBe(12.35)
    expect(percentInput('7%')).toBe(7)
    expect(percentInput('')).toBeUndefined()
    expect(percentInput(120)).toBeUndefined()
  })
})

describe('bulk uploads of reports', () => {
  it('go in requests of a few files and a few megabytes, a large file alone', () => {
    expect(uploadChunks([])).toEqual([])
    expect(uploadChunks([1, 1, 1, 1, 1], 2)).toEqual([[0, 1], [2, 3], [4]])
    expect(uploadChunks([40, 20, 90, 5, 5], 20, 50)).toEqual([[0], [1], [2], [3, 4]])
    expect(uploadChunks(Array(45).fill(1000)).map((chunk) => chunk.length)).toEqual([20, 20, 5])
  })
})
