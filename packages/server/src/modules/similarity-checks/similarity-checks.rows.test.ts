import { describe, expect, it } from 'vitest'
import { readTable } from '../../platform/spreadsheets/read-table.ts'
import { checkResultRows, checkThesisRows, degreeOf, percentOf } from './similarity-checks.rows.ts'

// How a list is read (encodings, line numbers, broken files) is tested with the platform's
// reader, in platform/spreadsheets/read-table.test.ts.

const readCsv = (text: string) => readTable(Buffer.from(text, 'utf8'))

const DEPARTMENTS = [
  {
    id: 'd1',
    code: 'SEIEE',
    nameZh: '电子信息与电气工程学院',
    nameEn: 'School of Electronic Information and Electrical Engineering',
  },
  { id: 'd2', code: 'ME', nameZh: '机械与动力工程学院', nameEn: 'School of Mechanical Engineering' },
]

describe('judging a list of theses', () => {
  const context = {
    batchDegree: 'master' as const,
    existing: new Set(['2019999']),
    accounts: new Map([['2020001', 'account-1']]),
    departments: DEPARTMENTS,
  }

  it('lists every row’s problem by line, and what would be added', async () => {
    const table = await readCsv(
      [
        'Reader number,作者,题名,导师,学院,学位,备注',
        '2020001,李明,基于深度学习的电网故障诊断,张建国,seeiee,硕士,',
        '2020002,王芳,,刘洪涛,ME,专业学位硕士,',
        '2020001,李明,重复的一行,张建国,,硕士,',
        '2019999,张三,已在批次中,,,,',
        '2020005,赵六,博士论文,,,博士,',
        '2020006,孙七,<script>,,,研究生,',
        '学 号,周八,格式不对,,,,',
        '2020007,吴九,有效的一行,,机械与动力工程学院,,',
      ].join('\n'),
    )
    const judged = checkThesisRows(table, context)
    expect(judged.columns.found).toMatchObject({
      readerNumber: 'Reader number',
      authorName: '作者',
      title: '题名',
      department: '学院',
    })
    expect(judged.columns.ignored).toEqual(['备注'])
    const errors = judged.problems.filter((problem) => problem.severity === 'error')
    expect(errors.map((problem) => [problem.line, problem.code])).toEqual([
      [3, 'required'],
      [4, 'duplicate_in_file'],
      [5, 'already_in_batch'],
      [6, 'degree_mismatch'],
      [7, 'unsafe_characters'],
      [7, 'bad_degree'],
      [8, 'invalid_reader_number'],
    ])
    expect(errors[0]!.message.zh).toBe('“题名”不能为空。')
    expect(errors[1]!.message.en).toBe('Reader number 2020001 repeats line 2.')
    const warnings = judged.problems.filter((problem) => problem.severity === 'warning')
    expect(warnings.map((problem) => [problem.line, problem.code])).toEqual([
      [2, 'department_not_found'],
      [9, 'no_account'],
    ])
    expect(judged.items.map((item) => item.ok)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ])
    expect(judged.items[0]).toMatchObject({ accountId: 'account-1', degree: 'master', department: 'seeiee' })
    expect(judged.items[1]).toMatchObject({ departmentId: 'd2', department: '机械与动力工程学院' })
  })

  it('stops at the header when a required column is missing', async () => {
    const judged = checkThesisRows(await readCsv('学号,姓名\n2020001,李明\n'), context)
    expect(judged.problems).toHaveLength(1)
    expect(judged.problems[0]).toMatchObject({ line: 1, code: 'missing_column', column: '论文题目' })
    expect(judged.items).toEqual([])
  })
})

describe('judging a results file', () => {
  const theses = new Map([
    [
      '2020001',
      { id: 't1', status: 'submitted' as const, similarityBp: null, authorName: '李明', title: 'A' },
    ],
    ['2020002', { id: 't2', status: 'checked' as const, similarityBp: 1230, authorName: '王芳', title: 'B' }],
    ['2020003', { id: 't3', status: 'checked' as const, similarityBp: 500, authorName: '张伟', title: 'C' }],
    [
      '2020004',
      { id: 't4', status: 'withdrawn' as const, similarityBp: null, authorName: '赵六', title: 'D' },
    ],
  ])

  it('accepts percents as people write them and names every problem by line', async () => {
    const table = await readCsv(
      [
        '学号,总文字复制比,备注',
        '2020001,８．６％,',
        '2020002,12.3%,',
        '2020003,6,',
        '2020004,3,',
        '2020009,3,',
        '2020001,4,',
        ',101,',
      ].join('\n'),
    )
    const judged = checkResultRows(table, { theses, thresholdBp: 1000 })
    expect(judged.items[0]).toMatchObject({ similarityBp: 860, ok: true, unchanged: false })
    expect(judged.items[1]).toMatchObject({ ok: true, unchanged: true })
    expect(judged.problems.map((problem) => [problem.line, problem.code, problem.severity])).toEqual([
      [3, 'same_result', 'warning'],
      [4, 'already_checked', 'error'],
      [5, 'not_recordable', 'error'],
      [6, 'not_in_batch', 'error'],
      [7, 'duplicate_in_file', 'error'],
      [8, 'required', 'error'],
      [8, 'bad_percent', 'error'],
    ])
  })
})

describe('words in cells', () => {
  it('reads degrees as schools write them', () => {
    expect(degreeOf('博士')).toBe('doctor')
    expect(degreeOf('专业学位硕士')).toBe('master')
    expect(degreeOf(' Master’s ')).toBe('master')
    expect(degreeOf('PhD')).toBe('doctor')
    expect(degreeOf('本科')).toBe('bachelor')
    expect(degreeOf('研究生')).toBeUndefined()
  })

  it('reads percents from 0 to 100 in hundredths', () => {
    expect(percentOf('12.3')).toBe(1230)
    expect(percentOf('12.3 %')).toBe(1230)
    expect(percentOf('0')).toBe(0)
    expect(percentOf('100')).toBe(10000)
    expect(percentOf('100.5')).toBeUndefined()
    expect(percentOf('-1')).toBeUndefined()
    expect(percentOf('十二')).toBeUndefined()
  })
})
