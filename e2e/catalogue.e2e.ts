import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DESK, fitsWidth, type Journey, PHONE, poll, shoot, startJourney } from './browser.ts'

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

// A small export as 汇文 writes it, with one row (line 3) that has no barcode.
const EXPORT = [
  '条码号,题名,责任者,出版社,出版年,ISBN,索书号,馆藏地,文献类型,流通状态',
  'SJTU9000001,突发公共卫生事件应急管理,王明,上海交通大学出版社,2020,,R197.2/W36,主馆 社科书库（2楼）,中文图书,在架',
  ',线上教学实践指南,李华,华东师范大学出版社,2020,,G434/L52,主馆 社科书库（2楼）,中文图书,在架',
  'SJTU9000002,图书馆应急服务案例,张丽,国家图书馆出版社,2020,,G252/Z23,主馆 社科书库（2楼）,中文图书,借出',
].join('\r\n')

describe('a librarian imports the library system’s export', () => {
  it('uploads a CSV, sees the bad row by its line, applies the rest and finds a new book by a Chinese word', async () => {
    const page = await journey.newPage(DESK)
    await signIn(page, 'sjtu', 'L001')
    await page.waitForURL(/\/staff/)
    await page.getByTestId('staff-menu').getByText('馆藏').click()
    await page.waitForURL(/\/staff\/catalogue$/)
    await poll(() => page.getByTestId('catalogue-table').textContent()).toContain('机器学习')
    expect(
      await page.getByTestId('catalogue-table').locator('[data-status="on_loan"]').count(),
    ).toBeGreaterThan(0)
    await shoot(page, 'catalogue-01-staff-items-zh')

    await page.getByTestId('catalogue-import-open').click()
    await poll(() => page.getByTestId('import-upload').isVisible()).toBe(true)
    await shoot(page, 'catalogue-02-import-dialog-zh')
    // A file that is not the library system's export is explained in place, naming what is missing.
    await page
      .getByTestId('import-modal')
      .locator('input[type=file]')
      .setInputFiles({
        name: '价格表.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('书名,定价\n某书,10\n'),
      })
    await poll(() => page.getByTestId('import-error').textContent()).toContain('条码号')
    await poll(() => page.getByTestId('import-error').textContent()).toContain('找到的列：书名、定价')
    await shoot(page, 'catalogue-02-import-refused-zh')
    await page
      .getByTestId('import-modal')
      .locator('input[type=file]')
      .setInputFiles({ name: '新书清单.csv', mimeType: 'text/csv', buffer: Buffer.from(EXPORT) })

    await page.waitForURL(/\/staff\/catalogue\/imports\/[0-9a-f-]{36}$/)
    await poll(() => page.getByTestId('import-status').getAttribute('data-status')).toBe('previewed')
    await poll(() => page.getByTestId('import-count-rows').textContent()).toContain('3')
    await poll(() => page.getByTestId('import-count-valid').textContent()).toContain('2')
    await poll(() => page.getByTestId('import-count-errors').textContent()).toContain('1')
    const bad = page.getByTestId('import-problems').locator('tr[data-line="3"]')
    await poll(() => bad.textContent()).toContain('第 3 行')
    await poll(() => bad.textContent()).toContain('缺少条码号')
    await poll(() => bad.getAttribute('data-severity')).toBe('error')
    await poll(() => page.getByTestId('import-sample').textContent()).toContain('突发公共卫生事件应急管理')
    await poll(() => page.getByTestId('import-apply').textContent()).toContain('导入 2 条')
    await shoot(page, 'catalogue-03-preview-zh')

    await page.getByTestId('import-apply').click()
    await poll(() => page.getByTestId('confirm-ok').isVisible()).toBe(true)
    await shoot(page, 'catalogue-04-apply-confirm-zh')
    await page.getByTestId('confirm-ok').click()
    await poll(() => page.getByTestId('import-result').textContent()).toContain('新增 2 条')
    await poll(() => page.getByTestId('import-status').getAttribute('data-status')).toBe('applied')
    await poll(() => page.getByTestId('import-apply').count()).toBe(0)
    await shoot(page, 'catalogue-05-applied-zh')
    // Staff use desks, but a duty librarian may check an import on a phone: nothing should spill over.
    await page.setViewportSize(PHONE)
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'catalogue-05-applied-phone-zh')
    await page.setViewportSize(DESK)

    await page.goto(`${journey.url}/staff/catalogue`)
    await page.getByTestId('catalogue-search').locator('input').fill('应急管理')
    await page.getByTestId('catalogue-search').locator('input').press('Enter')
    await page.waitForURL(/q=/)
    await poll(() => page.getByTestId('catalogue-table').locator('tbody tr.ant-table-row').count()).toBe(1)
    await poll(() => page.getByTestId('catalogue-table').textContent()).toContain('SJTU9000001')
    await shoot(page, 'catalogue-06-found-zh')
    await page.setViewportSize(PHONE)
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'catalogue-06-found-phone-zh')
    await page.setViewportSize(DESK)

    await page.getByTestId('catalogue-tab-imports').click()
    const row = page.getByTestId('imports-table').locator('tbody tr').filter({ hasText: '新书清单.csv' })
    await poll(() => row.textContent()).toContain('已导入')
    await poll(() => row.textContent()).toContain('新增 2，更新 0')
    await shoot(page, 'catalogue-07-history-zh')

    await switchLanguage(page, 'en')
    await row.getByTestId('import-open').click()
    await poll(() => page.getByTestId('import-result').textContent()).toContain('2 added')
    await poll(() => page.getByTestId('import-problems').textContent()).toContain('is missing')
    await shoot(page, 'catalogue-08-applied-en')
    await switchLanguage(page, 'zh-CN')
    await page.context().close()
  })
})

