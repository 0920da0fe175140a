import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from './database.ts'
import { migrateToLatest } from './migrate.ts'
import { migrations } from './migrations/index.ts'

// The suite runs once on PGlite and once on a PostgreSQL server (DATABASE_URL); this file
// migrates an empty database on whichever engine this run uses.
describe('migrations', () => {
  it('apply in timestamp order to an empty database and are then up to date', async () => {
    const url = process.env.DATABASE_URL
    let database = await openDatabase({})
    let dropAfter: (() => Promise<void>) | undefined
    if (url) {
      await database.close()
      const name = `shuqiao_migrate_${process.pid}`
      const admin = await openDatabase({ databaseUrl: url, poolSize: 1 })
      await sql.raw(`drop database if exists ${name}`).execute(admin.db)
      await sql.raw(`create database ${name}`).execute(admin.db)
      const target = new URL(url)
      target.pathname = `/${name}`
      database = await openDatabase({ databaseUrl: target.toString(), poolSize: 1 })
      dropAfter = async () => {
        await sql.raw(`drop database ${name} with (force)`).execute(admin.db)
        await admin.close()
      }
    }
    try {
      const names = Object.keys(migrations)
      expect(names).toEqual([...names].sort())
      expect(names.every((name) => /^\d{14}_[a-z0-9_]+$/.test(name))).toBe(true)
      expect(await migrateToLatest(database.db as never)).toEqual(names)
      expect(await migrateToLatest(database.db as never)).toEqual([])
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public'`.execute(database.db)
      expect(tables.rows.map((row) => row.table_name)).toEqual(
        expect.arrayContaining(['accounts', 'audit_events', 'sessions']),
      )
    } finally {
      await database.close()
      await dropAfter?.()
    }
  })

  it('serialises concurrent transactions on PGlite', async () => {
    const database = await openDatabase({})
    try {
      await sql`create table counter (n int not null)`.execute(database.db)
      await sql`insert into counter values (0)`.execute(database.db)
      // Read-then-write in each transaction: interleaving would lose increments.
      await Promise.all(
        Array.from({ length: 20 }, () =>
          database.db.transaction().execute(async (trx) => {
            const { rows } = await sql<{ n: number }>`select n from counter`.execute(trx)
            await new Promise((resolve) => setTimeout(resolve, 1))
            await sql`update counter set n = ${rows[0]!.n + 1}`.execute(trx)
          }),
        ),
      )
      const { rows } = await sql<{ n: number }>`select n from counter`.execute(database.db)
      expect(rows[0]!.n).toBe(20)
    } finally {
      await database.close()
    }
  })
})
