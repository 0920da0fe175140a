import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { DEMO_TEACHER_NUMBER } from './course-reserves.demo.ts'

const t = useTestApp()

const COURSES = '/api/course-reserves/courses'

type Title = {
  id: string
  isbn13: string | null
  title: string | null
  author: string | null
  status: string
}

const teacher = () => t.signIn(DEMO_TEACHER_NUMBER, 'sjtu')
const courseId = async (code: string, libraryCode = 'sjtu') => {
  const list = await t.request({
    method: 'GET',
    url: `${COURSES}?q=${code}`,
    cookie: await t.as('librarian', libraryCode),
  })
  return (list.json().items as { id: string; code: string }[]).find((course) => course.code === code)!.id
}
const add = async (cookie: string, course: string, payload: Record<string, unknown>) =>
  t.request({ method: 'POST', url: `${COURSES}/${course}/titles`, cookie, payload })
const titlesOf = async (cookie: string, course: string) =>
  (await t.request({ method: 'GET', url: `${COURSES}/${course}/titles`, cookie })).json().items as Title[]
const paste = (cookie: string, course: string, text: string, dryRun = true) =>
  t.request({ method: 'POST', url: `${COURSES}/${course}/titles/paste`, cookie, payload: { text, dryRun } })

describe('a teacher’s titles for their course', () => {
  it('adds titles by ISBN (10 or 13, normalised to 13) and by title and author, once each', async () => {
    const me = await teacher()
    const course = await courseId('MB2101')
    const byIsbn = await add(me, course, { isbn: 'ISBN 7-302-14751-5' })
    expect(byIsbn.statusCode, byIsbn.body).toBe(200)
    expect(byIsbn.json()).toMatchObject({
      added: true,
      title: { isbn13: '9787302147510', title: null, status: 'requested', channel: null, link: null },
    })
    const again = await add(me, course, { isbn: '978-7-302-14751-0' })
    expect(again.json()).toMatchObject({ added: false, title: { id: byIsbn.json().title.id } })

    const byName = await add(me, course, {
      title: '高等数学（第七版）',
      author: '同济大学数学系 编',
      publisher: '高等教育出版社',
      edition: '第7版',
    })
    expect(byName.json().title).toMatchObject({
      isbn13: null,
      title: '高等数学(第七版)',
      author: '同济大学数学系 编',
      publisher: '高等教育出版社',
      edition: '第7版',
    })
    expect((await titlesOf(me, course)).map((title) => title.isbn13 ?? title.title)).toEqual([
      '9787302147510',
      '高等数学(第七版)',
    ])
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', course)
      .execute()
    expect(audit.map((entry) => entry.action)).toEqual(['course.add_titles', 'course.add_titles'])
  })

  it('refuses an ISBN with a wrong check digit or length, and a title-less request', async () => {
    const me = await teacher()
    const course = await courseId('MB2101')
    for (const isbn of ['978-7-302-14751-1', '7-302-14751-8', '97873021475']) {
      const refused = await add(me, course, { isbn })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().errors).toMatchObject([{ path: 'body.isbn', code: 'invalid_isbn' }])
    }
    const empty = await add(me, course, { author: '佚名' })
    expect(empty.json().errors).toMatchObject([{ path: 'body.title', code: 'title_or_isbn' }])
  })

  it('reads a pasted list line by line, says what is wrong, and adds all or nothing', async () => {
    const me = await teacher()
    const course = await courseId('ME3205')
    const list = [
      '1. 文献检索与利用 / 王细荣',
      '978-7-111-54493-7',
      '978-7-111-54493-0',
      '文献检索与利用 / 王细荣',
    ].join('\n')
    const dry = await paste(me, course, list)
    expect(dry.statusCode, dry.body).toBe(200)
    expect(
      dry
        .json()
        .lines.map((line: { line: number; problem: { code: string } | null; duplicate: boolean }) => [
          line.line,
          line.problem?.code ?? null,
          line.duplicate,
        ]),
    ).toEqual([
      [1, null, false],
      [2, null, false],
      [3, 'bad_isbn', false],
      [4, null, true],
    ])
    expect(dry.json().lines[2].problem.message).toContain('校验位不对')
    const refused = await paste(me, course, list, false)
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toMatchObject({
      code: 'import_has_problems',
      problems: [{ line: 3, code: 'bad_isbn' }],
    })
    expect(await titlesOf(me, course)).toEqual([])

    const fixed = await paste(me, course, list.replace('978-7-111-54493-0\n', ''), false)
    expect(fixed.json()).toMatchObject({ applied: true, added: 2 })
    expect((await titlesOf(me, course)).map((title) => title.isbn13 ?? title.title)).toEqual([
      '文献检索与利用',
      '9787111544937',
    ])
  })

  it('makes one title of a book several courses ask for, however each wrote it', async () => {
    const librarian = await t.as('librarian')
    const [mb, me, ge] = [await courseId('MB2101'), await courseId('ME3205'), await courseId('GE1001')]
    // Asked for by name in ME3205 above; by name (another way of writing it) from staff for GE1001.
    const byStaff = await add(librarian, ge, { title: '文献检索与利用', author: '王细荣 主编' })
    expect(byStaff.json().added).toBe(true)
    const shared = (await titlesOf(librarian, me)).find((title) => title.title === '文献检索与利用')!
    // The author's words of responsibility differ: still “王细荣”, so the same title.
    expect(byStaff.json().title.id).toBe(shared.id)
    // By ISBN, in MB2101 and (as an ISBN-10) in GE1001: one title.
    const gaoshu = await add(librarian, ge, { isbn: '7302147515' })
    expect(gaoshu.json().title.id).toBe((await titlesOf(librarian, mb))[0]!.id)
    const rows = await t.ctx.db
      .selectFrom('course_titles as t')
      .innerJoin('course_title_requests as r', 'r.title_id', 't.id')
      .select(['t.id', 'r.source'])
      .where('t.id', '=', shared.id)
      .execute()
    expect(rows.map((row) => row.source).sort()).toEqual(['staff', 'teacher'])

    // A book first asked for by name gains its ISBN when asked for by ISBN with the same name.
    const named = await add(librarian, ge, { title: '大学物理学', author: '张三慧' })
    const withIsbn = await add(librarian, mb, {
      isbn: '9787302423287',
      title: '大学物理学',
      author: '张三慧',
    })
    expect(withIsbn.json().title).toMatchObject({ id: named.json().title.id, isbn13: '9787302423287' })
  })

  it('removes a title from a course; a title no course asks for any more goes', async () => {
    const me = await teacher()
    const course = await courseId('ME3205')
    const lone = (await titlesOf(me, course)).find((title) => title.isbn13 === '9787111544937')!
    const removed = await t.request({
      method: 'DELETE',
      url: `${COURSES}/${course}/titles/${lone.id}`,
      cookie: me,
    })
    expect(removed.statusCode).toBe(204)
    expect(
      await t.ctx.db.selectFrom('course_titles').select('id').where('id', '=', lone.id).execute(),
    ).toEqual([])
    const shared = (await titlesOf(me, course)).find((title) => title.title === '文献检索与利用')!
    await t.request({ method: 'DELETE', url: `${COURSES}/${course}/titles/${shared.id}`, cookie: me })
    // GE1001 still asks for it.
    expect(
      await t.ctx.db.selectFrom('course_titles').select('id').where('id', '=', shared.id).execute(),
    ).toHaveLength(1)
    const twice = await t.request({
      method: 'DELETE',
      url: `${COURSES}/${course}/titles/${shared.id}`,
      cookie: me,
    })
    expect(twice.statusCode).toBe(404)
  })
})

