import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app.ts'

const t = useTestApp()

describe('platform endpoints', () => {
  it('describes every mounted route in the OpenAPI document, with who may call it', async () => {
    const response = await t.request({ method: 'GET', url: '/api/openapi.json' })
    expect(response.statusCode).toBe(200)
    const document = response.json()
    expect(document.openapi).toMatch(/^3\./)
    for (const route of t.ctx.routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}')
      const operation = document.paths[path]?.[route.method.toLowerCase()]
      expect(operation, `${route.method} ${path}`).toBeDefined()
      expect(operation.description).toMatch(/^Access: /)
    }
    expect(
      document.paths['/api/accounts'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('readerNumber')
  })

  it('serves browsable API docs', async () => {
    const response = await t.request({ method: 'GET', url: '/api/docs/' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/html')
  })

  it('reports health, readiness with the engine, and Prometheus metrics', async () => {
    expect((await t.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' })
    const ready = await t.request({ method: 'GET', url: '/readyz' })
    expect(ready.json()).toEqual({ status: 'ready', engine: t.ctx.database.engine })
    await t.request({ method: 'GET', url: '/api/libraries' })
    const metrics = await t.request({ method: 'GET', url: '/metrics' })
    expect(metrics.body).toMatch(
      /shuqiao_http_requests_total\{method="GET",route="\/api\/libraries",status="200"\} \d+/,
    )
    expect(metrics.body).toContain('process_cpu_seconds_total')
  })

  it('gives every response a request id, and keeps one the caller sent', async () => {
    const mine = await t.request({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'desk-42-abcdef' },
    })
    expect(mine.headers['x-request-id']).toBe('desk-42-abcdef')
    const generated = await t.request({ method: 'GET', url: '/healthz' })
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('asks for the same request again when the database gives up a transaction caught in a deadlock', async () => {
    // The library list, read through a view whose function fails as PostgreSQL does in a deadlock.
    await t.ctx.db.schema.alterTable('libraries').renameTo('libraries_moved').execute()
    await sql`create function deadlock_now() returns setof libraries_moved language plpgsql as $$
      begin raise exception 'deadlock detected' using errcode = '40P01'; end $$`.execute(t.ctx.db)
    await sql`create view libraries as select * from deadlock_now()`.execute(t.ctx.db)
    try {
      const response = await t.request({ method: 'GET', url: '/api/libraries' })
      expect(response.statusCode).toBe(503)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(response.headers['retry-after']).toBe('1')
      expect(response.json()).toMatchObject({
        code: 'try_again',
        detail: '这次办理与同一时刻的另一项操作冲突，没有生效，请再试一次。',
      })
    } finally {
      await sql`drop view libraries`.execute(t.ctx.db)
      await sql`drop function deadlock_now()`.execute(t.ctx.db)
      await t.ctx.db.schema.alterTable('libraries_moved').renameTo('libraries').execute()
    }
  })

  it('hides internals when something unexpected fails', async () => {
    await t.ctx.db.schema.alterTable('libraries').renameTo('libraries_moved').execute()
    try {
      const response = await t.request({ method: 'GET', url: '/api/libraries' })
      expect(response.statusCode).toBe(500)
      expect(response.json()).toMatchObject({ code: 'internal_error', detail: '服务器出错了，请稍后再试。' })
      expect(response.body).not.toMatch(/relation|does not exist|stack|at /)
    } finally {
      await t.ctx.db.schema.alterTable('libraries_moved').renameTo('libraries').execute()
    }
  })
})
