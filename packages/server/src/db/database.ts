import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { PGliteDialect } from './pglite-dialect.ts'
import type { DB } from './schema.ts'

export type Engine = 'pglite' | 'postgres'

export interface Database {
  db: Kysely<DB>
  engine: Engine
  /** The server's address; undefined on PGlite. */
  url?: string
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>
  close(): Promise<void>
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined
  dataDir?: string
  poolSize?: number
  /** A PGlite data directory dump to start from (tests start from a migrated template). */
  loadDataDir?: Blob
}

// Dates (`date`) stay 'YYYY-MM-DD' strings: they are calendar days in a library's time zone,
// not instants. Counts (`bigint`) become numbers: ours never reach 2^53.
const PG_DATE = 1082
const PG_INT8 = 20

/** Opens the embedded PGlite database, or a PostgreSQL server when a URL is given. */
export const openDatabase = async (options: DatabaseOptions): Promise<Database> => {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10)
  return openPglite(options)
}

const openPostgres = async (url: string, poolSize: number): Promise<Database> => {
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === PG_DATE) return (value: string) => value
      if (oid === PG_INT8) return (value: string) => Number(value)
      return pg.types.getTypeParser(oid, format)
    },
  }
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types })
  // An idle connection can be cut (server restart, failover, an admin ending it); the pool drops
  // it and opens another on demand. Without a listener, Node would treat it as fatal.
  pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`))
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    engine: 'postgres',
    url,
    ping: () => ping(db),
    close: () => db.destroy(),
  }
}

const openPglite = async (options: DatabaseOptions): Promise<Database> => {
  const dataDir = options.loadDataDir ? undefined : options.dataDir
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { pg_trgm },
    parsers: { [PG_DATE]: (value: string) => value, [PG_INT8]: (value: string) => Number(value) },
  })
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) })
  return {
    db,
    engine: 'pglite',
    ping: () => ping(db),
    close: async () => {
      await db.destroy()
      await pglite.close()
    },
    ...{ pglite },
  }
}

const ping = async (db: Kysely<DB>) => {
  try {
    await sql`select 1`.execute(db)
    return true
  } catch {
    return false
  }
}
