import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DESK, fitsWidth, type Journey, PHONE, poll, shoot, startJourney } from './browser.ts'
import { recordAccessTest } from './resource-steps.ts'

let journey: Journey

beforeAll(async () => {
  journey = await startJourney()
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

/** Lets dialogs and drawers finish opening or closing, so a screenshot shows them as a person would. */
const settled = async (page: Page) => {
  await page.waitForTimeout(300)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  )
}

const openOption = (page: Page) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')

const NEW_DATABASE = '国家哲学社会科学文献中心'

// A small config.txt as libraries keep them: a stanza for a database the directory lacks, one
// for ScienceDirect (which it has, at the same address), and directives that are not stanzas.
const CONFIG = `# 图书馆代理服务器配置
Option ForceHTTPSLogin

Title ${NEW_DATABASE}
URL https://www.ncpssd.org/
HJ www.ncpssd.org
DJ ncpssd.org

Title ScienceDirect
URL https://www.sciencedirect.com
DJ sciencedirect.com

IncludeFile databases/cnki.txt
`

let guideCode = ''

describe('a librarian at a desk', () => {
  it('imports an EZproxy config after a preview, tests the new resource’s proxy route and publishes it', async () => {
    const page = await journey.newPage(DESK)
    await signIn(page, 'sjtu', 'L001')
    await page.goto(`${journey.url}/staff/resources`)
    await poll(() => page.getByTestId('resources-table').textContent()).toContain('中国知网')

    await page.getByTestId('ezproxy-open').click()
    await page
      .getByTestId('ezproxy-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'config.txt', mimeType: 'text/plain', buffer: Buffer.from(CONFIG) })
    await poll(() => page.getByTestId('ezproxy-preview').isVisible()).toBe(true)
    expect(
      await page
        .getByTestId('ezproxy-action')
        .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('data-action'))),
    ).toEqual(['create', 'update'])
    await poll(() => page.getByTestId('ezproxy-stanzas').textContent()).toContain('ScienceDirect 电子期刊')
    await poll(() => page.getByTestId('ezproxy-skipped').textContent()).toContain('IncludeFile')
    await poll(() => page.getByTestId('ezproxy-include-files').textContent()).toContain('databases/cnki.txt')
    await shoot(page, 'guides-01-ezproxy-preview-zh')

    await page.getByTestId('ezproxy-apply').click()
    await poll(() => page.getByTestId('ezproxy-applied').textContent()).toContain('新建 1 个草稿资源')
    await shoot(page, 'guides-02-ezproxy-applied-zh')
    await page.getByTestId('ezproxy-show-drafts').click()
    await page.waitForURL(/status=draft/)
    const row = page
      .getByTestId('resources-table')
      .locator('tr.ant-table-row')
      .filter({ hasText: NEW_DATABASE })
    await poll(() => row.getByTestId('resource-status').getAttribute('data-status')).toBe('draft')
    await poll(() => row.textContent()).toContain('代理')
    await shoot(page, 'guides-03-drafts-zh')

    // Into testing; publishing before the proxy route has passed a test says so, without blocking.
    await row.getByTestId('resource-action-testing').click()
    await page.getByTestId('confirm-ok').click()
    // It leaves the list of drafts once it is in testing.
    await poll(() => row.count()).toBe(0)
    await page.goto(`${journey.url}/staff/resources?status=testing`)
    await poll(() => row.getByTestId('resource-status').getAttribute('data-status')).toBe('testing')
    await row.getByTestId('resource-action-published').click()
    await poll(() => page.getByTestId('publish-untested').textContent()).toContain('代理')
    await settled(page)
    await shoot(page, 'guides-04-publish-untested-zh')
    await page.locator('.ant-modal-confirm .ant-btn').filter({ hasText: '取' }).click()
    await poll(() => page.getByTestId('confirm-ok').count()).toBe(0)

    await recordAccessTest(page, row, 'proxy', '校外经代理登录后可检索和下载全文')
    await poll(() => page.getByTestId('access-tests-hint').textContent()).toContain('都已测试通过')
    await page.locator('.ant-drawer-body').evaluate((body) => body.scrollTo(0, 0))
    await settled(page)
    await shoot(page, 'guides-05-access-test-zh')
    await page.locator('.ant-drawer-close').click()

    await row.getByTestId('resource-action-published').click()
    await poll(() => page.getByTestId('confirm-ok').isVisible()).toBe(true)
    await poll(() => page.getByTestId('publish-untested').count()).toBe(0)
    await page.getByTestId('confirm-ok').click()
    await poll(() => row.count()).toBe(0)
    await page.goto(`${journey.url}/staff/resources?q=${encodeURIComponent(NEW_DATABASE)}`)
    await poll(() => row.getByTestId('resource-status').getAttribute('data-status')).toBe('published')

    // The whole directory as a spreadsheet.
    await page.getByTestId('resources-export').click()
    const exported = page.waitForEvent('download')
    await page.getByTestId('resources-export-xlsx').click()
    expect((await exported).suggestedFilename()).toMatch(/\.xlsx$/)

    // And the monthly report, shaped like COUNTER's DR.
    await page.getByTestId('resources-tab-usage').click()
    await poll(() => page.getByTestId('usage-report').isVisible()).toBe(true)
    await shoot(page, 'guides-06-usage-report-zh')
    const report = page.waitForEvent('download')
    await page.getByTestId('usage-report-xlsx').click()
    expect((await report).suggestedFilename()).toMatch(/\.xlsx$/)
    await page.context().close()
  })

  it('builds a guide from two resources with notes, in order, and publishes it', async () => {
    const page = await journey.newPage(DESK)
    await signIn(page, 'sjtu', 'L001')
    await page.waitForURL(/\/staff/)
    await page.getByTestId('staff-menu').getByText('学科导航').click()
    await page.waitForURL(/\/staff\/resources\/guides$/)
    await poll(() => page.getByTestId('guides-table').isVisible()).toBe(true)

    await page.getByTestId('guide-add').click()
    await page.getByTestId('guide-form-title-zh').fill('社科文献检索入门')
    await page.getByTestId('guide-form-title-en').fill('Finding social science literature')
    await page.getByTestId('guide-form-discipline').click()
    await openOption(page).filter({ hasText: '法学' }).click()
    await page.getByTestId('guide-form-description-zh').fill('闭馆期间在家查找社科文献的几个入口。')

    const pick = async (typed: string, name: string) => {
      await page.getByTestId('guide-pick').click()
      await page.getByTestId('guide-pick').locator('input').fill(typed)
      const option = openOption(page).filter({ hasText: name })
      await poll(() => option.count()).toBe(1)
      await option.click()
    }
    await pick(NEW_DATABASE, NEW_DATABASE)
    await pick('知网', '中国知网')
    const items = page.getByTestId('guide-form-item')
    await poll(() => items.count()).toBe(2)
    // 知网 first: it needs no VPN.
    await items.nth(1).getByTestId('guide-item-up').click()
    await poll(() => items.first().getByTestId('guide-form-item-name').textContent()).toBe('中国知网')
    await items.nth(0).getByTestId('guide-item-note-zh').fill('用校园账号登录（CARSI），无需 VPN')
    await items
      .nth(0)
      .getByTestId('guide-item-note-en')
      .fill('Sign in with your campus account (CARSI), no VPN')
    await items.nth(1).getByTestId('guide-item-note-zh').fill('经图书馆代理服务器登录')
    await shoot(page, 'guides-07-guide-form-zh')
    await page.getByTestId('guide-form-submit').click()

    const row = page
      .getByTestId('guides-table')
      .locator('tr.ant-table-row')
      .filter({ hasText: '社科文献检索入门' })
    await poll(() => row.getByTestId('guide-status').getAttribute('data-status')).toBe('draft')
    await poll(() => row.getByTestId('guide-resources').textContent()).toBe('2')
    await row.getByTestId('guide-publish').click()
    await page.getByTestId('confirm-ok').click()
    // The dialog closes once the change is saved; the list is fetched again after that.
    await poll(() => page.getByTestId('confirm-ok').count()).toBe(0)
    await poll(() => row.getByTestId('guide-status').getAttribute('data-status')).toBe('published')
    guideCode = (await row.getByTestId('guide-address').textContent())!.replace('/g/', '')
    expect(guideCode).toMatch(/^[0-9a-z]{4,12}$/)
    await poll(() => page.getByTestId('confirm-ok').count()).toBe(0)
    await settled(page)
    await shoot(page, 'guides-08-staff-guides-zh')
    await page.context().close()
  })

  it('imports the library’s old resource list from a spreadsheet after a preview', async () => {
    const page = await journey.newPage(DESK)
    await signIn(page, 'sjtu', 'L001')
    await page.waitForURL(/\/staff/)
    await page.goto(`${journey.url}/staff/resources`)
    await page.getByTestId('list-import-open').click()
    const list = [
      '数据库名称,访问网址,类型,学科,访问方式',
      '读秀学术搜索,https://www.duxiu.com/,数据库,文学,代理',
      '中国知网,https://www.cnki.net/,数据库,,CARSI',
    ].join('\r\n')
    await page
      .getByTestId('list-import-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: '数据库导航.csv', mimeType: 'text/csv', buffer: Buffer.from(list) })
    await poll(() => page.getByTestId('list-import-preview').isVisible()).toBe(true)
    expect(
      await page.getByTestId('list-import-action').evaluateAll((tags) => tags.map((tag) => tag.textContent)),
    ).toEqual(['新建', '更新'])
    await shoot(page, 'guides-11-list-import-preview-zh')
    await page.getByTestId('list-import-apply').click()
    await poll(() => page.getByTestId('list-import-applied').textContent()).toContain('新建 1 个草稿资源')
    await page.getByTestId('list-import-show-drafts').click()
    await page.waitForURL(/status=draft/)
    await poll(() => page.getByTestId('resources-table').textContent()).toContain('读秀学术搜索')
    await page.close()
  })
})

describe('a reader on a phone', () => {
  it('opens the guide’s short address, sees its resources in order with notes, and keeps those without VPN', async () => {
    expect(guideCode).not.toBe('')
    const page = await journey.newPage(PHONE)
    const response = await page.goto(`${journey.url}/g/${guideCode.toUpperCase()}`)
    // The short address counts the visit and sends the reader on to the guide's page.
    expect(response?.request().redirectedFrom()?.url()).toBe(`${journey.url}/g/${guideCode.toUpperCase()}`)
    expect(new URL(page.url()).pathname).toBe(`/guides/${guideCode}`)
    await poll(() => page.getByTestId('guide-title').textContent()).toBe('社科文献检索入门')
    const names = () =>
      page.getByTestId('guide-item-name').evaluateAll((items) => items.map((item) => item.textContent))
    await poll(names).toEqual(['中国知网', NEW_DATABASE])
    const notes = page.getByTestId('guide-item-note')
    await poll(() => notes.first().textContent()).toContain('用校园账号登录（CARSI），无需 VPN')
    await poll(() => notes.nth(1).textContent()).toContain('经图书馆代理服务器登录')
    await poll(() => page.getByTestId('guide-item-routes').first().textContent()).toContain('CARSI')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'guides-09-guide-phone-zh')

    await page.getByTestId('guide-without-vpn').click()
    await page.waitForURL(/withoutVpn=true/)
    await poll(names).toEqual(['中国知网'])
    await poll(() => page.getByTestId('guide-count').textContent()).toContain('1')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'guides-10-without-vpn-phone-zh')

    await page.getByTestId('guide-share').click()
    await poll(() => page.getByTestId('guide-share-address').inputValue()).toBe(
      `${journey.url}/g/${guideCode}`,
    )
    await settled(page)
    await shoot(page, 'guides-11-share-phone-zh')
    await page.locator('.ant-modal-close').click()

    await switchLanguage(page, 'en')
    await poll(() => page.getByTestId('guide-title').textContent()).toBe('Finding social science literature')
    await poll(() => notes.first().textContent()).toContain(
      'Sign in with your campus account (CARSI), no VPN',
    )
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'guides-12-guide-phone-en')
    await switchLanguage(page, 'zh-CN')

    // The resource opens from the guide; the way back leads to the library's guides.
    await page.getByTestId('guide-item-name').first().click()
    await page.waitForURL(/\/resources\/[0-9a-f-]{36}/)
    await poll(() => page.getByTestId('resource-name').textContent()).toBe('中国知网')
    await page.goBack()
    await page.getByTestId('guide-back').click()
    await page.waitForURL(/\/guides\?library=sjtu$/)
    await poll(() => page.getByTestId('guides-item').count()).toBe(1)
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'guides-13-guides-phone-zh')
    // The directory leads back to the guides.
    await page.getByTestId('guides-directory').click()
    await poll(() => page.getByTestId('directory-item').count()).toBeGreaterThan(5)
    await poll(() => page.getByTestId('directory-guides').getAttribute('href')).toBe('/guides?library=sjtu')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'guides-14-directory-phone-zh')

    // An address that leads nowhere says so.
    await page.goto(`${journey.url}/guides/zzzzzz`)
    await poll(() => page.getByTestId('guide-not-found').isVisible()).toBe(true)
    await page.context().close()
  })

  it('counts the visit on the usage page, beside the clicks', async () => {
    const page = await journey.newPage(DESK)
    await signIn(page, 'sjtu', 'L001')
    await page.goto(`${journey.url}/staff/resources/usage`)
    const guide = page
      .getByTestId('usage-guides')
      .locator('tr.ant-table-row')
      .filter({ hasText: '社科文献检索入门' })
    await poll(() => guide.count()).toBe(1)
    await poll(() => guide.locator('td').last().textContent()).toBe('1')
    await shoot(page, 'guides-15-usage-visits-zh')
    await page.context().close()
  })
})
