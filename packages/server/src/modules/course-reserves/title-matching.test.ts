import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { makeFilesDir } from '../../platform/files/files.fixtures.ts'
import { realdataDir } from '../../test/realdata.ts'
import { useTestApp } from '../../test/test-app.ts'
import { DEMO_TEACHER_NUMBER } from './course-reserves.demo.ts'
import { importHoldings, newTerm } from './course-reserves.fixtures.ts'

const filesDir = makeFilesDir()
const t = useTestApp({ SHUQIAO_FILES_DIR: filesDir, FILE_UPLOADS_PER_HOUR: '1000' })
afterAll(() => rmSync(filesDir, { recursive: true, force: true }))

const SAMPLE = readFileSync(new URL('../../../../web/public/samples/kbart-sample.txt', import.meta.url))
const CAMBRIDGE_BOOKS = join(realdataDir('kbart'), 'CambridgeBooks_EdinburghUniversityPress.tsv')

const COURSES = '/api/course-reserves/courses'
const TITLES = '/api/course-reserves/titles'

type Proposal = {
  id: string
  matchedBy: string
  title: string
  url: string
  state: string
  platform: { name: string }
}
type StaffTitle = {
  id: string
  title: string | null
  isbn13: string | null
  status: string
  channel: string | null
  link: { url: string; platform: string } | null
  courses: { code: string }[]
  proposals: Proposal[]
  rejectedCount: number
}

