import { describe, expect, it } from 'vitest'
import type { Caller } from '../../http/caller.ts'
import { writeDemoFiles } from '../../platform/demo/demo-seed.ts'
import { formData, PDF, PNG } from '../../platform/files/files.fixtures.ts'
import { filesDirOf } from '../../platform/files/files.storage.ts'
import { useTestApp } from '../../test/test-app.ts'
import { DEMO_TEACHER_NUMBER } from './course-reserves.demo.ts'
import { courseIdOf } from './course-reserves.fixtures.ts'
import { createItemAccess } from './item-access.ts'

const t = useTestApp({ FILE_MAX_BYTES: '4096' })

const COURSES = '/api/course-reserves/courses'
const PASSWORD = 'shuqiao-test-1'

const teacher = () => t.signIn(DEMO_TEACHER_NUMBER, 'sjtu')
/** A new student of sjtu, enrolled in `courseCode` when given; answers their cookie. */
const student = async (number: string, courseCode?: string) => {
  const created = await t.request({
    method: 'POST',
    url: '/api/accounts',
    cookie: await t.as('library_admin'),
    payload: { readerNumber: number, name: `学生${number}`, type: 'student', password: PASSWORD },
  })
  expect(created.statusCode, created.body).toBe(201)
  if (courseCode) {
    const course = await courseIdOf(t, courseCode)
    const library = t.world.libraries.find((each) => each.code === 'sjtu')!.id
    await t.ctx.db
      .insertInto('course_enrolments')
      .values({
        course_id: course,
        library_id: library,
        student_number: number,
        account_id: created.json().id,
      })
      .execute()
  }
  return t.signIn(number, 'sjtu', PASSWORD)
}

const addItem = (cookie: string, course: string, payload: Record<string, unknown>) =>
  t.request({ method: 'POST', url: `${COURSES}/${course}/items`, cookie, payload })

const open = (cookie: string | undefined, permalink: string, headers: Record<string, string> = {}) =>
  t.request({ method: 'GET', url: permalink, ...(cookie ? { cookie } : {}), headers })

const uploadPdf = async (cookie: string, course: string, content: Buffer, name = 'chapter.pdf') =>
  t.request({
    method: 'POST',
    url: `${COURSES}/${course}/item-files`,
    cookie,
    ...(await formData(content, name)),
  })

