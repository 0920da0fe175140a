import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import pg from 'pg'
import { inject } from 'vitest'
import { type Database, openDatabase } from '../db/database.ts'

/** A database of this test file's own, already migrated; dropping it is part of close(). */
export const openTestDatabase = async (): Promise<Database> => {
  const url = process.env.DATABASE_URL
  const template = inject('postgresTemplate')
  if (url && template) {
    const name = `shuqiao_test_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database ${name} template ${template}`)
    const fileUrl = new URL(url)
    fileUrl.pathname = `/${name}`
    const database = await openDatabase({ databaseUrl: fileUrl.toString(), poolSize: 5 })
    return {
      ...database,
      close: async () => {
        await database.close()
        await admin.query(`drop database if exists ${name} with (force)`)
        await admin.end()
      },
    }
  }
  const dump = await readFile(inject('pgliteTemplatePath'))
  return openDatabase({ loadDataDir: new Blob([dump]) })
}
