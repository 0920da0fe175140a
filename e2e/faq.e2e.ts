import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fitsWidth, type Journey, PHONE, poll, shoot, startJourney } from './browser.ts'

let journey: Journey

beforeAll(async () => {
  journey = await startJourney()
})

afterAll(async () => {
  await journey?.stop()
})

describe('the reference desk FAQ on a reader’s phone', () => {
  it('a reader searches the FAQ, opens an answer, and finds the way to 在线咨询 when nothing matches', async () => {
    const page = await journey.newPage(PHONE)
    await journey.signIn(page, 'sjtu', '2020001')
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
    await page.goto(`${journey.url}/faq`)
    await page.getByTestId('faq-search').locator('input').fill('校外访问')
    const first = page.getByTestId('faq-question').first()
    await poll(() => first.textContent()).toBe('在校外如何访问图书馆购买的数据库？')
    await first.click()
    await poll(() => page.getByTestId('faq-answer').first().isVisible()).toBe(true)
    expect(await page.getByTestId('faq-answer').first().textContent()).toContain('CARSI')
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'faq-01-answer-phone-zh')

    await page.getByTestId('faq-search').locator('input').fill('量子纠缠')
    await poll(() => page.getByTestId('faq-empty').isVisible()).toBe(true)
    await page.getByTestId('faq-empty').getByRole('link').click()
    await page.waitForURL(/\/ask$/)
  })
})
