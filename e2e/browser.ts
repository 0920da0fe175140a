import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots')

/** Debian's Chromium, headless; never a browser downloaded by a test tool. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  })

export const PHONE = { width: 375, height: 812 }
export const DESK = { width: 1366, height: 860 }

/** Saves a full-page screenshot under e2e/screenshots/ for people to look at. */
export const shoot = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}
