import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, signIn, startServer } from '../../test/server-process.ts'

const url = process.env.DATABASE_URL

// Two server processes share one PostgreSQL database, as behind a load balancer. Only a
// PostgreSQL server can be shared, so this file runs in the PostgreSQL pass of the suite.
describe.runIf(url)('sessions across server processes', () => {
  const name = `shuqiao_two_${randomBytes(4).toString('hex')}`
  let admin: pg.Client
  let first: RunningServer
  let second: RunningServer

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database ${name}`)
    const shared = new URL(url!)
    shared.pathname = `/${name}`
    first = await startServer({ DATABASE_URL: shared.toString() })
    second = await startServer({ DATABASE_URL: shared.toString() })
  })

  afterAll(async () => {
    await first?.stop()
    await second?.stop()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  })

  const me = (server: RunningServer, cookie: string) => fetch(`${server.url}/api/me`, { headers: { cookie } })

  const eventually = async (check: () => Promise<boolean>) => {
    for (let attempt = 0; attempt < 40; attempt++) {
      if (await check()) return true
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return false
  }

  it('signs out everywhere at once, though the other process had the caller cached', async () => {
    const cookie = await signIn(first.url, 'sjtu', '2020001')
    expect((await me(second, cookie)).status).toBe(200)
    expect((await me(second, cookie)).status).toBe(200)
    const out = await fetch(`${first.url}/api/sessions`, { method: 'DELETE', headers: { cookie } })
    expect(out.status).toBe(204)
    expect(await eventually(async () => (await me(second, cookie)).status === 401)).toBe(true)
  })

  it('shows a language change made through one process in the other', async () => {
    const cookie = await signIn(first.url, 'fudan', 'L001')
    expect(((await (await me(second, cookie)).json()) as { language: string }).language).toBe('zh-CN')
    await fetch(`${first.url}/api/me`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'en' }),
    })
    const switched = await eventually(
      async () => ((await (await me(second, cookie)).json()) as { language: string }).language === 'en',
    )
    expect(switched).toBe(true)
  })
})
