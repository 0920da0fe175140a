import type { Language } from '@shuqiao/contracts'
import type { FastifyRequest } from 'fastify'
import { callerOf } from './caller.ts'

/** The reader's language: their account setting, else the switch they last used, else the browser. */
export const languageOf = (request: FastifyRequest): Language => {
  const caller = callerOf(request)
  if (caller) return caller.language
  const chosen = request.cookies?.lang
  if (chosen === 'en' || chosen === 'zh-CN') return chosen
  const accepted = request.headers['accept-language'] ?? ''
  const first = accepted.split(',')[0]?.trim().toLowerCase() ?? ''
  return first.startsWith('en') ? 'en' : 'zh-CN'
}
