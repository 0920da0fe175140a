import {
  type FieldProblem,
  type Language,
  PROBLEMS,
  type Problem,
  type ProblemCode,
} from '@shuqiao/contracts'

type Bilingual = { zh: string; en: string }

/** A field problem whose message is given in both languages; the reader gets theirs. */
export type LocalizedFieldProblem = Omit<FieldProblem, 'message'> & { message: string | Bilingual }

/**
 * A failure the caller can act on; the error handler turns it into application/problem+json.
 * It carries no stack trace: it is an answer, never logged as a fault, and a rush of refusals
 * (a slot's last places) should not pay for hundreds of them.
 */
export class ProblemError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly extra: {
      errors?: LocalizedFieldProblem[]
      /** Extra members of the problem, e.g. the actions allowed instead. */
      extensions?: Record<string, unknown>
      headers?: Record<string, string>
      detail?: { zh: string; en: string }
    } = {},
  ) {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(code)
    Error.stackTraceLimit = limit
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
    ...extra.extensions,
    ...(extra.errors
      ? {
          errors: extra.errors.map((error) => ({
            ...error,
            message:
              typeof error.message === 'string'
                ? error.message
                : language === 'en'
                  ? error.message.en
                  : error.message.zh,
          })),
        }
      : {}),
  }
}

/** One field is wrong for a reason only the service can see (e.g. a department of another library). */
export const fieldProblem = (path: string, code: string, zh: string, en: string) =>
  new ProblemError('validation_failed', { errors: [{ path, code, message: { zh, en } }] })

/** A `cursor` query value that no page of the list could have given. */
export const invalidCursor = () =>
  fieldProblem('query.cursor', 'invalid_format', '翻页位置无效', 'Not a valid page position')
