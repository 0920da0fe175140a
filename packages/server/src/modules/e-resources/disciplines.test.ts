import { DISCIPLINES } from '@shuqiao/contracts'
import { describe, expect, it } from 'vitest'
import { formData } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'
import { disciplinesForFiling } from './disciplines.service.ts'

const t = useTestApp()

type Item = { code: string; zh: string; en: string }
type List = { items: Item[]; custom: boolean }

const NATIONAL: Item[] = DISCIPLINES.map(({ code, zh, en }) => ({ code, zh, en }))

const read = async (query = 'library=sjtu', cookie?: string) => {
  const response = await t.request({
    method: 'GET',
    url: `/api/disciplines${query ? `?${query}` : ''}`,
    ...(cookie ? { cookie } : {}),
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as List
}

const save = async (items: Item[], cookie?: string) =>
  t.request({
    method: 'PUT',
    url: '/api/disciplines',
    cookie: cookie ?? (await t.as('library_admin')),
    payload: { items },
  })

const names = async (query: string) => {
  const response = await t.request({
    method: 'GET',
    url: `/api/resources?${query}`,
    cookie: await t.as('librarian'),
  })
  expect(response.statusCode, response.body).toBe(200)
  return (response.json().items as { nameZh: string }[]).map((item) => item.nameZh)
}
const search = (q: string) => names(`q=${encodeURIComponent(q)}`)

const auditRows = () =>
  t.ctx.db
    .selectFrom('audit_events')
    .select(['before', 'after', 'changed_fields'])
    .where('action', '=', 'disciplines.updated')
    .orderBy('id')
    .execute()

// The national list without 军事学 (no demo resource uses it), with two 一级学科 after 工学 and
// the library's own short code for artificial intelligence.
const OWN: Item[] = [
  ...NATIONAL.slice(0, 8),
  { code: '0812', zh: '计算机科学与技术', en: 'Computer science and technology' },
  { code: '0835', zh: '软件工程', en: 'Software engineering' },
  { code: 'AI', zh: '人工智能', en: 'Artificial intelligence' },
  ...NATIONAL.slice(8).filter((item) => item.code !== '11'),
]

const ACM = {
  nameZh: 'ACM 数字图书馆',
  nameEn: 'ACM Digital Library',
  vendor: 'ACM',
  kind: 'database',
  subjects: ['0812', 'AI'],
  url: 'https://dl.acm.org/',
  routes: [{ kind: 'carsi' }],
}

describe('a library’s discipline list', () => {
  it('is the national categories for a library that keeps none, for guests and signed-in callers', async () => {
    expect(await read()).toEqual({ items: NATIONAL, custom: false })
    expect(await read('', await t.as('reader'))).toEqual({ items: NATIONAL, custom: false })
    const none = await t.request({ method: 'GET', url: '/api/disciplines' })
    expect(none.statusCode).toBe(400)
    expect(none.json().errors[0]).toMatchObject({ path: 'query.library', code: 'required' })
    expect((await t.request({ method: 'GET', url: '/api/disciplines?library=nowhere' })).statusCode).toBe(404)
  })

  it('may be read by a reader but replaced only by the library admin', async () => {
    expect((await save(OWN, await t.as('reader'))).statusCode).toBe(403)
    expect((await save(OWN, await t.as('librarian'))).statusCode).toBe(403)
    const guest = await t.request({ method: 'PUT', url: '/api/disciplines', payload: { items: OWN } })
    expect(guest.statusCode).toBe(401)
    expect((await read()).custom).toBe(false)
  })

  it('is replaced whole and in order by the library admin, audited; other libraries keep theirs', async () => {
    const saved = await save(OWN)
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toEqual({ items: OWN, custom: true })
    expect(await read()).toEqual({ items: OWN, custom: true })
    expect(await read('', await t.as('reader'))).toEqual({ items: OWN, custom: true })
    expect(await read('library=fudan')).toEqual({ items: NATIONAL, custom: false })

    const [audit] = await auditRows()
    expect(audit!.changed_fields).toEqual(['custom', 'items'])
    expect(audit!.before).toMatchObject({ custom: false, items: [] })
    expect(audit!.after).toMatchObject({ custom: true })
    expect((audit!.after as { items: string[] }).items).toContain(
      '0812 计算机科学与技术 / Computer science and technology',
    )
  })

  it('refuses duplicate codes (in any case), duplicate or empty names, bad codes and too many, writing nothing', async () => {
    const before = await read()
    const refused = async (items: Item[]) => {
      const response = await save(items)
      expect(response.statusCode, response.body).toBe(400)
      expect(response.headers['content-type']).toContain('application/problem+json')
      return (response.json().errors as { path: string; code: string }[]).map((error) => [
        error.path,
        error.code,
      ])
    }
    expect(await refused([...OWN, { code: 'ai', zh: '智能科学', en: 'Intelligence science' }])).toEqual([
      [`body.items.${OWN.length}.code`, 'duplicate_discipline'],
    ])
    expect(await refused([...OWN, { code: 'X1', zh: '工学', en: 'Engineering again' }])).toEqual([
      [`body.items.${OWN.length}.zh`, 'duplicate_discipline_name'],
    ])
    expect(await refused([...OWN, { code: 'X1', zh: '  ', en: 'Blank' }])).toEqual([
      [`body.items.${OWN.length}.zh`, 'too_small'],
    ])
    expect((await refused([...OWN, { code: '08-12', zh: '横线', en: 'Dash' }]))[0]![0]).toBe(
      `body.items.${OWN.length}.code`,
    )
    const many = Array.from({ length: 201 }, (_, at) => ({
      code: `Z${at}`,
      zh: `学科${at}`,
      en: `Subject ${at}`,
    }))
    expect(await refused([...OWN, ...many])).toEqual([['body.items', 'too_big']])
    expect(await read()).toEqual(before)
    expect(await auditRows()).toHaveLength(1)
  })

  it('files resources under its codes: refused when not on it, found by the subject filter and by the names', async () => {
    const librarian = await t.as('librarian')
    const unknown = await t.request({
      method: 'POST',
      url: '/api/resources',
      cookie: librarian,
      payload: { ...ACM, subjects: ['08', '0899'] },
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({ path: 'body.subjects.1', code: 'unknown_discipline' }),
    ])
    expect(unknown.json().errors[0].message).toContain('0899')
    // 军事学 left the list; the national list of another library does not have the custom codes.
    const gone = await t.request({
      method: 'POST',
      url: '/api/resources',
      cookie: librarian,
      payload: { ...ACM, subjects: ['11'] },
    })
    expect(gone.json().errors[0]).toMatchObject({ path: 'body.subjects.0', code: 'unknown_discipline' })
    const elsewhere = await t.request({
      method: 'POST',
      url: '/api/resources',
      cookie: await t.as('librarian', 'fudan'),
      payload: ACM,
    })
    expect(elsewhere.statusCode).toBe(400)

    const created = await t.request({
      method: 'POST',
      url: '/api/resources',
      cookie: librarian,
      payload: ACM,
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json().subjects).toEqual(['0812', 'AI'])
    expect(await names('subject=0812')).toEqual(['ACM 数字图书馆'])
    expect(await names('subject=AI')).toEqual(['ACM 数字图书馆'])
    expect(await search('人工智能')).toEqual(['ACM 数字图书馆'])
    expect(await search('计算机')).toEqual(['ACM 数字图书馆'])
    expect(await search('artificial intelligence')).toEqual(['ACM 数字图书馆'])
  })

  it('is the only list a guide may name its discipline from', async () => {
    const librarian = await t.as('librarian')
    const guide = (discipline: string | null) => ({ titleZh: '计算机学科导航', discipline, items: [] })
    const unknown = await t.request({
      method: 'POST',
      url: '/api/guides',
      cookie: librarian,
      payload: guide('0899'),
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({ path: 'body.discipline', code: 'unknown_discipline' }),
    ])
    const created = await t.request({
      method: 'POST',
      url: '/api/guides',
      cookie: librarian,
      payload: guide('0835'),
    })
    expect(created.statusCode, created.body).toBe(201)
    const listed = await t.request({ method: 'GET', url: '/api/guides?discipline=0835', cookie: librarian })
    expect(listed.json().items.map((item: { titleZh: string }) => item.titleZh)).toEqual(['计算机学科导航'])
  })

  it('refuses to remove codes still in use, naming them and how many use them, and changes nothing', async () => {
    const before = await read()
    const withoutUsed = OWN.filter((item) => !['08', '0812', '0835'].includes(item.code))
    const refused = await save(withoutUsed)
    expect(refused.statusCode).toBe(409)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    const problem = refused.json()
    expect(problem.code).toBe('discipline_in_use')
    expect(problem.inUse).toEqual([
      { code: '08', zh: '工学', resources: expect.any(Number), guides: 0 },
      { code: '0812', zh: '计算机科学与技术', resources: 1, guides: 0 },
      { code: '0835', zh: '软件工程', resources: 0, guides: 1 },
    ])
    expect(problem.inUse[0].resources).toBeGreaterThan(1)
    expect(problem.detail).toContain('0812 计算机科学与技术（1 个资源，0 个学科导航）')
    // Going back to the national list removes the custom codes too.
    const reset = await save([])
    expect(reset.statusCode).toBe(409)
    expect(reset.json().inUse.map((use: { code: string }) => use.code)).toEqual(['0812', '0835', 'AI'])
    expect(await read()).toEqual(before)
    expect(await auditRows()).toHaveLength(1)
    // An unused code goes without a word.
    const unused = { code: 'X9', zh: '未用学科', en: 'Unused' }
    expect((await save([...OWN, unused])).statusCode).toBe(200)
    expect((await save(OWN)).statusCode).toBe(200)
    expect(await read()).toEqual(before)
  })

  it('names resources by a renamed discipline at once, in search and in the export', async () => {
    const renamed = OWN.map((item) =>
      item.code === '0812' ? { code: '0812', zh: '智能计算', en: 'Intelligent computing' } : item,
    )
    expect((await save(renamed)).statusCode).toBe(200)
    expect(await search('智能计算')).toEqual(['ACM 数字图书馆'])
    expect(await search('intelligent computing')).toEqual(['ACM 数字图书馆'])
    expect(await search('计算机')).toEqual([])
    // Other resources' words are as they were.
    expect(await search('知网')).toContain('中国知网')

    const csv = await t.request({
      method: 'GET',
      url: '/api/resources/export?format=csv',
      cookie: await t.as('librarian'),
    })
    const acm = csv.body.split('\r\n').find((line) => line.startsWith('ACM 数字图书馆,'))!
    expect(acm).toContain('智能计算; 人工智能')
  })

  it('takes a code or a name of the list in an imported spreadsheet, and refuses others', async () => {
    const upload = async (rows: string[], apply: boolean) =>
      t.request({
        method: 'POST',
        url: `/api/resources/imports${apply ? '?apply=true' : ''}`,
        cookie: await t.as('librarian'),
        ...(await formData(
          Buffer.from(['数据库名称,学科,访问网址', ...rows].join('\n')),
          'list.csv',
          'text/csv',
        )),
      })
    const dblp = 'DBLP,"智能计算, ai, Software engineering, 8",https://dblp.org/'
    const preview = (await upload([dblp, '军事文库,军事学,https://military.example.com/'], false)).json()
    expect(preview.problems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [3, 'unknown_discipline'],
    ])
    expect(preview.problems[0].message.zh).toContain('军事学')
    expect(preview.rows.map((row: { line: number }) => row.line)).toEqual([2])

    const subjectsOf = async () =>
      (
        await t.ctx.db
          .selectFrom('e_resources')
          .select('subjects')
          .where('name_zh', '=', 'DBLP')
          .executeTakeFirstOrThrow()
      ).subjects
    expect((await upload([dblp], true)).statusCode).toBe(200)
    expect(await subjectsOf()).toEqual(['0812', 'AI', '0835', '08'])
    expect(await search('软件工程')).toContain('DBLP')
    // Filed again under 工学 alone, by the same address.
    expect((await upload(['DBLP,工学,https://dblp.org/'], true)).statusCode).toBe(200)
    expect(await subjectsOf()).toEqual(['08'])
  })

  it('goes back to the national categories once nothing is filed under its own codes', async () => {
    const librarian = await t.as('librarian')
    const acm = await t.ctx.db
      .selectFrom('e_resources')
      .select('id')
      .where('name_zh', '=', 'ACM 数字图书馆')
      .executeTakeFirstOrThrow()
    const moved = await t.request({
      method: 'PUT',
      url: `/api/resources/${acm.id}`,
      cookie: librarian,
      payload: { ...ACM, subjects: ['08'] },
    })
    expect(moved.statusCode, moved.body).toBe(200)
    const guide = await t.ctx.db
      .selectFrom('resource_guides')
      .select('id')
      .where('title_zh', '=', '计算机学科导航')
      .executeTakeFirstOrThrow()
    const topic = await t.request({
      method: 'PUT',
      url: `/api/guides/${guide.id}`,
      cookie: librarian,
      payload: { titleZh: '计算机学科导航', discipline: null, items: [] },
    })
    expect(topic.statusCode, topic.body).toBe(200)
    const reset = await save([])
    expect(reset.statusCode, reset.body).toBe(200)
    expect(reset.json()).toEqual({ items: NATIONAL, custom: false })
    expect(await read()).toEqual({ items: NATIONAL, custom: false })
    // Filed under 工学 now, and found by its name.
    expect(await search('工学')).toContain('ACM 数字图书馆')
    expect(await search('人工智能')).toEqual([])
  })

  it('keeps a code that is being filed under until the filing is done, then refuses to remove it', async () => {
    const sjtu = t.world.libraries.find((library) => library.code === 'sjtu')!.id
    const quantum = { code: 'Q1', zh: '量子信息', en: 'Quantum information' }
    const admin = await t.as('library_admin')
    expect((await save([...NATIONAL, quantum], admin)).statusCode).toBe(200)
    let finish!: () => void
    const finished = new Promise<void>((resolve) => {
      finish = resolve
    })
    let checked!: () => void
    const wasChecked = new Promise<void>((resolve) => {
      checked = resolve
    })
    // A librarian's save, caught between checking the code and committing.
    const filing = t.ctx.db.transaction().execute(async (trx) => {
      await disciplinesForFiling(trx, sjtu, ['Q1'], () => 'body.subjects.0')
      checked()
      await trx
        .updateTable('e_resources')
        .set({ subjects: ['07', 'Q1'] })
        .where('library_id', '=', sjtu)
        .where('name_zh', '=', 'arXiv 预印本')
        .execute()
      await finished
    })
    await wasChecked
    const removing = save(NATIONAL, admin)
    await new Promise((resolve) => setTimeout(resolve, 300))
    finish()
    await filing
    const refused = await removing
    expect(refused.statusCode, refused.body).toBe(409)
    expect(refused.json().inUse).toEqual([{ code: 'Q1', zh: '量子信息', resources: 1, guides: 0 }])
    expect((await read()).items.map((item) => item.code)).toContain('Q1')
  })
})