const teacher = () => t.signIn(DEMO_TEACHER_NUMBER, 'sjtu')
const courseId = async (code: string) => {
  const list = await t.request({
    method: 'GET',
    url: `${COURSES}?q=${code}`,
    cookie: await t.as('librarian'),
  })
  return (list.json().items as { id: string; code: string }[]).find((course) => course.code === code)!.id
}
const add = async (cookie: string, course: string, payload: Record<string, unknown>) => {
  const response = await t.request({ method: 'POST', url: `${COURSES}/${course}/titles`, cookie, payload })
  expect(response.statusCode, response.body).toBe(200)
  return response.json().title as { id: string }
}
const list = async (query = '', cookie?: string) => {
  const response = await t.request({
    method: 'GET',
    url: `${TITLES}${query}`,
    cookie: cookie ?? (await t.as('librarian')),
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as {
    items: StaffTitle[]
    summary: Record<string, number>
    nextCursor: string | null
  }
}
const titleOf = async (id: string) => (await list()).items.find((item) => item.id === id)!
const decide = async (titleId: string, matchId: string, action: 'accept' | 'reject', cookie?: string) =>
  t.request({
    method: 'POST',
    url: `${TITLES}/${titleId}/matches/${matchId}/${action}`,
    cookie: cookie ?? (await t.as('librarian')),
  })

describe('matching requested titles against e-holdings', () => {
  it('proposes matches by ISBN first, then by title and author, when a platform is imported', async () => {
    const me = await teacher()
    const mb = await courseId('MB2101')
    const me3205 = await courseId('ME3205')
    const byIsbn = await add(me, mb, { isbn: '7-302-14751-5' })
    const byName = await add(me, mb, { title: '文献检索与利用（第3版）', author: '王细荣 主编' })
    const titleOnly = await add(me, me3205, { title: '信息检索导论' })
    const wrongAuthor = await add(me, me3205, { title: '电路', author: '李四' })
    const nowhere = await add(me, me3205, { title: '一本图书馆没有的书', author: '无名氏' })
    expect((await list()).summary).toEqual({ total: 5, published: 0, proposed: 0, unmatched: 5 })

    const imported = await importHoldings(t, await t.as('librarian'), SAMPLE, { apply: true })
    expect(imported.json()).toMatchObject({ applied: true, proposed: 3 })
    const proposals = async (id: string) => (await titleOf(id)).proposals
    expect(await proposals(byIsbn.id)).toMatchObject([
      {
        matchedBy: 'isbn',
        title: '数据结构(C语言版)',
        isbn13: '9787302147510',
        url: 'https://ebooks.example.edu.cn/book/9787302147510',
        state: 'proposed',
        platform: { name: '示例电子书平台', openAccess: false },
      },
    ])
    expect(await proposals(byName.id)).toMatchObject([{ matchedBy: 'title_author', title: '文献检索与利用' }])
    // “信息检索导论” was asked for without an author: the title alone is proposed, and says so.
    expect(await proposals(titleOnly.id)).toMatchObject([{ matchedBy: 'title', author: 'Manning' }])
    // The platform's 电路 is by 邱关源, not 李四.
    expect(await proposals(wrongAuthor.id)).toEqual([])
    expect(await proposals(nowhere.id)).toEqual([])
    expect((await list()).summary).toEqual({ total: 5, published: 0, proposed: 3, unmatched: 2 })
    expect((await list('?match=none')).items.map((item) => item.title)).toEqual([
      '电路',
      '一本图书馆没有的书',
    ])

    // A title added after the import is matched at once.
    const later = await add(me, me3205, { isbn: '9787115428028' })
    expect(await proposals(later.id)).toMatchObject([{ matchedBy: 'isbn', title: 'Python编程:从入门到实践' }])
    // Asked for by ISBN alone, it took its title from the e-holdings.
    expect((await titleOf(later.id)).title).toBe('Python编程:从入门到实践')
  })

  it('lets a librarian accept a proposal in one click, or reject one for good', async () => {
    const librarian = await t.as('librarian')
    const [target] = (await list('?match=proposed')).items.filter((item) => item.isbn13 === '9787302147510')
    const proposal = target!.proposals[0]!
    const accepted = await decide(target!.id, proposal.id, 'accept')
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json()).toMatchObject({
      status: 'published',
      channel: 'owned_platform',
      link: { url: proposal.url, platform: '示例电子书平台' },
      proposals: [{ id: proposal.id, state: 'accepted' }],
    })
    // The teacher sees it matched, with its link.
    const mine = (
      await t.request({
        method: 'GET',
        url: `${COURSES}/${await courseId('MB2101')}/titles`,
        cookie: await teacher(),
      })
    ).json().items
    expect(mine.find((item: { id: string }) => item.id === target!.id)).toMatchObject({
      status: 'published',
      link: { url: proposal.url },
    })
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'changed_fields'])
      .where('entity_id', '=', target!.id)
      .execute()
    expect(audit).toEqual([
      { action: 'course_title.accept_match', changed_fields: ['channel', 'link', 'match', 'status'] },
    ])

    const titleOnly = (await list()).items.find((item) => item.title === '信息检索导论')!
    const rejected = await decide(titleOnly.id, titleOnly.proposals[0]!.id, 'reject')
    expect(rejected.json()).toMatchObject({ status: 'requested', proposals: [], rejectedCount: 1 })
    // Matching again, or importing the platform again, does not propose it again.
    const again = await t.request({ method: 'POST', url: `${TITLES}/match`, cookie: librarian, payload: {} })
    expect(again.json()).toEqual({ titles: 5, proposed: 0 })
    const platformId = (
      await t.request({ method: 'GET', url: '/api/course-reserves/e-holdings/platforms', cookie: librarian })
    ).json().items[0].id
    await importHoldings(t, librarian, SAMPLE, { platformId, apply: true })
    expect((await titleOf(titleOnly.id)).proposals).toEqual([])
    // The accepted title keeps its decision and link through the re-import.
    expect(await titleOf(target!.id)).toMatchObject({
      status: 'published',
      proposals: [{ state: 'accepted' }],
    })

    // Rejecting the accepted match returns the title to requested.
    const undone = await decide(target!.id, proposal.id, 'reject')
    expect(undone.json()).toMatchObject({ status: 'requested', channel: null, link: null, rejectedCount: 1 })
    expect((await list('?status=published')).items).toEqual([])
  })

  it('provides a match from an open-access platform as open access', async () => {
    const librarian = await t.as('librarian')
    const platformId = (
      await t.request({ method: 'GET', url: '/api/course-reserves/e-holdings/platforms', cookie: librarian })
    ).json().items[0].id
    await t.request({
      method: 'PATCH',
      url: `/api/course-reserves/e-holdings/platforms/${platformId}`,
      cookie: librarian,
      payload: { openAccess: true },
    })
    const byName = (await list()).items.find((item) => item.title === '文献检索与利用(第3版)')!
    expect(byName.proposals[0]).toMatchObject({ free: true, platform: { openAccess: true } })
    const accepted = await decide(byName.id, byName.proposals[0]!.id, 'accept')
    expect(accepted.json()).toMatchObject({ status: 'published', channel: 'open_access' })
  })

  it('filters a term’s titles by course, department, status and text, a page at a time', async () => {
    const all = await list()
    expect(all.items.map((item) => item.title ?? item.isbn13)).toHaveLength(6)
    expect((await list(`?courseId=${await courseId('MB2101')}`)).items.map((item) => item.title)).toEqual([
      '数据结构(C语言版)',
      '文献检索与利用(第3版)',
    ])
    const departmentId = t.world.libraries[0]!.departmentIds[1]!
    expect((await list(`?departmentId=${departmentId}`)).items.map((item) => item.courses[0]!.code)).toEqual(
      Array(4).fill('ME3205'),
    )
    expect((await list('?status=published')).items.map((item) => item.title)).toEqual([
      '文献检索与利用(第3版)',
    ])
    expect((await list(`?q=${encodeURIComponent('检索')}`)).items).toHaveLength(2)
    expect((await list('?q=978-7-115-42802-8')).items.map((item) => item.isbn13)).toEqual(['9787115428028'])
    const first = await list('?limit=4')
    const second = await list(`?limit=4&cursor=${first.nextCursor}`)
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(all.items.map((item) => item.id))
    expect(second.nextCursor).toBeNull()
    const empty = await list(`?termId=${await newTerm(t, await t.as('librarian'), 'no-titles')}`)
    expect(empty).toMatchObject({ items: [], summary: { total: 0 } })
  })

  it('keeps decisions to the library’s staff: readers 403, another library 404', async () => {
    const { items } = await list('?match=proposed')
    const title = items[0]!
    expect((await t.request({ method: 'GET', url: TITLES, cookie: await t.as('reader') })).statusCode).toBe(
      403,
    )
    expect((await decide(title.id, title.proposals[0]!.id, 'accept', await teacher())).statusCode).toBe(403)
    const fudan = await t.as('librarian', 'fudan')
    expect((await decide(title.id, title.proposals[0]!.id, 'accept', fudan)).statusCode).toBe(404)
    expect((await list('', fudan)).items).toEqual([])
    expect((await titleOf(title.id)).status).toBe('requested')
  })
})

