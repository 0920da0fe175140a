import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DESK, fitsWidth, type Journey, PHONE, poll, shoot, startJourney } from './browser.ts'
import { recordAccessTest } from './resource-steps.ts'

let journey: Journey

beforeAll(async () => {
  // The last step moves the server's clock past a trial's end date.
  journey = await startJourney({ SHUQIAO_TEST_CLOCK: 'true' })
})

afterAll(async () => {
  await journey?.stop()
})

const signIn = async (page: Page, libraryCode: string, readerNumber: string) => {
  await journey.signIn(page, libraryCode, readerNumber)
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
}

const switchLanguage = async (page: Page, language: 'en' | 'zh-CN') => {
  await page.getByTestId('language-switch').first().click()
  await page.getByTestId(`language-${language}`).first().click()
}

const dayIn = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  )

const TRIAL = '牛津学术专著在线（限时免费）'

describe('a reader at home, on a phone', () => {
  it('finds 知网 in the directory, goes in through CARSI, and has the choice remembered', async () => {
    const page = await journey.newPage(PHONE)
    const context = page.context()
    await signIn(page, 'sjtu', '2020001')
    await poll(() => page.getByTestId('service-resources').isVisible()).toBe(true)
    expect(await fitsWidth(page)).toBe(true)

    await page.getByTestId('nav-resources').click()
    await page.waitForURL(/\/resources$/)
    await poll(() => page.getByTestId('directory-item').count()).toBeGreaterThan(5)
    await poll(() => page.getByTestId('directory-library-name').textContent()).toBe('上海交通大学图书馆')
    // Only the letters that have resources behind them.
    await poll(() => page.getByTestId('directory-letters').textContent()).toBe('全部ABESWZ')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'eres-01-directory-phone-zh')

    await page.getByTestId('directory-search').fill('知网')
    await page.waitForURL(/q=/)
    await poll(() => page.getByTestId('directory-item').first().textContent()).toContain('中国知网')
    const cnki = page.getByTestId('directory-item').first()
    await poll(() => cnki.getByTestId('directory-item-routes').textContent()).toBe('CARSIWebVPNVPN')
    await shoot(page, 'eres-02-search-phone-zh')
    // Pinyin finds it too.
    await page.getByTestId('directory-search').fill('zhiwang')
    await page.waitForURL(/q=zhiwang/)
    await poll(() => page.getByTestId('directory-item').first().textContent()).toContain('中国知网')

    await page.getByTestId('directory-item').first().click()
    await page.waitForURL(/\/resources\/[0-9a-f-]{36}$/)
    const resourceId = new URL(page.url()).pathname.split('/')[2]!
    const routes = page.getByTestId('access-route')
    await poll(() => routes.count()).toBe(3)
    expect(await routes.evaluateAll((items) => items.map((item) => item.getAttribute('data-route')))).toEqual(
      ['carsi', 'webvpn', 'vpn'],
    )
    await poll(() => routes.first().getByTestId('access-recommended').textContent()).toBe('推荐')
    await poll(() => routes.first().textContent()).toContain('无需 VPN')
    await poll(() => page.getByTestId('access-guide').getAttribute('href')).toBe(
      'https://lib.sjtu.example.edu.cn/vpn-guide',
    )
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'eres-03-resource-phone-zh')

    // The CARSI button goes through /go, which sends the reader on to CNKI's federated sign-in.
    const redirect = context.waitForEvent('response', (response) =>
      response.url().includes(`/go/${resourceId}`),
    )
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      page.getByTestId('access-go-carsi').click(),
    ])
    const go = await redirect
    expect(go.status()).toBe(302)
    expect(go.headers().location).toBe(
      'https://fsso.cnki.net/Shibboleth.sso/Login?entityID=https://idp.sjtu.example.edu.cn/idp/shibboleth&target=https://fsso.cnki.net/secure/default.aspx',
    )
    // The vendor's site itself is not loaded: there is no internet here.
    await popup.close()

    await page.getByTestId('access-remember').click()
    await poll(() => page.getByTestId('access-remember-box').textContent()).toContain('已记住')
    const cookie = (await context.cookies()).find((each) => each.name === 'shuqiao_route')
    expect(cookie?.value).toBe('carsi')
    expect(cookie?.sameSite).toBe('Lax')
    expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(360 * 86_400)
    await shoot(page, 'eres-04-remembered-phone-zh')
    // Next time the plain /go link goes straight to CARSI.
    const straight = await context.request.get(`${journey.url}/go/${resourceId}`, { maxRedirects: 0 })
    expect(straight.status()).toBe(302)
    expect(straight.headers().location).toMatch(/^https:\/\/fsso\.cnki\.net\//)

    // Forgotten again, /go shows the panel with the notice that the reader is off campus.
    await page.getByTestId('access-remember').click()
    await poll(async () => (await context.cookies()).some((each) => each.name === 'shuqiao_route')).toBe(
      false,
    )
    await page.goto(`${journey.url}/go/${resourceId}`)
    await page.waitForURL(/\?from=go$/)
    await poll(() => page.getByTestId('resource-from-go').textContent()).toContain(
      '您不在校园网内，请选择一种校外访问方式',
    )
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'eres-05-from-go-phone-zh')
    await page.getByTestId('access-remember').click()
    await poll(
      async () => (await context.cookies()).find((each) => each.name === 'shuqiao_route')?.value,
    ).toBe('carsi')

    await switchLanguage(page, 'en')
    await poll(() => page.getByTestId('resource-from-go').textContent()).toContain(
      'You are off campus: choose a way in',
    )
    await poll(() => routes.first().textContent()).toContain('Sign in with your campus account')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'eres-06-resource-phone-en')
    await switchLanguage(page, 'zh-CN')

    // An address that leads nowhere says so, with the way back.
    await page.goto(`${journey.url}/resources/01890000-0000-7000-8000-000000000000`)
    await poll(() => page.getByTestId('resource-not-found').textContent()).toContain('这个资源不存在或已下线')
    await shoot(page, 'eres-07-not-found-phone-zh')
    await context.close()
  })

  it('turns pasted article addresses into links that work from home, as a teacher would', async () => {
    const page = await journey.newPage(PHONE)
    await signIn(page, 'sjtu', '2020001')
    await page.getByTestId('service-link-builder').click()
    await page.waitForURL(/\/link-builder$/)
    await page
      .getByTestId('link-builder-input')
      .fill(
        [
          'https://www.sciencedirect.com/science/article/pii/S0140673620301835',
          'javascript:alert(1)',
          'https://journals.example.org/a?b=1',
        ].join('\n'),
      )
    await page.getByTestId('link-builder-submit').click()
    await poll(() => page.getByTestId('link-builder-resource').first().textContent()).toBe(
      'ScienceDirect 电子期刊',
    )
    await poll(() => page.getByTestId('link-builder-problem').textContent()).toContain('不是 http(s) 网址')
    await poll(() => page.getByTestId('link-builder-link').first().textContent()).toContain(
      'https://auth.elsevier.com/ShibAuth/institutionLogin?entityID=',
    )
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'eres-08-link-builder-phone-zh')
    const download = page.waitForEvent('download')
    await page.getByTestId('link-builder-csv').click()
    expect((await download).suggestedFilename()).toBe('链接转换.csv')
    await page.context().close()
  })
})

