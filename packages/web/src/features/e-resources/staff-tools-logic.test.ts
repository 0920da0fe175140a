import { describe, expect, it } from 'vitest'
import {
  defaultReportMonths,
  importCounts,
  latestTestOf,
  monthsIn,
  refusedImportProblems,
  reportRangeProblem,
  routesWithoutPassingTest,
} from './staff-tools-logic.ts'

const route = (kind: 'carsi' | 'proxy' | 'open') => ({
  kind,
  url: null,
  values: {},
  noteZh: null,
  noteEn: null,
})
const test = (route: string, works: boolean) => ({
  route,
  works,
  note: null,
  testedBy: '王芳',
  testedAt: '2026-03-01T02:00:00.000Z',
})

describe('access tests before publishing', () => {
  it('names the routes, in their order, whose latest test did not pass or that nobody tried', () => {
    const detail = {
      routeSettings: [route('carsi'), route('proxy'), route('open')],
      accessTests: [test('open', true), test('carsi', false)],
    }
    expect(routesWithoutPassingTest(detail)).toEqual(['carsi', 'proxy'])
    expect(latestTestOf(detail, 'open')?.works).toBe(true)
    expect(latestTestOf(detail, 'proxy')).toBeUndefined()
    expect(
      routesWithoutPassingTest({ routeSettings: [route('open')], accessTests: [test('open', true)] }),
    ).toEqual([])
    // A test of a route taken off the resource since does not count.
    expect(routesWithoutPassingTest({ routeSettings: [], accessTests: [test('proxy', true)] })).toEqual([])
  })
})

describe('an EZproxy preview', () => {
  it('counts what each stanza would do and the problems by severity', () => {
    const stanza = (line: number, action: 'create' | 'update' | 'skip') => ({
      line,
      title: `T${line}`,
      url: null,
      hosts: [],
      domains: [],
      action,
      existing: null,
    })
    const problem = (line: number, severity: 'error' | 'warning') => ({
      line,
      code: 'x',
      severity,
      message: { zh: '问题', en: 'Problem' },
    })
    expect(
      importCounts({
        fileName: 'config.txt',
        encoding: 'utf-8',
        lines: 20,
        stanzas: [stanza(1, 'create'), stanza(5, 'create'), stanza(9, 'update'), stanza(12, 'skip')],
        problems: [problem(12, 'error'), problem(3, 'warning'), problem(4, 'warning')],
        skipped: [],
        includeFiles: [],
        applied: false,
        created: 0,
        updated: 0,
      }),
    ).toEqual({ create: 2, update: 1, skip: 1, errors: 1, warnings: 2 })
  })

  it('reads the problems of a refused import, and nothing from other refusals', () => {
    const problems = [
      { line: 1, code: 'url_before_title', severity: 'error', message: { zh: '甲', en: 'A' } },
      { line: 'x', code: 'bad' },
    ]
    expect(refusedImportProblems({ code: 'import_has_errors', detail: '…', problems })).toEqual([problems[0]])
    expect(refusedImportProblems({ code: 'import_has_errors' })).toEqual([])
    expect(refusedImportProblems({ code: 'file_too_large', problems })).toBeUndefined()
    expect(refusedImportProblems(undefined)).toBeUndefined()
    expect(refusedImportProblems('import_has_errors')).toBeUndefined()
  })
})

describe('the monthly report’s months', () => {
  it('counts months both ends included and refuses what the server would', () => {
    expect(monthsIn('2025-04', '2026-03')).toBe(12)
    expect(monthsIn('2026-03', '2026-03')).toBe(1)
    expect(reportRangeProblem('2026-03', '2026-02')).toBe('ends_before_start')
    expect(reportRangeProblem('2023-01', '2025-12')).toBeUndefined()
    expect(reportRangeProblem('2023-01', '2026-01')).toBe('too_long')
  })

  it('starts with the twelve months up to this one', () => {
    expect(defaultReportMonths('2026-03-15')).toEqual({ from: '2025-04', to: '2026-03' })
    expect(defaultReportMonths('2026-12-31')).toEqual({ from: '2026-01', to: '2026-12' })
  })
})
