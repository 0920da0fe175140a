import type { RouteContract } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { Config } from './config/config.ts'
import type { Database } from './db/database.ts'
import type { DB } from './db/schema.ts'
import type { EventBus } from './platform/events/event-bus.ts'
import { createNoticeWorker, type NoticeWorker } from './platform/notifications/notices.ts'
import { createSessionsService, type SessionsService } from './platform/session/session.service.ts'

/** Everything a request handler may use; built once per process (or per test file). */
export interface AppContext {
  config: Config
  database: Database
  db: Kysely<DB>
  now: () => Date
  /** Runs the listener when a journey's test clock moves (never in production: see platform/clock). */
  whenClockMoves: (listener: () => Promise<unknown> | undefined) => () => void
  events: EventBus
  sessions: SessionsService
  /** Sends the notice outbox; started by `shuqiao serve`, stopped with the app. */
  notices: NoticeWorker
  /** Contracts mounted by buildApp, in order; the access-matrix test walks them. */
  routes: RouteContract[]
}

export const createContext = (
  config: Config,
  database: Database,
  events: EventBus,
  now: () => Date = () => new Date(),
  whenClockMoves: AppContext['whenClockMoves'] = () => () => {},
): AppContext => {
  const db = database.db
  return {
    config,
    database,
    db,
    now,
    whenClockMoves,
    events,
    sessions: createSessionsService({ db, config, events, now }),
    notices: createNoticeWorker({ db, events, now, config }),
    routes: [],
  }
}
