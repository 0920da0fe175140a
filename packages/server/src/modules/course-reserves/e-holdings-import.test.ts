import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { makeFilesDir, PDF } from '../../platform/files/files.fixtures.ts'
import { realdataDir } from '../../test/realdata.ts'
import { useTestApp } from '../../test/test-app.ts'
import { csv, importHoldings } from './course-reserves.fixtures.ts'

const filesDir = makeFilesDir()
const t = useTestApp({ SHUQIAO_FILES_DIR: filesDir, FILE_UPLOADS_PER_HOUR: '1000' })
afterAll(() => rmSync(filesDir, { recursive: true, force: true }))

const SAMPLE = readFileSync(new URL('../../../../web/public/samples/kbart-sample.txt', import.meta.url))

// Real vendors' KBART files (../shared/realdata/kbart beside the checkout, or SHUQIAO_REALDATA):
// read from there, not copied; their tests run where they are present.
const realDir = realdataDir('kbart')
const real = (name: string) => join(realDir, name)
const CAMBRIDGE_BOOKS = real('CambridgeBooks_EdinburghUniversityPress.tsv')
const SCIENCE_DIRECT = real(
  'ScienceDirectStandard_Global_EBook-AgriculturalAndBiologicalSciencesPre-2007_2016-05-23.txt',
)
const CAMBRIDGE_JOURNALS = real('journals.cambridge.org_AllTitles_2015-07-14.txt')

const PLATFORMS = '/api/course-reserves/e-holdings/platforms'

const holdingsOf = (platformId: string) =>
  t.ctx.db.selectFrom('e_holdings').selectAll().where('platform_id', '=', platformId).execute()

type Problem = { line: number; code: string; severity: string }

describe('importing vendors’ real KBART files', () => {
  it.skipIf(!existsSync(CAMBRIDGE_BOOKS))(
    'imports Cambridge’s Edinburgh University Press books, a UTF-16 file with a BOM: 369 titles with ISBNs',
    async () => {
      const librarian = await t.as('librarian')
      const bytes = readFileSync(CAMBRIDGE_BOOKS)
      expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xfe]))
      const name = 'CambridgeBooks_EdinburghUniversityPress.tsv'
      const preview = await importHoldings(t, librarian, bytes, { platformName: 'Cambridge Core', name })
      expect(preview.statusCode, preview.body).toBe(200)
      expect(preview.json()).toMatchObject({
        format: 'kbart',
        rows: 369,
        counts: { titles: 369, withIsbn: 369, withIssn: 0, withoutIdentifier: 0, withoutUrl: 0, skipped: 0 },
        problems: [],
        platform: null,
        applied: false,
      })
      expect(preview.json().columns).toMatchObject({
        title: 'publication_title',
        printIdentifier: 'print_identifier',
        titleUrl: 'title_url',
        author: 'first_author',
      })
      expect(preview.json().ignoredColumns).toContain('date_monograph_published_print')
      const applied = await importHoldings(t, librarian, bytes, {
        platformName: 'Cambridge Core',
        name,
        apply: true,
      })
      expect(applied.json()).toMatchObject({
        applied: true,
        platform: { name: 'Cambridge Core', titleCount: 369 },
      })
      const rows = await holdingsOf(applied.json().platform.id)
      expect(rows).toHaveLength(369)
      expect(rows.find((row) => row.title === '911 and the War on Terror')).toMatchObject({
        print_isbn13: '9780748633807',
        online_isbn13: '9780748632411',
        author: 'Holloway',
        author_key: 'holloway',
        publisher: 'Edinburgh University Press',
        title_url: 'http://universitypublishingonline.org/edinburgh/ebook.jsf?bid=CBO9780748632411',
      })
    },
  )

  it.skipIf(!existsSync(SCIENCE_DIRECT))(
    'imports ScienceDirect’s file: UTF-8 with a BOM, hyphenated ISBNs, book series by ISSN, extra columns',
    async () => {
      const librarian = await t.as('librarian')
      const bytes = readFileSync(SCIENCE_DIRECT)
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
      const applied = await importHoldings(t, librarian, bytes, {
        platformName: 'ScienceDirect',
        name: 'ScienceDirectStandard.txt',
        apply: true,
      })
      expect(applied.statusCode, applied.body).toBe(200)
      expect(applied.json()).toMatchObject({
        rows: 262,
        counts: { titles: 262, withIsbn: 249, withIssn: 13, withoutIdentifier: 0, skipped: 0 },
        problems: [],
      })
      // The BOM is not part of the first header; the non-standard columns are named as ignored.
      expect(applied.json().columns.title).toBe('publication_title')
      expect(applied.json().ignoredColumns).toEqual(
        expect.arrayContaining(['supplement', 'title_change_history']),
      )
      const rows = await holdingsOf(applied.json().platform.id)
      expect(rows.find((row) => row.online_identifier === '978-0-444-50180-6')).toMatchObject({
        online_isbn13: '9780444501806',
        print_isbn13: null,
        publisher: 'Elsevier',
      })
      expect(rows.find((row) => row.title === 'Advances in Plant Pathology')).toMatchObject({
        online_identifier: '0736-4539',
        online_isbn13: null,
        publication_type: 'Serial',
      })
    },
  )

  it.skipIf(!existsSync(CAMBRIDGE_JOURNALS))(
    'imports Cambridge Journals: rows ending in a tab, `n/a` identifiers, free journals',
    async () => {
      const librarian = await t.as('librarian')
      const bytes = readFileSync(CAMBRIDGE_JOURNALS)
      const applied = await importHoldings(t, librarian, bytes, {
        platformName: 'Cambridge Journals',
        name: 'journals.cambridge.org_AllTitles_2015-07-14.txt',
        apply: true,
      })
      expect(applied.statusCode, applied.body).toBe(200)
      expect(applied.json()).toMatchObject({
        rows: 468,
        counts: { titles: 468, withIsbn: 0, withIssn: 468, withoutIdentifier: 0, withoutUrl: 0, skipped: 0 },
        problems: [],
      })
      const rows = await holdingsOf(applied.json().platform.id)
      expect(
        rows.find((row) => row.title === 'APSIPA Transactions on Signal and Information Processing'),
      ).toMatchObject({
        print_identifier: null,
        online_identifier: '2048-7703',
        free: true,
      })
      expect(rows.filter((row) => row.free)).toHaveLength(8)
    },
  )
})

