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

const CITATION = '张伟, 李明. 基于深度学习的电网故障诊断. 电力系统自动化, 2020, 44(3): 1-10.'
const READER_NOTE = '已受理，将从 NSTL 获取全文。'
const INTERNAL_NOTE = 'NSTL 订单待补，内部备注'
const INTERNAL_COMMENT = '读者急需，优先处理（内部）'

describe('a document delivery request, from the reader’s phone to the subject librarian and back', () => {
  let reader: Page
  let requestPath = ''
  let number = ''

  it('the reader submits it on a phone and finds it under My requests', async () => {
    reader = await journey.newPage(PHONE)
    await signIn(reader, 'sjtu', '2020001')
    await poll(() => reader.getByTestId('home-request-services').isVisible()).toBe(true)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'requests-01-home-zh')

    await reader.getByTestId('home-all-services').click()
    await reader.waitForURL(/\/services$/)
    // The demo library is in 有限开放, whose measures make document delivery free for now.
    await poll(() => reader.getByTestId('service-fee-document_delivery').textContent()).toContain('免费')
    expect(await reader.getByTestId('service-fee-document_delivery').textContent()).toContain('¥5.00')
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'requests-02-services-zh')

    await reader.getByTestId('service-new-document_delivery').click()
    await reader.waitForURL(/\/services\/document_delivery\/new$/)
    await reader.getByTestId('request-field-doi').fill('not-a-doi')
    await reader.getByTestId('request-submit').click()
    // Checked before sending, with the same rules as the server: the citation is required, the DOI malformed.
    await poll(() => reader.getByTestId('request-form').textContent()).toContain('必填')
    expect(await reader.getByTestId('request-form').textContent()).toContain('DOI 应以 10. 开头')
    await shoot(reader, 'requests-03-form-errors-zh')

    await reader.getByTestId('request-field-citation').fill(CITATION)
    await reader.getByTestId('request-field-doi').fill('https://doi.org/10.7500/AEPS20190101001')
    // The subject starts as the reader's own department; they pick another the same librarian serves.
    const subject = reader.getByTestId('request-subject')
    await poll(() => subject.textContent()).toContain('电子信息与电气工程学院')
    await subject.click()
    await reader
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '机械与动力工程学院' })
      .click()
    await poll(() => subject.textContent()).toContain('机械与动力工程学院')
    expect(await fitsWidth(reader)).toBe(true)
    await reader.getByTestId('request-submit').click()
    await reader.waitForURL(/\/requests\/[0-9a-f-]{36}$/)
    requestPath = new URL(reader.url()).pathname
    await poll(() => reader.getByTestId('request-number').textContent()).toMatch(/^DD-\d{4}-\d{6}$/)
    number = (await reader.getByTestId('request-number').textContent()) ?? ''
    expect(await reader.getByTestId('request-status').textContent()).toBe('已提交')
    expect(await reader.getByTestId('request-values').textContent()).toContain('电力系统自动化')
    await poll(() => reader.getByTestId('request-subject-name').textContent()).toBe('机械与动力工程学院')
    expect(await reader.getByTestId('request-action-cancel').isVisible()).toBe(true)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'requests-04-submitted-zh')

    await reader.getByTestId('nav-requests').click()
    await reader.waitForURL(/\/requests$/)
    const item = reader.locator(`[data-testid="my-request-item"][data-request-number="${number}"]`)
    await poll(() => item.textContent()).toContain('已提交')
    await poll(() => item.textContent()).toContain('文献传递')
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'requests-05-my-requests-zh')
  })

  it('the subject librarian of the chosen subject finds it, accepts it and adds internal notes', async () => {
    const staff = await journey.newPage(DESK)
    await signIn(staff, 'sjtu', 'S001')
    await staff.waitForURL(/\/staff/)
    await staff.getByTestId('staff-menu').getByText('服务申请').click()
    await staff.waitForURL(/\/staff\/requests$/)
    // Assigned on submit to the subject librarian of the subject the reader chose.
    await staff.getByTestId('requests-filter-assignee').getByText('我处理的').click()
    await staff.waitForURL(/assignee=me/)
    await staff.getByTestId('requests-filter-subject').click()
    await staff
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '机械与动力工程学院' })
      .click()
    await staff.waitForURL(/subject=/)
    const row = staff.getByTestId('requests-table').locator('tbody tr').filter({ hasText: number })
    await poll(() => row.textContent()).toContain('李明')
    await poll(() => row.textContent()).toContain('已提交')
    await shoot(staff, 'requests-06-queue-zh')

    await row.getByTestId('requests-open').click()
    await staff.waitForURL(new RegExp(`${requestPath}$`))
    await poll(() => staff.getByTestId('request-values').textContent()).toContain('电力系统自动化')
    await poll(() => staff.getByTestId('request-subject-name').textContent()).toBe(
      '机械与动力工程学院 · 读者所选',
    )
    await staff.getByTestId('request-action-accept').click()
    await staff.getByTestId('transition-note').fill(READER_NOTE)
    await staff.getByTestId('transition-internal-note').fill(INTERNAL_NOTE)
    await shoot(staff, 'requests-07-accept-dialog-zh')
    await staff.getByTestId('transition-submit').click()
    await poll(() => staff.getByTestId('request-status').textContent()).toBe('处理中')

    await staff.getByTestId('request-comment-internal').click()
    await staff.getByTestId('request-comment-input').fill(INTERNAL_COMMENT)
    await staff.getByTestId('request-comment-submit').click()
    await poll(() => staff.getByTestId('request-timeline').textContent()).toContain(INTERNAL_COMMENT)
    const timeline = (await staff.getByTestId('request-timeline').textContent()) ?? ''
    expect(timeline).toContain(READER_NOTE)
    expect(timeline).toContain(INTERNAL_NOTE)
    await poll(() => staff.getByTestId('timeline-internal').count()).toBe(2)
    await shoot(staff, 'requests-08-staff-detail-zh')
    await staff.context().close()
  })

  it('the reader sees the new status and the note meant for them, never the internal notes', async () => {
    await reader.goto(`${journey.url}/requests`)
    const item = reader.locator(`[data-testid="my-request-item"][data-request-number="${number}"]`)
    await poll(() => item.textContent()).toContain('处理中')
    await item.click()
    await reader.waitForURL(new RegExp(`${requestPath}$`))
    await poll(() => reader.getByTestId('request-status').textContent()).toBe('处理中')
    const timeline = (await reader.getByTestId('request-timeline').textContent()) ?? ''
    expect(timeline).toContain(READER_NOTE)
    expect(timeline).not.toContain(INTERNAL_NOTE)
    expect(timeline).not.toContain(INTERNAL_COMMENT)
    await poll(() => reader.getByTestId('timeline-internal').count()).toBe(0)
    // Not merely hidden: the API does not send internal events to the reader at all.
    const internal = await reader.evaluate(async (path) => {
      const detail = (await (await fetch(`/api${path}`)).json()) as { events: { internal: boolean }[] }
      return detail.events.filter((event) => event.internal).length
    }, requestPath)
    expect(internal).toBe(0)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'requests-09-reader-after-zh')
    await reader.context().close()
  })
})
