import { parseArgs } from 'node:util'
import { buildApp } from './app.ts'
import { type Config, readConfig } from './config/config.ts'
import { createContext } from './context.ts'
import { openDatabase } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { createConsortiumAdmin } from './platform/accounts/create-admin.ts'
import { listenForClockMoves } from './platform/clock/test-clock.ts'
import { demoAccountsTable, seedDemo, writeDemoFiles } from './platform/demo/demo-seed.ts'
import { openEventBus } from './platform/events/event-bus.ts'
import { filesDirOf } from './platform/files/files.storage.ts'

const USAGE = `Usage: shuqiao <command> [options]

Commands:
  serve [--demo]        migrate, then serve HTTP on $PORT (default 3000); --demo adds demo data to an empty database
  migrate               apply pending database migrations
  seed-demo             add the 上海市高校图书馆 demo consortium and accounts
  create-admin --reader-number <id> --name <name>
                        create a consortium administrator; the password is read from $SHUQIAO_ADMIN_PASSWORD

Configuration comes from environment variables; see README.md.`

const open = (config: Config) =>
  openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.SHUQIAO_DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  })

const serve = async (config: Config, demo: boolean) => {
  const database = await open(config)
  await migrateToLatest(database.db as never)
  if (demo && (await seedDemo(database.db, { roster: true }))) console.log(`\n${demoAccountsTable()}\n`)
  else if (demo) console.log(`\n${demoAccountsTable()}\n`)
  // The demo's files live beside the database, not in it; put them back if the folder was emptied.
  if (demo) await writeDemoFiles(filesDirOf(config))
  const events = await openEventBus(database)
  const clock = config.SHUQIAO_TEST_CLOCK ? listenForClockMoves() : undefined
  if (clock) console.warn('SHUQIAO_TEST_CLOCK is on: the parent process may move this server’s clock.')
  const ctx = createContext(config, database, events, clock?.now, clock?.whenMoved)
  const app = await buildApp(ctx)
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down')
    await ctx.notices.stop()
    await app.close()
    await events.close()
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
  const address = await app.listen({ port: config.PORT, host: config.HOST })
  if (config.NOTICE_WORKER) ctx.notices.start()
  const shown = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost')
  console.log(
    `书桥 Shuqiao is running on ${database.engine === 'pglite' ? `PGlite (${config.SHUQIAO_DATA_DIR})` : 'PostgreSQL'}`,
  )
  console.log(`  reader portal / 读者门户: ${shown}/`)
  console.log(`  staff console / 馆员工作台: ${shown}/staff`)
  console.log(`  API docs / 接口文档: ${shown}/api/docs`)
}

const main = async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      demo: { type: 'boolean', default: false },
      'reader-number': { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const command = positionals[0] ?? 'serve'
  if (values.help || command === 'help') {
    console.log(USAGE)
    return
  }
  const config = readConfig()
  switch (command) {
    case 'serve':
      return serve(config, values.demo ?? false)
    case 'migrate': {
      const database = await open(config)
      const applied = await migrateToLatest(database.db as never)
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.')
      return database.close()
    }
    case 'seed-demo': {
      const database = await open(config)
      await migrateToLatest(database.db as never)
      const world = await seedDemo(database.db, { roster: true })
      await writeDemoFiles(filesDirOf(config))
      console.log(world ? demoAccountsTable() : 'Demo data is already there.')
      return database.close()
    }
    case 'create-admin': {
      const password = process.env.SHUQIAO_ADMIN_PASSWORD
      const readerNumber = values['reader-number']
      if (!readerNumber || !values.name || !password) {
        throw new Error(
          'create-admin needs --reader-number, --name and $SHUQIAO_ADMIN_PASSWORD (8+ characters)',
        )
      }
      const database = await open(config)
      await migrateToLatest(database.db as never)
      try {
        await createConsortiumAdmin(database.db, { readerNumber, name: values.name, password })
        console.log(`Consortium administrator ${readerNumber} created; sign in choosing “联盟 / consortium”.`)
      } finally {
        await database.close()
      }
      return
    }
    default:
      console.error(`Unknown command: ${command}\n\n${USAGE}`)
      process.exitCode = 2
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