describe('matching against a real vendor’s file', () => {
  it.skipIf(!existsSync(CAMBRIDGE_BOOKS))(
    'finds Edinburgh University Press books by hyphenated ISBN and by title with the author’s full name',
    async () => {
      const librarian = await t.as('librarian')
      const course = await courseId('MF4102')
      const byIsbn = await add(librarian, course, { isbn: '978-0-7486-3380-7' })
      const byName = await add(librarian, course, {
        title: 'A History of Scottish Philosophy',
        author: 'Alexander Broadie',
      })
      const imported = await importHoldings(t, librarian, readFileSync(CAMBRIDGE_BOOKS), {
        platformName: 'Cambridge Core',
        name: 'CambridgeBooks_EdinburghUniversityPress.tsv',
        apply: true,
      })
      expect(imported.json().proposed).toBeGreaterThanOrEqual(2)
      expect((await titleOf(byIsbn.id)).proposals).toMatchObject([
        {
          matchedBy: 'isbn',
          title: '911 and the War on Terror',
          url: 'http://universitypublishingonline.org/edinburgh/ebook.jsf?bid=CBO9780748632411',
        },
      ])
      expect((await titleOf(byName.id)).proposals).toMatchObject([
        { matchedBy: 'title_author', author: 'Broadie', platform: { name: 'Cambridge Core' } },
      ])
    },
  )
})