describe('a platform’s e-holdings', () => {
  it('imports the sample, replaces it on a second import, and lists the platform with its count', async () => {
    const librarian = await t.as('librarian')
    const preview = await importHoldings(t, librarian, SAMPLE, { name: 'kbart-sample.txt' })
    expect(preview.json()).toMatchObject({
      rows: 8,
      counts: { titles: 8, withIsbn: 6, withIssn: 1, withoutIdentifier: 1 },
      problems: [],
    })
    const first = await importHoldings(t, librarian, SAMPLE, { apply: true })
    const platformId = first.json().platform.id
    expect(await holdingsOf(platformId)).toHaveLength(8)
    const again = await importHoldings(t, librarian, SAMPLE, { platformId, apply: true })
    expect(again.json()).toMatchObject({ replaces: 8, platform: { id: platformId, titleCount: 8 } })
    expect(await holdingsOf(platformId)).toHaveLength(8)
    const list = (await t.request({ method: 'GET', url: PLATFORMS, cookie: librarian })).json()
    expect(list.items.find((item: { id: string }) => item.id === platformId)).toMatchObject({
      name: '示例电子书平台',
      openAccess: false,
      titleCount: 8,
      fileName: 'kbart.txt',
    })
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', platformId)
      .execute()
    expect(audit.map((entry) => entry.action)).toEqual([
      'e_holding_platform.import',
      'e_holding_platform.import',
    ])

    const renamed = await t.request({
      method: 'PATCH',
      url: `${PLATFORMS}/${platformId}`,
      cookie: librarian,
      payload: { name: '示例平台（开放获取）', openAccess: true },
    })
    expect(renamed.json()).toMatchObject({ name: '示例平台(开放获取)', openAccess: true })
    const other = await importHoldings(t, librarian, SAMPLE, { platformName: '另一平台', apply: true })
    const taken = await t.request({
      method: 'PATCH',
      url: `${PLATFORMS}/${other.json().platform.id}`,
      cookie: librarian,
      payload: { name: '示例平台(开放获取)' },
    })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().code).toBe('platform_name_taken')
    const removed = await t.request({
      method: 'DELETE',
      url: `${PLATFORMS}/${other.json().platform.id}`,
      cookie: librarian,
    })
    expect(removed.statusCode).toBe(204)
    expect(await holdingsOf(other.json().platform.id)).toEqual([])
  })

  it('reads a CSV title list by its Chinese headers, and warns of rows it skips or cannot use', async () => {
    const librarian = await t.as('librarian')
    const list = csv([
      '书名,ISBN,电子版ISBN,作者,出版社,链接',
      '软件工程导论,978-7-302-33064-6,,张海藩,清华大学出版社,https://books.example.cn/1',
      ',978-7-302-24906-1,,,,https://books.example.cn/2',
      '计算机网络,978-7-121-35462-4,,谢希仁,电子工业出版社,books.example.cn/3',
    ])
    const preview = await importHoldings(t, librarian, list, { platformName: '书香平台', name: 'list.csv' })
    expect(preview.statusCode, preview.body).toBe(200)
    expect(preview.json()).toMatchObject({
      format: 'title_list',
      rows: 3,
      counts: { titles: 2, withIsbn: 1, withoutIdentifier: 1, withoutUrl: 1, skipped: 1 },
      columns: { title: '书名', printIdentifier: 'ISBN', onlineIdentifier: '电子版ISBN', titleUrl: '链接' },
    })
    expect(
      preview.json().problems.map((problem: Problem) => [problem.line, problem.code, problem.severity]),
    ).toEqual([
      [3, 'missing_title', 'warning'],
      [4, 'bad_isbn', 'warning'],
      [4, 'bad_url', 'warning'],
    ])
  })

  it('reads an Excel title list', async () => {
    const librarian = await t.as('librarian')
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('说明')
    const sheet = workbook.addWorksheet('题录')
    sheet.addRow(['题名', '电子书ISBN', '作者', '访问链接'])
    sheet.addRow(['软件工程导论（第6版）', '9787302330646', '张海藩', 'https://books.example.cn/1'])
    sheet.addRow(['计算机网络', '978-7-121-35462-5', '谢希仁', 'https://books.example.cn/2'])
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer())
    const applied = await importHoldings(t, librarian, xlsx, {
      platformName: 'Excel 平台',
      name: '题录.xlsx',
      apply: true,
    })
    expect(applied.statusCode, applied.body).toBe(200)
    expect(applied.json()).toMatchObject({
      format: 'title_list',
      rows: 2,
      counts: { titles: 2, withIsbn: 2 },
      columns: { title: '题名', onlineIdentifier: '电子书ISBN', titleUrl: '访问链接' },
    })
    const rows = await holdingsOf(applied.json().platform.id)
    expect(rows.map((row) => [row.title_key, row.online_isbn13])).toEqual([
      ['软件工程导论', '9787302330646'],
      ['计算机网络', '9787121354625'],
    ])
  })

  it('refuses a file it cannot read, or without a title column, and writes nothing', async () => {
    const librarian = await t.as('librarian')
    const pdf = await importHoldings(t, librarian, PDF, { name: 'holdings.pdf' })
    expect(pdf.json().problems).toMatchObject([{ line: 0, code: 'not_a_table', severity: 'error' }])
    const noTitle = csv(['ISBN,链接', '978-7-302-33064-6,https://books.example.cn/1'])
    const preview = await importHoldings(t, librarian, noTitle, { platformName: '无题名', name: 'x.csv' })
    expect(preview.json().problems).toMatchObject([{ line: 1, code: 'missing_column', severity: 'error' }])
    const applied = await importHoldings(t, librarian, noTitle, {
      platformName: '无题名',
      name: 'x.csv',
      apply: true,
    })
    expect(applied.statusCode).toBe(400)
    expect(applied.json().code).toBe('import_has_problems')
    const platforms = (await t.request({ method: 'GET', url: PLATFORMS, cookie: librarian })).json().items
    expect(platforms.map((platform: { name: string }) => platform.name)).not.toContain('无题名')
  })

  it('is for the library’s staff only: readers are refused, other libraries see nothing', async () => {
    const librarian = await t.as('librarian')
    const platformId = (await t.request({ method: 'GET', url: PLATFORMS, cookie: librarian })).json().items[0]
      .id
    expect(
      (await t.request({ method: 'GET', url: PLATFORMS, cookie: await t.as('reader') })).statusCode,
    ).toBe(403)
    const fudan = await t.as('librarian', 'fudan')
    expect((await t.request({ method: 'GET', url: PLATFORMS, cookie: fudan })).json().items).toEqual([])
    const patch = await t.request({
      method: 'PATCH',
      url: `${PLATFORMS}/${platformId}`,
      cookie: fudan,
      payload: { openAccess: false },
    })
    expect(patch.statusCode).toBe(404)
    const into = await importHoldings(t, fudan, SAMPLE, { platformId, apply: true })
    expect(into.statusCode).toBe(404)
  })
})
