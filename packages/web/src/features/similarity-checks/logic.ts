import { similarityChecks } from '@shuqiao/contracts'

// The rules the thesis-check pages show, as plain functions (tested in logic.test.ts).

type ThesisStatus = similarityChecks.ThesisStatus
type ImportProblem = similarityChecks.ImportProblem

export const {
  DEGREES,
  DEGREE_LABELS,
  DEFAULT_THRESHOLDS,
  ORIGINS,
  ORIGIN_LABELS,
  SERVICES,
  SERVICE_LABELS,
  THESIS_STATUSES,
  THESIS_STATUS_LABELS,
  THESIS_TRANSITIONS,
  THESIS_COLUMNS,
  RESULT_COLUMNS,
  transitionOf,
  passes,
  BULK_REPORT_OUTCOMES,
  MAX_BULK_REPORT_FILES,
  MAX_BULK_REPORT_NAMES,
} = similarityChecks

/** Tag colours: waiting is gold, being checked blue, results green or red by verdict, setbacks orange or grey. */
export const statusColour = (status: ThesisStatus, passed?: boolean | null) => {
  switch (status) {
    case 'waiting':
      return 'gold'
    case 'submitted':
      return 'processing'
    case 'checked':
      return passed === false ? 'error' : 'success'
    case 'returned':
      return 'warning'
    default:
      return 'default'
  }
}

/** A percent as the services print it: up to two decimals, no trailing zeros (12.3%, 8%). */
export const formatPercent = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : `${Number(value.toFixed(2))}%`

/** How far a batch has got: theses settled (result in, or withdrawn) out of all, as a whole percent. */
export const progressOf = (counts: similarityChecks.BatchCounts) =>
  counts.total === 0 ? 0 : Math.round(((counts.checked + counts.withdrawn) / counts.total) * 100)

/** Problems by line for the preview table: errors and warnings of each line, and those of the file itself. */
export const problemsByLine = (problems: readonly ImportProblem[]) => {
  const byLine = new Map<number, ImportProblem[]>()
  for (const problem of problems) byLine.set(problem.line, [...(byLine.get(problem.line) ?? []), problem])
  const errors = problems.filter((problem) => problem.severity === 'error')
  return {
    byLine,
    errors: errors.length,
    warnings: problems.length - errors.length,
    /** Problems not tied to a row shown in the preview (the header, a malformed CSV, too many rows). */
    fileLevel: (shownLines: ReadonlySet<number>) =>
      problems.filter((problem) => !shownLines.has(problem.line)),
  }
}

/** Warnings of one kind (e.g. no reader account) over many lines, summed up in one sentence's worth. */
export const summariseWarnings = (problems: readonly ImportProblem[]) => {
  const byCode = new Map<string, number[]>()
  for (const problem of problems)
    if (problem.severity === 'warning')
      byCode.set(problem.code, [...(byCode.get(problem.code) ?? []), problem.line])
  return [...byCode].map(([code, lines]) => ({ code, lines }))
}

/** Line numbers people read: 3、5、8 and 12 more. */
export const listLines = (
  lines: readonly number[],
  separator: string,
  more: (count: number) => string,
  shown = 8,
) =>
  lines.length <= shown
    ? lines.join(separator)
    : `${lines.slice(0, shown).join(separator)}${more(lines.length - shown)}`

/** The header rows of a blank list (or results file) to fill in, in the interface language. */
export const templateRows = (kind: 'theses' | 'results', language: string): string[][] => {
  const columns = kind === 'theses' ? THESIS_COLUMNS : RESULT_COLUMNS
  const header = Object.values(columns).map((column) =>
    language === 'en'
      ? column.headers[1]!.replace(/^./, (first: string) => first.toUpperCase())
      : column.headers[0]!,
  )
  const example =
    kind === 'theses'
      ? [
          '2020001',
          '李明',
          '基于深度学习的电网故障诊断方法研究',
          '张建国',
          '电子信息与电气工程学院',
          '电气工程',
          '硕士',
        ]
      : ['2020001', '8.6%', '']
  return [header, example]
}

/**
 * The steps offered on a thesis now, in the order staff meet them: the step that moves it forward
 * (record, submit, requeue, restore) as the main one, and the rest (corrections, setbacks) behind it.
 */
export const stepsFor = <S extends { action: string }>(allowed: readonly S[]) => {
  const order = ['record', 'submit', 'requeue', 'restore', 'recheck', 'correct', 'return', 'withdraw']
  const forward = ['record', 'submit', 'requeue', 'restore']
  const sorted = [...allowed].sort((a, b) => order.indexOf(a.action) - order.indexOf(b.action))
  const main = sorted[0] && forward.includes(sorted[0].action) ? sorted[0] : undefined
  return { main, rest: main ? sorted.slice(1) : sorted }
}

/** A percent typed into the result box, kept to two decimals; undefined when not a number from 0 to 100. */
export const percentInput = (value: unknown): number | undefined => {
  const number = typeof value === 'number' ? value : Number(String(value ?? '').replace(/%$/, ''))
  if (!Number.isFinite(number) || number < 0 || number > 100 || String(value ?? '').trim() === '')
    return undefined
  return Math.round(number * 100) / 100
}

/** Tag colours of a bulk upload's outcomes: going in green, left out orange (fixable) or red. */
export const reportOutcomeColour = (outcome: similarityChecks.BulkReportOutcome) => {
  switch (outcome) {
    case 'matched':
    case 'attached':
      return 'success'
    case 'not_checked':
    case 'duplicate':
    case 'ambiguous':
      return 'warning'
    default:
      return 'error'
  }
}

const MIB = 1024 * 1024

/**
 * The files of a bulk upload in requests of at most `maxFiles` files and about `maxBytes`
 * (a larger file goes alone), so one failed request costs little and progress moves steadily.
 * Gives the files' indexes, in order.
 */
export const uploadChunks = (sizes: readonly number[], maxFiles = 20, maxBytes = 50 * MIB): number[][] => {
  const chunks: number[][] = []
  let current: number[] = []
  let bytes = 0
  sizes.forEach((size, index) => {
    if (current.length > 0 && (current.length >= maxFiles || bytes + size > maxBytes)) {
      chunks.push(current)
      current = []
      bytes = 0
    }
    current.push(index)
    bytes += size
  })
  if (current.length > 0) chunks.push(current)
  return chunks
}