describe('accepting a match, as a move of the fulfilment workflow', () => {
  type Event = {
    kind: string
    from: string | null
    to: string | null
    channel: string | null
    note: string | null
  }
  const statusEvents = async (titleId: string) =>
    (await t.request({ method: 'GET', url: `${TITLES}/${titleId}/work`, cookie: await t.as('librarian') }))
      .json()
      .history.filter((event: Event) => event.kind === 'status') as (Event & { actor: { name: string } })[]

  // The sample platform was marked open access above, so its matches are provided as such.
  it('publishes the title in its history, by the librarian who accepted it', async () => {
    const librarian = await t.as('librarian')
    const title = await add(librarian, await courseId('PE1003'), { isbn: '9787040396638' })
    const [proposal] = (await titleOf(title.id)).proposals
    expect(proposal).toMatchObject({ matchedBy: 'isbn', state: 'proposed' })
    const accepted = await decide(title.id, proposal!.id, 'accept')
    expect(accepted.json()).toMatchObject({
      status: 'published',
      channel: 'open_access',
      link: { url: 'https://ebooks.example.edu.cn/book/9787040396638', platform: '示例电子书平台' },
    })
    expect(await statusEvents(title.id)).toMatchObject([
      {
        from: 'requested',
        to: 'published',
        channel: 'open_access',
        actor: { name: '王芳' },
        note: '示例电子书平台: https://ebooks.example.edu.cn/book/9787040396638',
      },
    ])
    const row = await t.ctx.db
      .selectFrom('course_titles')
      .select(['matched_by', 'matched_at', 'published_at'])
      .where('id', '=', title.id)
      .executeTakeFirstOrThrow()
    expect(row.matched_by).toBe(t.world.libraries[0]!.accounts.librarian)
    expect(row.matched_at).toEqual(row.published_at)
  })

  it('leaves a title published another way as it is, and undoing the match does not unpublish it', async () => {
    const librarian = await t.as('librarian')
    const title = await add(librarian, await courseId('PE1003'), { isbn: '9787111544937' })
    const supplied = { url: 'https://press.example.com/read/9787111544937', platform: '机械工业出版社' }
    const published = await t.request({
      method: 'POST',
      url: `${TITLES}/${title.id}/status`,
      cookie: librarian,
      payload: { status: 'published', channel: 'publisher_supplied', link: supplied },
    })
    expect(published.statusCode, published.body).toBe(200)
    const before = await t.ctx.db
      .selectFrom('course_titles')
      .selectAll()
      .where('id', '=', title.id)
      .executeTakeFirstOrThrow()

    const [proposal] = (await titleOf(title.id)).proposals
    const accepted = await decide(title.id, proposal!.id, 'accept')
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json()).toMatchObject({
      status: 'published',
      channel: 'publisher_supplied',
      link: supplied,
      proposals: [{ id: proposal!.id, state: 'accepted' }],
    })
    const after = await t.ctx.db
      .selectFrom('course_titles')
      .selectAll()
      .where('id', '=', title.id)
      .executeTakeFirstOrThrow()
    expect(after).toEqual(before)
    // One move to published, the librarian's own; the match added none.
    expect((await statusEvents(title.id)).map((event) => [event.from, event.to, event.channel])).toEqual([
      ['requested', 'published', 'publisher_supplied'],
    ])

    const undone = await decide(title.id, proposal!.id, 'reject')
    expect(undone.json()).toMatchObject({ status: 'published', link: supplied, rejectedCount: 1 })
    expect(await statusEvents(title.id)).toHaveLength(1)
  })
})