describe('who may change what a course requires', () => {
  it('refuses a teacher of another course and a reader with 403 and says why; another library 404', async () => {
    const notTaught = await courseId('PE1003')
    const taught = await courseId('MB2101')
    const asTeacher = await add(await teacher(), notTaught, { isbn: '9787302147510' })
    expect(asTeacher.statusCode).toBe(403)
    expect(asTeacher.json()).toMatchObject({ code: 'course_not_taught' })
    expect(asTeacher.json().detail).toContain('只有这门课程的任课教师和图书馆员')
    // The demo reader is enrolled in MB2101, and still may not change (or see) its requests.
    const reader = await t.as('reader')
    expect((await add(reader, taught, { isbn: '9787302147510' })).statusCode).toBe(403)
    expect(
      (await t.request({ method: 'GET', url: `${COURSES}/${taught}/titles`, cookie: reader })).statusCode,
    ).toBe(403)
    expect((await paste(reader, notTaught, '9787302147510')).json().code).toBe('course_not_taught')
    const title = (await titlesOf(await teacher(), taught))[0]!
    const remove = await t.request({
      method: 'DELETE',
      url: `${COURSES}/${taught}/titles/${title.id}`,
      cookie: reader,
    })
    expect(remove.statusCode).toBe(403)
    // Another library's staff and readers: not there at all.
    for (const cookie of [await t.as('librarian', 'fudan'), await t.as('reader', 'fudan')]) {
      expect((await add(cookie, taught, { isbn: '9787302147510' })).statusCode).toBe(404)
      expect(
        (await t.request({ method: 'GET', url: `${COURSES}/${taught}/titles`, cookie })).statusCode,
      ).toBe(404)
    }
  })
})
