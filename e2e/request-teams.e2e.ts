import { afterAll, beforeAll, describe, it } from 'vitest'
import { DESK, type Journey, poll, shoot, startJourney } from './browser.ts'

let journey: Journey

beforeAll(async () => {
  journey = await startJourney()
})

afterAll(async () => {
  await journey?.stop()
})

describe('request teams', () => {
  it('a library admin adds a colleague to the interlibrary loan team', async () => {
    const admin = await journey.newPage(DESK)
    await journey.signIn(admin, 'fudan', 'A001')
    await admin.waitForURL(/\/staff/)
    await admin.goto(`${journey.url}/staff/requests/figures`)
    const members = admin.getByTestId('teams-members-interlibrary_loan')
    await poll(() => members.textContent()).toContain('赵敏')
    await members.click()
    await admin.locator('.ant-select-item-option').filter({ hasText: '周婷' }).click()
    await poll(() => admin.locator('.ant-message').textContent()).toContain('团队已保存')
    await admin.keyboard.press('Escape')
    await poll(() => members.textContent()).toContain('周婷')
    await admin.getByTestId('teams-panel').scrollIntoViewIfNeeded()
    await shoot(admin, 'teams-01-interlibrary-loan-team-zh')
    await admin.reload()
    await poll(() => admin.getByTestId('teams-members-interlibrary_loan').textContent()).toContain('周婷')
  })
})
