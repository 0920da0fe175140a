import { readFileSync } from 'node:fs'
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

/** Calls the API from inside a signed-in page, as the page itself would. */
const api = <T>(page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return (await response.json()) as unknown
    },
    { method, path, body },
  ) as Promise<T>

/** Clicks an option of the antd Select whose list is open. */
const choose = (page: Page, label: string) =>
  page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: label })
    .first()
    .click()

const TITLE = '授权书未签字'
const ADDITION = '如有疑问可在下方留言。'

describe('a librarian writes a reply template and answers a thesis submission with it', () => {
  let staff: Page
  let reader: Page
  let request = { id: '', number: '' }

  it('the librarian writes a library-wide template, with placeholders checked as typed', async () => {
    staff = await journey.newPage(DESK)
    await signIn(staff, 'sjtu', 'L001')
    await staff.goto(`${journey.url}/staff/requests`)
    await staff.getByTestId('requests-templates-link').click()
    await staff.waitForURL(/\/staff\/requests\/templates$/)
    // The demo library already keeps a few.
    await poll(() => staff.getByTestId('templates-table').textContent()).toContain('缺少签名授权书')
    await shoot(staff, 'templates-01-list-zh')

    await staff.getByTestId('template-add').click()
    await staff.getByTestId('template-form-type').click()
    await choose(staff, '学位论文提交')
    await staff.getByTestId('template-form-action').click()
    await choose(staff, '退回修改')
    await staff.getByTestId('template-form-title-zh').fill(TITLE)
    const body = staff.getByTestId('template-form-body-zh')
    await body.fill('请带 {学号} 来')
    await staff.getByTestId('template-form-title-en').click()
    await poll(() => staff.getByTestId('template-form').textContent()).toContain('不认识的占位符：{学号}')
    await shoot(staff, 'templates-02-unknown-placeholder-zh')

    await body.fill('')
    await staff.getByTestId('template-placeholders-zh').getByText('{读者姓名}').click()
    await body.press('End')
    await body.pressSequentially('同学，您的论文（')
    await staff.getByTestId('template-placeholders-zh').getByText('{编号}').click()
    await body.press('End')
    await body.pressSequentially('）所附授权书缺少本人和导师签字，请补签后重新提交。')
    await poll(() => staff.getByTestId('template-preview-zh').textContent()).toContain(
      '李明同学，您的论文（DD-2026-000123）',
    )
    await staff.getByTestId('template-form-title-en').fill('Authorisation not signed')
    await staff
      .getByTestId('template-form-body-en')
      .fill(
        'Dear {reader_name}, the authorisation form of {number} lacks your and your supervisor’s signatures.',
      )
    await shoot(staff, 'templates-03-editor-zh')
    await staff.getByTestId('template-form-submit').click()
    await poll(() => staff.getByTestId('templates-table').textContent()).toContain(TITLE)
    await shoot(staff, 'templates-04-saved-zh')
  })

  it('the librarian inserts it while returning a thesis, in the reader’s language, and edits it', async () => {
    reader = await journey.newPage(PHONE)
    await signIn(reader, 'sjtu', '2020001')
    request = await api(reader, 'POST', '/api/requests', {
      type: 'thesis_submission',
      form: { degree: 'master', title: '闭馆期间高校图书馆的文献保障', supervisor: '王教授' },
    })
    expect(request.number).toMatch(/^TH-/)

    await staff.goto(`${journey.url}/staff/requests/${request.id}`)
    await poll(() => staff.getByTestId('request-number').textContent()).toBe(request.number)
    await staff.getByTestId('request-action-return').click()
    await staff.getByTestId('reply-template-picker').click()
    const option = staff.getByTestId('reply-template-option').filter({ hasText: TITLE })
    await poll(() => option.count()).toBe(1)
    // The demo template for this step is offered too, and nothing meant for other steps.
    expect(
      await staff.getByTestId('reply-template-option').filter({ hasText: '缺少签名授权书' }).count(),
    ).toBe(1)
    await poll(() =>
      staff.getByTestId('reply-template-option').filter({ hasText: '无法获取全文' }).count(),
    ).toBe(0)
    await shoot(staff, 'templates-05-picker-zh')
    await option.click()
    const note = staff.getByTestId('transition-note')
    await poll(() => note.inputValue()).toBe(
      `李明同学，您的论文（${request.number}）所附授权书缺少本人和导师签字，请补签后重新提交。`,
    )
    await note.press('End')
    await note.pressSequentially(ADDITION)
    await shoot(staff, 'templates-06-inserted-zh')
    await staff.getByTestId('transition-submit').click()
    await poll(() => staff.getByTestId('request-status').textContent()).toBe('退回修改')

    // The comment box offers the templates for no particular step.
    await staff.getByTestId('comment-template-picker').click()
    await staff.getByTestId('reply-template-option').filter({ hasText: '闭馆期间电子送达说明' }).click()
    await poll(() => staff.getByTestId('request-comment-input').inputValue()).toContain(
      '闭馆期间所有结果均以电子版送达',
    )
    await staff.getByTestId('request-comment-input').fill('')
  })

  it('the reader sees exactly the text that was sent', async () => {
    await reader.goto(`${journey.url}/requests/${request.id}`)
    await poll(() => reader.getByTestId('request-status').textContent()).toBe('退回修改')
    const timeline = reader.getByTestId('request-timeline')
    await poll(() => timeline.textContent()).toContain(
      `您的论文（${request.number}）所附授权书缺少本人和导师签字`,
    )
    await poll(() => timeline.textContent()).toContain(ADDITION)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'templates-07-reader-sees-zh')
  })

  it('a reader who reads English gets the English text', async () => {
    await api(reader, 'PATCH', '/api/me', { language: 'en' })
    try {
      await staff.goto(`${journey.url}/staff/requests/${request.id}`)
      await poll(() => staff.getByTestId('request-status').textContent()).toBe('退回修改')
      await staff.getByTestId('comment-template-picker').click()
      const option = staff.getByTestId('reply-template-option').filter({ hasText: '我的署名' })
      await poll(() => option.count()).toBe(1)
      await shoot(staff, 'templates-08-picker-reader-en')
      await option.click()
      await poll(() => staff.getByTestId('request-comment-input').inputValue()).toBe(
        'Reply to this message with any question and I will get back to you soon. — 王芳, Shanghai Jiao Tong University Library',
      )
    } finally {
      await api(reader, 'PATCH', '/api/me', { language: 'zh-CN' })
    }
  })

  it('the librarian downloads the queue as CSV and as Excel', async () => {
    await staff.goto(`${journey.url}/staff/requests?type=thesis_submission`)
    await poll(() => staff.getByTestId('requests-table').textContent()).toContain(request.number)
    const [csv] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByTestId('requests-export-csv').click(),
    ])
    expect(csv.suggestedFilename()).toMatch(/^服务申请-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = readFileSync((await csv.path())!, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text).toContain('编号,类型,状态')
    expect(text).toContain(`${request.number},学位论文提交,退回修改`)
    const [xlsx] = await Promise.all([
      staff.waitForEvent('download'),
      staff.getByTestId('requests-export-xlsx').click(),
    ])
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)
    expect(
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')
    await poll(() => staff.getByTestId('requests-export-csv').isEnabled()).toBe(true)
    await shoot(staff, 'templates-09-queue-export-zh')
    await staff.context().close()
    await reader.context().close()
  })
})
