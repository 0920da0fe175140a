import type { Locator, Page } from 'playwright-core'
import { poll } from './browser.ts'

/**
 * In a staff resources table: opens the resource's drawer, records that the route works with a
 * note, and closes the drawer again.
 */
export const recordAccessTest = async (page: Page, row: Locator, route: string, note: string) => {
  await row.getByTestId('resource-edit').click()
  const test = page.locator(`[data-testid=access-test][data-route=${route}]`)
  await poll(() => test.getAttribute('data-result')).toBe('untested')
  await test.getByTestId('access-test-record').click()
  await page.getByTestId('access-test-works').click()
  await page.getByTestId('access-test-note').fill(note)
  await page.getByTestId('access-test-save').click()
  await poll(() => test.getAttribute('data-result')).toBe('works')
  await poll(() => test.textContent()).toContain(note)
  return test
}
