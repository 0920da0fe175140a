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

/** The text box of a field, whether the test id sits on the input or on its wrapper. */
const box = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first()

const focusedTestId = (page: Page) =>
  page.evaluate(
    () =>
      document.activeElement?.getAttribute('data-testid') ??
      document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid'),
  )

// Copies on the shelf in the demo library 上海交通大学图书馆.
const FIRST = 'SJTU1000013' // JavaScript高级程序设计（第3版）
const SECOND = 'SJTU1000023' // 算法导论（原书第3版）

describe('contactless circulation, first slice', () => {
  it('a librarian lends two books by barcode; the reader renews one on the phone and sees the other’s due date', async () => {
    const desk = await journey.newPage(DESK)
    await signIn(desk, 'sjtu', 'L001')
    await desk.waitForURL(/\/staff/)
    await desk.getByTestId('staff-menu').getByText('流通').click()
    await desk.waitForURL(/\/staff\/circulation$/)
    await poll(() => focusedTestId(desk)).toBe('desk-reader')

    // The reader's card, then each book: Enter submits, as a scanner sends it.
    await box(desk, 'desk-reader').fill('2020001')
    await box(desk, 'desk-reader').press('Enter')
    await poll(() => desk.getByTestId('desk-reader-name').textContent()).toBe('李明')
    await poll(() => focusedTestId(desk)).toBe('desk-barcode')
    await shoot(desk, 'circulation-01-desk-reader-zh')

    await desk.keyboard.type(FIRST)
    await desk.keyboard.press('Enter')
    // The box empties and keeps the cursor, so the next book is scanned straight away.
    await poll(() => box(desk, 'desk-barcode').inputValue()).toBe('')
    expect(await focusedTestId(desk)).toBe('desk-barcode')
    await desk.keyboard.type(SECOND)
    await desk.keyboard.press('Enter')
    await desk.keyboard.type('SJTU9999999')
    await desk.keyboard.press('Enter')

    const result = (barcode: string) => desk.locator(`[data-testid="desk-result"][data-barcode="${barcode}"]`)
    await poll(() => result(FIRST).getAttribute('data-outcome')).toBe('ok')
    await poll(() => result(SECOND).getAttribute('data-outcome')).toBe('ok')
    await poll(() => result('SJTU9999999').getAttribute('data-outcome')).toBe('refused')
    expect(await result('SJTU9999999').textContent()).toContain('本馆没有条码为 SJTU9999999 的馆藏')
    const dueOf = async (barcode: string) =>
      /应还日期 (\d{4}-\d\d-\d\d)/.exec((await result(barcode).textContent()) ?? '')?.[1]
    const firstDue = await dueOf(FIRST)
    const secondDue = await dueOf(SECOND)
    expect(firstDue).toMatch(/^\d{4}-\d\d-\d\d$/)
    expect(secondDue).toBe(firstDue)
    const panelLoans = desk.getByTestId('desk-reader-loans')
    await poll(() => panelLoans.locator(`[data-barcode="${FIRST}"]`).count()).toBe(1)
    await poll(() => panelLoans.locator(`[data-barcode="${SECOND}"]`).count()).toBe(1)
    await shoot(desk, 'circulation-02-desk-lent-zh')

    // The loans list finds both by the reader's number.
    await desk.getByTestId('circulation-tab-loans').click()
    await desk.waitForURL(/\/staff\/circulation\/loans/)
    await box(desk, 'loans-filter-reader').fill('2020001')
    await box(desk, 'loans-filter-reader').press('Enter')
    await desk.waitForURL(/reader=2020001/)
    const rows = desk.getByTestId('loans-table').locator('tbody tr.ant-table-row')
    await poll(() => desk.getByTestId('loans-table').locator('.ant-spin-spinning').count()).toBe(0)
    await poll(() => rows.count()).toBe(4)
    expect(await rows.filter({ hasText: '2020001' }).count()).toBe(4)
    expect(await desk.getByTestId('loans-table').textContent()).toContain(FIRST)
    expect(await desk.getByTestId('loans-table').textContent()).toContain(SECOND)
    await shoot(desk, 'circulation-03-loans-zh')
    await desk.getByTestId('circulation-tab-rules').click()
    await poll(() =>
      desk.getByTestId('rules-table').locator('[data-rule="student/*"]').textContent(),
    ).toContain('30')
    await shoot(desk, 'circulation-04-rules-zh')
    await desk.context().close()

    const phone = await journey.newPage(PHONE)
    await signIn(phone, 'sjtu', '2020001')
    await phone.getByTestId('home-my-loans').click()
    await phone.waitForURL(/\/loans$/)
    const loan = (barcode: string) => phone.locator(`[data-testid="my-loan"][data-barcode="${barcode}"]`)
    await poll(() => loan(FIRST).getByTestId('loan-due').textContent()).toContain(firstDue!)
    // The demo reader also has a book three days overdue, marked as such.
    await poll(() => phone.locator('[data-testid="my-loan"][data-overdue="true"]').count()).toBeGreaterThan(0)
    expect(await fitsWidth(phone)).toBe(true)
    await shoot(phone, 'circulation-05-my-loans-phone-zh')

    await loan(FIRST).getByTestId('my-loan-renew').click()
    await poll(() => loan(FIRST).getByTestId('my-loan-renewed').textContent()).toContain('新的应还日期')
    const renewedTo = /(\d{4}-\d\d-\d\d)/.exec(
      (await loan(FIRST).getByTestId('my-loan-renewed').textContent()) ?? '',
    )?.[1]
    expect(renewedTo! > firstDue!).toBe(true)
    await poll(() => loan(FIRST).getByTestId('loan-due').textContent()).toContain(renewedTo!)
    // The other book keeps its due date.
    expect(await loan(SECOND).getByTestId('loan-due').textContent()).toContain(secondDue!)
    expect(await fitsWidth(phone)).toBe(true)
    await shoot(phone, 'circulation-06-renewed-phone-zh')

    // A second renewal is past the students' limit: the button says why.
    await loan(FIRST).getByTestId('my-loan-renew').click()
    await poll(() => loan(FIRST).getByTestId('my-loan-refused').textContent()).toContain(
      '已续借 1 次，最多可续借 1 次',
    )
    expect(await fitsWidth(phone)).toBe(true)
    await shoot(phone, 'circulation-07-refused-phone-zh')

    await switchLanguage(phone, 'en')
    await phone.reload()
    await poll(() => phone.getByTestId('my-loans-summary').textContent()).toContain('on loan')
    expect(await fitsWidth(phone)).toBe(true)
    await shoot(phone, 'circulation-08-my-loans-phone-en')
    await switchLanguage(phone, 'zh-CN')
    await phone.context().close()
  })

  it('a returned book rests in the quarantine tab until the librarian releases it to the shelf', async () => {
    const desk = await journey.newPage(DESK)
    await signIn(desk, 'sjtu', 'L001')
    await desk.goto(`${journey.url}/staff/circulation`)
    await desk.getByTestId('desk-mode').getByText('归还').click()
    await box(desk, 'desk-barcode').fill(SECOND)
    await box(desk, 'desk-barcode').press('Enter')
    const result = desk.locator(`[data-testid="desk-result"][data-barcode="${SECOND}"]`)
    await poll(() => result.getAttribute('data-outcome')).toBe('ok')
    expect(await result.textContent()).toContain('放入隔离')

    await desk.getByTestId('circulation-tab-quarantine').click()
    await desk.waitForURL(/\/staff\/circulation\/quarantine/)
    const row = desk.getByTestId('quarantine-table').locator(`tr[data-barcode="${SECOND}"]`)
    await poll(() => row.count()).toBe(1)
    expect(await row.getAttribute('data-due')).toBe('false')
    await shoot(desk, 'circulation-09-quarantine-zh')
    await row.getByTestId('quarantine-release').click()
    await poll(() => row.count()).toBe(0)
    await desk.context().close()
  })

  it('a librarian brings over the old system’s loans: a bad line stops the file, the sample goes in whole', async () => {
    const page = await journey.newPage(DESK)
    await signIn(page, 'sjtu', 'L001')
    await page.goto(`${journey.url}/staff/circulation/imports`)
    const upload = (name: string, text: string) =>
      page
        .getByTestId('circulation-import-upload')
        .locator('input[type=file]')
        .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })
    await upload(
      '在借清单.csv',
      '条码号,读者证号,借出日期,应还日期\r\nSJTU1000012,2020001,2026-11-01,2026-12-01\r\nSJTU1000042,9999999,2026-11-01,2026-12-01\r\n',
    )
    await page.waitForURL(/\/staff\/circulation\/imports\/[0-9a-f-]{36}$/)
    const blockedUrl = page.url()
    const bad = page.getByTestId('circulation-import-problems').locator('tr[data-line="3"]')
    await poll(() => bad.textContent()).toContain('本馆没有读者证号为 9999999 的读者')
    await poll(() => page.getByTestId('circulation-import-blocked').isVisible()).toBe(true)
    expect(await page.getByTestId('circulation-import-apply').isDisabled()).toBe(true)
    await shoot(page, 'circulation-11-import-blocked-zh')

    const sample = await page.evaluate(async () => (await fetch('/samples/circulation-loans.csv')).text())
    await page.getByTestId('import-back').click()
    await page.waitForURL(/\/staff\/circulation\/imports$/)
    await upload('circulation-loans.csv', sample)
    await page.waitForURL((url) => /imports\/[0-9a-f-]{36}$/.test(url.pathname) && url.href !== blockedUrl)
    await poll(() => page.getByTestId('circulation-import-count-errors').textContent()).toContain('0')
    await poll(() => page.getByTestId('circulation-import-sample').textContent()).toContain('SJTU1000071')
    await page.getByTestId('circulation-import-apply').click()
    await page.getByTestId('confirm-ok').click()
    await poll(() => page.getByTestId('circulation-import-result').textContent()).toContain('已导入 3 条')
    await poll(() => page.getByTestId('circulation-import-status').getAttribute('data-status')).toBe(
      'applied',
    )
    await shoot(page, 'circulation-12-import-applied-zh')
    await page.setViewportSize(PHONE)
    expect(await fitsWidth(page)).toBe(true)
    await page.context().close()
  })
})
