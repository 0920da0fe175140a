import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { expect, inject } from 'vitest'
import { type RunningServer, startServer } from '../packages/server/src/test/server-process.ts'

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

/**
 * The built web app served by a demo server on its own port and a copy of the run's demo data
 * folder (global-setup.ts), and a browser.
 * `env` goes to the server, e.g. `{ SHUQIAO_TEST_CLOCK: 'true' }` for a journey that moves its clock.
 */
export const startJourney = async (env: Record<string, string> = {}) => {
  const server: RunningServer = await startServer(env, { copyOf: inject('demoDataDir') })
  const browser = await launchBrowser()

  /** A page in a fresh context; `clockAt` starts the browser's clock there (with the server's moved clock). */
  const newPage = async (viewport: { width: number; height: number }, clockAt?: Date) => {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' })
    if (clockAt) await context.clock.install({ time: clockAt })
    const page = await context.newPage()
    page.on('pageerror', (error) => {
      throw error
    })
    return page
  }

  /** Fills the sign-in form; the caller waits for what should follow (home page or an error). */
  const signIn = async (page: Page, libraryCode: string, readerNumber: string, password = 'shuqiao2020') => {
    await page.goto(`${server.url}/sign-in`)
    await page.getByTestId('sign-in-library').click()
    await page.getByTestId(`sign-in-library-option-${libraryCode}`).click()
    await page.getByTestId('sign-in-reader-number').fill(readerNumber)
    await page.getByTestId('sign-in-password').fill(password)
    await page.getByTestId('sign-in-submit').click()
  }

  const stop = async () => {
    await browser.close()
    await server.stop()
  }

  return { url: server.url, newPage, signIn, moveClock: server.moveClock, stop }
}

export type Journey = Awaited<ReturnType<typeof startJourney>>

/** Like expect.poll, with room for a busy two-core machine (lazy chunks, PGlite, several browsers). */
export const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 200 })

/** True when nothing makes the page wider than the screen. */
/**
 * Whether the page fits the window's width without scrolling sideways, once its layout has
 * settled: after a resize the staff console's menu collapses on the next frames, so this waits
 * up to 5 s for the page to fit before saying it does not.
 */
export const fitsWidth = (page: Page) =>
  page
    .waitForFunction(() => document.documentElement.scrollWidth <= window.innerWidth, undefined, {
      timeout: 5_000,
      polling: 100,
    })
    .then(
      () => true,
      () => false,
    )
