import { createHash, randomBytes } from 'node:crypto'
import type { session } from '@shuqiao/contracts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from '../../config/config.ts'
import type { DB } from '../../db/schema.ts'
import type { Caller } from '../../http/caller.ts'
import { ProblemError } from '../../http/problem.ts'
import type { EventBus } from '../events/event-bus.ts'
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
// Every API call needs its caller. Keeping a signed-in caller for up to 30 s saves a database
// round trip per request; sign-out, password and role changes drop entries at once, in every
// process (LISTEN/NOTIFY), so the 30 s only bounds staleness if that message is lost.
const CACHE_TTL_MS = 30_000
const CACHE_MAX_ENTRIES = 20_000
const REVOKED_CHANNEL = 'shuqiao_session_revoked'

export type Profile = session.Me

/** A signed-in request's caller together with what the portal shows about them. */
export interface Authenticated extends Caller {
  profile: Profile
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export interface SessionsDeps {
  db: Kysely<DB>
  config: Config
  events: EventBus
  now: () => Date
}

export const createSessionsService = ({ db, config, events, now }: SessionsDeps) => {
  const idleMs = config.SESSION_IDLE_DAYS * DAY_MS
  const maxMs = config.SESSION_MAX_DAYS * DAY_MS
  const cache = new Map<string, { caller: Authenticated; loadedAt: number; expiresAt: number }>()

  const forgetLocally = (revoked: { sessionId?: string; accountId?: string }) => {
    if (revoked.sessionId) cache.delete(revoked.sessionId)
    if (revoked.accountId) {
      for (const [sessionId, entry] of cache)
        if (entry.caller.accountId === revoked.accountId) cache.delete(sessionId)
    }
  }
  events.subscribe(REVOKED_CHANNEL, (payload) => {
    try {
      forgetLocally(JSON.parse(payload) as { sessionId?: string; accountId?: string })
    } catch {}
  })
  // A sign-out announced while this process was not listening: trust nothing cached.
  events.whenMissed(() => cache.clear())

  /** Drops cached callers here and in every other process. */
  const revoke = async (revoked: { sessionId?: string; accountId?: string }) => {
    forgetLocally(revoked)
    await events.publish(REVOKED_CHANNEL, JSON.stringify(revoked))
  }

  const remember = (caller: Authenticated, loadedAt: number, expiresAt: number) => {
    if (cache.size >= CACHE_MAX_ENTRIES) {
      const oldest = cache.keys().next().value
      if (oldest !== undefined) cache.delete(oldest)
    }
    cache.set(caller.sessionId, { caller, loadedAt, expiresAt })
  }

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
    const cached = cache.get(sessionId)
    if (cached && at.getTime() - cached.loadedAt < CACHE_TTL_MS && at.getTime() < cached.expiresAt) {
      return cached.caller
    }
    const row = await repo.findLiveSession(db, sessionId, at)
    if (!row) {
      clearCookie(reply)
      return undefined
    }
    let expiresAt = row.expires_at
    if (at.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      expiresAt = new Date(Math.min(row.session_created_at.getTime() + maxMs, at.getTime() + idleMs))
      await repo.touchSession(db, sessionId, at, expiresAt)
    }
    const profile = presentProfile(row, row.via)
    const caller: Authenticated = {
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
    remember(caller, at.getTime(), expiresAt.getTime())
    return caller
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
      createdAt: at,
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
    if (token) {
      await repo.deleteSession(db, hashToken(token))
      await revoke({ sessionId: hashToken(token) })
    }
    clearCookie(reply)
  }

  const signOutEverywhere = async (caller: Caller, reply: FastifyReply) => {
    await repo.deleteAccountSessions(db, caller.accountId)
    await revoke({ accountId: caller.accountId })
    clearCookie(reply)
  }

  /** Changes the caller's own password and ends their other sessions. */
  const changePassword = async (caller: Caller, currentPassword: string, newPassword: string) => {
    const current = await repo.findPasswordHash(db, caller.accountId)
    if (!current || !(await verifyPassword(current, currentPassword))) {
      throw new ProblemError('wrong_password', {
        errors: [
          {
            path: 'body.currentPassword',
            code: 'wrong_password',
            message: { zh: '当前密码不正确', en: 'The current password is incorrect' },
          },
        ],
      })
    }
    await repo.setPasswordHash(db, caller.accountId, await hashPassword(newPassword), now())
    await repo.deleteAccountSessions(db, caller.accountId, caller.sessionId)
    await revoke({ accountId: caller.accountId })
  }

  /** Call after an account's roles, status, profile or sessions changed in the database. */
  const forgetAccount = (accountId: string) => revoke({ accountId })

  return { authenticate, startSession, signIn, signOut, signOutEverywhere, changePassword, forgetAccount }
}

export type SessionsService = ReturnType<typeof createSessionsService>
