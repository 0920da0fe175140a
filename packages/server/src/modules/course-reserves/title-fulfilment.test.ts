import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { makeFilesDir } from '../../platform/files/files.fixtures.ts'
import { accountIdOf } from '../../test/accounts.ts'
import { useTestApp } from '../../test/test-app.ts'
import { DEMO_TEACHER_NUMBER } from './course-reserves.demo.ts'
import { addTitle, courseIdOf, csv, currentTermId, uploadList } from './course-reserves.fixtures.ts'
import { publishTitle, setTitleStatus } from './title-fulfilment.service.ts'

const filesDir = makeFilesDir()
const t = useTestApp({ SHUQIAO_FILES_DIR: filesDir, FILE_UPLOADS_PER_HOUR: '1000' })
afterAll(() => rmSync(filesDir, { recursive: true, force: true }))

const COURSES = '/api/course-reserves/courses'
const TITLES = '/api/course-reserves/titles'

const work = async (titleId: string, cookie?: string) =>
  t.request({ method: 'GET', url: `${TITLES}/${titleId}/work`, cookie: cookie ?? (await t.as('librarian')) })

const move = async (titleId: string, payload: Record<string, unknown>, cookie?: string) =>
  t.request({
    method: 'POST',
    url: `${TITLES}/${titleId}/status`,
    cookie: cookie ?? (await t.as('librarian')),
    payload,
  })

const listTitles = async (query: string, cookie: string) =>
  (await t.request({ method: 'GET', url: `${TITLES}?${query}`, cookie })).json().items as {
    id: string
    assignee: { id: string; name: string } | null
  }[]

describe('assignment to subject librarians', () => {
  it('gives a new title to the subject librarian of its course’s department, and none where there is none', async () => {
    const subject = await accountIdOf(t, 'S001')
    const inDepartment = await addTitle(t, 'MB2101', '信号与系统')
    const elsewhere = await addTitle(t, 'MF4102', '系统解剖学')
    const office = await addTitle(t, 'GE1001', '大学英语综合教程')
    const mine = (await work(inDepartment)).json()
    expect(mine.assignee).toMatchObject({ id: subject, name: '张伟' })
    expect(mine.history).toMatchObject([{ kind: 'assigned', actor: null, assignee: { id: subject } }])
    for (const id of [elsewhere, office]) {
      const other = (await work(id)).json()
      expect(other.assignee).toBeNull()
      expect(other.history).toEqual([])
    }
    const asSubject = await t.as('subject_librarian')
    expect((await listTitles('assignee=me', asSubject)).map((title) => title.id)).toContain(inDepartment)
    expect((await listTitles('assignee=me', asSubject)).map((title) => title.id)).not.toContain(elsewhere)
    expect((await listTitles('assignee=none', asSubject)).map((title) => title.id)).toEqual(
      expect.arrayContaining([elsewhere, office]),
    )
  })

  it('assigns the titles of an imported demand list the same way', async () => {
    const cookie = await t.as('librarian')
    const termId = await currentTermId(t, cookie)
    const fileId = await uploadList(
      t,
      cookie,
      csv(['课程代码,书名,出版社', 'ME3205,机械原理,高等教育出版社', 'PE1003,管理学原理,人民大学出版社']),
      'demand.csv',
    )
    const applied = await t.request({
      method: 'POST',
      url: '/api/course-reserves/title-imports',
      cookie,
      payload: { termId, fileId, dryRun: false },
    })
    expect(applied.statusCode, applied.body).toBe(200)
    const titles = await t.ctx.db
      .selectFrom('course_titles')
      .select(['title', 'assignee_id'])
      .where('title', 'in', ['机械原理', '管理学原理'])
      .execute()
    expect(Object.fromEntries(titles.map((row) => [row.title, row.assignee_id]))).toEqual({
      管理学原理: null,
      机械原理: await accountIdOf(t, 'S001'),
    })
  })

  it('lets staff reassign one title or many, in the history and the audit log; only to the library’s staff', async () => {
    const librarian = await accountIdOf(t, 'L001')
    const [one, two] = [await addTitle(t, 'ME3205', '工程热力学'), await addTitle(t, 'PE1003', '运营管理')]
    const cookie = await t.as('subject_librarian')
    const reassigned = await t.request({
      method: 'PUT',
      url: `${TITLES}/${one}/assignee`,
      cookie,
      payload: { assigneeId: librarian, note: '王老师熟悉这套书' },
    })
    expect(reassigned.statusCode, reassigned.body).toBe(200)
    expect(reassigned.json().assignee).toMatchObject({ id: librarian, name: '王芳' })
    expect(reassigned.json().history.at(-1)).toMatchObject({
      kind: 'assigned',
      actor: { name: '张伟' },
      assignee: { id: librarian },
      note: '王老师熟悉这套书',
    })
    const bulk = await t.request({
      method: 'POST',
      url: `${TITLES}/assign`,
      cookie,
      payload: { titleIds: [one, two], assigneeId: librarian },
    })
    expect(bulk.json()).toEqual({ assigned: 1 })
    expect((await listTitles('assignee=me', await t.as('librarian'))).map((title) => title.id)).toEqual(
      expect.arrayContaining([one, two]),
    )
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', 'in', [one, two])
      .where('action', '=', 'course_title.assign')
      .execute()
    expect(audit).toHaveLength(2)

    const reader = await t.request({
      method: 'PUT',
      url: `${TITLES}/${one}/assignee`,
      cookie,
      payload: { assigneeId: await accountIdOf(t, '2020001') },
    })
    expect(reader.statusCode).toBe(400)
    expect(reader.headers['content-type']).toContain('application/problem+json')
    expect(reader.json().code).toBe('unknown_assignee')
    const elsewhere = await t.request({
      method: 'PUT',
      url: `${TITLES}/${one}/assignee`,
      cookie,
      payload: { assigneeId: await accountIdOf(t, 'L001', 'fudan') },
    })
    expect(elsewhere.json().code).toBe('unknown_assignee')
  })

  it('lists the staff titles can go to, subject librarians first with their departments', async () => {
    const answer = await t.request({
      method: 'GET',
      url: '/api/course-reserves/assignees',
      cookie: await t.as('librarian'),
    })
    expect(answer.statusCode).toBe(200)
    const items = answer.json().items as {
      readerNumber: string
      subjectLibrarian: boolean
      departments: unknown[]
    }[]
    expect(items[0]).toMatchObject({ readerNumber: 'S001', subjectLibrarian: true })
    expect(items[0]!.departments).toHaveLength(2)
    expect(items.map((item) => item.readerNumber)).toEqual(expect.arrayContaining(['L001', 'A001']))
    expect(items.map((item) => item.readerNumber)).not.toContain('2020001')
  })
})

