import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()
const URL = '/api/reference-desk/canned-replies'

const create = async (cookie: string, payload: object) =>
  t.request({ method: 'POST', url: URL, cookie, payload })
const list = async (cookie: string) =>
  (await t.request({ method: 'GET', url: URL, cookie })).json().items as {
    id: string
    code: string
    scope: string
    body: string
    editable: boolean
  }[]

describe('canned replies', () => {
  it('keeps library-wide replies for admins to write and personal ones for their owner', async () => {
    const admin = await t.as('library_admin')
    const librarian = await t.as('librarian')
    const subject = await t.as('subject_librarian')

    const refused = await create(librarian, {
      scope: 'library',
      code: 'hours',
      title: '开馆时间',
      body: '本馆 8:00–22:00 开放。',
    })
    expect(refused.statusCode).toBe(403)
    expect(refused.headers['content-type']).toContain('application/problem+json')

    const library = await create(admin, {
      scope: 'library',
      code: 'Hours',
      title: '开馆时间',
      body: ' 本馆 8:00–22:00 开放。 ',
    })
    expect(library.statusCode, library.body).toBe(201)
    expect(library.json()).toMatchObject({
      scope: 'library',
      code: 'hours',
      body: '本馆 8:00–22:00 开放。',
      editable: true,
    })

    const mine = await create(librarian, { code: 'thanks', title: '致谢', body: '感谢您的咨询！' })
    expect(mine.statusCode, mine.body).toBe(201)
    expect(mine.json().scope).toBe('personal')

    expect((await list(librarian)).map((reply) => [reply.code, reply.scope, reply.editable])).toEqual([
      ['hours', 'library', false],
      ['thanks', 'personal', true],
    ])
    // A colleague sees the library's reply, not the librarian's own.
    expect((await list(subject)).map((reply) => reply.code)).toEqual(['hours'])
    // Another library sees none of them.
    expect(await list(await t.as('librarian', 'fudan'))).toEqual([])

    // A personal reply with the library reply's code takes its place for its owner.
    const own = await create(subject, { code: 'hours', title: '我的开馆时间', body: '周末 9:00 开馆。' })
    expect(own.statusCode).toBe(201)
    expect((await list(subject)).map((reply) => [reply.code, reply.body])).toEqual([
      ['hours', '周末 9:00 开馆。'],
    ])

    // Librarians change only their own; others' personal replies are not found.
    const edit = (cookie: string, id: string, payload: object) =>
      t.request({ method: 'PUT', url: `${URL}/${id}`, cookie, payload })
    expect(
      (await edit(librarian, library.json().id, { code: 'hours', title: 'x', body: 'y' })).statusCode,
    ).toBe(403)
    expect((await edit(subject, mine.json().id, { code: 'thanks', title: 'x', body: 'y' })).statusCode).toBe(
      404,
    )
    expect(
      (
        await edit(await t.as('library_admin', 'fudan'), library.json().id, {
          code: 'hours',
          title: 'x',
          body: 'y',
        })
      ).statusCode,
    ).toBe(404)
    const changed = await edit(librarian, mine.json().id, { code: 'thx', title: '致谢', body: '谢谢！' })
    expect(changed.json()).toMatchObject({ code: 'thx', body: '谢谢！' })
    const removed = await t.request({ method: 'DELETE', url: `${URL}/${mine.json().id}`, cookie: subject })
    expect(removed.statusCode).toBe(404)
    expect(
      (await t.request({ method: 'DELETE', url: `${URL}/${mine.json().id}`, cookie: librarian })).statusCode,
    ).toBe(204)

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'reference_canned_reply')
      .orderBy('at')
      .execute()
    expect(audit.map((row) => row.action)).toEqual([
      'reference_desk.canned_reply.create',
      'reference_desk.canned_reply.create',
      'reference_desk.canned_reply.create',
      'reference_desk.canned_reply.update',
      'reference_desk.canned_reply.delete',
    ])
  })

  it('refuses bad codes, taken codes and empty texts with a stable code', async () => {
    const admin = await t.as('library_admin')
    const cases: [object, string, string][] = [
      [{ code: 'has space', title: 't', body: 'b' }, 'body.code', 'invalid_format'],
      [{ code: '', title: 't', body: 'b' }, 'body.code', 'invalid_format'],
      [{ code: 'ok', title: '', body: 'b' }, 'body.title', 'too_small'],
      [{ code: 'ok', title: 't', body: '   ' }, 'body.body', 'too_small'],
      [{ code: 'ok', title: 't', body: 'x'.repeat(2001) }, 'body.body', 'too_big'],
      [{ scope: 'library', code: 'hours', title: 't', body: 'b' }, 'body.code', 'taken'],
    ]
    for (const [payload, path, code] of cases) {
      const response = await create(admin, payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json().errors[0]).toMatchObject({ path, code })
    }
    // The consortium admin has no desk and no canned replies.
    expect(
      (await t.request({ method: 'GET', url: URL, cookie: await t.as('consortium_admin') })).statusCode,
    ).toBe(403)
  })
})