describe('reserve items: links and who opens them', () => {
  it('lets the course’s students, teachers and staff open a link; others are told why, another library sees nothing', async () => {
    const course = await courseIdOf(t, 'MB2101')
    const added = await addItem(await t.as('librarian'), course, {
      kind: 'link',
      name: '数据结构 第3章',
      url: 'https://ebooks.example.com/book/123?page=3',
    })
    expect(added.statusCode, added.body).toBe(201)
    const item = added.json()
    expect(item).toMatchObject({
      kind: 'link',
      review: { status: 'approved' },
      code: expect.stringMatching(/^[2-9a-z]{8}$/),
    })
    expect(item.permalink).toBe(`/r/${item.code}`)

    const enrolled = await open(await t.as('reader'), item.permalink)
    expect(enrolled.statusCode).toBe(302)
    // Off campus (the demo library runs a proxy): through the proxy.
    expect(enrolled.headers.location).toContain(
      encodeURIComponent('https://ebooks.example.com/book/123?page=3'),
    )
    expect((await open(await teacher(), item.permalink)).statusCode).toBe(302)
    expect((await open(await t.as('subject_librarian'), item.permalink)).statusCode).toBe(302)

    const stranger = await student('2020901')
    const refused = await open(stranger, item.permalink)
    expect(refused.statusCode).toBe(403)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(refused.json()).toMatchObject({ code: 'course_item_not_allowed' })
    expect(refused.json().detail).toContain('选修或讲授')
    const inEnglish = await open(stranger, item.permalink, { 'accept-language': 'en' })
    expect(inEnglish.json().detail).toContain('enrolled')
    // In a browser, the item page says it in the reader's language.
    const page = await open(stranger, item.permalink, { accept: 'text/html' })
    expect(page.statusCode).toBe(302)
    expect(page.headers.location).toBe(`/reserve/${item.code}?refused=course_item_not_allowed`)
    const explained = await t.request({
      method: 'GET',
      url: `/api/course-reserves/r/${item.code}`,
      cookie: stranger,
    })
    expect(explained.json()).toMatchObject({ code: 'course_item_not_allowed' })

    expect((await open(await t.as('reader', 'fudan'), item.permalink)).statusCode).toBe(404)
    expect((await open(await t.as('librarian', 'fudan'), item.permalink)).statusCode).toBe(404)
    // Not signed in: sign in, then come back.
    const anonymous = await open(undefined, item.permalink, { accept: 'text/html' })
    expect(anonymous.statusCode).toBe(302)
    expect(anonymous.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(item.permalink)}`)
    expect((await open(undefined, item.permalink)).statusCode).toBe(401)
    expect((await open(undefined, '/r/not-a-code')).statusCode).toBe(404)
  })

  it('takes a link through the library’s proxy off campus and straight to it on campus', async () => {
    const admin = await t.as('library_admin')
    const saved = await t.request({
      method: 'PUT',
      url: '/api/access-settings',
      cookie: admin,
      payload: { campusNetworks: ['10.0.0.0/8'], proxyHost: 'ezproxy.lib.example.edu.cn' },
    })
    expect(saved.statusCode, saved.body).toBe(200)
    const course = await courseIdOf(t, 'ME3205')
    const item = (
      await addItem(await t.as('librarian'), course, {
        kind: 'link',
        name: '文献检索方法',
        url: 'https://db.example.com/article/9',
      })
    ).json()
    const reader = await t.as('reader')
    const away = await t.request({
      method: 'GET',
      url: item.permalink,
      cookie: reader,
      remoteAddress: '203.0.113.9',
    })
    expect(away.headers.location).toBe(
      `https://ezproxy.lib.example.edu.cn/login?qurl=${encodeURIComponent('https://db.example.com/article/9')}`,
    )
    const onCampus = await t.request({
      method: 'GET',
      url: item.permalink,
      cookie: reader,
      remoteAddress: '10.1.2.3',
    })
    expect(onCampus.headers.location).toBe('https://db.example.com/article/9')
  })

  it('counts every opening per item and day', async () => {
    const course = await courseIdOf(t, 'GE1001')
    const item = (
      await addItem(await t.as('librarian'), course, {
        kind: 'link',
        name: '微积分讲义',
        url: 'https://oa.example.org/calc',
      })
    ).json()
    const reader = await t.as('reader')
    for (let n = 0; n < 3; n++) expect((await open(reader, item.permalink)).statusCode).toBe(302)
    const listed = await t.request({
      method: 'GET',
      url: `${COURSES}/${course}/items`,
      cookie: await t.as('librarian'),
    })
    expect(listed.json().items.find((each: { id: string }) => each.id === item.id).openings).toEqual({
      total: 3,
      today: 3,
    })
    const mine = (await t.request({ method: 'GET', url: '/api/my/courses', cookie: reader })).json()
    expect(mine.enrolled.find((each: { id: string }) => each.id === course).materialCount).toBeGreaterThan(0)
    const rows = await t.ctx.db
      .selectFrom('course_reserve_openings')
      .selectAll()
      .where('item_id', '=', item.id)
      .execute()
    expect(rows.map((row) => row.openings)).toEqual([3])
  })
  it('reads a permalink typed in capitals as its code; answers 404 to what cannot be a code', async () => {
    const item = (
      await addItem(await t.as('librarian'), await courseIdOf(t, 'MB2101'), {
        kind: 'link',
        name: '大写也能打开',
        url: 'https://ebooks.example.com/book/88',
      })
    ).json()
    const reader = await t.as('reader')
    expect((await open(reader, `/r/${item.code.toUpperCase()}`)).statusCode).toBe(302)
    const shown = await t.request({
      method: 'GET',
      url: `/api/course-reserves/r/${item.code.toUpperCase()}`,
      cookie: reader,
    })
    expect(shown.json().item).toMatchObject({ code: item.code })
    expect((await open(reader, '/r/abcdefg1')).statusCode).toBe(404)
    expect((await open(reader, '/embed/abcdefgl')).statusCode).toBe(404)
  })

  it('looks a permalink and a reader’s standing up once when a class opens it at the same moment', async () => {
    const item = (
      await addItem(await t.as('librarian'), await courseIdOf(t, 'MB2101'), {
        kind: 'link',
        name: '上课时全班一起打开',
        url: 'https://ebooks.example.com/book/77',
      })
    ).json()
    const sjtu = t.world.libraries[0]!
    const callerOf = (accountId: string): Caller => ({
      sessionId: 'test',
      accountId,
      consortiumId: t.world.consortiumId,
      libraryId: sjtu.id,
      roles: new Set(['reader']),
      subjectDepartmentIds: [],
      language: 'zh-CN',
      via: 'password',
    })
    const reader = callerOf(sjtu.accounts.reader!)
    const stranger = callerOf(
      (
        await t.ctx.db
          .selectFrom('accounts')
          .select('id')
          .where('library_id', '=', sjtu.id)
          .where('reader_number', '=', '2020002')
          .executeTakeFirstOrThrow()
      ).id,
    )
    /** An item access whose queries to the database are counted. */
    const counted = () => {
      let queries = 0
      const db = t.ctx.db.withPlugin({
        transformQuery: ({ node }) => {
          queries++
          return node
        },
        transformResult: async ({ result }) => result,
      })
      return { access: createItemAccess({ ...t.ctx, db }), queries: () => queries }
    }

    const alone = counted()
    await alone.access.allowed(reader, item.code)
    await alone.access.stop()
    const together = counted()
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => together.access.allowed(reader, item.code)),
    )
    expect(answers.map((answer) => answer.viewpoint)).toEqual(Array(30).fill('student'))
    expect(alone.queries()).toBeGreaterThan(0)
    expect(together.queries()).toBe(alone.queries())

    // Refusals alike: one look-up for thirty clicks.
    const before = together.queries()
    const refusals = await Promise.allSettled(
      Array.from({ length: 30 }, () => together.access.allowed(stranger, item.code)),
    )
    expect(refusals.map((each) => each.status === 'rejected' && each.reason.code)).toEqual(
      Array(30).fill('course_item_not_allowed'),
    )
    expect(together.queries() - before).toBeLessThan(alone.queries())
    await together.access.stop()
  })
})

