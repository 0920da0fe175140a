import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DESK, fitsWidth, type Journey, PHONE, poll, shoot, startJourney } from './browser.ts'

let journey: Journey

beforeAll(async () => {
  journey = await startJourney()
})

afterAll(async () => {
  await journey?.stop()
})

describe('operating phases', () => {
  it('an admin switches the library to 闭馆 after a preview, readers see it on the public board, and the admin undoes it', async () => {
    const admin = await journey.newPage(DESK)
    await journey.signIn(admin, 'sjtu', 'A001')
    await admin.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
    await admin.goto(`${journey.url}/staff/operations`)
    await poll(() => admin.getByTestId('phase-current').textContent()).toContain('有限开放（预约服务）')
    await shoot(admin, 'phases-01-book-zh')

    const closed = admin.locator('[data-testid="phase-column"][data-phase="闭馆（线上服务）"]').first()
    await closed.getByTestId('phase-switch').click()
    const effects = admin.getByTestId('phase-switch-effects')
    await poll(() => effects.isVisible()).toBe(true)
    const lines = await effects.locator('li').allTextContents()
    expect(lines).toContain('图书借还：预约办理 → 暂停')
    expect(lines).toContain('停止预约取书')
    expect(lines.some((line) => line.startsWith('免除罚款：'))).toBe(true)
    await shoot(admin, 'phases-02-preview-zh')
    await admin.getByTestId('phase-switch-confirm').click()
    await poll(() => admin.getByTestId('phase-current').textContent()).toContain('闭馆（线上服务）')

    // A reader, not signed in, on a phone.
    const reader = await journey.newPage(PHONE)
    await reader.goto(`${journey.url}/status/sjtu`)
    await poll(() => reader.getByTestId('board-phase').textContent()).toContain('闭馆（线上服务）')
    expect(
      await reader
        .locator('[data-testid="board-service"][data-service="lending"]')
        .getAttribute('data-status'),
    ).toBe('paused')
    expect(
      await reader
        .locator('[data-testid="board-service"][data-service="remote_access"]')
        .getAttribute('data-status'),
    ).toBe('online')
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'phases-03-board-phone-zh')

    // The switch is in the history; undoing it brings the library back.
    const latest = admin.locator('[data-testid="phase-history"] tr[data-undone="false"]').first()
    await latest.getByTestId('phase-undo').click()
    await admin.getByTestId('phase-undo-confirm').click()
    await poll(() => admin.getByTestId('phase-current').textContent()).toContain('有限开放（预约服务）')
    await poll(() => admin.locator('[data-testid="phase-history"] tr[data-undone="true"]').count()).toBe(1)
    await shoot(admin, 'phases-04-undone-zh')

    await reader.reload()
    await poll(() => reader.getByTestId('board-phase').textContent()).toContain('有限开放（预约服务）')
    expect(
      await reader
        .locator('[data-testid="board-service"][data-service="pickup"]')
        .getAttribute('data-status'),
    ).toBe('by_appointment')
  })
})