describe('a librarian at a desk', () => {
  it('adds a trial with a free period, tests and publishes it; a reader finds it under 限时免费', async () => {
    const page = await journey.newPage(DESK)
    await signIn(page, 'sjtu', 'L001')
    await page.waitForURL(/\/staff/)
    await page.getByTestId('staff-menu').getByText('电子资源').click()
    await page.waitForURL(/\/staff\/resources$/)
    const table = page.getByTestId('resources-table')
    await poll(() => table.textContent()).toContain('中国知网')
    await shoot(page, 'eres-11-staff-list-zh')

    await page.getByTestId('resource-add').click()
    await page.getByTestId('resource-form-name-zh').fill(TRIAL)
    await page
      .getByTestId('resource-form-name-en')
      .fill('Oxford Scholarship Online (free for a limited time)')
    await page.getByTestId('resource-form-vendor').fill('Oxford University Press')
    await page.getByTestId('resource-form-kind').click()
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '电子书平台' })
      .click()
    await page.getByTestId('resource-form-url').fill('ftp://academic.oup.com/')
    await page.getByTestId('resource-form-free-from').fill(dayIn(0))
    await page.getByTestId('resource-form-free-from').press('Enter')
    await page.getByTestId('resource-form-free-until').fill(dayIn(30))
    await page.getByTestId('resource-form-free-until').press('Enter')
    await page.getByTestId('route-add').click()
    await page.getByTestId('route-add-open').click()
    await page.getByTestId('route-add').click()
    await page.getByTestId('route-add-proxy').click()
    // The proxy first: it is what the library recommends for this one.
    await page.getByTestId('route-editor-item').nth(1).getByTestId('route-up').click()
    await poll(() =>
      page
        .getByTestId('route-editor-item')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-route'))),
    ).toEqual(['proxy', 'open'])
    await page.getByTestId('resource-form-submit').click()
    // Checked before sending, as the server would: only http(s) addresses.
    await poll(() => page.getByTestId('resource-drawer').textContent()).toContain(
      '请填写以 http:// 或 https:// 开头的网址',
    )
    await shoot(page, 'eres-12-staff-form-error-zh')
    await page.getByTestId('resource-form-url').fill('https://academic.oup.com/')
    await page.getByTestId('resource-form-submit').click()
    const row = table.locator('tr.ant-table-row').filter({ hasText: TRIAL })
    await poll(() => row.getByTestId('resource-status').getAttribute('data-status')).toBe('draft')
    await poll(() => row.getByTestId('resource-free-period').textContent()).toContain(dayIn(30))
    await poll(() => row.textContent()).toContain('代理开放')

    await row.getByTestId('resource-action-testing').click()
    await page.getByTestId('confirm-ok').click()
    await poll(() => row.getByTestId('resource-status').getAttribute('data-status')).toBe('testing')
    // Tried from home through the proxy, then published.
    await recordAccessTest(page, row, 'proxy', '校外经代理可打开专著全文')
    await page.locator('.ant-drawer-close').click()
    await row.getByTestId('resource-action-published').click()
    await page.getByTestId('confirm-ok').click()
    await poll(() => row.getByTestId('resource-status').getAttribute('data-status')).toBe('published')
    await poll(() => page.getByTestId('confirm-ok').count()).toBe(0)
    await shoot(page, 'eres-13-staff-published-zh')

    // The clicks of the reader above are counted, per route.
    await page.getByTestId('resources-tab-usage').click()
    await page.waitForURL(/\/staff\/resources\/usage$/)
    const cnkiUsage = page
      .getByTestId('usage-table')
      .locator('tr.ant-table-row')
      .filter({ hasText: '中国知网' })
    await poll(() => cnkiUsage.count()).toBe(1)
    await poll(() => page.getByTestId('usage-table').locator('thead').textContent()).toContain('CARSI')
    await shoot(page, 'eres-14-staff-usage-zh')

    await page.getByTestId('resources-tab-settings').click()
    await page.waitForURL(/\/staff\/resources\/settings$/)
    await poll(() => page.getByTestId('settings-read-only').isVisible()).toBe(true)
    await poll(() => page.getByTestId('settings-proxy-host').inputValue()).toBe(
      'ezproxy.lib.sjtu.example.edu.cn',
    )
    await shoot(page, 'eres-15-staff-settings-librarian-zh')
    await page.context().close()

    const reader = await journey.newPage(PHONE)
    await signIn(reader, 'sjtu', '2020001')
    await reader.goto(`${journey.url}/resources`)
    await reader.getByTestId('directory-tab-free').click()
    await reader.waitForURL(/free=1/)
    // Only what is free for a limited time now: the trial and the publisher's offer from the demo.
    await poll(() => reader.getByTestId('directory-item').count()).toBe(2)
    const trial = reader.getByTestId('directory-item').filter({ hasText: TRIAL })
    await poll(() => trial.count()).toBe(1)
    await poll(() => trial.getByTestId('resource-free-until').textContent()).toContain(`免费至 ${dayIn(30)}`)
    await poll(() => reader.getByTestId('directory-list').textContent()).not.toContain('中国知网')
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'eres-16-reader-free-phone-zh')
    await trial.click()
    await poll(() => reader.getByTestId('access-route').first().getAttribute('data-route')).toBe('proxy')
    await poll(() => reader.getByTestId('resource-page').textContent()).toContain(
      `${dayIn(0)} 至 ${dayIn(30)}`,
    )
    await shoot(reader, 'eres-17-reader-trial-phone-zh')
    await reader.context().close()
  })

  it('the library admin changes the off-campus settings, with problems shown on the fields', async () => {
    const page = await journey.newPage(DESK)
    await signIn(page, 'sjtu', 'A001')
    await page.goto(`${journey.url}/staff/resources/settings`)
    await poll(() => page.getByTestId('settings-proxy-host').inputValue()).toBe(
      'ezproxy.lib.sjtu.example.edu.cn',
    )
    await poll(() => page.getByTestId('settings-read-only').count()).toBe(0)
    // 300.0.0.0/8 has the shape of a network, so only the server can tell it is none.
    await page.getByTestId('settings-campus-networks').fill('10.10.0.0/16\n300.0.0.0/8')
    await page.getByTestId('settings-save').click()
    await poll(() => page.getByTestId('access-settings-form').textContent()).toContain(
      '300.0.0.0/8 不是有效的网段',
    )
    await shoot(page, 'eres-18-admin-settings-error-zh')
    await page.getByTestId('settings-campus-networks').fill('10.10.0.0/16\n202.120.0.0/20')
    await page.getByTestId('settings-save').click()
    await poll(() => page.locator('.ant-message').textContent()).toContain('校外访问设置已保存')
    await page.context().close()
  })

  it('the library admin files under the library’s own disciplines, and readers pick from them', async () => {
    const page = await journey.newPage(DESK)
    await signIn(page, 'sjtu', 'A001')
    await page.goto(`${journey.url}/staff/resources/settings`)
    const list = page.getByTestId('discipline-list')
    await poll(() => list.getByTestId('discipline-list-kind').getAttribute('data-custom')).toBe('false')
    await poll(() => list.getByTestId('discipline-code').count()).toBe(14)
    await list.getByTestId('discipline-add').click()
    const added = list.getByTestId('discipline-code').nth(14)
    // An empty row is not sent: the cells say what is missing.
    await list.getByTestId('discipline-save').click()
    await poll(() => list.getByTestId('discipline-problem').count()).toBe(3)
    await added.fill('0812')
    await list.getByTestId('discipline-zh').nth(14).fill('计算机科学与技术')
    await list.getByTestId('discipline-en').nth(14).fill('Computer science and technology')
    // Up under 工学 (08), the ninth row.
    for (let times = 0; times < 6; times++)
      await list
        .getByTestId('discipline-up')
        .nth(14 - times)
        .click()
    await poll(() => list.getByTestId('discipline-code').nth(8).inputValue()).toBe('0812')
    await list.getByTestId('discipline-save').click()
    await poll(() => page.locator('.ant-message').textContent()).toContain('学科列表已保存')
    await poll(() => list.getByTestId('discipline-list-kind').getAttribute('data-custom')).toBe('true')
    await shoot(page, 'eres-19-admin-disciplines-zh')

    // 工学 has resources filed under it: the server says so, and nothing changes.
    await list.getByTestId('discipline-remove').nth(7).click()
    await list.getByTestId('discipline-save').click()
    await poll(() => list.getByTestId('discipline-error').textContent()).toContain('08 工学')
    await shoot(page, 'eres-20-admin-disciplines-in-use-zh')
    await list.getByTestId('discipline-discard').click()
    await poll(() => list.getByTestId('discipline-code').count()).toBe(15)
    await page.context().close()

    const reader = await journey.newPage(PHONE)
    await reader.goto(`${journey.url}/resources?library=sjtu`)
    await poll(() => reader.getByTestId('directory-item').count()).toBeGreaterThan(5)
    await reader.getByTestId('directory-subject').click()
    const option = reader
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '计算机科学与技术' })
    await poll(() => option.count()).toBe(1)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'eres-21-reader-disciplines-phone-zh')
    await option.click()
    await reader.waitForURL(/subject=0812/)
    await poll(() => reader.getByTestId('directory-clear').count()).toBe(1)
    await reader.context().close()

    // Back to the national categories.
    const admin = await journey.newPage(DESK)
    await signIn(admin, 'sjtu', 'A001')
    await admin.goto(`${journey.url}/staff/resources/settings`)
    await admin.getByTestId('discipline-reset').click()
    await admin.getByTestId('confirm-ok').click()
    await poll(() => admin.getByTestId('discipline-list-kind').getAttribute('data-custom')).toBe('false')
    await admin.context().close()
  })
})