describe('status changes', () => {
  it('moves a title along the allowed transitions with a time-stamped history of who, from, to and note', async () => {
    const id = await addTitle(t, 'MB2101', '数字信号处理')
    const searching = await move(id, { status: 'searching', note: '查 CNKI 与超星' })
    expect(searching.statusCode, searching.body).toBe(200)
    expect(searching.json()).toMatchObject({
      status: 'searching',
      next: ['requested', 'publisher_contacted', 'obtained', 'digitising', 'published', 'unavailable'],
    })
    await move(id, { status: 'obtained' })
    const history = (await work(id))
      .json()
      .history.filter((event: { kind: string }) => event.kind === 'status')
    expect(history).toMatchObject([
      { from: 'requested', to: 'searching', actor: { name: '王芳' }, note: '查 CNKI 与超星' },
      { from: 'searching', to: 'obtained', note: null },
    ])
    expect(new Date(history[0].at).getTime()).toBeLessThanOrEqual(new Date(history[1].at).getTime())
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', '=', 'course_title.change_status')
      .execute()
    expect(audit).toHaveLength(2)
  })

  it('refuses a transition that is not allowed with 409 invalid_title_transition naming where it may go', async () => {
    const id = await addTitle(t, 'MB2101', '通信原理')
    await move(id, { status: 'obtained' })
    const refused = await move(id, { status: 'requested' })
    expect(refused.statusCode).toBe(409)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(refused.json()).toMatchObject({
      code: 'invalid_title_transition',
      from: 'obtained',
      to: 'requested',
      allowed: ['digitising', 'published', 'unavailable'],
    })
    expect(refused.json().detail).toContain('可以改为：数字化中、已发布、无法提供')
    expect((await move(id, { status: 'searching' })).json().code).toBe('invalid_title_transition')
    expect((await work(id)).json().status).toBe('obtained')
  })

  it('publishes only with a channel and a link, keeps published_at right, and the teacher sees it', async () => {
    const course = await courseIdOf(t, 'MB2101')
    const teacher = await t.signIn(DEMO_TEACHER_NUMBER, 'sjtu')
    const added = await t.request({
      method: 'POST',
      url: `${COURSES}/${course}/titles`,
      cookie: teacher,
      payload: { title: '电磁场与电磁波' },
    })
    const id = added.json().title.id as string
    const bare = await move(id, { status: 'published' })
    expect(bare.statusCode).toBe(400)
    expect(
      bare
        .json()
        .errors.map((error: { code: string }) => error.code)
        .sort(),
    ).toEqual(['channel_required', 'link_required'])
    const badLink = await move(id, { status: 'published', channel: 'digitised', link: { url: 'ftp://x' } })
    expect(badLink.statusCode).toBe(400)
    const published = await move(id, {
      status: 'published',
      channel: 'publisher_supplied',
      link: { url: 'https://press.example.cn/books/emf', platform: '高教书苑' },
    })
    expect(published.statusCode, published.body).toBe(200)
    expect(published.json()).toMatchObject({
      status: 'published',
      channel: 'publisher_supplied',
      link: { url: 'https://press.example.cn/books/emf', platform: '高教书苑' },
      next: ['searching'],
    })
    const publishedAt = published.json().publishedAt
    expect(publishedAt).toEqual(expect.any(String))
    const seen = (await t.request({ method: 'GET', url: `${COURSES}/${course}/titles`, cookie: teacher }))
      .json()
      .items.find((title: { id: string }) => title.id === id)
    expect(seen).toMatchObject({ status: 'published', link: { url: 'https://press.example.cn/books/emf' } })

    const again = await move(id, { status: 'published', channel: 'digitised', link: { url: 'https://x.cn' } })
    expect(again.json().code).toBe('invalid_title_transition')
    const withdrawn = await move(id, { status: 'searching', note: '链接失效' })
    expect(withdrawn.json()).toMatchObject({
      status: 'searching',
      channel: null,
      link: null,
      publishedAt: null,
    })
    const row = await t.ctx.db
      .selectFrom('course_titles')
      .select(['published_at', 'channel', 'link_url'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ published_at: null, channel: null, link_url: null })
  })

  it('makes a title unavailable only with a reason, and clears it when searching again', async () => {
    const id = await addTitle(t, 'ME3205', '机械设计手册')
    for (const reason of [undefined, '   ']) {
      const refused = await move(id, { status: 'unavailable', ...(reason !== undefined ? { reason } : {}) })
      expect(refused.statusCode).toBe(400)
      expect(refused.json().errors).toMatchObject([{ path: 'body.reason', code: 'reason_required' }])
    }
    const gone = await move(id, { status: 'unavailable', reason: '已绝版，出版社无电子版' })
    expect(gone.json()).toMatchObject({ status: 'unavailable', unavailableReason: '已绝版，出版社无电子版' })
    expect(gone.json().history.at(-1)).toMatchObject({ to: 'unavailable', note: '已绝版，出版社无电子版' })
    const back = await move(id, { status: 'searching' })
    expect(back.json()).toMatchObject({ status: 'searching', unavailableReason: null })
  })

  it('is staff-only and keeps each library’s titles to itself', async () => {
    const id = await addTitle(t, 'MB2101', '自动控制原理')
    const other = await t.as('librarian', 'fudan')
    expect((await work(id, other)).statusCode).toBe(404)
    expect((await move(id, { status: 'searching' }, other)).statusCode).toBe(404)
    const bulk = await t.request({
      method: 'POST',
      url: `${TITLES}/assign`,
      cookie: other,
      payload: { titleIds: [id], assigneeId: null },
    })
    expect(bulk.json().code).toBe('unknown_titles')
    const teacher = await t.signIn(DEMO_TEACHER_NUMBER, 'sjtu')
    expect((await move(id, { status: 'searching' }, teacher)).statusCode).toBe(403)
    expect((await work(id)).json().status).toBe('requested')
  })
})

