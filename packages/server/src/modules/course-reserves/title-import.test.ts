import { readFileSync, rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { makeFilesDir } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'
import { DEMO_TEACHER_NUMBER } from './course-reserves.demo.ts'
import { csv, currentTermId, importHoldings, uploadList } from './course-reserves.fixtures.ts'

const filesDir = makeFilesDir()
const t = useTestApp({ SHUQIAO_FILES_DIR: filesDir, FILE_UPLOADS_PER_HOUR: '1000' })
afterAll(() => rmSync(filesDir, { recursive: true, force: true }))

const samples = new URL('../../../../web/public/samples/', import.meta.url)
const DEMAND = readFileSync(new URL('titles-sample.csv', samples))
const KBART = readFileSync(new URL('kbart-sample.txt', samples))

type Problem = { line: number; code: string; severity: string; message: string }

const importDemand = async (
  cookie: string,
  termId: string,
  content: Buffer,
  options: { apply?: boolean; mapping?: Record<string, string | null> } = {},
) =>
  t.request({
    method: 'POST',
    url: '/api/course-reserves/title-imports',
    cookie,
    payload: {
      termId,
      fileId: await uploadList(t, cookie, content, 'demand.csv'),
      dryRun: !options.apply,
      ...(options.mapping ? { mapping: options.mapping } : {}),
    },
  })

const titleCount = async () =>
  (
    await t.ctx.db
      .selectFrom('course_titles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n

describe('importing a school-wide demand list', () => {
  it('previews the sample list, applies it, matches it, and finds it all there the second time', async () => {
    const librarian = await t.as('librarian')
    const termId = await currentTermId(t, librarian)
    await importHoldings(t, librarian, KBART, { apply: true })
    // A teacher asked for one of the list's books already, by ISBN.
    const teacher = await t.signIn(DEMO_TEACHER_NUMBER, 'sjtu')
    const mb = (await t.request({ method: 'GET', url: '/api/my/courses', cookie: teacher })).json()
      .teaching[0].id
    await t.request({
      method: 'POST',
      url: `/api/course-reserves/courses/${mb}/titles`,
      cookie: teacher,
      payload: { isbn: '9787302147510' },
    })

    const preview = await importDemand(librarian, termId, DEMAND)
    expect(preview.statusCode, preview.body).toBe(200)
    expect(preview.json()).toMatchObject({
      rows: 6,
      mapping: {
        courseCode: '课程代码',
        isbn: 'ISBN',
        title: '书名',
        author: '作者',
        publisher: '出版社',
        edition: null,
      },
      problems: [],
      // 文献检索与利用 is asked for by MB2101 and ME3205 (its author written two ways): one title.
      counts: { titles: { create: 4, existing: 1 }, requests: { add: 5, existing: 1 }, courses: 4 },
      applied: false,
    })
    expect(await titleCount()).toBe(1)

    const applied = await importDemand(librarian, termId, DEMAND, { apply: true })
    expect(applied.json()).toMatchObject({ applied: true, counts: preview.json().counts, proposed: 3 })
    expect(await titleCount()).toBe(5)
    const shared = await t.ctx.db
      .selectFrom('course_titles as t')
      .innerJoin('course_title_requests as r', 'r.title_id', 't.id')
      .select(['t.title', 't.publisher', 'r.source'])
      .where('t.title', '=', '文献检索与利用')
      .execute()
    expect(shared).toEqual([
      { title: '文献检索与利用', publisher: '同济大学出版社', source: 'import' },
      { title: '文献检索与利用', publisher: '同济大学出版社', source: 'import' },
    ])
    // The teacher's ISBN-only request took the list's title.
    const dataStructures = await t.ctx.db
      .selectFrom('course_titles')
      .select(['title', 'author'])
      .where('isbn13', '=', '9787302147510')
      .executeTakeFirstOrThrow()
    expect(dataStructures).toEqual({ title: '数据结构(C语言版)', author: '严蔚敏' })

    const again = await importDemand(librarian, termId, DEMAND, { apply: true })
    expect(again.json().counts).toEqual({
      titles: { create: 0, existing: 5 },
      requests: { add: 0, existing: 6 },
      courses: 4,
    })
    expect(await titleCount()).toBe(5)
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', termId)
      .where('action', '=', 'course_term.import_titles')
      .execute()
    expect(audit).toHaveLength(2)
  })

  it('lists every row’s problem by line and imports nothing while one is wrong', async () => {
    const librarian = await t.as('librarian')
    const termId = await currentTermId(t, librarian)
    const before = await titleCount()
    const file = csv([
      '课程号,ISBN号,教材名称,主编',
      'MB2101,978-7-111-40701-0,机器学习,周志华',
      'MB2101,978-7-111-40701-1,,',
      'XX9999,,不存在的课程的书,',
      ',,没有课程代码,',
      'ME3205,,,',
      'MB2101,9787111407010,机器学习,周志华',
      'ME3205,97871114070,短了的 ISBN,',
    ])
    const preview = await importDemand(librarian, termId, file)
    expect(preview.statusCode, preview.body).toBe(200)
    const problems = preview.json().problems as Problem[]
    expect(problems.map((problem) => [problem.line, problem.code, problem.severity])).toEqual([
      [3, 'bad_isbn', 'error'],
      [4, 'unknown_course', 'error'],
      [5, 'missing_code', 'error'],
      [6, 'missing_title', 'error'],
      [7, 'duplicate_row', 'warning'],
      [8, 'bad_isbn', 'error'],
    ])
    expect(problems[0]!.message).toContain('校验位不对')
    expect(problems[1]!.message).toContain('XX9999')
    expect(problems[4]!.message).toContain('第 2 行')
    expect(problems[5]!.message).toContain('10 位或 13 位')
    const applied = await importDemand(librarian, termId, file, { apply: true })
    expect(applied.statusCode).toBe(400)
    expect(applied.json()).toMatchObject({ code: 'import_has_problems' })
    expect(applied.json().problems.map((problem: Problem) => problem.line)).toEqual([3, 4, 5, 6, 8])
    expect(await titleCount()).toBe(before)

    // With the wrong rows taken out, the rest goes in at once.
    const fixed = csv(['课程号,ISBN号,教材名称,主编', 'MB2101,978-7-111-40701-0,机器学习,周志华'])
    expect((await importDemand(librarian, termId, fixed, { apply: true })).json().applied).toBe(true)
    expect(await titleCount()).toBe(before + 1)
  })

  it('asks for the course code column when it cannot find one, and takes the columns chosen', async () => {
    const librarian = await t.as('librarian')
    const termId = await currentTermId(t, librarian)
    const file = csv(['科目,书', 'GE1001,线性代数'])
    const preview = await importDemand(librarian, termId, file)
    expect(preview.json().problems).toMatchObject([{ line: 1, code: 'missing_column', severity: 'error' }])
    const mapped = await importDemand(librarian, termId, file, {
      mapping: { courseCode: '科目', title: '书' },
    })
    expect(mapped.json()).toMatchObject({ problems: [], counts: { titles: { create: 1 } } })
  })

  it('is for the library’s staff, into their own library’s terms', async () => {
    const termId = await currentTermId(t, await t.as('librarian'))
    const reader = await t.as('reader')
    const asReader = await t.request({
      method: 'POST',
      url: '/api/course-reserves/title-imports',
      cookie: reader,
      payload: { termId, fileId: termId, dryRun: true },
    })
    expect(asReader.statusCode).toBe(403)
    expect((await importDemand(await t.as('librarian', 'fudan'), termId, DEMAND)).statusCode).toBe(404)
  })
})
