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

const BATCH = '2020届硕士学位论文检测（第二批）'
const TITLE = '闭馆期间高校图书馆远程文献服务模式研究'
const HEADER = '学号,姓名,论文题目,导师,院系,专业,学位'
const csv = (lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8')
const ROWS = [
  `2020001,李明,${TITLE},张建国,电子信息与电气工程学院,电气工程,硕士`,
  '118037930002,王晓燕,面向5G网络的边缘计算资源调度研究,刘洪涛,SEIEE,信息与通信工程,硕士',
  '118037930003,陈浩,高速列车转向架构架疲劳寿命预测,吴志强,ME,机械工程,硕士',
]
const REPORT = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
)

const upload = (page: Page, testId: string, name: string, buffer: Buffer, mimeType: string) =>
  page.getByTestId(testId).locator('input[type=file]').setInputFiles({ name, mimeType, buffer })

describe('a batch of theses, from the graduate school’s list to the graduate’s phone', () => {
  it('the liaison librarian opens a batch, imports the list after fixing what the preview flags, and records a result', async () => {
    const staff = await journey.newPage(DESK)
    await signIn(staff, 'sjtu', 'L001')
    await staff.waitForURL(/\/staff/)
    await staff.getByTestId('staff-menu').getByText('论文查重').click()
    await staff.waitForURL(/\/staff\/similarity-checks$/)
    // The demo batches are there, with their progress.
    await poll(() => staff.getByTestId('similarity-batches-table').textContent()).toContain(
      '2020届硕士学位论文检测（第一批）',
    )
    await shoot(staff, 'similarity-01-batches-zh')

    await staff.getByTestId('similarity-batch-new').click()
    await staff.getByTestId('batch-form-name').fill(BATCH)
    await staff.getByTestId('batch-form-source').fill('研究生院培养办公室')
    // A master's batch passes at 15 % unless the school says otherwise.
    await poll(() => staff.getByTestId('batch-form-threshold').inputValue()).toBe('15.00')
    await shoot(staff, 'similarity-02-new-batch-zh')
    await staff.getByTestId('batch-form-submit').click()
    await staff.waitForURL(/\/staff\/similarity-checks\/[0-9a-f-]{36}$/)
    await poll(() => staff.getByTestId('similarity-batch-name').textContent()).toBe(BATCH)
    await poll(() => staff.getByTestId('similarity-theses-table').textContent()).toContain('导入名单')

    await staff.getByTestId('similarity-import-list').click()
    await upload(
      staff,
      'import-upload',
      '2020届硕士名单.csv',
      csv([ROWS[0]!, '118037930002,王晓燕,,刘洪涛,SEIEE,信息与通信工程,硕士', ROWS[2]!]),
      'text/csv',
    )
    await poll(() => staff.getByTestId('import-problems').textContent()).toContain('第 3 行')
    await poll(() => staff.getByTestId('import-problems').textContent()).toContain('“论文题目”不能为空')
    await poll(() => staff.getByTestId('import-apply').isDisabled()).toBe(true)
    await shoot(staff, 'similarity-03-import-problems-zh')

    await staff
      .getByTestId('import-modal')
      .getByText('换一个文件')
      .click()
      .catch(async () => {
        await staff.getByRole('button', { name: '换一个文件' }).click()
      })
    await upload(staff, 'import-upload', '2020届硕士名单-修正.csv', csv(ROWS), 'text/csv')
    await poll(() => staff.getByTestId('import-ready').isVisible()).toBe(true)
    await poll(() => staff.getByTestId('import-apply').textContent()).toContain('导入 3 篇论文')
    await poll(() => staff.getByTestId('import-apply').isEnabled()).toBe(true)
    await staff.waitForTimeout(400) // the button's colour change, for the screenshot
    await shoot(staff, 'similarity-04-import-ready-zh')
    await staff.getByTestId('import-apply').click()
    const table = staff.getByTestId('similarity-theses-table')
    await poll(() => table.locator('tbody tr.sq-sc-row').count()).toBe(3)
    await poll(() => staff.getByTestId('similarity-count-waiting').textContent()).toContain('3')

    await staff.getByTestId('similarity-submit-all').click()
    await staff.getByTestId('confirm-ok').click()
    await poll(() => staff.getByTestId('similarity-count-submitted').textContent()).toContain('3')

    const row = table.locator('tbody tr').filter({ hasText: '2020001' })
    await row.getByTestId('thesis-row-record').click()
    await staff.getByTestId('step-percent').fill('12.3')
    await poll(() => staff.getByTestId('step-verdict').textContent()).toContain('通过')
    await upload(staff, 'step-report', '李明-检测报告单.pdf', REPORT, 'application/pdf')
    await poll(() => staff.getByTestId('step-modal').textContent()).toContain('李明-检测报告单.pdf')
    await staff.getByTestId('step-note').fill('请在答辩前将终稿提交学院。')
    await shoot(staff, 'similarity-05-record-result-zh')
    await staff.getByTestId('step-submit').click()
    await poll(() => row.textContent()).toContain('12.3% 通过')
    await poll(() => staff.getByTestId('similarity-count-passed').textContent()).toContain('1')
    await shoot(staff, 'similarity-06-batch-zh')

    // The service's reports come back all at once, each named by the graduate's reader number.
    const second = table.locator('tbody tr').filter({ hasText: '118037930002' })
    await second.getByTestId('thesis-row-record').click()
    await staff.getByTestId('step-percent').fill('18.2')
    await staff.getByTestId('step-submit').click()
    await poll(() => second.textContent()).toContain('18.2%')
    await staff.getByTestId('similarity-bulk-reports').click()
    await staff
      .getByTestId('bulk-reports-picker')
      .locator('input[type=file]')
      .setInputFiles(
        ['118037930002_王晓燕.pdf', '118037930003_陈浩.pdf', '2019999999.pdf'].map((name) => ({
          name,
          mimeType: 'application/pdf',
          buffer: REPORT,
        })),
      )
    const bulkTable = staff.getByTestId('bulk-reports-table')
    await poll(() => bulkTable.textContent()).toContain('将作为王晓燕（118037930002）的检测报告')
    await poll(() => bulkTable.textContent()).toContain('尚无结果')
    await poll(() => bulkTable.textContent()).toContain('本批次没有学号为 2019999999 的论文')
    await poll(() => staff.getByTestId('bulk-reports-apply').textContent()).toContain('上传 1 份报告')
    await shoot(staff, 'similarity-06a-bulk-reports-preview-zh')
    await staff.getByTestId('bulk-reports-apply').click()
    await poll(() => bulkTable.textContent()).toContain('已作为王晓燕（118037930002）的检测报告')
    await shoot(staff, 'similarity-06b-bulk-reports-done-zh')
    await staff.getByTestId('bulk-reports-close').click()
    await poll(() => second.locator('a[aria-label="118037930002_王晓燕.pdf"]').count()).toBe(1)

    await row.getByText(TITLE).click()
    await poll(() => staff.getByTestId('thesis-history').textContent()).toContain('录入结果')
    await staff.waitForTimeout(500) // the drawer slides in, for the screenshot
    await poll(() => staff.getByTestId('thesis-history').textContent()).toContain('李明-检测报告单.pdf')
    await shoot(staff, 'similarity-07-thesis-drawer-zh')
    await staff.context().close()
  })

  it('the graduate sees the result and downloads the report on a phone, and was told in the inbox', async () => {
    const reader = await journey.newPage(PHONE)
    await signIn(reader, 'sjtu', '2020001')
    await poll(() => reader.getByTestId('home-thesis-checks').textContent()).toContain('12.3%')
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'similarity-08-home-zh')

    await reader.getByTestId('home-thesis-checks').click()
    await reader.waitForURL(/\/thesis-checks$/)
    const card = reader.getByTestId('my-thesis-check').filter({ hasText: TITLE })
    await poll(() => card.getByTestId('my-thesis-result').textContent()).toContain('12.3%')
    await poll(() => card.getByTestId('my-thesis-result').textContent()).toContain('通过')
    await poll(() => card.textContent()).toContain('≤ 15%')
    await poll(() => card.textContent()).toContain('请在答辩前将终稿提交学院。')
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'similarity-09-my-checks-zh')

    const download = reader.waitForEvent('download')
    await card.getByTestId('my-thesis-report').click()
    expect((await download).suggestedFilename()).toBe('李明-检测报告单.pdf')

    await reader.getByTestId('nav-notices').click()
    await reader.waitForURL(/\/inbox$/)
    await poll(() => reader.getByTestId('inbox-list').textContent()).toContain(
      '您的学位论文检测结果：通过（12.3%）',
    )
    await shoot(reader, 'similarity-10-inbox-zh')

    await reader.getByTestId('language-switch').click()
    await reader.getByTestId('language-en').click()
    await reader.goto(`${journey.url}/thesis-checks`)
    await poll(() => reader.getByTestId('my-thesis-checks-page').textContent()).toContain('Passed')
    await poll(() => reader.getByTestId('my-thesis-checks-page').textContent()).toContain('Download report')
    expect(await fitsWidth(reader)).toBe(true)
    await shoot(reader, 'similarity-11-my-checks-en')
    await reader.context().close()
  })
})
