import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { signIn as apiSignIn } from '../packages/server/src/test/server-process.ts'
import { DESK, type Journey, PHONE, poll, shoot, startJourney } from './browser.ts'

// A librarian finds a dead database link flagged, reads its history, calls another one a false
// alarm for two weeks, and re-checks a third, in Chinese and English. The vendors are a local server.

let journey: Journey
const vendor = http.createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://vendor').pathname
  const send = (status: number, title: string, body = '') =>
    res
      .writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`)
  if (path === '/gone') return send(404, '404 Not Found')
  if (path === '/members') return send(403, 'Forbidden', '<h1>Access denied</h1>')
  if (path === '/moved') return send(200, '提示', '<h2>抱歉，您访问的页面不存在</h2>')
  return send(200, '数据库首页', '<h1>文献检索</h1>')
})
const ids: Record<string, string> = {}

const api = async (cookie: string, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${journey.url}${path}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response.json()
}

beforeAll(async () => {
  await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}`
  journey = await startJourney()
  const cookie = await apiSignIn(journey.url, 'sjtu', 'L001')
  const me = await api(cookie, 'GET', '/api/me')
  for (const [key, nameZh, nameEn, path] of [
    ['gone', '测试失效数据库', 'Test dead database', '/gone'],
    ['members', '测试会员数据库', 'Test members-only database', '/members'],
    ['moved', '测试改版数据库', 'Test moved database', '/moved'],
  ] as const) {
    const created = await api(cookie, 'POST', '/api/resources', {
      nameZh,
      nameEn,
      kind: 'database',
      url: `${base}${path}`,
      ownerId: me.id,
    })
    ids[key] = created.id
    await api(cookie, 'POST', `/api/resources/${created.id}/status`, { status: 'published' })
  }
  // Three failures in a row flag the dead one; the others are checked once.
  for (let round = 0; round < 3; round += 1)
    await api(cookie, 'POST', `/api/resources/${ids.gone}/link-checks`)
  await api(cookie, 'POST', `/api/resources/${ids.members}/link-checks`)
  await api(cookie, 'POST', `/api/resources/${ids.moved}/link-checks`)
})

afterAll(async () => {
  await journey?.stop()
  await new Promise((resolve) => vendor.close(resolve))
})

const rowOf = (page: Page, key: string) =>
  page.getByTestId('link-checks-table').locator(`tr[data-resource-id="${ids[key]}"]`)

describe('a librarian checking links', () => {
  it('sees the flagged dead link and the soft 404, a 403 apart, and the history of one', async () => {
    const page = await journey.newPage(DESK)
    await journey.signIn(page, 'sjtu', 'L001')
    await page.waitForURL(/\/staff|\/$/)
    await page.goto(`${journey.url}/staff/resources/link-checks`)
    await poll(() => rowOf(page, 'gone').isVisible()).toBe(true)
    await poll(() => rowOf(page, 'gone').getByTestId('link-flagged').textContent()).toBe('已标记')
    await poll(() => rowOf(page, 'gone').textContent()).toContain('测试失效数据库')
    await poll(() => rowOf(page, 'moved').locator('[data-outcome]').getAttribute('data-outcome')).toBe(
      'soft_404',
    )
    await poll(() => rowOf(page, 'members').count()).toBe(0)
    await poll(() => page.getByTestId('link-check-run').isVisible()).toBe(true)
    await shoot(page, 'link-checks-01-broken-zh')

    await page.getByTestId('link-checks-tab-needs_person').click()
    await poll(() => rowOf(page, 'members').isVisible()).toBe(true)
    await poll(() => rowOf(page, 'members').textContent()).toContain('403')
    await shoot(page, 'link-checks-02-needs-person-zh')

    await page.getByTestId('link-checks-tab-broken').click()
    await poll(() => rowOf(page, 'gone').isVisible()).toBe(true)
    await rowOf(page, 'gone').getByTestId('link-history').click()
    const drawer = page.getByTestId('link-history-drawer')
    await poll(() => drawer.getByTestId('link-history-table').locator('tbody tr.ant-table-row').count()).toBe(
      3,
    )
    await poll(() => drawer.getByTestId('link-history-state').textContent()).toContain('3')
    await page.waitForTimeout(500) // the drawer slides in
    await shoot(page, 'link-checks-03-history-zh')
    await page.keyboard.press('Escape')
    await poll(() => drawer.isVisible()).toBe(false)
  })

  it('dismisses a false alarm for two weeks, re-checks another, and reads the page in English', async () => {
    const page = await journey.newPage(DESK)
    await journey.signIn(page, 'sjtu', 'L001')
    await page.waitForURL(/\/staff|\/$/)
    await page.goto(`${journey.url}/staff/resources/link-checks?view=broken`)
    await poll(() => rowOf(page, 'gone').isVisible()).toBe(true)

    await rowOf(page, 'gone').getByTestId('link-dismiss').click()
    await page.getByTestId('link-dismiss-days').fill('14')
    await page.getByTestId('link-dismiss-note').fill('供应商说明：平台迁移中')
    await page.waitForTimeout(300) // the dialog zooms in
    await shoot(page, 'link-checks-04-dismiss-zh')
    await page.getByTestId('link-dismiss-submit').click()
    await poll(() => rowOf(page, 'gone').count()).toBe(0)
    await page.getByTestId('link-checks-tab-dismissed').click()
    await poll(() => rowOf(page, 'gone').isVisible()).toBe(true)
    await poll(() => rowOf(page, 'gone').textContent()).toContain('平台迁移中')

    await page.getByTestId('link-checks-tab-broken').click()
    await poll(() => rowOf(page, 'moved').isVisible()).toBe(true)
    await rowOf(page, 'moved').getByTestId('link-recheck').click()
    await poll(() => page.locator('.ant-message').textContent()).toContain('已重新检查：软 404')

    await page.getByTestId('language-switch').first().click()
    await page.getByTestId('language-en').first().click()
    await poll(() => page.getByTestId('link-checks-tab-broken').textContent()).toBe('Broken')
    await poll(() => rowOf(page, 'moved').textContent()).toContain('Test moved database')
    await poll(() => rowOf(page, 'moved').textContent()).toContain('The page answers 200')
    await shoot(page, 'link-checks-05-broken-en')

    const phone = await journey.newPage(PHONE)
    await journey.signIn(phone, 'sjtu', 'L001')
    await phone.waitForURL(/\/staff|\/$/)
    await phone.goto(`${journey.url}/staff/resources/link-checks`)
    await poll(() => rowOf(phone, 'moved').isVisible()).toBe(true)
    await shoot(phone, 'link-checks-06-phone-zh')
  })

  it('shows another library’s librarian none of it', async () => {
    const page = await journey.newPage(DESK)
    await journey.signIn(page, 'fudan', 'L001')
    await page.waitForURL(/\/staff|\/$/)
    await page.goto(`${journey.url}/staff/resources/link-checks?view=recent`)
    await poll(() => page.getByTestId('empty-hint').isVisible()).toBe(true)
    await poll(() => page.getByTestId('link-checks-table').locator('tr[data-resource-id]').count()).toBe(0)
  })
})
