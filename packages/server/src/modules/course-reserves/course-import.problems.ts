import type { courseImports, Language } from '@shuqiao/contracts'

// What is wrong with an imported file, by line: errors stop the apply, warnings only inform.

type Bilingual = { zh: string; en: string }

export interface RowProblem {
  /** The file's line (the header is usually line 1); 0 for the file as a whole. */
  line: number
  column: string | null
  code: string
  message: Bilingual
  severity: 'error' | 'warning'
}

export const error = (line: number, column: string | null, code: string, message: Bilingual): RowProblem => ({
  line,
  column,
  code,
  message,
  severity: 'error',
})

export const warning = (
  line: number,
  column: string | null,
  code: string,
  message: Bilingual,
): RowProblem => ({ line, column, code, message, severity: 'warning' })

export const hasErrors = (problems: readonly RowProblem[]) =>
  problems.some((problem) => problem.severity === 'error')

/** Warnings of one kind shown at most; a file of 50,000 enrolments may have thousands. */
export const WARNINGS_SHOWN_PER_CODE = 500

/**
 * Problems in line order and the caller's language. Every error is kept (each must be fixed);
 * warnings of one kind past WARNINGS_SHOWN_PER_CODE are counted, not listed.
 */
export const presentProblems = (problems: readonly RowProblem[], language: Language) => {
  const shown = new Map<string, number>()
  const kept: courseImports.ImportProblem[] = []
  let omitted = 0
  for (const problem of [...problems].sort((a, b) => a.line - b.line)) {
    if (problem.severity === 'warning') {
      const count = (shown.get(problem.code) ?? 0) + 1
      shown.set(problem.code, count)
      if (count > WARNINGS_SHOWN_PER_CODE) {
        omitted++
        continue
      }
    }
    kept.push({
      line: problem.line,
      column: problem.column,
      code: problem.code,
      severity: problem.severity,
      message: language === 'en' ? problem.message.en : problem.message.zh,
    })
  }
  return { problems: kept, omitted }
}
