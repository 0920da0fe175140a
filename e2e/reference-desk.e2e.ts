import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DESK, fitsWidth, type Journey, PHONE, poll, shoot, startJourney } from './browser.ts'

let journey: Journey
/** One transparent pixel: a real PNG by its bytes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
/** The library's own homepage, on another port: where the widget's snippet is pasted. */
let homepage: http.Server
let homepageUrl = ''
let snippet = ''

beforeAll(async () => {
  journey = await startJourney()
  homepage = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end(
      `<!doctype html><html lang="zh-CN"><head><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>上海交通大学图书馆</title></head><body style="margin:0;font-family:sans-serif">` +
        `<h1 style="padding:16px;margin:0;background:#a71e32;color:#fff;font-size:20px">上海交通大学图书馆</h1>` +
        `<p style="padding:16px">开馆时间 8:00–22:00</p>${snippet}</body></html>`,
    )
  })
  await new Promise<void>((resolve) => homepage.listen(0, '127.0.0.1', resolve))
  homepageUrl = `http://127.0.0.1:${(homepage.address() as AddressInfo).port}`
})

afterAll(async () => {
  await journey?.stop()
  await new Promise((resolve) => homepage?.close(resolve))
})

const signIn = async (page: Page, libraryCode: string, readerNumber: string) => {
  await journey.signIn(page, libraryCode, readerNumber)
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
}

/** Calls the API as the signed-in person of `page` (their session cookie), for what has no page step here. */
const api = <T>(page: Page, method: string, path: string, body?: unknown) =>
  page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      })
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
      return response.json()
    },
    { method, path, body },
  ) as Promise<T>

/**
 * The library admin puts a librarian on the roster for 参考咨询: a daily shift around the clock
 * from yesterday, so that one occurrence covers now whatever the time zone.
 */
const rosterShift = async (admin: Page, readerNumber: string) => {
  const queues = await api<{ items: { id: string; code: string }[] }>(
    admin,
    'GET',
    '/api/reference-desk/queues',
  )
  const people = await api<{ items: { id: string; readerNumber: string }[] }>(
    admin,
    'GET',
    '/api/reference-desk/librarians',
  )
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  return api<{ id: string }>(admin, 'POST', '/api/reference-desk/roster/shifts', {
    queueId: queues.items.find((queue) => queue.code === 'reference')!.id,
    accountId: people.items.find((person) => person.readerNumber === readerNumber)!.id,
    startsOn: yesterday,
    startTime: '00:00',
    endTime: '24:00',
    rrule: 'FREQ=DAILY',
  })
}

/** A librarian at the workspace, on duty for 参考咨询 because a roster shift covers now (no switch touched). */
const onShift = async (readerNumber: string) => {
  const page = await journey.newPage(DESK)
  await signIn(page, 'sjtu', readerNumber)
  await page.goto(`${journey.url}/staff/reference-desk`)
  await poll(() => page.getByTestId('duty-toggle-reference').getAttribute('data-on')).toBe('true')
  return page
}

/** Whether the chat inside the widget's frame fits its width. */
const frameFits = (page: Page) =>
  page
    .frames()
    .find((frame) => frame.url().includes('/ask'))!
    .evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

const QUESTION = '请问校外怎么访问知网？<b>急</b>'
const ANSWER = '请用统一身份认证（CARSI）登录：知网首页选“机构登录”，搜索“上海交通大学”。'
const NOTE = '读者在外地实习，内部备注'
const SECOND_ANSWER = '我是张老师，知网的问题已经解决了吗？'

