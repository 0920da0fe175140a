import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { makeFilesDir } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'
import { DEMO_TEACHER_NUMBER } from './course-reserves.demo.ts'
import { csv, currentTermId, importList, newTerm } from './course-reserves.fixtures.ts'

const filesDir = makeFilesDir()
const t = useTestApp({ SHUQIAO_FILES_DIR: filesDir, FILE_UPLOADS_PER_HOUR: '1000' })
afterAll(() => rmSync(filesDir, { recursive: true, force: true }))

const COURSES = '/api/course-reserves/courses'

type Course = {
  id: string
  code: string
  nameZh: string
  teachers: { name: string; staffNumber: string | null }[]
}

const get = async (url: string, cookie: string) => t.request({ method: 'GET', url, cookie })
const teacher = (libraryCode = 'sjtu') => t.signIn(DEMO_TEACHER_NUMBER, libraryCode)
const demoCourse = async (code: string) => {
  const librarian = await t.as('librarian')
  const list = (await get(`${COURSES}?q=${code}`, librarian)).json()
  return list.items.find((course: Course) => course.code === code) as Course
}

describe('terms', () => {
  it('lets staff add terms, keeps one current, and refuses a code twice', async () => {
    const librarian = await t.as('librarian')
    const before = (await get('/api/course-reserves/terms', librarian)).json().items
    expect(before).toHaveLength(1)
    expect(before[0]).toMatchObject({ current: true, courseCount: 5 })

    const created = await t.request({
      method: 'POST',
      url: '/api/course-reserves/terms',
      cookie: librarian,
      payload: {
        code: '2027-2028-1',
        nameZh: '2027—2028学年第一学期',
        nameEn: '2027–2028 autumn term',
        startsOn: '2027-09-01',
        endsOn: '2028-01-31',
        current: true,
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const terms = (await get('/api/course-reserves/terms', librarian)).json().items
    expect(terms.map((term: { code: string; current: boolean }) => [term.code, term.current])).toEqual([
      ['2027-2028-1', true],
      [before[0].code, false],
    ])
    const back = await t.request({
      method: 'PATCH',
      url: `/api/course-reserves/terms/${before[0].id}`,
      cookie: librarian,
      payload: { current: true },
    })
    expect(back.json().current).toBe(true)

    const again = await t.request({
      method: 'POST',
      url: '/api/course-reserves/terms',
      cookie: librarian,
      payload: {
        code: '2027-2028-1',
        nameZh: '重复',
        nameEn: 'Again',
        startsOn: '2027-09-01',
        endsOn: '2028-01-31',
      },
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('term_code_taken')
    const backwards = await t.request({
      method: 'PATCH',
      url: `/api/course-reserves/terms/${created.json().id}`,
      cookie: librarian,
      payload: { endsOn: '2027-08-01' },
    })
    expect(backwards.statusCode).toBe(400)
    const fudan = await t.request({
      method: 'PATCH',
      url: `/api/course-reserves/terms/${created.json().id}`,
      cookie: await t.as('librarian', 'fudan'),
      payload: { current: true },
    })
    expect(fudan.statusCode).toBe(404)
  })
})

describe('courses for staff', () => {
  it('lists the current term’s courses in code order, filtered and a page at a time', async () => {
    const librarian = await t.as('librarian')
    const all = (await get(COURSES, librarian)).json()
    expect(all.items.map((course: Course) => course.code)).toEqual([
      'GE1001',
      'MB2101',
      'ME3205',
      'MF4102',
      'PE1003',
    ])
    expect(all.termId).toBe(await currentTermId(t, librarian))
    const first = all.items[1]
    expect(first).toMatchObject({
      nameZh: '专业导论',
      category: 'major_basic',
      department: { id: t.world.libraries[0]!.departmentIds[0] },
      enrolmentCount: 5,
      teachers: [
        { name: '高建国', staffNumber: 'T001', account: { readerNumber: 'T001' } },
        { name: '王强', staffNumber: null, account: null },
      ],
    })

    const page1 = (await get(`${COURSES}?limit=2`, librarian)).json()
    const page2 = (await get(`${COURSES}?limit=2&cursor=${page1.nextCursor}`, librarian)).json()
    const page3 = (await get(`${COURSES}?limit=2&cursor=${page2.nextCursor}`, librarian)).json()
    expect([...page1.items, ...page2.items, ...page3.items].map((course: Course) => course.code)).toEqual(
      all.items.map((course: Course) => course.code),
    )
    expect(page3.nextCursor).toBeNull()

    const codes = async (query: string) =>
      (await get(`${COURSES}?${query}`, librarian)).json().items.map((course: Course) => course.code)
    expect(await codes('category=public_basic')).toEqual(['GE1001', 'PE1003'])
    expect(await codes(`departmentId=${t.world.libraries[0]!.departmentIds[1]}`)).toEqual(['ME3205'])
    expect(await codes(`teacher=${encodeURIComponent('高建')}`)).toEqual(['MB2101', 'ME3205'])
    expect(await codes('teacher=t001')).toEqual(['MB2101', 'ME3205'])
    expect(await codes(`q=${encodeURIComponent('文献')}`)).toEqual(['ME3205'])
    expect(await codes('q=mf41')).toEqual(['MF4102'])
    const empty = await newTerm(t, librarian, 'empty-term')
    expect((await get(`${COURSES}?termId=${empty}`, librarian)).json()).toEqual({
      items: [],
      nextCursor: null,
      termId: empty,
    })
  })

  it('lets staff correct a course and link a teacher the office named ambiguously, with an audit entry', async () => {
    const librarian = await t.as('librarian')
    const course = await demoCourse('MF4102')
    const changed = await t.request({
      method: 'PATCH',
      url: `${COURSES}/${course.id}`,
      cookie: librarian,
      payload: { category: 'major_elective', nameEn: 'Frontiers (seminar)' },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ category: 'major_elective', nameEn: 'Frontiers (seminar)' })

    const sjtu = t.world.libraries[0]!
    const teacherId = changed.json().teachers[0].id
    const asStudent = await t.request({
      method: 'PUT',
      url: `${COURSES}/${course.id}/teachers/${teacherId}/account`,
      cookie: librarian,
      payload: { accountId: sjtu.accounts.reader },
    })
    expect(asStudent.statusCode).toBe(400)
    expect(asStudent.json().errors[0].code).toBe('not_a_teacher')
    const teacherAccount = await t.ctx.db
      .selectFrom('accounts')
      .select('id')
      .where('library_id', '=', sjtu.id)
      .where('reader_number', '=', 'T001')
      .executeTakeFirstOrThrow()
    const linked = await t.request({
      method: 'PUT',
      url: `${COURSES}/${course.id}/teachers/${teacherId}/account`,
      cookie: librarian,
      payload: { accountId: teacherAccount.id },
    })
    expect(linked.json().teachers[0].account).toMatchObject({ readerNumber: 'T001' })
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'changed_fields'])
      .where('entity_id', '=', course.id)
      .orderBy('at')
      .execute()
    expect(audit).toEqual([
      { action: 'course.update', changed_fields: ['category', 'nameEn'] },
      { action: 'course.link_teacher', changed_fields: ['teachers'] },
    ])
    // Linked by hand, so the teacher now teaches it; unlinked by hand, an import leaves it so.
    const mine = (await get('/api/my/courses', await teacher())).json()
    expect(mine.teaching.map((c: Course) => c.code)).toContain('MF4102')
    await t.request({
      method: 'PUT',
      url: `${COURSES}/${course.id}/teachers/${teacherId}/account`,
      cookie: librarian,
      payload: { accountId: null },
    })
  })
})

describe('who sees a course', () => {
  it('shows a teacher their own course, a student a course they take, and tells others why not', async () => {
    const taught = await demoCourse('MB2101')
    const notTaught = await demoCourse('PE1003')
    const asTeacher = await get(`${COURSES}/${taught.id}`, await teacher())
    expect(asTeacher.statusCode).toBe(200)
    expect(asTeacher.json()).toMatchObject({ viewpoint: 'teacher', code: 'MB2101' })
    expect(asTeacher.json().teachers[0]).toMatchObject({ name: '高建国', staffNumber: null, account: null })
    const refused = await get(`${COURSES}/${notTaught.id}`, await teacher())
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ code: 'course_not_yours' })
    expect(refused.json().detail).toContain('没有选修或讲授')

    const reader = await t.as('reader')
    expect((await get(`${COURSES}/${taught.id}`, reader)).json().viewpoint).toBe('student')
    expect((await get(`${COURSES}/${notTaught.id}`, reader)).statusCode).toBe(403)
    // Another library's course is not there at all, for its readers and staff alike.
    expect((await get(`${COURSES}/${taught.id}`, await t.as('reader', 'fudan'))).statusCode).toBe(404)
    expect((await get(`${COURSES}/${taught.id}`, await t.as('librarian', 'fudan'))).statusCode).toBe(404)
    expect((await get(COURSES, reader)).statusCode).toBe(403)
  })

  it('lists a reader’s and a teacher’s courses of the current term under 我的课程, their own library’s only', async () => {
    const mine = (await get('/api/my/courses', await t.as('reader'))).json()
    expect(mine.term).toMatchObject({ code: expect.stringMatching(/^\d{4}-\d{4}-[12]$/) })
    expect(mine.enrolled.map((course: Course) => course.code)).toEqual(['GE1001', 'MB2101', 'ME3205'])
    expect(mine.enrolled[0]).toMatchObject({
      nameZh: '高等数学A（上）',
      teachers: ['周明', '李娜'],
      materialCount: 0,
    })
    expect(mine.teaching).toEqual([])
    const taught = (await get('/api/my/courses', await teacher())).json()
    expect(taught.teaching.map((course: Course) => course.code)).toEqual(['MB2101', 'ME3205'])
    expect(taught.enrolled).toEqual([])
    const fudan = (await get('/api/my/courses', await t.as('reader', 'fudan'))).json()
    expect(fudan.enrolled.map((course: Course) => course.id)).not.toContain((await demoCourse('MB2101')).id)
    expect((await get('/api/my/courses', await t.as('consortium_admin'))).json()).toEqual({
      term: null,
      enrolled: [],
      teaching: [],
    })
  })

  it('links a teacher and a student imported before they had accounts, once their accounts appear', async () => {
    const librarian = await t.as('librarian')
    const termId = await currentTermId(t, librarian)
    const file = csv(['课程代码,课程名称,任课教师,教师工号,学号', 'NEW101,新开课程,欧阳明,T7788,52000001'])
    await importList(t, librarian, termId, file, { apply: true })
    const admin = await t.as('library_admin')
    for (const [readerNumber, name, type] of [
      ['T7788', '欧阳明', 'teacher'],
      ['52000001', '林小雨', 'student'],
    ])
      expect(
        (
          await t.request({
            method: 'POST',
            url: '/api/accounts',
            cookie: admin,
            payload: { readerNumber, name, type, password: 'first-password', roles: ['reader'] },
          })
        ).statusCode,
      ).toBe(201)
    // At once, by their numbers…
    const newTeacher = await t.signIn('T7788', 'sjtu', 'first-password')
    expect((await get('/api/my/courses', newTeacher)).json().teaching.map((c: Course) => c.code)).toEqual([
      'NEW101',
    ])
    const newStudent = await t.signIn('52000001', 'sjtu', 'first-password')
    expect((await get('/api/my/courses', newStudent)).json().enrolled.map((c: Course) => c.code)).toEqual([
      'NEW101',
    ])
    // …and for good after the next import.
    await importList(t, librarian, termId, csv(['课程代码,课程名称', 'NEW102,另一门新课']), { apply: true })
    const course = (await demoCourse('NEW101')) as Course & {
      teachers: { account: { readerNumber: string } }[]
    }
    expect(course.teachers[0]!.account.readerNumber).toBe('T7788')
    const enrolment = await t.ctx.db
      .selectFrom('course_enrolments')
      .select('account_id')
      .where('course_id', '=', course.id)
      .executeTakeFirstOrThrow()
    expect(enrolment.account_id).not.toBeNull()
  })
})
