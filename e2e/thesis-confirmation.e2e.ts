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

/** Calls the API from the signed-in page, as its own scripts would (same origin, same cookie). */
const api = (page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : null,
      })
      return response.json()
    },
    { method, path, body },
  )

describe('a graduate’s thesis confirmation, from approval to the graduate office’s check', () => {
  it('is returned, corrected and resubmitted on the phone, approved, and anyone can check its code', async () => {
    const reader = await journey.newPage(PHONE)
    await signIn(reader, 'tongji', '2020001')
    const created = await api(reader, 'POST', '/api/requests', {
      type: 'thesis_submission',
      form: { degree: 'master', title: '疫情期间高校图书馆服务研究', supervisor: '黄教授' },
    })
    const staff = await journey.newPage(DESK)
    await signIn(staff, 'tongji', 'L001')
    await api(staff, 'POST', `/api/requests/${created.id}/transitions`, { action: 'review' })
    await api(staff, 'POST', `/api/requests/${created.id}/transitions`, {
      action: 'return',
      note: '论文题目与授权书上的不一致，请更正',
    })

    // The graduate corrects the title in the form, filled in as it stood, and resubmits.
    await reader.goto(`${journey.url}/requests/${created.id}`)
    await reader.getByTestId('request-action-resubmit').click()
    await poll(() => reader.getByTestId('request-correct-reason').textContent()).toContain('请更正')
    const title = reader.getByTestId('request-field-title')
    await poll(() => title.inputValue()).toBe('疫情期间高校图书馆服务研究')
    await title.fill('')
    await reader.getByTestId('request-correct-submit').click()
    await poll(() => reader.getByTestId('request-correct-form').textContent()).toContain('必填')
    await title.fill('疫情期间高校图书馆远程服务研究')
    await reader.getByTestId('request-correct-note').fill('已更正题目')
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'confirmation-00-correct-and-resubmit-zh')
    await reader.getByTestId('request-correct-submit').click()
    await poll(() => reader.getByTestId('request-status').textContent()).toBe('已提交')
    await poll(() => reader.getByTestId('timeline-changes').textContent()).toContain(
      '疫情期间高校图书馆远程服务研究',
    )

    // The librarian sees what changed, highlighted, then approves.
    await staff.goto(`${journey.url}/staff/requests/${created.id}`)
    const changed = staff.getByTestId('request-value-changed')
    await poll(() => changed.getAttribute('data-field')).toBe('title')
    await poll(() => changed.textContent()).toContain('疫情期间高校图书馆服务研究')
    expect(await staff.getByTestId('request-corrected').textContent()).toContain('1')
    await shoot(staff, 'confirmation-00-staff-sees-correction-zh')
    const approved = await api(staff, 'POST', `/api/requests/${created.id}/transitions`, {
      action: 'approve',
    })
    expect(approved.status).toBe('approved')
    await staff.context().close()

    await reader.goto(`${journey.url}/requests/${created.id}`)
    await poll(() => reader.getByTestId('request-confirmation-ready').textContent()).toContain(
      '学位论文提交确认单',
    )
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'confirmation-01-request-approved-zh')
    await reader.getByTestId('request-confirmation').click()
    await reader.waitForURL(/\/confirmation$/)
    await poll(() => reader.getByTestId('confirmation').textContent()).toContain(
      '疫情期间高校图书馆远程服务研究',
    )
    const code = ((await reader.getByTestId('confirmation-code').textContent()) ?? '').trim()
    expect(code).toBe(approved.confirmation.code)
    await poll(() => reader.getByTestId('confirmation').textContent()).toContain('吴杰')
    await poll(() => reader.locator('.sq-confirmation-qr svg').count()).toBe(1)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'confirmation-02-confirmation-zh')
    await reader.context().close()

    // The graduate office's clerk, not signed in, types the code in lower case without dashes.
    const clerk = await journey.newPage(PHONE)
    await clerk.goto(`${journey.url}/verify`)
    await clerk.getByTestId('verify-code').fill(code.replaceAll('-', '').toLowerCase())
    await clerk.getByTestId('verify-submit').click()
    await poll(() => clerk.getByTestId('verify-result').textContent()).toContain('有效的学位论文提交确认单')
    const result = (await clerk.getByTestId('verify-result').textContent()) ?? ''
    expect(result).toContain('吴*')
    expect(result).toContain('同济大学图书馆')
    expect(result).not.toContain('吴杰')
    expect(await fitsWidth(clerk)).toBe(true)
    await shoot(clerk, 'confirmation-03-verified-zh')

    await clerk.goto(`${journey.url}/verify/ABCD-EFGH-JK`)
    await poll(() => clerk.getByTestId('verify-not-found').isVisible()).toBe(true)
    await shoot(clerk, 'confirmation-04-not-found-zh')
  })
})