describe('the online reference desk, from the widget on a library’s homepage to two librarians', () => {
  let admin: Page
  let reader: Page
  /** The chat inside the widget's frame on the reader's phone. */
  let widget: FrameLocator
  let librarian: Page
  let colleague: Page

  it('the library admin copies the widget’s snippet, allows the homepage to frame it, and rosters a librarian', async () => {
    admin = await journey.newPage(DESK)
    await signIn(admin, 'sjtu', 'A001')
    // The desk's eight pages sit under one entry of the staff menu, closed until opened.
    await admin.goto(`${journey.url}/staff`)
    const menu = admin.getByTestId('staff-menu')
    const desk = menu.locator(':scope > li.ant-menu-submenu').filter({ hasText: '在线咨询' })
    await poll(() => desk.count()).toBe(1)
    expect(await menu.getByText('咨询挂件').isVisible()).toBe(false)
    await desk.locator('.ant-menu-submenu-title').click()
    // A click on an entry while the submenu is still unfolding can be lost: wait until it stands.
    await poll(() => desk.getAttribute('class')).toContain('ant-menu-submenu-open')
    await poll(() => menu.locator('.ant-motion-collapse').count()).toBe(0)
    await menu.getByText('咨询挂件').click()
    await admin.waitForURL(/\/staff\/reference-desk\/widget$/)
    for (const page of ['咨询工作台', '留言咨询', '咨询记录', '常见问题', '快捷回复', '值班表', '咨询统计'])
      expect(await menu.getByText(page, { exact: true }).isVisible()).toBe(true)
    await admin.getByTestId('widget-queue').click()
    await admin
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '参考咨询' })
      .click()
    await poll(() => admin.getByTestId('widget-snippet').textContent()).toContain('data-queue="reference"')
    snippet = (await admin.getByTestId('widget-snippet').locator('code').textContent()) ?? ''
    expect(snippet).toMatch(/^<script src="http:\/\/127\.0\.0\.1:\d+\/widget\.js" data-library="sjtu"/)
    await admin.getByTestId('widget-origins').fill(homepageUrl)
    await admin.getByTestId('widget-origins-save').click()
    await poll(() =>
      api<{ allowedOrigins: string[] }>(admin, 'GET', '/api/reference-desk/widget-settings').then(
        (settings) => settings.allowedOrigins,
      ),
    ).toEqual([homepageUrl])
    await shoot(admin, 'desk-00-widget-settings-zh')

    // The demo's roster: weekday shifts by day, and the hours nobody covers marked in the week.
    await menu.getByText('值班表', { exact: true }).click()
    await poll(() => admin.getByTestId('roster-block').count()).toBeGreaterThan(0)
    expect(await admin.getByTestId('roster-gap').count()).toBeGreaterThan(0)
    await shoot(admin, 'desk-00-demo-roster-week-zh')
    // This journey must not hang on the time of day it runs at: it clears the demo's shifts (and
    // with them any duty they began) and rosters its own librarians around the clock.
    const demoShifts = await api<{ items: { id: string }[] }>(
      admin,
      'GET',
      '/api/reference-desk/roster/shifts',
    )
    for (const shift of demoShifts.items)
      await admin.evaluate(
        (id) => fetch(`/api/reference-desk/roster/shifts/${id}`, { method: 'DELETE' }),
        shift.id,
      )
    await rosterShift(admin, 'L001')
    librarian = await onShift('L001')
    await shoot(librarian, 'desk-01-workspace-on-shift-zh')
  })

  it('a reader opens the widget on the library’s homepage, asks, and waits in line', async () => {
    reader = await journey.newPage(PHONE)
    // A campus reader already signed in to the portal; the widget's frame shares the session.
    await signIn(reader, 'sjtu', '2020001')
    await reader.goto(homepageUrl)
    const button = reader.getByTestId('shuqiao-widget-button')
    await poll(() => button.getAttribute('data-online')).toBe('true')
    expect(await button.textContent()).toContain('馆员在线')
    await shoot(reader, 'desk-02-homepage-widget-phone-zh')
    await button.click()
    widget = reader.frameLocator('iframe[src*="/ask"]')
    // The frame shows the chat alone, without the portal's header, and the widget's topic only.
    await poll(() => widget.getByTestId('embed-main').isVisible()).toBe(true)
    expect(await widget.getByTestId('brand').count()).toBe(0)
    await poll(() => widget.getByTestId('ask-topic-status-reference').getAttribute('data-online')).toBe(
      'true',
    )
    expect(await widget.getByTestId('ask-topic-documents').count()).toBe(0)
    await widget.getByTestId('ask-all-topics').click()
    expect(await widget.getByTestId('ask-topic-status-documents').getAttribute('data-online')).toBe('false')
    expect(await fitsWidth(reader)).toBe(true)
    expect(await frameFits(reader)).toBe(true)
    await shoot(reader, 'desk-03-widget-topics-phone-zh')

    await widget.getByTestId('ask-start-reference').click()
    await poll(() => widget.getByTestId('chat-status').getAttribute('data-status')).toBe('waiting')
    expect(await widget.getByTestId('chat-status').textContent()).toContain('下一位就是您')
    // Starting a chat keeps the frame's compact layout.
    expect(await widget.getByTestId('embed-main').isVisible()).toBe(true)
    await widget.getByTestId('chat-input').fill(QUESTION)
    await widget.getByTestId('chat-input').press('Enter')
    const mine = widget.getByTestId('chat-message').filter({ hasText: '校外怎么访问知网' })
    await poll(() => mine.count()).toBe(1)
    // Markup is shown as the characters typed, never as markup.
    expect(await mine.getByTestId('chat-text').textContent()).toBe(QUESTION)
    expect(await widget.getByTestId('chat-messages').locator('b').count()).toBe(0)
    expect(await frameFits(reader)).toBe(true)
    await shoot(reader, 'desk-04-widget-waiting-phone-zh')
    // The subject librarian of the reader's department comes on shift once the chat waits in the
    // general line (a new chat would go to them directly): it waits for whoever claims it.
    await rosterShift(admin, 'S001')
    colleague = await onShift('S001')
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
    await poll(() => widget.getByTestId('chat-status').textContent()).toContain('王芳')
    // The reader's question is read now that it is on the librarian's screen.
    await poll(() => widget.getByTestId('chat-read-mark').first().getAttribute('data-read')).toBe('true')

    await librarian.getByTestId('chat-input').pressSequentially('请用统一')
    await poll(() => widget.getByTestId('chat-typing').textContent()).toContain('馆员正在输入')
    await librarian.getByTestId('chat-input').fill(ANSWER)
    await librarian.getByTestId('chat-send').click()
    await poll(() => widget.getByTestId('chat-messages').textContent()).toContain(ANSWER)

    await librarian.getByTestId('chat-note-toggle').click()
    await librarian.getByTestId('chat-input').fill(NOTE)
    await librarian.getByTestId('chat-input').press('Enter')
    await poll(() => librarian.getByTestId('chat-note-tag').count()).toBe(1)
    await librarian.getByTestId('chat-note-toggle').click()
    await shoot(librarian, 'desk-05-librarian-answers-zh')
    expect(await frameFits(reader)).toBe(true)
    await shoot(reader, 'desk-06-answer-phone-zh')
  })

  it('the reader’s phone loses its network and picks up what came meanwhile', async () => {
    await reader.context().setOffline(true)
    await poll(() => widget.getByTestId('chat-connection').getAttribute('data-status')).toBe('reconnecting')
    await shoot(reader, 'desk-07-reconnecting-phone-zh')
    await librarian.getByTestId('chat-input').fill('断网期间发的第二条回复')
    await librarian.getByTestId('chat-input').press('Enter')
    await poll(() => librarian.getByTestId('chat-messages').textContent()).toContain('断网期间发的第二条回复')
    await reader.context().setOffline(false)
    await poll(() => widget.getByTestId('chat-connection').count()).toBe(0)
    await poll(() => widget.getByTestId('chat-messages').textContent()).toContain('断网期间发的第二条回复')
    const seqs = await reader
      .getByTestId('chat-message')
      .evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('data-seq'))))
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b))
    // The internal note never reached the reader's phone.
    expect(await widget.getByTestId('chat-messages').textContent()).not.toContain(NOTE)
  })

  it('the librarian hands the chat to a colleague on duty, who answers and ends it', async () => {
    await librarian.getByTestId('desk-transfer').click()
    await librarian.getByTestId('transfer-person').click()
    await librarian
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '张伟' })
      .click()
    await librarian.getByTestId('transfer-note').fill('请张老师跟进知网校外访问')
    await shoot(librarian, 'desk-08-transfer-dialog-zh')
    await librarian.getByTestId('transfer-submit').click()
    await poll(() => librarian.getByTestId('desk-chat-tab').count()).toBe(0)

    await poll(() => colleague.getByTestId('desk-chat-tab').textContent()).toContain('李明')
    const history = colleague.getByTestId('chat-messages')
    await poll(() => history.textContent()).toContain(NOTE)
    expect(await history.textContent()).toContain('请张老师跟进知网校外访问')
    await poll(() => widget.getByTestId('chat-status').textContent()).toContain('张伟')
    await poll(() => widget.getByTestId('chat-messages').textContent()).toContain('已转给馆员 张伟')
    expect(await widget.getByTestId('chat-messages').textContent()).not.toContain('请张老师跟进')

    await colleague.getByTestId('chat-input').fill(SECOND_ANSWER)
    await colleague.getByTestId('chat-input').press('Enter')
    await poll(() => widget.getByTestId('chat-messages').textContent()).toContain(SECOND_ANSWER)
    await widget.getByTestId('chat-input').fill('解决了，谢谢老师！')
    await widget.getByTestId('chat-input').press('Enter')
    await poll(() => colleague.getByTestId('chat-messages').textContent()).toContain('解决了，谢谢老师！')
    await shoot(colleague, 'desk-09-colleague-zh')

    await colleague.getByTestId('desk-close').click()
    await colleague.getByTestId('desk-close-confirm').click()
    await poll(() => colleague.getByTestId('desk-chat-tab').count()).toBe(0)
    await poll(() => widget.getByTestId('chat-status').getAttribute('data-status')).toBe('closed')
    await poll(() => widget.getByTestId('chat-messages').textContent()).toContain('馆员 张伟 结束了咨询')
    expect(await widget.getByTestId('chat-input').count()).toBe(0)
    expect(await widget.getByTestId('chat-new').isVisible()).toBe(true)
    expect(await frameFits(reader)).toBe(true)
    await shoot(reader, 'desk-10-closed-phone-zh')

    // The reader rates the chat: four stars and a word for the librarians.
    const rating = widget.getByTestId('chat-rating')
    await poll(() => rating.isVisible()).toBe(true)
    await rating.getByTestId('chat-rating-stars').locator('.ant-rate-star').nth(3).click()
    await rating.getByTestId('chat-rating-comment').fill('回复很快，谢谢！')
    await rating.getByTestId('chat-rating-submit').click()
    await poll(() => rating.getByTestId('chat-rating-saved').isVisible()).toBe(true)
    expect(await frameFits(reader)).toBe(true)
    await shoot(reader, 'desk-11-rated-phone-zh')
  })

  it('a topic nobody is on shift for takes a question instead, which the reader finds in 我的咨询', async () => {
    await widget.getByTestId('chat-new').click()
    await widget.getByTestId('ask-all-topics').click()
    await poll(() => widget.getByTestId('ask-topic-status-documents').getAttribute('data-online')).toBe(
      'false',
    )
    await widget.getByTestId('ask-leave-documents').click()
    const form = widget.getByTestId('ask-question-form')
    await poll(() => form.isVisible()).toBe(true)
    expect(await form.textContent()).toContain('我的咨询')
    expect(await form.getByTestId('ask-question-topic').textContent()).toContain('文献服务')
    await widget.getByTestId('ask-question-subject').fill('查收查引需要多久？')
    await widget.getByTestId('ask-question-text').fill('下周要交职称材料，查收查引能加急吗？')
    expect(await frameFits(reader)).toBe(true)
    await shoot(reader, 'desk-12-offline-question-phone-zh')
    await widget.getByTestId('ask-question-submit').click()
    const sent = widget.getByTestId('ask-question-sent')
    await poll(() => sent.isVisible()).toBe(true)
    const number = (await sent.textContent())?.match(/#(\d+)/)?.[1]
    expect(number).toBeDefined()
    await shoot(reader, 'desk-13-offline-question-sent-phone-zh')

    await reader.goto(`${journey.url}/questions`)
    const mine = reader.getByTestId('my-question').and(reader.locator(`[data-ticket-number="${number}"]`))
    await poll(() => mine.textContent()).toContain('查收查引需要多久？')
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'desk-14-my-questions-phone-zh')

    // The admin's figures count the chat and the ticket side by side, the ticket still new.
    await admin.goto(`${journey.url}/staff/reference-desk/figures`)
    await poll(() => admin.getByTestId('figures-tickets-new').textContent()).toContain('1')
    const documents = admin.getByTestId('figures-queues').locator('tr').filter({ hasText: '文献服务' })
    expect(await documents.textContent()).toContain('1')
    expect(await admin.getByTestId('figures-days').textContent()).toContain(
      new Date().toISOString().slice(0, 4),
    )
    await shoot(admin, 'desk-15-figures-chats-and-tickets-zh')
  })

  it('a guest picks a subject and sends a photo like a signed-in reader', async () => {
    const guest = await journey.newPage(PHONE)
    await guest.goto(`${journey.url}/ask?library=sjtu`)
    await guest.getByTestId('ask-nickname').fill('校友小王')
    await guest.getByTestId('ask-subject').click()
    const option = guest
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .first()
    const subjectName = (await option.textContent()) ?? ''
    await option.click()
    expect(await guest.getByTestId('ask-subject').textContent()).toContain(subjectName)
    await poll(() => guest.getByTestId('ask-topic-status-reference').getAttribute('data-online')).toBe('true')
    await guest.getByTestId('ask-start-reference').click()
    await poll(() => guest.getByTestId('chat-status').getAttribute('data-status')).not.toBe(null)
    await guest
      .getByTestId('chat-attach-input')
      .setInputFiles({ name: '借书证.png', mimeType: 'image/png', buffer: PNG })
    const image = guest.getByTestId('chat-attachment-image').locator('img')
    await poll(() => image.getAttribute('src')).toMatch(/^blob:/)
    await poll(() => guest.getByTestId('chat-messages').textContent()).toContain('📎 借书证.png')
    // A text file named like a photo is refused with the server's reason.
    await guest
      .getByTestId('chat-attach-input')
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') })
    await poll(() => guest.locator('.ant-message').textContent()).toContain('只接受')
    expect(await fitsWidth(guest)).toBe(true)
    await shoot(guest, 'desk-16-guest-photo-phone-zh')
    // The guest's chat waits in the librarians' line like any other.
    const waiting = librarian.getByTestId('waiting-item').filter({ hasText: '校友小王' })
    await poll(() => waiting.count()).toBe(1)
  })
})
