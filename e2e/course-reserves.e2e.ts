import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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

const samples = join(import.meta.dirname, '../packages/web/public/samples')
const COURSES = readFileSync(join(samples, 'courses-sample.csv'))
const ENROLMENTS = readFileSync(join(samples, 'enrolments-sample.csv'))
const KBART = readFileSync(join(samples, 'kbart-sample.txt'))
// A one-page PDF, enough for the upload's check of its bytes.
const CHAPTER = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
)

const signIn = async (page: Page, libraryCode: string, readerNumber: string) => {
  await journey.signIn(page, libraryCode, readerNumber)
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'))
}

const upload = (page: Page, name: string, buffer: Buffer) =>
  page
    .getByTestId('course-import-upload')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer })

/** Picks an option of the import dialog's column select for `field`. */
const chooseColumn = async (page: Page, field: string, option: string) => {
  await page.getByTestId(`course-import-field-${field}`).click()
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click()
}

describe('course reserves, from the academic affairs office’s file to the reader’s phone', () => {
  it('the librarian imports the office’s course list and enrolments, checking the columns and the preview', async () => {
    const staff = await journey.newPage(DESK)
    await signIn(staff, 'sjtu', 'L001')
    await staff.waitForURL(/\/staff/)
    await staff.getByTestId('staff-menu').getByText('电子教参').click()
    await staff.waitForURL(/\/staff\/course-reserves$/)
    // The demo term's courses are there.
    await poll(() => staff.getByTestId('courses-table').textContent()).toContain('高等数学A（上）')
    await shoot(staff, 'course-reserves-01-courses-zh')

    await staff.getByTestId('course-import-open').click()
    await upload(staff, '2025-2026学年第一学期课程表.csv', COURSES)
    // Columns matched by their headers, then the preview: five courses, one department unknown.
    await poll(() => staff.getByTestId('course-import-mapping').isVisible()).toBe(true)
    await poll(() => staff.getByTestId('course-import-field-courseCode').textContent()).toContain('课程代码')
    await poll(() => staff.getByTestId('course-import-field-teacherNumbers').textContent()).toContain(
      '教师工号',
    )
    await poll(() => staff.getByTestId('course-import-counts').textContent()).toContain('新增 5')
    await poll(() => staff.getByTestId('course-import-problems').textContent()).toContain('马克思主义学院')
    await shoot(staff, 'course-reserves-02-import-preview-zh')

    // The librarian leaves the headcount out; the file is checked again with the columns chosen.
    await chooseColumn(staff, 'headcount', '不导入')
    await staff.getByTestId('course-import-recheck').click()
    await poll(() => staff.getByTestId('course-import-ready').isVisible()).toBe(true)
    await poll(() => staff.getByTestId('course-import-apply').isEnabled()).toBe(true)
    await staff.getByTestId('course-import-apply').click()
    await poll(() => staff.getByTestId('course-import-done').textContent()).toContain('新增 5 门课程')
    await shoot(staff, 'course-reserves-03-import-done-zh')
    await staff.getByTestId('course-import-close').click()
    await poll(() => staff.getByTestId('courses-table').textContent()).toContain('电路基础')

    // Then the enrolments: course code and student number.
    await staff.getByTestId('course-import-open').click()
    await upload(staff, '选课名单.csv', ENROLMENTS)
    await poll(() => staff.getByTestId('course-import-counts').textContent()).toContain('选课：新增 6')
    await staff.getByTestId('course-import-apply').click()
    await poll(() => staff.getByTestId('course-import-done').isVisible()).toBe(true)
    await staff.getByTestId('course-import-close').click()

    await staff.getByTestId('courses-search').locator('input').fill('EE2001')
    await staff.getByTestId('courses-search').locator('input').press('Enter')
    await poll(() => staff.getByTestId('courses-table').locator('tbody tr.sq-cr-row').count()).toBe(1)
    await staff.getByTestId('course-open').click()
    await staff.waitForURL(/\/staff\/course-reserves\/courses\/[0-9a-f-]{36}$/)
    await poll(() => staff.getByTestId('course-teachers').textContent()).toContain('已关联账号 T001')
    await poll(() => staff.getByTestId('course-enrolled').textContent()).toBe('3 人')
    await poll(() => staff.getByTestId('course-classes').textContent()).toContain('F2403101')
    await shoot(staff, 'course-reserves-04-course-zh')
  })

  it('a reader opens 我的课程 on a phone and sees this term’s courses, their teachers, and that materials are coming', async () => {
    const page = await journey.newPage(PHONE)
    await signIn(page, 'sjtu', '2020001')
    await page.getByTestId('service-my-courses').click()
    await page.waitForURL(/\/my-courses$/)
    const list = page.getByTestId('my-courses-enrolled')
    await poll(() => list.getByTestId('my-course').count()).toBe(5)
    const circuits = page.locator('[data-course-code="EE2001"]')
    await poll(() => circuits.textContent()).toContain('电路基础')
    expect(await circuits.getByTestId('my-course-teachers').textContent()).toBe('任课教师：高建国、周明')
    expect(await circuits.getByTestId('my-course-no-materials').isVisible()).toBe(true)
    expect(await fitsWidth(page)).toBe(true)
    await shoot(page, 'course-reserves-05-my-courses-phone-zh')

    // The demo teacher sees the courses they teach.
    const teacher = await journey.newPage(PHONE)
    await signIn(teacher, 'sjtu', 'T001')
    await teacher.goto(`${journey.url}/my-courses`)
    await poll(() => teacher.getByTestId('my-courses-teaching').getByTestId('my-course').count()).toBe(3)
    expect(await fitsWidth(teacher)).toBe(true)
    await shoot(teacher, 'course-reserves-06-my-teaching-phone-zh')
  })

  it('a teacher asks for three titles on a phone; the librarian imports a KBART file and accepts a proposed match', async () => {
    const teacher = await journey.newPage(PHONE)
    await signIn(teacher, 'sjtu', 'T001')
    await teacher.goto(`${journey.url}/my-courses`)
    const course = teacher.getByTestId('my-courses-teaching').locator('[data-course-code="MB2101"]')
    await course.getByTestId('my-course-open').click()
    await teacher.waitForURL(/\/my-courses\/[0-9a-f-]{36}$/)
    await poll(() => teacher.getByTestId('course-titles').isVisible()).toBe(true)

    // By ISBN: a wrong check digit is said at once; the right one is added.
    await teacher.getByTestId('title-isbn').fill('978-7-302-14751-1')
    await poll(() => teacher.getByText('校验位不对').first().isVisible()).toBe(true)
    await teacher.getByTestId('title-isbn').fill('978-7-302-14751-0')
    await teacher.getByTestId('title-isbn-add').click()
    await poll(() => teacher.getByTestId('course-title').count()).toBe(1)

    // By title and author.
    await teacher.getByTestId('title-add-mode').getByText('书名', { exact: true }).click()
    await teacher.getByTestId('title-field-title').fill('文献检索与利用')
    await teacher.getByTestId('title-field-author').fill('王细荣 主编')
    await teacher.getByTestId('title-fields-add').click()
    await poll(() => teacher.getByTestId('course-title').count()).toBe(2)

    // A pasted list: checked line by line, the one already there said so, then added.
    await teacher.getByTestId('title-add-mode').getByText('粘贴书单').click()
    await teacher.getByTestId('title-paste').fill('信息检索导论 / Manning\n978-7-302-14751-0')
    await teacher.getByTestId('title-paste-check').click()
    await poll(() => teacher.getByTestId('title-paste-lines').textContent()).toContain('已在列表中')
    await teacher.getByTestId('title-paste-add').click()
    await poll(() => teacher.getByTestId('course-title').count()).toBe(3)
    expect(await teacher.getByTestId('course-title-list').textContent()).toContain('信息检索导论')
    await poll(() => teacher.locator('[data-testid="title-status"][data-status="requested"]').count()).toBe(3)
    expect(await fitsWidth(teacher)).toBe(true)
    await shoot(teacher, 'course-reserves-07-teacher-titles-phone-zh')

    // The librarian imports the platform's KBART file on the e-holdings page.
    const staff = await journey.newPage(DESK)
    await signIn(staff, 'sjtu', 'L001')
    await staff.goto(`${journey.url}/staff/course-reserves`)
    await staff.getByTestId('course-reserves-nav-holdings').click()
    await staff.waitForURL(/\/staff\/course-reserves\/e-holdings$/)
    await staff.getByTestId('holdings-import-open').click()
    await staff.getByTestId('holdings-import-name').fill('示例电子书平台')
    await staff
      .getByTestId('holdings-import-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'kbart-sample.txt', mimeType: 'text/plain', buffer: KBART })
    await poll(() => staff.getByTestId('holdings-import-counts').textContent()).toContain('题名 8 种')
    await poll(() => staff.getByTestId('holdings-import-ready').isVisible()).toBe(true)
    await shoot(staff, 'course-reserves-08-kbart-preview-zh')
    await staff.getByTestId('holdings-import-apply').click()
    await poll(() => staff.getByTestId('holdings-import-done').textContent()).toContain('新增匹配建议 3 条')
    await staff.getByTestId('holdings-see-proposals').click()
    await staff.waitForURL(/\/staff\/course-reserves\/titles\?match=proposed$/)

    // Three proposals; the ISBN one is accepted in one click.
    const table = staff.getByTestId('titles-table')
    await poll(() => table.getByTestId('title-proposal').count()).toBe(3)
    await shoot(staff, 'course-reserves-09-proposals-zh')
    const byIsbn = table.locator('[data-testid="title-proposal"]').filter({
      has: staff.locator('[data-match-kind="isbn"]'),
    })
    await byIsbn.getByTestId('proposal-accept').click()
    await poll(() => staff.getByTestId('titles-summary').textContent()).toContain('已发布 1')
    await staff.goto(`${journey.url}/staff/course-reserves/titles?status=published`)
    await poll(() => staff.getByTestId('titles-table').textContent()).toContain('数据结构(C语言版)')
    await poll(() => staff.getByTestId('titles-table').textContent()).toContain('已发布 · 馆藏电子资源')
    await shoot(staff, 'course-reserves-10-matched-zh')

    // The teacher sees it published, with its link.
    await teacher.reload()
    await poll(() => teacher.locator('[data-testid="title-status"][data-status="published"]').count()).toBe(1)
    expect(await teacher.getByTestId('course-title-link').getAttribute('href')).toBe(
      'https://ebooks.example.edu.cn/book/9787302147510',
    )
    await shoot(teacher, 'course-reserves-11-teacher-matched-phone-zh')
  })
  it('the teacher uploads a chapter, the librarian approves it, coverage counts it, and an enrolled reader opens it', async () => {
    const teacher = await journey.newPage(PHONE)
    await signIn(teacher, 'sjtu', 'T001')
    await teacher.goto(`${journey.url}/my-courses`)
    await teacher
      .getByTestId('my-courses-teaching')
      .locator('[data-course-code="MB2101"]')
      .getByTestId('my-course-open')
      .click()
    await teacher.waitForURL(/\/my-courses\/[0-9a-f-]{36}$/)
    const form = teacher.getByTestId('reserve-item-form')
    await poll(() => form.isVisible()).toBe(true)
    await form.getByTestId('reserve-item-kind').getByText('PDF', { exact: false }).click()
    await form
      .locator('input[type=file]')
      .setInputFiles({ name: '第三章 文献检索方法.pdf', mimeType: 'application/pdf', buffer: CHAPTER })
    await poll(() => teacher.getByTestId('reserve-item-name').inputValue()).toBe('第三章 文献检索方法')
    await teacher.getByTestId('reserve-item-title').click()
    await teacher
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '文献检索与利用' })
      .click()
    await teacher.getByTestId('reserve-item-add').click()
    const item = teacher.getByTestId('reserve-item').filter({ hasText: '第三章 文献检索方法' })
    await poll(() => item.getByTestId('reserve-item-review').getAttribute('data-status')).toBe('pending')
    const permalink = (await item.getByTestId('reserve-item-permalink').getAttribute('href'))!
    expect(permalink).toMatch(/^\/r\/[A-Za-z0-9]{8}$/)
    expect(await fitsWidth(teacher)).toBe(true)
    await shoot(teacher, 'course-reserves-12-teacher-upload-phone-zh')

    // The librarian approves it as digitised: the title is published.
    const staff = await journey.newPage(DESK)
    await signIn(staff, 'sjtu', 'L001')
    await staff.goto(`${journey.url}/staff/course-reserves/reviews`)
    const review = staff.getByTestId('reserve-review').filter({ hasText: '第三章 文献检索方法' })
    await review.getByTestId('reserve-review-channel').click()
    await staff
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: '馆内数字化' })
      .click()
    await review.getByTestId('reserve-review-approve').click()
    await poll(() => review.count()).toBe(0)

    // Coverage: two of the course's three titles are published.
    await staff.goto(`${journey.url}/staff/course-reserves/coverage`)
    const fill = staff.locator('[data-testid="coverage-figure"][data-figure="fill"]')
    await poll(() => fill.textContent()).toContain('2 / 3')
    await shoot(staff, 'course-reserves-13-coverage-zh')

    // The demo reader takes MB2101: the permalink opens the chapter itself, and is counted.
    const reader = await journey.newPage(PHONE)
    await signIn(reader, 'sjtu', '2020001')
    const opened = await reader.request.get(`${journey.url}${permalink}`)
    expect(opened.status()).toBe(200)
    expect(opened.headers()['content-type']).toContain('application/pdf')
    expect((await opened.body()).subarray(0, 5).toString()).toBe('%PDF-')

    // A signed-in classmate who does not take MB2101 is refused, on a page that says why and
    // leads back to their own courses.
    const classmate = await journey.newPage(PHONE)
    await signIn(classmate, 'sjtu', '2020002')
    const asked = await classmate.request.get(`${journey.url}${permalink}`)
    expect(asked.status()).toBe(403)
    expect((await asked.json()).code).toBe('course_item_not_allowed')
    await classmate.goto(`${journey.url}${permalink}`)
    await classmate.waitForURL(/\/reserve\/[a-z0-9]{8}\?refused=course_item_not_allowed$/)
    const refusal = classmate.getByTestId('reserve-item-refused')
    await poll(() => refusal.getAttribute('data-status')).toBe('403')
    expect(await refusal.textContent()).toContain('无法打开这份教参')
    expect(await classmate.getByTestId('reserve-item-refused-reason').textContent()).toBe(
      '只有选修或讲授这门课程的读者和图书馆员可以打开这份教参。',
    )
    expect(await fitsWidth(classmate)).toBe(true)
    await shoot(classmate, 'course-reserves-14-refused-phone-zh')
    await classmate.getByTestId('reserve-item-back').click()
    await classmate.waitForURL(/\/my-courses$/)
    await poll(() => classmate.getByTestId('my-courses-enrolled').getByTestId('my-course').count()).toBe(2)
    expect(await classmate.locator('[data-course-code="MB2101"]').count()).toBe(0)

    // Without signing in, the same link asks for sign-in first and comes back to it.
    const stranger = await journey.newPage(PHONE)
    await stranger.goto(`${journey.url}${permalink}`)
    await stranger.waitForURL(/\/sign-in/)
    expect(decodeURIComponent(stranger.url())).toContain(permalink)
  })
})