describe('reserve items: PDFs', () => {
  it('refuses a file that is not a PDF (400) and one over the size limit (413)', async () => {
    const course = await courseIdOf(t, 'MB2101')
    const me = await teacher()
    const notPdf = await uploadPdf(me, course, PNG, 'scan.pdf')
    expect(notPdf.statusCode).toBe(400)
    expect(notPdf.json()).toMatchObject({ code: 'not_a_pdf' })
    const big = Buffer.concat([PDF, Buffer.alloc(5000, 0x20)])
    const tooBig = await uploadPdf(me, course, big)
    expect(tooBig.statusCode).toBe(413)
    expect(tooBig.json()).toMatchObject({ code: 'file_too_large' })
    // A student of the course may not add items.
    expect((await uploadPdf(await t.as('reader'), course, PDF)).statusCode).toBe(403)
  })

  it('streams a PDF inline with Range support, as a download only when downloads are on', async () => {
    const course = await courseIdOf(t, 'MB2101')
    const librarian = await t.as('librarian')
    const uploaded = await uploadPdf(librarian, course, PDF, '第一章.pdf')
    expect(uploaded.statusCode, uploaded.body).toBe(201)
    const item = (
      await addItem(librarian, course, { kind: 'file', name: '第一章', fileId: uploaded.json().id })
    ).json()
    expect(item).toMatchObject({
      kind: 'file',
      downloadable: false,
      file: { name: '第一章.pdf', size: PDF.length },
    })
    const reader = await t.as('reader')
    const opened = await open(reader, item.permalink)
    expect(opened.statusCode).toBe(302)
    expect(opened.headers.location).toBe(`/api/course-reserves/r/${item.code}/file`)
    const whole = await open(reader, opened.headers.location as string)
    expect(whole.statusCode).toBe(200)
    expect(whole.headers['content-type']).toBe('application/pdf')
    expect(whole.headers['content-disposition']).toMatch(/^inline;/)
    expect(whole.headers['accept-ranges']).toBe('bytes')
    expect(whole.rawPayload.equals(PDF)).toBe(true)
    const part = await open(reader, opened.headers.location as string, { range: 'bytes=0-7' })
    expect(part.statusCode).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 0-7/${PDF.length}`)
    expect(part.body).toBe('%PDF-1.4')
    const beyond = await open(reader, opened.headers.location as string, {
      range: `bytes=${PDF.length + 10}-`,
    })
    expect(beyond.statusCode).toBe(416)
    // A reader of another course cannot fetch the bytes either.
    expect((await open(await student('2020902'), opened.headers.location as string)).statusCode).toBe(403)

    await t.request({
      method: 'PATCH',
      url: `/api/course-reserves/items/${item.id}`,
      cookie: librarian,
      payload: { downloadable: true },
    })
    const download = await open(reader, opened.headers.location as string)
    expect(download.headers['content-disposition']).toMatch(/^attachment;/)
  })

  it('refuses a file item whose upload is not a PDF', async () => {
    const course = await courseIdOf(t, 'MB2101')
    const librarian = await t.as('librarian')
    const other = await t.request({
      method: 'POST',
      url: '/api/files',
      cookie: librarian,
      ...(await formData(PNG, 'a.png')),
    })
    const refused = await addItem(librarian, course, { kind: 'file', name: '图', fileId: other.json().id })
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toMatchObject({ code: 'not_a_pdf' })
  })
})

describe('reserve items: seats', () => {
  it('holds a seat for each opening reader up to the limit, and says when to try again', async () => {
    const course = await courseIdOf(t, 'ME3205')
    const item = (
      await addItem(await t.as('librarian'), course, {
        kind: 'link',
        name: '限一人阅读',
        url: 'https://ebooks.example.com/one',
        seatLimit: 1,
        seatMinutes: 20,
      })
    ).json()
    const first = await t.as('reader')
    const second = await student('2020903', 'ME3205')
    expect((await open(first, item.permalink)).statusCode).toBe(302)
    const full = await open(second, item.permalink)
    expect(full.statusCode).toBe(409)
    expect(full.json()).toMatchObject({ code: 'item_seats_full', seatLimit: 1 })
    expect(full.json().retryAfterSeconds).toBeGreaterThan(19 * 60)
    expect(Number(full.headers['retry-after'])).toBeGreaterThan(19 * 60)
    expect(full.json().detail).toContain('约 20 分钟后')
    // The first reader opening again keeps their seat; teachers and staff take none.
    expect((await open(first, item.permalink)).statusCode).toBe(302)
    expect((await open(await teacher(), item.permalink)).statusCode).toBe(302)
    // Once the seat's time is up, the next reader gets it.
    await t.ctx.db
      .updateTable('course_reserve_seats')
      .set({ held_until: new Date(Date.now() - 1000) })
      .where('item_id', '=', item.id)
      .execute()
    expect((await open(second, item.permalink)).statusCode).toBe(302)
    expect((await open(first, item.permalink)).statusCode).toBe(409)
  })
})

describe('reserve items: the last seat', () => {
  it('gives the last seat to one of two readers opening at the same moment', async () => {
    const course = await courseIdOf(t, 'GE1001')
    const item = (
      await addItem(await t.as('librarian'), course, {
        kind: 'link',
        name: '最后一个座位',
        url: 'https://ebooks.example.com/last',
        seatLimit: 1,
      })
    ).json()
    const readers = [await student('2020905', 'GE1001'), await student('2020906', 'GE1001')]
    const answers = await Promise.all(readers.map((cookie) => open(cookie, item.permalink)))
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([302, 409])
    const seats = await t.ctx.db
      .selectFrom('course_reserve_seats')
      .selectAll()
      .where('item_id', '=', item.id)
      .execute()
    expect(seats).toHaveLength(1)
  })
})

describe('reserve items: teachers’ uploads, review and copyright', () => {
  it('queues a teacher’s item for review; approving it publishes its title, rejecting says why', async () => {
    const course = await courseIdOf(t, 'MB2101')
    const me = await teacher()
    const title = await t.request({
      method: 'POST',
      url: `${COURSES}/${course}/titles`,
      cookie: me,
      payload: { title: '专业导论讲义', author: '高建国' },
    })
    const titleId = title.json().title.id as string
    const pdf = await uploadPdf(me, course, PDF, '讲义.pdf')
    const added = await addItem(me, course, {
      kind: 'file',
      name: '专业导论讲义',
      fileId: pdf.json().id,
      titleId,
      pagesUsed: 30,
      pagesTotal: 100,
      permission: 'requested',
      permissionSource: '高等教育出版社',
    })
    expect(added.statusCode, added.body).toBe(201)
    const item = added.json()
    expect(item).toMatchObject({
      review: { status: 'pending' },
      copyright: {
        sharePercent: 30,
        overLimit: true,
        permission: 'requested',
        permissionSource: '高等教育出版社',
      },
    })
    // Readers do not see it yet, and are told so if they have its link.
    const reader = await t.as('reader')
    const asReader = (
      await t.request({ method: 'GET', url: `${COURSES}/${course}/items`, cookie: reader })
    ).json()
    expect(asReader.items).toEqual([])
    expect(asReader.readerItems.map((each: { id: string }) => each.id)).not.toContain(item.id)
    expect(asReader.waiting.map((each: { id: string }) => each.id)).toContain(titleId)
    const pending = await open(reader, item.permalink)
    expect(pending.statusCode).toBe(409)
    expect(pending.json()).toMatchObject({ code: 'reserve_item_pending' })

    const librarian = await t.as('librarian')
    const queue = await t.request({
      method: 'GET',
      url: '/api/course-reserves/item-reviews',
      cookie: librarian,
    })
    expect(queue.json().items.map((each: { id: string }) => each.id)).toContain(item.id)
    expect(queue.json().items.find((each: { id: string }) => each.id === item.id)).toMatchObject({
      course: { code: 'MB2101' },
      addedBy: '高建国',
    })
    expect(
      (await t.request({ method: 'GET', url: '/api/course-reserves/item-reviews', cookie: me })).statusCode,
    ).toBe(403)

    const approved = await t.request({
      method: 'POST',
      url: `/api/course-reserves/items/${item.id}/approve`,
      cookie: librarian,
      payload: { channel: 'publisher_supplied' },
    })
    expect(approved.statusCode, approved.body).toBe(200)
    expect(approved.json()).toMatchObject({ review: { status: 'approved' }, channel: 'publisher_supplied' })
    const published = await t.ctx.db
      .selectFrom('course_titles')
      .selectAll()
      .where('id', '=', titleId)
      .executeTakeFirstOrThrow()
    expect(published).toMatchObject({
      status: 'published',
      channel: 'publisher_supplied',
      link_url: item.permalink,
    })
    expect(published.published_at).toBeInstanceOf(Date)
    expect((await open(reader, item.permalink)).statusCode).toBe(302)
    const again = await t.request({
      method: 'POST',
      url: `/api/course-reserves/items/${item.id}/approve`,
      cookie: librarian,
      payload: {},
    })
    expect(again.statusCode).toBe(409)

    const second = (
      await addItem(me, course, { kind: 'link', name: '网上资料', url: 'https://example.com/x' })
    ).json()
    const rejected = await t.request({
      method: 'POST',
      url: `/api/course-reserves/items/${second.id}/reject`,
      cookie: librarian,
      payload: { reason: '超出合理使用范围' },
    })
    expect(rejected.json()).toMatchObject({ review: { status: 'rejected', reason: '超出合理使用范围' } })
    const teacherView = (
      await t.request({ method: 'GET', url: `${COURSES}/${course}/items`, cookie: me })
    ).json()
    expect(teacherView.items.find((each: { id: string }) => each.id === second.id).review.reason).toBe(
      '超出合理使用范围',
    )
    expect((await open(reader, second.permalink)).statusCode).toBe(404)
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', item.id)
      .orderBy('at')
      .orderBy('id')
      .execute()
    expect(audit.map((entry) => entry.action)).toEqual([
      'course_reserve_item.create',
      'course_reserve_item.approve',
    ])
  })

  it('warns when the share used is over the library’s limit, which its admin sets', async () => {
    const course = await courseIdOf(t, 'GE1001')
    const librarian = await t.as('librarian')
    const item = (
      await addItem(librarian, course, {
        kind: 'link',
        name: '第二章',
        url: 'https://ebooks.example.com/ch2',
        pagesUsed: 25,
        pagesTotal: 200,
      })
    ).json()
    expect(item.copyright).toMatchObject({ sharePercent: 12.5, overLimit: false })
    const wide = await t.request({
      method: 'PATCH',
      url: `/api/course-reserves/items/${item.id}`,
      cookie: librarian,
      payload: { pagesUsed: 50 },
    })
    expect(wide.json().copyright).toMatchObject({ sharePercent: 25, overLimit: true })
    const tooMany = await t.request({
      method: 'PATCH',
      url: `/api/course-reserves/items/${item.id}`,
      cookie: librarian,
      payload: { pagesUsed: 300 },
    })
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json().errors).toMatchObject([{ path: 'body.pagesUsed', code: 'pages_over_total' }])
    const limit = await t.request({
      method: 'PUT',
      url: '/api/course-reserves/item-settings',
      cookie: await t.as('library_admin'),
      payload: { shareLimitPercent: 30 },
    })
    expect(limit.json()).toEqual({ shareLimitPercent: 30 })
    const listed = (
      await t.request({ method: 'GET', url: `${COURSES}/${course}/items`, cookie: librarian })
    ).json()
    expect(listed.shareLimitPercent).toBe(30)
    expect(listed.items.find((each: { id: string }) => each.id === item.id).copyright.overLimit).toBe(false)
    await t.request({
      method: 'PUT',
      url: '/api/course-reserves/item-settings',
      cookie: await t.as('library_admin'),
      payload: { shareLimitPercent: 20 },
    })
  })

  it('lets only the course’s teachers and staff add or remove items', async () => {
    const taught = await courseIdOf(t, 'MB2101')
    const notTaught = await courseIdOf(t, 'PE1003')
    const me = await teacher()
    const link = { kind: 'link', name: '链接', url: 'https://example.com/y' }
    expect((await addItem(me, notTaught, link)).json()).toMatchObject({ code: 'course_not_yours' })
    expect((await addItem(await t.as('reader'), taught, link)).json()).toMatchObject({
      code: 'course_not_taught',
    })
    expect((await addItem(await t.as('librarian', 'fudan'), taught, link)).statusCode).toBe(404)
    const bad = await addItem(me, taught, { kind: 'link', name: '链接', url: 'javascript:alert(1)' })
    expect(bad.statusCode).toBe(400)
    const item = (await addItem(me, taught, link)).json()
    expect(
      (
        await t.request({
          method: 'DELETE',
          url: `/api/course-reserves/items/${item.id}`,
          cookie: await t.as('reader'),
        })
      ).statusCode,
    ).toBe(403)
    expect(
      (await t.request({ method: 'DELETE', url: `/api/course-reserves/items/${item.id}`, cookie: me }))
        .statusCode,
    ).toBe(204)
    expect((await open(me, item.permalink)).statusCode).toBe(404)
  })
})

describe('course lists: permalink, delivery and embedding', () => {
  it('gives the course list a permalink, snippets for the teacher, and sends the links as a notice', async () => {
    const course = await courseIdOf(t, 'ME3205')
    const librarian = await t.as('librarian')
    const named = await addItem(librarian, course, {
      kind: 'link',
      name: '检索 & "入门"',
      url: 'https://example.com/intro',
    })
    expect(named.statusCode, named.body).toBe(201)
    const me = await teacher()
    const links = await t.request({ method: 'GET', url: `${COURSES}/${course}/delivery`, cookie: me })
    expect(links.statusCode, links.body).toBe(200)
    const body = links.json()
    expect(body.permalink).toMatch(/^http:\/\/localhost(:\d+)?\/r\/[2-9a-z]{8}$/)
    expect(body.snippets.list).toContain('检索 &#38; &#34;入门&#34;')
    expect(body.snippets.iframe).toContain(`${body.embedUrl}`)
    expect(
      (await t.request({ method: 'GET', url: `${COURSES}/${course}/delivery`, cookie: await t.as('reader') }))
        .statusCode,
    ).toBe(403)

    const listPath = new URL(body.permalink).pathname
    const toCourse = await open(await t.as('reader'), listPath)
    expect(toCourse.headers.location).toBe(`/my-courses/${course}`)
    expect((await open(librarian, listPath)).headers.location).toBe(
      `/staff/course-reserves/courses/${course}`,
    )
    expect((await open(await student('2020904'), listPath)).statusCode).toBe(403)

    const embed = await t.request({ method: 'GET', url: new URL(body.embedUrl).pathname })
    expect(embed.statusCode).toBe(200)
    expect(embed.headers['content-type']).toContain('text/html')
    expect(embed.body).toContain('检索 &#38; &#34;入门&#34;')
    expect(embed.body).not.toContain('2020001')
    expect(embed.headers['content-security-policy']).toContain('frame-ancestors *')

    const sent = await t.request({
      method: 'POST',
      url: `${COURSES}/${course}/delivery/send`,
      cookie: await t.as('subject_librarian'),
    })
    expect(sent.statusCode, sent.body).toBe(200)
    expect(sent.json()).toEqual({ sent: ['高建国'], withoutAccount: [] })
    const notices = await t.ctx.db
      .selectFrom('notice_outbox')
      .select(['channel', 'subject', 'body'])
      .where('event', '=', 'course_reserves.links_sent')
      .execute()
    expect(notices.map((notice) => notice.channel)).toContain('inbox')
    expect(notices[0]!.body).toContain(body.permalink)
    expect(
      (await t.request({ method: 'POST', url: `${COURSES}/${course}/delivery/send`, cookie: me })).statusCode,
    ).toBe(403)
  })
})

describe('the demo library’s shelf', () => {
  it('has publishers with their contact logs, and a link and a chapter readers have been opening', async () => {
    const librarian = await t.as('librarian')
    const publishers = (
      await t.request({ method: 'GET', url: '/api/course-reserves/publishers', cookie: librarian })
    ).json().items as { name: string; lastContact: { kind: string } | null }[]
    const demo = ['北京大学出版社', '上海交通大学出版社', '化学工业出版社', '电子工业出版社']
    expect(
      publishers
        .filter((publisher) => demo.includes(publisher.name))
        .map((publisher) => [publisher.name, publisher.lastContact?.kind])
        .sort(),
    ).toEqual(
      [
        ['北京大学出版社', 'agreed'],
        ['上海交通大学出版社', 'supplied'],
        ['化学工业出版社', 'refused'],
        ['电子工业出版社', 'contacted'],
      ].sort(),
    )
    // Another library's console starts empty.
    const fudan = await t.request({
      method: 'GET',
      url: '/api/course-reserves/publishers',
      cookie: await t.as('librarian', 'fudan'),
    })
    expect(fudan.json().items.map((each: { name: string }) => each.name)).not.toContain('北京大学出版社')

    const shelf = async (code: string) =>
      (
        await t.request({
          method: 'GET',
          url: `${COURSES}/${await courseIdOf(t, code)}/items`,
          cookie: librarian,
        })
      ).json().items as {
        kind: string
        name: string
        permalink: string
        review: { status: string }
        openings: { total: number }
      }[]
    const [link] = (await shelf('ME3205')).filter((item) => item.kind === 'link')
    expect(link).toMatchObject({ review: { status: 'approved' } })
    expect(link!.openings.total).toBeGreaterThan(0)
    const [chapter] = (await shelf('MB2101')).filter((item) => item.name === '第一章 学科概览（示例）')
    expect(chapter).toMatchObject({ kind: 'file', review: { status: 'approved' } })

    // `shuqiao serve --demo` writes the chapter's bytes; then an enrolled reader reads it.
    await writeDemoFiles(filesDirOf(t.ctx.config))
    const reader = await t.as('reader')
    const opened = await open(reader, chapter!.permalink)
    expect(opened.statusCode).toBe(302)
    const pdf = await t.request({ method: 'GET', url: opened.headers.location as string, cookie: reader })
    expect(pdf.statusCode).toBe(200)
    expect(pdf.headers['content-type']).toContain('application/pdf')
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.body).toContain('%%EOF')
  })
})
