import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { startLinkCheckSchedule } from './e-resources.jobs.ts'
import { createLinkCheckService } from './link-checks.service.ts'

const t = useTestApp()
const DAY = 86_400_000

/** A vendor site: answers by path, as the engine's own tests' server does. */
const html = (title: string, body = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`
const server = http.createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://local').pathname
  const send = (status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    res.end(body)
  }
  if (path.startsWith('/ok'))
    return send(200, html('数据库首页', '<h1>文献检索</h1><p>期刊、图书与学位论文。</p>'))
  if (path === '/404') return send(404, html('404 Not Found'))
  if (path === '/403') return send(403, html('Forbidden', '<h1>Access denied</h1>'))
  if (path === '/soft') return send(200, html('提示', '<h2>抱歉，您访问的页面不存在</h2>'))
  // A vendor's own wording, deep in a long page where the built-in phrases don't look.
  const longText =
    '<p>本平台收录期刊论文、会议论文与学位论文，提供全文检索、引文分析与个性化推荐服务。</p>'.repeat(20)
  if (path === '/withdrawn')
    return send(200, html('文章详情', `<h1>期刊文章</h1>${longText}<p>该篇文章已撤稿下架</p>`))
  if (path === '/members')
    return send(200, html('文章详情', `<h1>期刊文章</h1>${longText}<p>请使用机构账号登录后阅读全文</p>`))
  return send(500, html('Internal Server Error'))
})
let base = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // The demo's resources point at real vendor sites; here every one of them is the local server.
  await sql`update e_resources set url = ${base} || '/ok/' || id`.execute(t.ctx.db)
  await sql`update e_resource_routes set url = ${base} || '/ok/' || resource_id || '/' || kind where url is not null`.execute(
    t.ctx.db,
  )
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

const sjtu = () => t.world.libraries.find((library) => library.code === 'sjtu')!

const createPublished = async (nameZh: string, url: string, routes: unknown[] = []) => {
  const cookie = await t.as('librarian')
  const created = await t.request({
    method: 'POST',
    url: '/api/resources',
    cookie,
    payload: { nameZh, kind: 'database', url, ownerId: sjtu().accounts.librarian, routes },
  })
  expect(created.statusCode, created.body).toBe(201)
  const { id } = created.json() as { id: string }
  const published = await t.request({
    method: 'POST',
    url: `/api/resources/${id}/status`,
    cookie,
    payload: { status: 'published' },
  })
  expect(published.statusCode, published.body).toBe(200)
  return id
}

type Run = { id: string; status: string; ok: number; broken: number; flagged: number; resources: number }

/** Starts a run of the librarian's library through the API and waits for it to finish. */
const runLibrary = async (scope: 'all' | 'failing' = 'all'): Promise<Run> => {
  const cookie = await t.as('librarian')
  const started = await t.request({ method: 'POST', url: '/api/link-check-runs', cookie, payload: { scope } })
  expect(started.statusCode, started.body).toBe(202)
  const { id } = started.json() as Run
  for (;;) {
    const run = (await t.request({ method: 'GET', url: `/api/link-check-runs/${id}`, cookie })).json() as Run
    if (run.status !== 'running') return run
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const get = async (url: string, cookie?: string) => {
  const response = await t.request({ method: 'GET', url, cookie: cookie ?? (await t.as('librarian')) })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}
type Row = { resourceId: string; url: string; outcome: string; reason: string; statusCode: number | null }
const listed = async (query: string) => (await get(`/api/link-checks?${query}`)).items as Row[]
const historyOf = (resourceId: string) => get(`/api/resources/${resourceId}/link-checks?limit=200`)
const linkNotices = async () =>
  (
    (await get('/api/me/notices?limit=100')).items as { event: string; subject: string; body: string }[]
  ).filter((notice) => notice.event === 'e_resource.link_broken')

let broken = ''

describe('link checks', () => {
  it('flags a resource whose address answers 404 three times in a row, and tells its owner once', async () => {
    broken = await createPublished('失效的测试数据库', `${base}/404`)

    const first = await runLibrary()
    expect(first).toMatchObject({ status: 'done', broken: 1, flagged: 0 })
    // Every other published resource of the library opens.
    expect(first.ok).toBe(first.resources - 1)
    expect((await historyOf(broken)).state).toMatchObject({
      lastOutcome: 'broken',
      consecutiveFailures: 1,
      flaggedSince: null,
    })
    await runLibrary()
    expect((await historyOf(broken)).state).toMatchObject({ consecutiveFailures: 2, flaggedSince: null })
    expect(await linkNotices()).toEqual([])

    const third = await runLibrary()
    expect(third.flagged).toBe(1)
    const history = await historyOf(broken)
    expect(history.state.consecutiveFailures).toBe(3)
    expect(history.state.flaggedSince).not.toBeNull()
    expect(history.items).toHaveLength(3)
    expect(history.items[0]).toMatchObject({
      url: `${base}/404`,
      outcome: 'broken',
      reason: 'not_found',
      statusCode: 404,
    })

    const notices = await linkNotices()
    expect(notices).toHaveLength(1)
    expect(notices[0]!.subject).toBe('“失效的测试数据库”的链接已连续 3 次检查失败')
    expect(notices[0]!.body).toContain(`${base}/404`)

    const flagged = await listed('view=broken')
    expect(flagged[0]).toMatchObject({ resourceId: broken, outcome: 'broken', reason: 'not_found' })
    expect((await listed('view=broken&flagged=true')).map((row) => row.resourceId)).toEqual([broken])

    // Still failing: still flagged, and the owner is not told again. Only the failing are looked at.
    expect((await runLibrary('failing')).resources).toBe(1)
    expect((await historyOf(broken)).state.consecutiveFailures).toBe(4)
    expect(await linkNotices()).toHaveLength(1)
  })

  it('reports a 403 as needing a person, never counting it towards a flag', async () => {
    const forbidden = await createPublished('需登录的测试数据库', `${base}/403`)
    const cookie = await t.as('librarian')
    for (let round = 0; round < 3; round += 1) {
      const checked = await t.request({
        method: 'POST',
        url: `/api/resources/${forbidden}/link-checks`,
        cookie,
      })
      expect(checked.statusCode, checked.body).toBe(200)
      expect(checked.json().state).toMatchObject({
        lastOutcome: 'needs_person',
        consecutiveFailures: 0,
        flaggedSince: null,
      })
      expect(checked.json().items).toMatchObject([
        { outcome: 'needs_person', reason: 'forbidden', statusCode: 403 },
      ])
    }
    expect((await listed('view=needs_person')).map((row) => row.resourceId)).toContain(forbidden)
    expect((await listed('view=broken')).map((row) => row.resourceId)).not.toContain(forbidden)
    expect(await linkNotices()).toHaveLength(1)
  })

  it('checks the routes’ own addresses but never links through the proxy or WebVPN; a soft 404 is a failure', async () => {
    const id = await createPublished('多途径测试数据库', `${base}/ok/own`, [
      { kind: 'carsi', url: `${base}/soft` },
      {
        kind: 'proxy',
        url: 'https://ezproxy.lib.sjtu.example.edu.cn/login?qurl=https%3A%2F%2Fexample.org%2F',
      },
      { kind: 'webvpn', url: 'https://webvpn.sjtu.example.edu.cn/https/77726476706e69737468656265737421/' },
    ])
    const checked = await t.request({
      method: 'POST',
      url: `/api/resources/${id}/link-checks`,
      cookie: await t.as('subject_librarian'),
    })
    expect(checked.statusCode, checked.body).toBe(200)
    const { state, items } = checked.json() as {
      state: { lastOutcome: string; consecutiveFailures: number }
      items: Row[]
    }
    expect(items.map((item) => [item.url, item.outcome]).sort()).toEqual([
      [`${base}/ok/own`, 'ok'],
      [`${base}/soft`, 'soft_404'],
    ])
    expect(state).toMatchObject({ lastOutcome: 'soft_404', consecutiveFailures: 1 })
    expect((await listed('view=broken&q=多途径')).map((row) => row.url)).toEqual([`${base}/soft`])
  })

  it('reads the words a library gave a platform for its missing items and its sign-in page', async () => {
    const id = await createPublished('平台措辞测试库', `${base}/withdrawn`, [
      { kind: 'carsi', url: `${base}/members` },
    ])
    const librarian = await t.as('subject_librarian')
    const check = async () => {
      const checked = await t.request({
        method: 'POST',
        url: `/api/resources/${id}/link-checks`,
        cookie: librarian,
      })
      expect(checked.statusCode, checked.body).toBe(200)
      return (checked.json() as { items: Row[] }).items.map((item) => [item.url, item.outcome]).sort()
    }
    expect(await check()).toEqual([
      [`${base}/members`, 'ok'],
      [`${base}/withdrawn`, 'ok'],
    ])

    const admin = await t.as('library_admin')
    const platform = (payload: object) =>
      t.request({ method: 'PUT', url: '/api/access-platforms/local_vendor', cookie: admin, payload })
    const template = {
      name: '本地期刊平台',
      template: 'https://sso.vendor.example.com/login?entityID={enc:entityID}&target={enc:target}',
      confirmed: false,
      hosts: ['127.0.0.1'],
    }
    const tooShort = await platform({ ...template, soft404Phrases: ['撤'] })
    expect(tooShort.statusCode).toBe(400)
    expect(tooShort.json().errors[0]).toMatchObject({ path: 'body.soft404Phrases.0' })

    const saved = await platform({
      ...template,
      soft404Phrases: ['撤稿下架'],
      loginPhrases: ['机构账号登录'],
    })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({
      soft404Phrases: ['撤稿下架'],
      loginPhrases: ['机构账号登录'],
      custom: true,
    })
    expect(await check()).toEqual([
      [`${base}/members`, 'needs_person'],
      [`${base}/withdrawn`, 'soft_404'],
    ])
  })

  it('skips a dismissed false alarm until its recheck date, and audits the dismissal', async () => {
    const cookie = await t.as('librarian')
    const dismiss = (payload: object) =>
      t.request({ method: 'POST', url: `/api/resources/${broken}/link-checks/dismissal`, cookie, payload })
    expect((await dismiss({ days: 0 })).statusCode).toBe(400)
    expect((await dismiss({ days: 91 })).statusCode).toBe(400)
    const dismissed = await dismiss({ days: 3, note: '供应商维护中，周五恢复' })
    expect(dismissed.statusCode, dismissed.body).toBe(200)
    const state = dismissed.json()
    expect(state).toMatchObject({
      consecutiveFailures: 0,
      flaggedSince: null,
      dismissedNote: '供应商维护中，周五恢复',
    })
    const until = new Date(state.dismissedUntil).getTime()
    expect(Math.abs(until - (Date.now() + 3 * DAY))).toBeLessThan(60_000)

    expect((await listed('view=broken')).map((row) => row.resourceId)).not.toContain(broken)
    expect((await listed('view=dismissed')).map((row) => row.resourceId)).toEqual([broken])

    const checksBefore = (await historyOf(broken)).items.length
    await runLibrary()
    expect((await historyOf(broken)).items).toHaveLength(checksBefore)

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_id', 'after'])
      .where('action', '=', 'e_resource.link_alarm_dismissed')
      .where('entity_id', '=', broken)
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.actor_id).toBe(sjtu().accounts.librarian)
    expect(audit[0]!.after).toMatchObject({ dismissedNote: '供应商维护中，周五恢复', recheckAfterDays: 3 })

    // Four days on, the scheduled checks look at it again, counting from the start.
    const later = createLinkCheckService({ ...t.ctx, now: () => new Date(Date.now() + 4 * DAY) })
    try {
      await later.runLibrary(sjtu().id)
    } finally {
      await later.stop()
    }
    const after = await historyOf(broken)
    expect(after.items).toHaveLength(checksBefore + 1)
    expect(after.state).toMatchObject({ consecutiveFailures: 1, flaggedSince: null, dismissedUntil: null })
  })

  it('keeps one library’s checks from another library’s staff', async () => {
    const fudan = await t.as('librarian', 'fudan')
    const sjtuRun = (await get('/api/link-check-runs')).items[0].id as string
    const attempts: { method: 'GET' | 'POST'; url: string; payload?: object }[] = [
      { method: 'GET', url: `/api/resources/${broken}/link-checks` },
      { method: 'POST', url: `/api/resources/${broken}/link-checks` },
      { method: 'POST', url: `/api/resources/${broken}/link-checks/dismissal`, payload: { days: 7 } },
      { method: 'GET', url: `/api/link-check-runs/${sjtuRun}` },
    ]
    for (const { method, url, payload } of attempts) {
      const response = await t.request({ method, url, cookie: fudan, ...(payload ? { payload } : {}) })
      expect(response.statusCode, `${method} ${url}`).toBe(404)
    }
    const theirs = await get('/api/link-checks?view=recent&limit=200', fudan)
    expect(theirs.items).toEqual([])
    expect((await get('/api/link-check-runs', fudan)).items).toEqual([])
    expect(
      (await t.request({ method: 'GET', url: '/api/link-checks', cookie: await t.as('reader') })).statusCode,
    ).toBe(403)
  })

  it('pages through the most recent checks, newest first', async () => {
    const first = await get('/api/link-checks?view=recent&limit=5')
    expect(first.items).toHaveLength(5)
    const second = await get(
      `/api/link-checks?view=recent&limit=5&cursor=${encodeURIComponent(first.nextCursor)}`,
    )
    const times = [...first.items, ...second.items].map((row: { checkedAt: string }) => row.checkedAt)
    expect(times).toEqual([...times].sort().reverse())
    expect(new Set([...first.items, ...second.items].map((row: { id: string }) => row.id)).size).toBe(10)
    const bad = await t.request({
      method: 'GET',
      url: '/api/link-checks?view=recent&cursor=yesterday',
      cookie: await t.as('librarian'),
    })
    expect(bad.statusCode).toBe(400)
  })

  it('runs once a day for every library when switched on, and not at all when switched off', async () => {
    const scheduled = () =>
      t.ctx.db
        .selectFrom('e_resource_link_runs')
        .select(['library_id', 'status'])
        .where('trigger', '=', 'schedule')
        .execute()
    // This app was built with LINK_CHECK_SCHEDULE=false and has been ready all along.
    expect(await scheduled()).toEqual([])
    const warn = (error: unknown) => {
      throw error
    }
    const off = createLinkCheckService(t.ctx)
    const stopOff = startLinkCheckSchedule(
      { ...t.ctx, config: { ...t.ctx.config, LINK_CHECK_SCHEDULE: false } },
      off,
      warn,
    )
    await new Promise((resolve) => setTimeout(resolve, 100))
    stopOff()
    await off.stop()
    expect(await scheduled()).toEqual([])

    const on = createLinkCheckService(t.ctx)
    const stopOn = startLinkCheckSchedule(
      { ...t.ctx, config: { ...t.ctx.config, LINK_CHECK_SCHEDULE: true } },
      on,
      warn,
    )
    try {
      for (;;) {
        const runs = await scheduled()
        if (runs.length === t.world.libraries.length && runs.every((run) => run.status !== 'running')) break
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect((await scheduled()).map((run) => run.status)).toEqual(t.world.libraries.map(() => 'done'))
      // Another look within the day (another process, the next hourly tick) starts nothing.
      expect(await on.scheduledRun()).toEqual([])
    } finally {
      stopOn()
      await on.stop()
    }
    const fudan = await get('/api/link-check-runs', await t.as('librarian', 'fudan'))
    expect(fudan.items).toMatchObject([{ trigger: 'schedule', status: 'done', broken: 0 }])
  })
})
