import { v7 as uuidv7 } from 'uuid'
import { beforeAll, describe, expect, it } from 'vitest'
import type { CoursesTable } from '../../db/schema.ts'
import { addDays, startOfDayIn, todayIn } from '../../platform/libraries/calendar.ts'
import { useTestApp } from '../../test/test-app.ts'
import { newTerm } from './course-reserves.fixtures.ts'

const t = useTestApp()

// A term of four courses and five titles, figured by hand. Days are counted back from today in
// the library's time zone (Asia/Shanghai); each request and publication at noon.
//
//   course            category        department  requests (day asked)       published
//   CV101 高等数学     public_basic    数学系       T1 (-4), T2 (-2)           T1 on -3, T2 on -1
//   CV102 大学物理     public_basic    物理系       T2 (-3), T3 (-3)
//   CV201 数学分析     major_basic     数学系       T3 (-3), T4 (-2), T5 (-2)  T4 on -2
//   CV301 前沿讲座     major_elective  (none)      —
//
// T1 and T2 are from 高等教育出版社 (one with an ideographic space), T3 and T4 from Tsinghua
// University Press (written two ways), T5 names no publisher. T3 is being searched for, T5 only
// requested. Now: 3 of 4 courses have requests; CV101 has all published (保障率 1/3), all three
// have at least one; 3 of 5 titles are published (满足率 60%).

let termId = ''
let math = ''
const sjtu = () => t.world.libraries.find((library) => library.code === 'sjtu')!
const TZ = 'Asia/Shanghai'
const today = () => todayIn(TZ, new Date())
const noonOf = (daysBack: number) =>
  new Date(startOfDayIn(addDays(today(), -daysBack), TZ).getTime() + 12 * 3_600_000)
const url = (query = '') => `/api/course-reserves/terms/${termId}/coverage${query}`

beforeAll(async () => {
  const librarian = await t.as('librarian')
  termId = await newTerm(t, librarian, 'CV-2026')
  const libraryId = sjtu().id
  const departments = await t.ctx.db
    .selectFrom('departments')
    .select(['id', 'name_zh'])
    .where('library_id', '=', libraryId)
    .orderBy('code')
    .execute()
  math = departments[0]!.id
  const physics = departments[1]!.id
  const course = (code: string, category: CoursesTable['category'], departmentId: string | null) => ({
    id: uuidv7(),
    library_id: libraryId,
    term_id: termId,
    code,
    name_zh: code,
    category,
    department_id: departmentId,
    department_name: null,
  })
  const courses = [
    course('CV101', 'public_basic', math),
    course('CV102', 'public_basic', physics),
    course('CV201', 'major_basic', math),
    course('CV301', 'major_elective', null),
  ]
  await t.ctx.db.insertInto('courses').values(courses).execute()
  const title = (
    name: string,
    publisher: string | null,
    status: 'published' | 'searching' | 'requested',
    publishedDaysBack?: number,
  ) => ({
    id: uuidv7(),
    library_id: libraryId,
    term_id: termId,
    title: name,
    title_key: name,
    publisher,
    status,
    channel: status === 'published' ? ('owned_platform' as const) : null,
    published_at: publishedDaysBack === undefined ? null : noonOf(publishedDaysBack),
  })
  const titles = [
    title('T1', '高等教育出版社', 'published', 3),
    title('T2', '高等教育　出版社', 'published', 1),
    title('T3', 'Tsinghua University Press', 'searching'),
    title('T4', 'TSINGHUA UNIVERSITY PRESS.', 'published', 2),
    title('T5', null, 'requested'),
  ]
  await t.ctx.db.insertInto('course_titles').values(titles).execute()
  const request = (courseAt: number, titleAt: number, daysBack: number) => ({
    id: uuidv7(),
    library_id: libraryId,
    course_id: courses[courseAt]!.id,
    title_id: titles[titleAt]!.id,
    source: 'staff' as const,
    created_at: noonOf(daysBack),
  })
  await t.ctx.db
    .insertInto('course_title_requests')
    .values([
      request(0, 0, 4),
      request(0, 1, 2),
      request(1, 1, 3),
      request(1, 2, 3),
      request(2, 2, 3),
      request(2, 3, 2),
      request(2, 4, 2),
    ])
    .execute()
})

