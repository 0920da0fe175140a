import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string
    postgresTemplate: string
  }
}

/**
 * Migrates one template database per run. Each test file then starts from a copy:
 * a PGlite data-directory dump, or `CREATE DATABASE … TEMPLATE` on a PostgreSQL server.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL
  if (url) {
    const name = `shuqiao_template_${process.pid}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`drop database if exists ${name}`)
    await admin.query(`create database ${name}`)
    const templateUrl = new URL(url)
    templateUrl.pathname = `/${name}`
    const database = await openDatabase({ databaseUrl: templateUrl.toString(), poolSize: 1 })
    await migrateToLatest(database.db as never)
    await database.close()
    project.provide('postgresTemplate', name)
    project.provide('pgliteTemplatePath', '')
    return async () => {
      await admin.query(`drop database if exists ${name}`)
      await admin.end()
    }
  }
  const database = await openDatabase({})
  await migrateToLatest(database.db as never)
  const pglite = (database as unknown as { pglite: PGlite }).pglite
  const dump = await pglite.dumpDataDir('none')
  const path = join(tmpdir(), `shuqiao-template-${process.pid}.tar`)
  await writeFile(path, Buffer.from(await dump.arrayBuffer()))
  await database.close()
  project.provide('pgliteTemplatePath', path)
  project.provide('postgresTemplate', '')
}