describe('publishing and status changes from other parts of the module', () => {
  it('publishTitle publishes from any status (a reserve item approved), once; setTitleStatus keeps the rules', async () => {
    const id = await addTitle(t, 'MB2101', '模拟电子技术基础')
    const library = (
      await t.ctx.db
        .selectFrom('course_titles')
        .select('library_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).library_id
    await move(id, { status: 'unavailable', reason: '暂无电子版' })
    const now = new Date()
    const first = await t.ctx.db.transaction().execute((trx) =>
      publishTitle(trx, {
        libraryId: library,
        titleId: id,
        channel: 'digitised',
        actorId: null,
        now,
        link: null,
      }),
    )
    expect(first.changed).toBe(true)
    expect(first.after).toMatchObject({
      status: 'published',
      channel: 'digitised',
      link_url: null,
      unavailable_reason: null,
    })
    expect(first.after.published_at).toEqual(now)
    const second = await t.ctx.db.transaction().execute((trx) =>
      publishTitle(trx, {
        libraryId: library,
        titleId: id,
        channel: 'open_access',
        actorId: null,
        now: new Date(),
      }),
    )
    expect(second.changed).toBe(false)
    expect(second.after.published_at).toEqual(now)
    expect((await work(id)).json().history.at(-1)).toMatchObject({
      kind: 'status',
      actor: null,
      from: 'unavailable',
      to: 'published',
      channel: 'digitised',
    })
    await expect(
      t.ctx.db.transaction().execute((trx) =>
        setTitleStatus(trx, {
          libraryId: library,
          titleId: id,
          to: 'obtained',
          actorId: null,
          now: new Date(),
        }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_title_transition' })
  })
})
