import {
  type FieldProblem,
  type Language,
  PROBLEMS,
  type Problem,
  type ProblemCode,
} from '@shuqiao/contracts'

/** A failure the caller can act on; the error handler turns it into application/problem+json. */
export class ProblemError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly extra: {
      errors?: FieldProblem[]
      headers?: Record<string, string>
      detail?: { zh: string; en: string }
    } = {},
  ) {
    super(code)
  }
}

export const problemBody = (
  code: ProblemCode,
  language: Language,
  instance?: string,
  extra: ProblemError['extra'] = {},
): Problem => {
  const known = PROBLEMS[code]
  const message = extra.detail ?? known
  return {
    type: `https://shuqiao.org/problems/${code.replaceAll('_', '-')}`,
    title: known.en,
    status: known.status,
    code,
    detail: language === 'en' ? message.en : message.zh,
    ...(instance ? { instance } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
  }
}