describe('a term’s coverage', () => {
  it('counts 保障率 and 满足率 in all and by category, department and publisher', async () => {
    const response = await t.request({ method: 'GET', url: url(), cookie: await t.as('librarian') })
    expect(response.statusCode, response.body).toBe(200)
    const figures = response.json()
    expect(figures.total).toEqual({
      courses: 4,
      requesting: 3,
      allPublished: 1,
      anyPublished: 3,
      titles: 5,
      published: 3,
    })
    expect(figures.targetPercent).toBeNull()
    expect(figures.byCategory).toEqual([
      {
        category: 'public_basic',
        courses: 2,
        requesting: 2,
        allPublished: 1,
        anyPublished: 2,
        titles: 3,
        published: 2,
      },
      {
        category: 'major_basic',
        courses: 1,
        requesting: 1,
        allPublished: 0,
        anyPublished: 1,
        titles: 3,
        published: 1,
      },
      {
        category: 'major_elective',
        courses: 1,
        requesting: 0,
        allPublished: 0,
        anyPublished: 0,
        titles: 0,
        published: 0,
      },
    ])
    const byDepartment = figures.byDepartment.map((row: Record<string, unknown>) => [
      row.departmentId,
      row.courses,
      row.requesting,
      row.allPublished,
      row.anyPublished,
      row.titles,
      row.published,
    ])
    expect(byDepartment).toContainEqual([math, 2, 2, 1, 2, 5, 3])
    expect(byDepartment).toContainEqual([expect.any(String), 1, 1, 0, 1, 2, 1])
    expect(byDepartment.at(-1)).toEqual([null, 1, 0, 0, 0, 0, 0])
    expect(figures.byPublisher).toEqual([
      { publisher: expect.stringMatching(/^高等教育/), titles: 2, published: 2 },
      { publisher: expect.stringMatching(/^tsinghua university press/i), titles: 2, published: 1 },
      { publisher: null, titles: 1, published: 0 },
    ])
  })

  it('draws the series day by day from the first request, counting a course again when a new title is added', async () => {
    const figures = (await t.request({ method: 'GET', url: url(), cookie: await t.as('librarian') })).json()
    expect(figures.today).toBe(today())
    const day = (daysBack: number) => addDays(today(), -daysBack)
    expect(figures.series).toEqual([
      { day: day(4), requesting: 1, allPublished: 0, anyPublished: 0, titles: 1, published: 0 },
      { day: day(3), requesting: 3, allPublished: 1, anyPublished: 1, titles: 3, published: 1 },
      { day: day(2), requesting: 3, allPublished: 0, anyPublished: 2, titles: 5, published: 2 },
      { day: day(1), requesting: 3, allPublished: 1, anyPublished: 3, titles: 5, published: 3 },
      { day: day(0), requesting: 3, allPublished: 1, anyPublished: 3, titles: 5, published: 3 },
    ])
  })

  it('narrows every figure and the series to a category or a department', async () => {
    const cookie = await t.as('librarian')
    const basic = (await t.request({ method: 'GET', url: url('?category=public_basic'), cookie })).json()
    expect(basic.total).toEqual({
      courses: 2,
      requesting: 2,
      allPublished: 1,
      anyPublished: 2,
      titles: 3,
      published: 2,
    })
    expect(basic.series.at(-1)).toMatchObject({ requesting: 2, allPublished: 1, titles: 3, published: 2 })
    const ofMath = (await t.request({ method: 'GET', url: url(`?departmentId=${math}`), cookie })).json()
    expect(ofMath.total).toMatchObject({
      courses: 2,
      requesting: 2,
      allPublished: 1,
      titles: 5,
      published: 3,
    })
    const none = (await t.request({ method: 'GET', url: url('?category=none'), cookie })).json()
    expect(none.total).toMatchObject({ courses: 0, titles: 0 })
    expect(none.series).toEqual([])
    const wrong = await t.request({ method: 'GET', url: url('?category=elective'), cookie })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.headers['content-type']).toContain('application/problem+json')
  })

  it('keeps the library’s target for the term, 1 to 100 percent, and records who set it', async () => {
    const cookie = await t.as('library_admin')
    const target = (targetPercent: unknown) =>
      t.request({
        method: 'PUT',
        url: `/api/course-reserves/terms/${termId}/coverage-target`,
        cookie,
        payload: { targetPercent },
      })
    expect((await target(90)).json()).toEqual({ targetPercent: 90 })
    expect((await target(95)).statusCode).toBe(200)
    const figures = (await t.request({ method: 'GET', url: url(), cookie })).json()
    expect(figures.targetPercent).toBe(95)
    for (const bad of [0, 101, 90.5, '90']) {
      const refused = await target(bad)
      expect(refused.statusCode).toBe(400)
      expect(refused.json().code).toBe('validation_failed')
    }
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity_id', '=', termId)
      .where('action', '=', 'course_term.set_coverage_target')
      .orderBy('id')
      .execute()
    expect(audit.map((entry) => entry.after)).toEqual([{ targetPercent: 90 }, { targetPercent: 95 }])
    expect((await target(null)).json()).toEqual({ targetPercent: null })
    expect((await t.request({ method: 'GET', url: url(), cookie })).json().targetPercent).toBeNull()
    await target(90)
  })

  it('is for the library’s staff only: readers are refused, another library never sees the term', async () => {
    const reader = await t.request({ method: 'GET', url: url(), cookie: await t.as('reader') })
    expect(reader.statusCode).toBe(403)
    const elsewhere = await t.as('librarian', 'fudan')
    expect((await t.request({ method: 'GET', url: url(), cookie: elsewhere })).statusCode).toBe(404)
    const setElsewhere = await t.request({
      method: 'PUT',
      url: `/api/course-reserves/terms/${termId}/coverage-target`,
      cookie: elsewhere,
      payload: { targetPercent: 10 },
    })
    expect(setElsewhere.statusCode).toBe(404)
    const exportElsewhere = await t.request({ method: 'GET', url: url('/export'), cookie: elsewhere })
    expect(exportElsewhere.statusCode).toBe(404)
    const anonymous = await t.request({ method: 'GET', url: url() })
    expect(anonymous.statusCode).toBe(401)
  })

  it('exports the figures and the series as CSV and Excel, headers in the caller’s language', async () => {
    const cookie = await t.as('librarian')
    const csv = await t.request({ method: 'GET', url: url('/export?format=csv'), cookie })
    expect(csv.statusCode, csv.body).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.headers['content-disposition']).toContain('coverage-CV-2026-figures')
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      '分组,名称,课程数,有需求的课程,需求全部发布的课程,保障率(%),至少发布一种的课程,至少一种保障率(%),需求书目,已发布书目,满足率(%)',
    )
    expect(lines[1]).toBe('全部,CV-2026 学期,4,3,1,33.3,3,100,5,3,60')
    expect(lines).toContain('课程类别,专业选修课,1,0,0,,0,,0,0,')
    expect(lines.at(-1)).toBe('出版社,（未注明）,,,,,,,1,0,0')
    const series = await t.request({ method: 'GET', url: url('/export?format=csv&table=series'), cookie })
    const days = series.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(days).toHaveLength(6)
    expect(days.at(-1)).toBe(`${today()},3,1,33.3,3,100,5,3,60,90`)
    const xlsx = await t.request({
      method: 'GET',
      url: url('/export?format=xlsx&category=major_basic'),
      cookie,
    })
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
  })
})
