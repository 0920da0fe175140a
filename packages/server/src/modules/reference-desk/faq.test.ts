import type { referenceDesk } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { queueId } from './desk.fixtures.ts'

const t = useTestApp()

const search = async (q: string, options: { library?: string; cookie?: string; limit?: number } = {}) => {
  const params = new URLSearchParams({ q })
  if (options.library !== undefined) params.set('library', options.library)
  if (options.limit) params.set('limit', String(options.limit))
  const response = await t.request({ method: 'GET', url: `/api/faq?${params}`, cookie: options.cookie })
  expect(response.statusCode, response.body).toBe(200)
  return (response.json() as { items: referenceDesk.FaqArticle[] }).items
}

const questions = (items: referenceDesk.FaqArticle[]) => items.map((item) => item.questionZh)

describe('the reference desk FAQ', () => {
  it('finds published articles by a Chinese word, an English word, part of a word and a typo', async () => {
    const offCampus = '在校外如何访问图书馆购买的数据库？'
    expect(questions(await search('校外访问', { library: 'sjtu' }))[0]).toBe(offCampus)
    expect(questions(await search('数据库', { library: 'sjtu' }))).toContain(offCampus)
    expect(questions(await search('续借', { library: 'sjtu' }))).toEqual([
      '中文图书可以借多久？可以续借几次？',
    ])
    expect(questions(await search('off campus', { library: 'sjtu' }))[0]).toBe(offCampus)
    // While typing: the last word counts as a prefix.
    expect(questions(await search('thes', { library: 'sjtu' }))[0]).toBe(
      '学位论文提交的流程是什么？多久审核完？',
    )
    // A small typo.
    expect(questions(await search('interlibary', { library: 'sjtu' }))).toEqual(['本馆没有的文献怎么获取？'])
    // Suggestions use a small limit.
    expect(await search('', { library: 'sjtu', limit: 3 })).toHaveLength(3)
    // Drafts are never shown, nor is nonsense matched.
    expect(await search('研讨间', { library: 'sjtu' })).toEqual([])
    expect(await search('量子纠缠', { library: 'sjtu' })).toEqual([])
  })

  it('shows staff-only articles to the library’s staff, never to readers, guests or other libraries', async () => {
    const staffOnly = '读者反映 CARSI 登录后提示"无权限"怎么处理？'
    expect(questions(await search('CARSI', { library: 'sjtu' }))).not.toContain(staffOnly)
    const reader = await t.as('reader')
    expect(questions(await search('CARSI', { cookie: reader }))).not.toContain(staffOnly)
    const librarian = await t.as('librarian')
    const asStaff = await search('CARSI', { cookie: librarian })
    expect(questions(asStaff)).toContain(staffOnly)
    expect(asStaff.find((item) => item.questionZh === staffOnly)).toMatchObject({ visibility: 'staff' })
    // Fudan's librarian searching SJTU's FAQ is a stranger there.
    const fudan = await t.as('librarian', 'fudan')
    expect(questions(await search('CARSI', { library: 'sjtu', cookie: fudan }))).not.toContain(staffOnly)

    // Without a library and signed out: say which library is needed.
    const none = await t.request({ method: 'GET', url: '/api/faq?q=借' })
    expect(none.statusCode).toBe(400)
    expect(none.json().errors[0]).toMatchObject({ path: 'query.library', code: 'required' })
    expect((await t.request({ method: 'GET', url: '/api/faq?library=nowhere' })).statusCode).toBe(404)
  })

  it('lets library staff write, publish, change and remove articles, audited, and keeps libraries apart', async () => {
    const librarian = await t.as('librarian')
    const documents = await queueId(t, 'documents')
    const created = await t.request({
      method: 'POST',
      url: '/api/faq',
      cookie: librarian,
      payload: {
        queueId: documents,
        questionZh: '科技查新需要准备哪些材料？',
        answerZh: '请准备项目申报书或技术交底材料，说明查新点和关键词。',
        visibility: 'public',
        status: 'draft',
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const article = created.json() as referenceDesk.ManagedFaqArticle
    expect(article).toMatchObject({ status: 'draft', questionEn: null, topic: { code: 'documents' } })
    expect(await search('科技查新', { library: 'sjtu' })).toEqual([])

    const published = await t.request({
      method: 'PUT',
      url: `/api/faq/${article.id}`,
      cookie: librarian,
      payload: {
        queueId: documents,
        questionZh: '科技查新需要准备哪些材料？',
        answerZh: '请准备项目申报书或技术交底材料，说明查新点和关键词。',
        questionEn: 'What do I need for a novelty search?',
        answerEn:
          'Bring the project proposal or a technical description naming the novel points and keywords.',
        status: 'published',
      },
    })
    expect(published.statusCode, published.body).toBe(200)
    expect(questions(await search('novelty', { library: 'sjtu' }))).toEqual(['科技查新需要准备哪些材料？'])
    expect(questions(await search('查新', { library: 'sjtu' }))).toContain('科技查新需要准备哪些材料？')
    // Another library never sees it.
    expect(await search('novelty', { library: 'fudan' })).toEqual([])

    // Staff manage drafts and filters.
    const managed = await t.request({ method: 'GET', url: '/api/faq/manage?status=draft', cookie: librarian })
    expect(managed.json().items.map((item: { questionZh: string }) => item.questionZh)).toEqual([
      '研究室（研讨间）如何预约？',
    ])

    // Another library's staff cannot change or remove it; readers cannot write.
    const fudan = await t.as('library_admin', 'fudan')
    const foreign = await t.request({
      method: 'DELETE',
      url: `/api/faq/${article.id}`,
      cookie: fudan,
    })
    expect(foreign.statusCode).toBe(404)
    const reader = await t.as('reader')
    const byReader = await t.request({
      method: 'POST',
      url: '/api/faq',
      cookie: reader,
      payload: { questionZh: '问', answerZh: '答' },
    })
    expect(byReader.statusCode).toBe(403)
    expect(
      (await t.request({ method: 'DELETE', url: `/api/faq/${article.id}`, cookie: reader })).statusCode,
    ).toBe(403)

    const removed = await t.request({ method: 'DELETE', url: `/api/faq/${article.id}`, cookie: librarian })
    expect(removed.statusCode).toBe(204)
    expect(await search('novelty', { library: 'sjtu' })).toEqual([])
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', article.id)
      .orderBy('at')
      .execute()
    expect(audit.map((row) => row.action)).toEqual([
      'reference_desk.faq.create',
      'reference_desk.faq.update',
      'reference_desk.faq.delete',
    ])
  })

  it('refuses an empty or overlong question, an empty answer, and another library’s topic', async () => {
    const librarian = await t.as('librarian')
    const bad = await t.request({
      method: 'POST',
      url: '/api/faq',
      cookie: librarian,
      payload: { questionZh: '   ', answerZh: '' },
    })
    expect(bad.statusCode).toBe(400)
    expect(
      bad
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
    ).toEqual(['body.answerZh', 'body.questionZh'])
    const long = await t.request({
      method: 'POST',
      url: '/api/faq',
      cookie: librarian,
      payload: { questionZh: '问'.repeat(201), answerZh: '答' },
    })
    expect(long.statusCode).toBe(400)
    expect(long.json().errors[0]).toMatchObject({ path: 'body.questionZh' })
    const foreignTopic = await t.request({
      method: 'POST',
      url: '/api/faq',
      cookie: librarian,
      payload: { questionZh: '问题', answerZh: '回答', queueId: await queueId(t, 'reference', 'fudan') },
    })
    expect(foreignTopic.statusCode).toBe(400)
    expect(foreignTopic.json().errors[0]).toMatchObject({ path: 'body.queueId', code: 'not_found' })
  })
})