describe('the day after the trial’s end date', () => {
  it('the trial has expired: readers no longer find it under 限时免费, and staff see it expired', async () => {
    const later = new Date(Date.now() + 31 * 86_400_000)
    await journey.moveClock(later)
    try {
      const reader = await journey.newPage(PHONE, later)
      await signIn(reader, 'sjtu', '2020001')
      const directory = async (query: string) => {
        await reader.goto(`${journey.url}/resources?${query}`)
        await poll(() => reader.getByTestId('directory-page').isVisible()).toBe(true)
        await poll(() => reader.getByTestId('page-loading').count()).toBe(0)
        return reader.getByTestId('directory-page').textContent()
      }
      expect(await directory('free=1')).not.toContain(TRIAL)
      expect(await directory(`q=${encodeURIComponent('牛津学术专著')}`)).toContain('没有找到')
      await shoot(reader, 'eres-22-reader-trial-gone-phone-zh')
      await reader.context().close()

      const page = await journey.newPage(DESK, later)
      await signIn(page, 'sjtu', 'L001')
      await page.goto(`${journey.url}/staff/resources?q=${encodeURIComponent('牛津学术专著')}`)
      const row = page.getByTestId('resources-table').locator('tr.ant-table-row').filter({ hasText: TRIAL })
      await poll(() => row.getByTestId('resource-status').getAttribute('data-status')).toBe('expired')
      await poll(() => row.getByTestId('resource-free-period').textContent()).toContain('已结束')
      await shoot(page, 'eres-23-staff-trial-expired-zh')
      await page.context().close()
    } finally {
      await journey.moveClock(new Date())
    }
  })
})
