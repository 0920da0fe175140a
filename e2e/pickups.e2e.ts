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

const signIn = async (page: Page, readerNumber: string) => {
  await journey.signIn(page, 'sjtu', readerNumber)
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
}

/** Finds a book in 馆藏检索 on the phone and asks for it, to be picked up at the lobby. */
const requestBook = async (reader: Page, title: string) => {
  await reader.goto(`${journey.url}/catalogue?q=${encodeURIComponent(title)}`)
  const card = reader.locator('[data-testid="reader-catalogue-item"]', { hasText: title }).first()
  await card.getByTestId('reader-catalogue-request').click()
  await reader.waitForURL(/\/pickups\?item=/)
  await reader.getByTestId('pickup-request-confirm').click()
  await reader.waitForURL((url) => url.pathname === '/pickups' && !url.search.includes('item='))
}

describe('borrowing by request and contactless pickup', () => {
  it('a reader asks for two books, staff pull them, the reader books a slot, and the desk hands them over by code', async () => {
    const reader = await journey.newPage(PHONE)
    await signIn(reader, '2020001')
    await requestBook(reader, '算法导论')
    await requestBook(reader, 'JavaScript高级程序设计')
    await poll(() => reader.getByTestId('my-borrow-line').count()).toBe(2)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'pickups-01-requested-phone-zh')

    // Staff pull both from the stacks, in shelf order.
    const desk = await journey.newPage(DESK)
    await signIn(desk, 'L001')
    await desk.goto(`${journey.url}/staff/circulation/pull-list`)
    const rows = desk.locator('[data-testid="pull-list-table"] tr[data-barcode]')
    await poll(() => rows.count()).toBe(2)
    await shoot(desk, 'pickups-02-pull-list-zh')
    for (let left = 2; left > 0; left--) {
      await rows.first().getByTestId('pull-found').click()
      await poll(() => rows.count()).toBe(left - 1)
    }

    // The reader is told to book a pickup, and picks the first free slot.
    await reader.goto(`${journey.url}/pickups`)
    await poll(() => reader.getByTestId('pickup-book').isVisible()).toBe(true)
    await reader.locator('[data-testid="pickup-slot"]:not([disabled])').first().click()
    const code = reader.getByTestId('my-pickup-code')
    await poll(() => code.isVisible()).toBe(true)
    const pickupCode = (await code.textContent())!.trim()
    expect(pickupCode).toMatch(/^[A-Z0-9]{6}$/)
    await poll(() => reader.getByTestId('my-pickup-qr').isVisible()).toBe(true)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'pickups-03-code-phone-zh')

    // At the pickup desk the code hands over both books as loans.
    await desk.goto(`${journey.url}/staff/circulation/pickups`)
    const codeBox = desk
      .locator('[data-testid="pickup-desk-code"] input, input[data-testid="pickup-desk-code"]')
      .first()
    await codeBox.fill(pickupCode.toLowerCase())
    await codeBox.press('Enter')
    await poll(() => desk.locator('.ant-message').textContent()).toContain('李明')
    await shoot(desk, 'pickups-04-handed-over-zh')

    await reader.goto(`${journey.url}/loans`)
    await poll(() => reader.getByTestId('my-loan').count()).toBe(4)
    const titles = await reader.getByTestId('my-loan-title').allTextContents()
    expect(titles.some((title) => title.includes('算法导论'))).toBe(true)
    expect(titles.some((title) => title.includes('JavaScript高级程序设计'))).toBe(true)
  })
})
