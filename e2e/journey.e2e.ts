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

const switchLanguage = async (page: Page, language: 'en' | 'zh-CN') => {
  await page.getByTestId('language-switch').first().click()
  await page.getByTestId(`language-${language}`).first().click()
}

describe('a reader on a phone', () => {
  it('signs in, sees the library’s opening days, and reads the account page in Chinese and English', async () => {
    const page = await journey.newPage(PHONE)
    await page.goto(`${journey.url}/`)
    await page.waitForURL(/\/sign-in/)
    await poll(() => page.getByTestId('sign-in-submit').isVisible()).toBe(true)
    await shoot(page, 'reader-01-sign-in-zh')
    expect(await fitsWidth(page)).toBe(true)

    await journey.signIn(page, 'sjtu', '2020001', 'wrong-password')
    await poll(() => page.getByTestId('sign-in-error').textContent()).toContain('学工号或密码不正确')
    await shoot(page, 'reader-02-sign-in-error-zh')

    await page.getByTestId('sign-in-password').fill('shuqiao2020')
    await page.getByTestId('sign-in-submit').click()
    await page.waitForURL(`${journey.url}/`)
    await poll(() => page.getByTestId('home-greeting').textContent()).toContain('李明')
    await poll(() => page.getByTestId('opening-days').isVisible()).toBe(true)
    await poll(() => page.getByTestId('home-library').textContent()).toContain('上海交通大学图书馆')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'reader-03-home-zh')

    await page.getByTestId('service-account').click()
    await page.waitForURL(/\/account$/)
    await poll(() => page.getByTestId('account-profile').textContent()).toContain('2020001')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'reader-04-account-zh')

    await switchLanguage(page, 'en')
    await poll(() => page.getByTestId('account-change-password').textContent()).toMatch(/password/i)
    await poll(() => page.getByTestId('account-profile').textContent()).toContain(
      'Shanghai Jiao Tong University Library',
    )
    await shoot(page, 'reader-05-account-en')

    // The choice is remembered on the account and in the browser.
    await page.reload()
    await poll(() => page.getByTestId('account-change-password').textContent()).toMatch(/password/i)
    await page.goto(`${journey.url}/`)
    await poll(() => page.getByTestId('home-greeting').textContent()).toMatch(/[A-Za-z]/)
    await shoot(page, 'reader-06-home-en')

    await page.goto(`${journey.url}/account`)
    await page.getByTestId('account-sign-out').click()
    await page.waitForURL(/\/sign-in/)
    const me = await page.evaluate(async () => (await fetch('/api/me')).status)
    expect(me).toBe(401)
    await page.context().close()
  })
})

describe('staff at a desk', () => {
  it('a librarian reaches the staff console, which reader-only pages do not show', async () => {
    const page = await journey.newPage(DESK)
    await journey.signIn(page, 'fudan', 'L001')
    await page.waitForURL(/\/staff/)
    await poll(() => page.getByTestId('staff-account-name').textContent()).toContain('赵敏')
    await poll(() => page.getByTestId('staff-overview').isVisible()).toBe(true)
    await shoot(page, 'staff-01-overview-librarian-zh')
    const menu = await page.getByTestId('staff-menu').textContent()
    expect(menu).not.toContain('审计')
    await page.context().close()
  })

  it('a library admin creates an account, finds it in the audit log, and switches to English', async () => {
    const page = await journey.newPage(DESK)
    await journey.signIn(page, 'sjtu', 'A001')
    await page.waitForURL(/\/staff/)
    await page.goto(`${journey.url}/staff/accounts`)
    await poll(() => page.getByTestId('accounts-table').textContent()).toContain('李明')
    await shoot(page, 'staff-02-accounts-zh')

    await page.getByTestId('account-create-open').click()
    await page.getByTestId('account-form-reader-number').fill('2026123')
    await page.getByTestId('account-form-name').fill('欧阳娜娜')
    await page.getByTestId('account-form-email').fill('ouyang@sjtu.example.edu.cn')
    await page.getByTestId('account-form-password').fill('first-password')
    await page.getByTestId('account-form-confirm').fill('first-password')
    await shoot(page, 'staff-03-account-create-zh')
    await page.getByTestId('account-form-submit').click()
    await poll(() => page.getByTestId('accounts-table').textContent()).toContain('欧阳娜娜')

    // A duplicate reader number is refused with the server's explanation.
    await page.getByTestId('account-create-open').click()
    await page.getByTestId('account-form-reader-number').fill('2026123')
    await page.getByTestId('account-form-name').fill('重复')
    await page.getByTestId('account-form-password').fill('first-password')
    await page.getByTestId('account-form-confirm').fill('first-password')
    await page.getByTestId('account-form-submit').click()
    await poll(() => page.locator('body').textContent()).toContain('该学工号在本馆已存在')
    await page.keyboard.press('Escape')

    await page.goto(`${journey.url}/staff/audit`)
    await poll(() => page.getByTestId('audit-table').textContent()).toContain('欧阳娜娜')
    await shoot(page, 'staff-04-audit-zh')

    await page.goto(`${journey.url}/staff/libraries?tab=calendar`)
    await poll(() => page.getByTestId('library-calendar').isVisible()).toBe(true)
    await shoot(page, 'staff-05-calendar-zh')

    await switchLanguage(page, 'en')
    await page.goto(`${journey.url}/staff/accounts`)
    await poll(() => page.getByTestId('staff-menu').textContent()).toMatch(/Accounts/)
    await shoot(page, 'staff-06-accounts-en')
    await page.context().close()
  })
})
