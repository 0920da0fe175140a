import {
  FIELD_MESSAGES,
  type FieldProblem,
  type Language,
  PROBLEMS,
  type ProblemCode,
} from '@shuqiao/contracts'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { languageOf } from './language.ts'
import { ProblemError, problemBody } from './problem.ts'

export const sendProblem = (
  request: FastifyRequest,
  reply: FastifyReply,
  code: ProblemCode,
  extra: ProblemError['extra'] = {},
) => {
  const body = problemBody(code, languageOf(request), request.url.split('?')[0], extra)
  for (const [name, value] of Object.entries(extra.headers ?? {})) reply.header(name, value)
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body)
}

/**
 * Problems already written out, per language and path. One problem thrown to many callers at
 * once (a full slot's refusal in a rush of bookings) is serialized once, not once per caller.
 */
const written = new WeakMap<ProblemError, Map<string, string>>()

const sendProblemError = (request: FastifyRequest, reply: FastifyReply, error: ProblemError) => {
  const language = languageOf(request)
  const instance = request.url.split('?')[0]
  const key = `${language}|${instance}`
  let forms = written.get(error)
  let text = forms?.get(key)
  if (text === undefined) {
    text = JSON.stringify(problemBody(error.code, language, instance, error.extra))
    if (!forms) {
      forms = new Map()
      written.set(error, forms)
    }
    forms.set(key, text)
  }
  for (const [name, value] of Object.entries(error.extra.headers ?? {})) reply.header(name, value)
  return reply.code(PROBLEMS[error.code].status).type('application/problem+json; charset=utf-8').send(text)
}

const PLACES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
}

const fieldProblems = (error: FastifyError, language: Language): FieldProblem[] =>
  (error.validation ?? []).map((issue) => {
    const place = PLACES[error.validationContext ?? 'body'] ?? 'body'
    const field = issue.instancePath.replace(/^\//, '').replaceAll('/', '.')
    const missing = issue.keyword === 'invalid_type' && /received undefined/.test(issue.message ?? '')
    const code = missing
      ? 'required'
      : issue.keyword === 'custom'
        ? (issue.message ?? 'invalid')
        : issue.keyword
    const message = FIELD_MESSAGES[code] ?? FIELD_MESSAGES.invalid!
    return {
      path: field ? `${place}.${field}` : place,
      code,
      message: language === 'en' ? message.en : message.zh,
    }
  })

const CODE_BY_FASTIFY_ERROR: Record<string, ProblemCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
}

/** One place where every failure becomes application/problem+json; 5xx never shows internals. */
export const installErrorHandlers = (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) return sendProblemError(request, reply, error)
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(request, reply, 'validation_failed', {
        errors: fieldProblems(error, languageOf(request)),
      })
    }
    const mapped = error.code ? CODE_BY_FASTIFY_ERROR[error.code] : undefined
    if (mapped) return sendProblem(request, reply, mapped)
    if (error instanceof SyntaxError && error.statusCode === 400)
      return sendProblem(request, reply, 'malformed_json')
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, 'client error')
      const byStatus: Record<number, ProblemCode> = {
        404: 'not_found',
        413: 'body_too_large',
        415: 'unsupported_media_type',
        429: 'too_many_attempts',
      }
      return sendProblem(request, reply, byStatus[error.statusCode] ?? 'bad_request')
    }
    // PostgreSQL gave up one of two transactions that waited on each other (a deadlock, or a
    // serialization failure): nothing of it was written, and the same request again goes through.
    if (error.code === '40P01' || error.code === '40001') {
      request.log.warn({ err: error }, 'transaction given up by the database')
      return sendProblem(request, reply, 'try_again', { headers: { 'retry-after': '1' } })
    }
    request.log.error({ err: error }, 'request failed')
    return sendProblem(request, reply, 'internal_error')
  })
}
