import { createHash, randomBytes } from 'node:crypto'
import type { session } from '@shuqiao/contracts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from '../../config/config.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import { burnVerifyTime, hashPassword, verifyPassword } from './passwords.ts'
import { presentProfile, profileQuery } from './profile.query.ts'
import * as repo from './session.repository.ts'

export const SESSION_COOKIE = 'shuqiao_session'
const DAY_MS = 86_400_000
// Writing last_seen on every request would make each page view a write; ten minutes is
// precise enough for sliding expiry.
const TOUCH_EVERY_MS = 10 * 60_000
const THROTTLE_WINDOW_MS = 15 * 60_000
const MAX_FAILURES_PER_ACCOUNT = 5
const MAX_FAILURES_PER_IP = 30

export type Profile = session.Me

/** A signed-in request's caller together with what the portal shows about them. */
export interface Authenticated extends Caller {
  profile: Profile
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export interface SessionsDeps {
  db: Kysely<DB>
  config: Config
  now: () => Date
}

export const createSessionsService = ({ db, config, now }: SessionsDeps) => {
  const idleMs = config.SESSION_IDLE_DAYS * DAY_MS
  const maxMs = config.SESSION_MAX_DAYS * DAY_MS

  const setCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: Math.floor(maxMs / 1000),
    })

  const clearCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' })

  /** Finds the caller from the session cookie; an unknown or expired cookie is cleared. */
  const authenticate = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<Authenticated | undefined> => {
    const token = request.cookies[SESSION_COOKIE]
    if (!token) return undefined
    const sessionId = hashToken(token)
    const at = now()
    const row = await repo.findLiveSession(db, sessionId, at)
    if (!row) {
      clearCookie(reply)
      return undefined
    }
    if (at.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      const expiresAt = new Date(Math.min(row.session_created_at.getTime() + maxMs, at.getTime() + idleMs))
      await repo.touchSession(db, sessionId, at, expiresAt)
    }
    const profile = presentProfile(row, row.via)
    return {
      sessionId,
      accountId: row.id,
      consortiumId: row.consortium_id,
      libraryId: row.library_id,
      roles: new Set(row.roles),
      subjectDepartmentIds: row.subject_department_ids,
      language: row.language,
      via: row.via,
      profile,
    }
  }

  /** Opens a session for an account already proven, and sets the cookie. */
  const startSession = async (
    request: FastifyRequest,
    reply: FastifyReply,
    accountId: string,
    via: 'password' | 'oidc',
  ): Promise<Profile> => {
    const token = randomBytes(32).toString('base64url')
    const at = now()
    await repo.deleteExpiredSessions(db, at)
    await repo.insertSession(db, {
      id: hashToken(token),
      accountId,
      via,
      expiresAt: new Date(at.getTime() + Math.min(idleMs, maxMs)),
      userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
      ip: request.ip,
    })
    setCookie(request, reply, token)
    return presentProfile(await profileQuery(db).where('a.id', '=', accountId).executeTakeFirstOrThrow(), via)
  }

  const throttled = async (key: string, limit: number, at: Date) => {
    const { count, oldest } = await repo.countRecentFailures(
      db,
      key,
      new Date(at.getTime() - THROTTLE_WINDOW_MS),
    )
    if (count < limit || !oldest) return undefined
    return Math.max(1, Math.ceil((oldest.getTime() + THROTTLE_WINDOW_MS - at.getTime()) / 1000))
  }

  const tooMany = (retryAfterSeconds: number) =>
    new ProblemError('too_many_attempts', { headers: { 'Retry-After': String(retryAfterSeconds) } })

  /**
   * Password sign-in. Throttled per IP (30 failures in 15 minutes) and per account
   * (5 failures); a throttled account is refused before its password is even checked.
   */
  const signIn = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { libraryId?: string | undefined; readerNumber: string; password: string },
  ): Promise<Profile> => {
    const at = now()
    const ipKey = `ip:${request.ip}`
    const ipWait = await throttled(ipKey, MAX_FAILURES_PER_IP, at)
    if (ipWait) throw tooMany(ipWait)

    const matches = await repo.findAccountForSignIn(db, input.libraryId ?? null, input.readerNumber)
    const account = matches.length === 1 ? matches[0] : undefined
    if (!account?.password_hash) {
      await burnVerifyTime(input.password)
      await repo.recordFailures(db, [ipKey], at)
      throw new ProblemError('invalid_credentials')
    }
    const accountKey = `account:${account.id}`
    const accountWait = await throttled(accountKey, MAX_FAILURES_PER_ACCOUNT, at)
    if (accountWait) throw tooMany(accountWait)
    if (!(await verifyPassword(account.password_hash, input.password))) {
      await repo.recordFailures(db, [ipKey, accountKey], at)
      throw new ProblemError('invalid_credentials')
    }
    if (account.status !== 'active') throw new ProblemError('account_disabled')
    await repo.clearFailures(db, accountKey)
    return startSession(request, reply, account.id, 'password')
  }

  const signOut = async (request: FastifyRequest, reply: FastifyReply) => {
    const token = request.cookies[SESSION_COOKIE]
    if (token) await repo.deleteSession(db, hashToken(token))
    clearCookie(reply)
  }

  const signOutEverywhere = async (caller: Caller, reply: FastifyReply) => {
    await repo.deleteAccountSessions(db, caller.accountId)
    clearCookie(reply)
  }

  /** Changes the caller's own password and ends their other sessions. */
  const changePassword = async (caller: Caller, currentPassword: string, newPassword: string) => {
    const current = await repo.findPasswordHash(db, caller.accountId)
    if (!current || !(await verifyPassword(current, currentPassword))) {
      throw new ProblemError('wrong_password')
    }
    await repo.setPasswordHash(db, caller.accountId, await hashPassword(newPassword), now())
    await repo.deleteAccountSessions(db, caller.accountId, caller.sessionId)
  }

  return { authenticate, startSession, signIn, signOut, signOutEverywhere, changePassword }
}

export type SessionsService = ReturnType<typeof createSessionsService>
