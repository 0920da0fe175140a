import type { Kysely } from 'kysely'

export const up = async (_db: Kysely<unknown>) => {}

export const down = async (_db: Kysely<unknown>) => {}
