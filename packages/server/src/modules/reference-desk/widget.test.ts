import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { queueId, setDuty } from './desk.fixtures.ts'

// A built web app of one page, so the app serves its pages as in production.
const webDist = mkdtempSync(join(tmpdir(), 'shuqiao-web-'))
writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>书桥</title>')

const t = useTestApp({ WEB_DIST_DIR: webDist })

const settings = (cookie: string, allowedOrigins?: unknown) =>
  t.request({
    method: allowedOrigins === undefined ? 'GET' : 'PUT',
    url: '/api/reference-desk/widget-settings',
    cookie,
    ...(allowedOrigins === undefined ? {} : { payload: { allowedOrigins } }),
  })

describe('the desk widget', () => {
  it('serves a small script any site may load', async () => {
    const script = await t.request({ method: 'GET', url: '/widget.js' })
    expect(script.statusCode).toBe(200)
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(script.headers['access-control-allow-origin']).toBe('*')
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(script.headers['cache-control']).toBe('public, max-age=3600')
    expect(script.body).toContain("getAttribute('data-library')")
    expect(script.body.length).toBeLessThan(6000)
  })

  it('tells any site whether the library’s desk, or one queue, is online', async () => {
    const state = async (path: string) => {
      const response = await t.request({ method: 'GET', url: `/api/reference-desk/widget/${path}` })
      return {
        status: response.statusCode,
        body: response.json(),
        cors: response.headers['access-control-allow-origin'],
      }
    }
    const offline = await state('sjtu')
    expect(offline).toMatchObject({
      status: 200,
      cors: '*',
      body: { online: false, library: { code: 'sjtu' } },
    })
    expect(offline.body.queues.map((queue: { code: string }) => queue.code)).toContain('reference')
    await setDuty(t, await t.as('librarian'), await queueId(t, 'reference'), true)
    expect((await state('sjtu')).body.online).toBe(true)
    expect((await state('sjtu?queue=reference')).body).toMatchObject({
      online: true,
      queues: [{ code: 'reference' }],
    })
    expect((await state('sjtu?queue=documents')).body.online).toBe(false)
    expect((await state('sjtu?queue=nothing')).status).toBe(404)
    expect((await state('nowhere')).status).toBe(404)
    // Another library's desk is its own.
    expect((await state('fudan')).body.online).toBe(false)
  })

  it('lets the library admin choose the sites that may frame the chat, and the chat page says so', async () => {
    const admin = await t.as('library_admin')
    const frameAncestors = async (url: string) =>
      (await t.request({ method: 'GET', url })).headers['content-security-policy']

    expect(await frameAncestors('/ask?library=sjtu')).toBe("frame-ancestors 'self'")
    expect((await settings(admin)).json()).toMatchObject({ libraryCode: 'sjtu', allowedOrigins: [] })
    expect((await settings(await t.as('librarian'))).statusCode).toBe(403)
    expect((await settings(await t.as('reader'), ['https://evil.example'])).statusCode).toBe(403)
    for (const bad of [
      'javascript:alert(1)',
      'https://lib.sjtu.edu.cn/home',
      '*',
      "https://a.cn 'unsafe-inline'",
    ]) {
      const refused = await settings(admin, [bad])
      expect(refused.statusCode, bad).toBe(400)
      expect(refused.json().errors[0].path).toBe('body.allowedOrigins.0')
    }
    expect(
      (
        await settings(
          admin,
          Array.from({ length: 11 }, (_, at) => `https://a${at}.cn`),
        )
      ).statusCode,
    ).toBe(400)

    const saved = await settings(admin, [
      'https://LIB.sjtu.edu.cn',
      'http://localhost:8080',
      'https://lib.sjtu.edu.cn',
    ])
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json().allowedOrigins).toEqual(['https://lib.sjtu.edu.cn', 'http://localhost:8080'])
    expect(await frameAncestors('/ask?library=sjtu&embed=1')).toBe(
      "frame-ancestors 'self' https://lib.sjtu.edu.cn http://localhost:8080",
    )
    expect(await frameAncestors('/faq?library=sjtu')).toContain('https://lib.sjtu.edu.cn')
    // Only the chat and FAQ of that library; other pages and libraries stay ours alone.
    expect(await frameAncestors('/ask?library=fudan')).toBe("frame-ancestors 'self'")
    expect(await frameAncestors('/staff?library=sjtu')).toBe("frame-ancestors 'self'")
    expect(await frameAncestors('/ask')).toBe("frame-ancestors 'self'")

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'reference_desk.widget.update')
      .execute()
    expect(audit).toHaveLength(1)
  })
})
