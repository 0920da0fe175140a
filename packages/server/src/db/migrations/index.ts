import type { Migration } from 'kysely'
import * as platform from './20261125100000_platform.ts'

/** Every migration, keyed by its file name; the timestamp orders them. */
export const migrations: Record<string, Migration> = {
  '20261125100000_platform': platform,
}