describe('a reader on a phone', () => {
  it('searches the catalogue, then suggests a book the library has and is told so with its call number', async () => {
    const page = await journey.newPage(PHONE)
    await signIn(page, 'sjtu', '2020001')
    await poll(() => page.getByTestId('home-catalogue-search').isVisible()).toBe(true)
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'catalogue-11-home-zh')

    await page.getByTestId('nav-catalogue').click()
    await page.waitForURL(/\/catalogue$/)
    await poll(() => page.getByTestId('reader-catalogue-start').textContent()).toContain('上海交通大学图书馆')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'catalogue-11-catalogue-start-zh')
    await page.goto(`${journey.url}/`)

    await page.getByTestId('home-catalogue-search').locator('input').fill('机器学习')
    await page.getByTestId('home-catalogue-search').locator('input').press('Enter')
    await page.waitForURL(/\/catalogue\?q=/)
    const book = page.getByTestId('reader-catalogue-item').filter({ hasText: '机器学习' }).first()
    await poll(() => book.textContent()).toContain('TP181/Z77')
    await poll(() => book.textContent()).toContain('周志华')
    await poll(() => book.getByTestId('reader-catalogue-availability').textContent()).toBe('在架')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'catalogue-12-reader-results-zh')
    await switchLanguage(page, 'en')
    await poll(() => book.getByTestId('reader-catalogue-availability').textContent()).toBe('On shelf')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'catalogue-12-reader-results-en')
    await switchLanguage(page, 'zh-CN')
    await poll(() => book.getByTestId('reader-catalogue-availability').textContent()).toBe('在架')

    await page.getByTestId('reader-catalogue-search').locator('input').fill('量子场论导引')
    await page.getByTestId('reader-catalogue-search').locator('input').press('Enter')
    await poll(() => page.getByTestId('empty-hint').textContent()).toContain('量子场论导引')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'catalogue-13-reader-empty-zh')
    await page.getByTestId('reader-catalogue-suggest').click()
    await page.waitForURL(/\/services\/purchase_suggestion\/new/)
    await poll(() => page.getByTestId('request-field-title').inputValue()).toBe('量子场论导引')
    await poll(() => page.getByTestId('holdings-panel').getAttribute('data-matched')).toBe('none')
    await poll(() => page.getByTestId('holdings-title').textContent()).toBe('未找到馆藏')
    await shoot(page, 'catalogue-14-suggest-none-zh')

    await page.goto(`${journey.url}/services/purchase_suggestion/new`)
    await page.getByTestId('request-field-title').fill('机器学习')
    await page.getByTestId('request-field-isbn').fill('978-7-302-42328-7')
    await poll(() => page.getByTestId('holdings-panel').getAttribute('data-matched')).toBe('isbn')
    await poll(() => page.getByTestId('holdings-title').textContent()).toBe('本馆已有此书')
    const panel = (await page.getByTestId('holdings-panel').textContent()) ?? ''
    expect(panel).toContain('TP181/Z77')
    expect(panel).toContain('共 3 册')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'catalogue-15-suggest-held-zh')

    // The reader may still suggest it (a second copy, say); the librarian then sees the same.
    await page.getByTestId('request-field-reason').fill('课程指定教材，三册经常全部借出，希望增加复本。')
    await page.getByTestId('request-submit').click()
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/)
    const requestPath = new URL(page.url()).pathname
    await page.context().close()

    const staff = await journey.newPage(DESK)
    await signIn(staff, 'sjtu', 'L001')
    await staff.goto(`${journey.url}/staff${requestPath}`)
    await poll(() => staff.getByTestId('request-holdings').textContent()).toContain('本馆已有此书')
    expect(await staff.getByTestId('request-holdings').textContent()).toContain('TP181/Z77')
    await shoot(staff, 'catalogue-16-staff-request-zh')
    await staff.context().close()
  })
})

describe('the consortium admin', () => {
  it('picks a member library to search, and has no import to make', async () => {
    const page = await journey.newPage(DESK)
    await signIn(page, 'consortium', 'admin')
    await page.goto(`${journey.url}/staff/catalogue`)
    await poll(() =>
      page.getByTestId('catalogue-table').locator('tbody tr.ant-table-row').count(),
    ).toBeGreaterThan(0)
    await page.getByTestId('catalogue-library-picker').click()
    await page.locator('.ant-select-item-option').filter({ hasText: '同济大学图书馆' }).click()
    await page.waitForURL(/library=/)
    await poll(() => page.getByTestId('catalogue-table').textContent()).toContain('TONGJI')
    await poll(() => page.getByTestId('catalogue-table').textContent()).not.toMatch(/SJTU|FUDAN/)
    await poll(() => page.getByTestId('catalogue-import-open').count()).toBe(0)
    await poll(() => page.getByTestId('catalogue-tab-imports').count()).toBe(0)
    await shoot(page, 'catalogue-21-consortium-zh')
    await page.context().close()
  })
})
