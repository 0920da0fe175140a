import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll } from 'vitest'
import { buildApp } from '../app.ts'
import { readConfig } from '../config/config.ts'
import { type AppContext, createContext } from '../context.ts'
import { DEMO_CONSORTIUM_ADMIN, DEMO_PASSWORD, type DemoWorld, seedDemo } from '../platform/demo/demo-seed.ts'
import { openEventBus } from '../platform/events/event-bus.ts'
import { openTestDatabase } from './test-database.ts'

export interface TestApp {
  app: FastifyInstance
  ctx: AppContext
  world: DemoWorld
  /** Signs in and returns the cookie header to send with later requests. */
  signIn(readerNumber: string, libraryCode?: string, password?: string): Promise<string>
  /** Signs in as the demo account holding `role` in the library with `libraryCode` (default sjtu). */
  as(role: DemoRole, libraryCode?: string): Promise<string>
  /** Forgets cached sign-ins, after a test ended sessions on purpose. */
  forgetSessions(): void
  request(options: InjectOptions & { cookie?: string }): Promise<LightMyRequestResponse>
}

export type DemoRole = 'reader' | 'librarian' | 'subject_librarian' | 'library_admin' | 'consortium_admin'

const DEMO_NUMBERS: Record<DemoRole, string> = {
  reader: '2020001',
  librarian: 'L001',
  subject_librarian: 'S001',
  library_admin: 'A001',
  consortium_admin: DEMO_CONSORTIUM_ADMIN,
}

/** A fresh migrated database with the demo consortium, and the app on it, for one test file. */
export const createTestApp = async (
  env: Record<string, string> = {},
): Promise<TestApp & { close(): Promise<void> }> => {
  const database = await openTestDatabase()
  const world = (await seedDemo(database.db))!
  // No daily link checks of the demo's real vendor sites from tests; a test may turn them on.
  const config = readConfig({ LOG_LEVEL: 'silent', LINK_CHECK_SCHEDULE: 'false', ...env })
  const events = await openEventBus(database)
  const ctx = createContext(config, database, events)
  const app = await buildApp(ctx)
  const libraryId = (code: string) => world.libraries.find((library) => library.code === code)!.id
  const cookies = new Map<string, string>()

  const request: TestApp['request'] = ({ cookie, headers, ...options }) =>
    app.inject({ ...options, headers: { ...headers, ...(cookie ? { cookie } : {}) } })

  const signIn: TestApp['signIn'] = async (readerNumber, libraryCode, password = DEMO_PASSWORD) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { readerNumber, password, ...(libraryCode ? { libraryId: libraryId(libraryCode) } : {}) },
    })
    if (response.statusCode !== 200) throw new Error(`sign-in failed for ${readerNumber}: ${response.body}`)
    const session = response.cookies.find((cookie) => cookie.name === 'shuqiao_session')!
    return `shuqiao_session=${session.value}`
  }

  const as: TestApp['as'] = async (role, libraryCode = 'sjtu') => {
    const key = `${role}@${libraryCode}`
    let cookie = cookies.get(key)
    if (!cookie) {
      cookie = await signIn(DEMO_NUMBERS[role], role === 'consortium_admin' ? undefined : libraryCode)
      cookies.set(key, cookie)
    }
    return cookie
  }

  return {
    app,
    ctx,
    world,
    signIn,
    as,
    forgetSessions: () => cookies.clear(),
    request,
    close: async () => {
      await app.close()
      await events.close()
      await database.close()
    },
  }
}

/** Registers a test app for the enclosing file; read it inside tests, not at import time. */
export const useTestApp = (env: Record<string, string> = {}) => {
  let current: (TestApp & { close(): Promise<void> }) | undefined
  beforeAll(async () => {
    current = await createTestApp(env)
  })
  afterAll(async () => {
    await current?.close()
  })
  return new Proxy({} as TestApp, {
    get: (_target, key) => {
      if (!current) throw new Error('test app used before beforeAll ran')
      return current[key as keyof TestApp]
    },
  })
}
