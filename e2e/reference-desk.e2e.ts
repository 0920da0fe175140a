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

/** A librarian at the workspace, on duty for 参考咨询. */
const onDuty = async (readerNumber: string) => {
  const page = await journey.newPage(DESK)
  await signIn(page, 'sjtu', readerNumber)
  await page.goto(`${journey.url}/staff/reference-desk`)
  const toggle = page.getByTestId('duty-toggle-reference')
  await poll(() => toggle.getAttribute('data-on')).toBe('false')
  await toggle.click()
  await poll(() => toggle.getAttribute('data-on')).toBe('true')
  return page
}

const QUESTION = '请问校外怎么访问知网？<b>急</b>'
const ANSWER = '请用统一身份认证（CARSI）登录：知网首页选“机构登录”，搜索“上海交通大学”。'
const NOTE = '读者在外地实习，内部备注'
const SECOND_ANSWER = '我是张老师，知网的问题已经解决了吗？'

describe('the online reference desk, from a reader’s phone to two librarians', () => {
  let reader: Page
  let librarian: Page
  let colleague: Page

  it('the reader sees a librarian online, asks, and waits in line', async () => {
    librarian = await onDuty('L001')
    await shoot(librarian, 'desk-01-workspace-on-duty-zh')

    reader = await journey.newPage(PHONE)
    await signIn(reader, 'sjtu', '2020001')
    await reader.getByTestId('service-ask').click()
    await reader.waitForURL(/\/ask$/)
    await poll(() => reader.getByTestId('ask-topic-status-reference').getAttribute('data-online')).toBe(
      'true',
    )
    expect(await reader.getByTestId('ask-topic-status-documents').getAttribute('data-online')).toBe('false')
    expect(await reader.getByTestId('ask-start-documents').isDisabled()).toBe(true)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'desk-02-topics-phone-zh')

    await reader.getByTestId('ask-start-reference').click()
    await poll(() => reader.getByTestId('chat-status').getAttribute('data-status')).toBe('waiting')
    expect(await reader.getByTestId('chat-status').textContent()).toContain('下一位就是您')
    await reader.getByTestId('chat-input').fill(QUESTION)
    await reader.getByTestId('chat-input').press('Enter')
    const mine = reader.getByTestId('chat-message').filter({ hasText: '校外怎么访问知网' })
    await poll(() => mine.count()).toBe(1)
    // Markup is shown as the characters typed, never as markup.
    expect(await mine.getByTestId('chat-text').textContent()).toBe(QUESTION)
    expect(await reader.getByTestId('chat-messages').locator('b').count()).toBe(0)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'desk-03-waiting-phone-zh')
    // The subject librarian of the reader's department comes on duty once the chat waits in the
    // general line (a new chat would go to them directly): it waits for whoever claims it.
    colleague = await onDuty('S001')
    await poll(() => colleague.getByTestId('waiting-item').count()).toBe(1)
  })

  it('a librarian on duty takes the chat and answers; the reader sees it, and typing and read marks', async () => {
    const item = librarian.getByTestId('waiting-item').filter({ hasText: '李明' })
    await poll(() => item.textContent()).toContain('校外怎么访问知网')
    await item.getByTestId('waiting-claim').click()
    await poll(() => librarian.getByTestId('desk-chat-status').getAttribute('data-status')).toBe('active')
    await poll(() => librarian.getByTestId('chat-messages').textContent()).toContain(QUESTION)
    // The colleague's line empties as soon as the chat is taken.
    await poll(() => colleague.getByTestId('waiting-item').count()).toBe(0)
    await poll(() => reader.getByTestId('chat-status').textContent()).toContain('王芳')
    // The reader's question is read now that it is on the librarian's screen.
    await poll(() => reader.getByTestId('chat-read-mark').first().getAttribute('data-read')).toBe('true')

    await librarian.getByTestId('chat-input').pressSequentially('请用统一')
    await poll(() => reader.getByTestId('chat-typing').textContent()).toContain('馆员正在输入')
    await librarian.getByTestId('chat-input').fill(ANSWER)
    await librarian.getByTestId('chat-send').click()
    await poll(() => reader.getByTestId('chat-messages').textContent()).toContain(ANSWER)

    await librarian.getByTestId('chat-note-toggle').click()
    await librarian.getByTestId('chat-input').fill(NOTE)
    await librarian.getByTestId('chat-input').press('Enter')
    await poll(() => librarian.getByTestId('chat-note-tag').count()).toBe(1)
    await librarian.getByTestId('chat-note-toggle').click()
    await shoot(librarian, 'desk-04-librarian-answers-zh')
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'desk-05-answer-phone-zh')
  })

  it('the reader’s phone loses its network and picks up what came meanwhile', async () => {
    await reader.context().setOffline(true)
    await poll(() => reader.getByTestId('chat-connection').getAttribute('data-status')).toBe('reconnecting')
    await shoot(reader, 'desk-06-reconnecting-phone-zh')
    await librarian.getByTestId('chat-input').fill('断网期间发的第二条回复')
    await librarian.getByTestId('chat-input').press('Enter')
    await poll(() => librarian.getByTestId('chat-messages').textContent()).toContain('断网期间发的第二条回复')
    await reader.context().setOffline(false)
    await poll(() => reader.getByTestId('chat-connection').count()).toBe(0)
    await poll(() => reader.getByTestId('chat-messages').textContent()).toContain('断网期间发的第二条回复')
    const seqs = await reader
      .getByTestId('chat-message')
      .evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-seq'))))
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b))
    // The internal note never reached the reader's phone.
    expect(await reader.getByTestId('chat-messages').textContent()).not.toContain(NOTE)
  })

  it('the librarian hands the chat to a colleague on duty, who answers and ends it', async () => {
    await librarian.getByTestId('desk-transfer').click()
    await librarian.getByTestId('transfer-person').click()
    await librarian
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '张伟' })
      .click()
    await librarian.getByTestId('transfer-note').fill('请张老师跟进知网校外访问')
    await shoot(librarian, 'desk-07-transfer-dialog-zh')
    await librarian.getByTestId('transfer-submit').click()
    await poll(() => librarian.getByTestId('desk-chat-tab').count()).toBe(0)

    await poll(() => colleague.getByTestId('desk-chat-tab').textContent()).toContain('李明')
    const history = colleague.getByTestId('chat-messages')
    await poll(() => history.textContent()).toContain(NOTE)
    expect(await history.textContent()).toContain('请张老师跟进知网校外访问')
    await poll(() => reader.getByTestId('chat-status').textContent()).toContain('张伟')
    await poll(() => reader.getByTestId('chat-messages').textContent()).toContain('已转给馆员 张伟')
    expect(await reader.getByTestId('chat-messages').textContent()).not.toContain('请张老师跟进')

    await colleague.getByTestId('chat-input').fill(SECOND_ANSWER)
    await colleague.getByTestId('chat-input').press('Enter')
    await poll(() => reader.getByTestId('chat-messages').textContent()).toContain(SECOND_ANSWER)
    await reader.getByTestId('chat-input').fill('解决了，谢谢老师！')
    await reader.getByTestId('chat-input').press('Enter')
    await poll(() => colleague.getByTestId('chat-messages').textContent()).toContain('解决了，谢谢老师！')
    await shoot(colleague, 'desk-08-colleague-zh')

    await colleague.getByTestId('desk-close').click()
    await colleague.getByTestId('desk-close-confirm').click()
    await poll(() => colleague.getByTestId('desk-chat-tab').count()).toBe(0)
    await poll(() => reader.getByTestId('chat-status').getAttribute('data-status')).toBe('closed')
    await poll(() => reader.getByTestId('chat-messages').textContent()).toContain('馆员 张伟 结束了咨询')
    expect(await reader.getByTestId('chat-input').count()).toBe(0)
    expect(await reader.getByTestId('chat-new').isVisible()).toBe(true)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'desk-09-closed-phone-zh')

    // The reader rates the chat: four stars and a word for the librarians.
    const rating = reader.getByTestId('chat-rating')
    await poll(() => rating.isVisible()).toBe(true)
    await rating.getByTestId('chat-rating-stars').locator('.ant-rate-star').nth(3).click()
    await rating.getByTestId('chat-rating-comment').fill('回复很快，谢谢！')
    await rating.getByTestId('chat-rating-submit').click()
    await poll(() => rating.getByTestId('chat-rating-saved').isVisible()).toBe(true)
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'desk-10-rated-phone-zh')
  })
})
