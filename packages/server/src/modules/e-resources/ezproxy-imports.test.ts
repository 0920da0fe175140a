import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formData } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

const upload = async (
  content: Buffer | string,
  options: { apply?: boolean; cookie?: string; name?: string } = {},
) =>
  t.request({
    method: 'POST',
    url: `/api/resources/ezproxy-imports${options.apply ? '?apply=true' : ''}`,
    cookie: options.cookie ?? (await t.as('librarian')),
    ...(await formData(
      Buffer.isBuffer(content) ? content : Buffer.from(content),
      options.name ?? 'config.txt',
      'text/plain',
    )),
  })

const CONFIG = `# 代理服务器配置
Option ForceHTTPSLogin
Title ScienceDirect
URL https://www.sciencedirect.com
DJ sciencedirect.com
HJ www.sciencedirect.com

T JSTOR
U https://www.jstor.org/
HJ www.jstor.org
DJ jstor.org

IncludeFile databases/cnki.txt
`

describe('importing an EZproxy config.txt', () => {
  it('previews each stanza as a new draft or a proxy route for what the directory has, changing nothing', async () => {
    const preview = await upload(CONFIG)
    expect(preview.statusCode, preview.body).toBe(200)
    const body = preview.json()
    expect(body).toMatchObject({ applied: false, created: 0, updated: 0, encoding: 'utf-8' })
    expect(body.stanzas.map((s: { title: string; action: string }) => [s.title, s.action])).toEqual([
      ['ScienceDirect', 'update'],
      ['JSTOR', 'create'],
    ])
    expect(body.stanzas[0].existing.nameZh).toBe('ScienceDirect 电子期刊')
    expect(body.stanzas[1]).toMatchObject({ line: 8, url: 'https://www.jstor.org/', domains: ['jstor.org'] })
    expect(body.skipped.map((s: { directive: string }) => s.directive)).toEqual(
      expect.arrayContaining(['Option', 'IncludeFile']),
    )
    expect(body.includeFiles).toEqual([{ file: 'databases/cnki.txt', line: 13 }])
    const jstor = await t.ctx.db
      .selectFrom('e_resources')
      .select('id')
      .where('name_zh', '=', 'JSTOR')
      .execute()
    expect(jstor).toEqual([])
  })

  it('applies all stanzas at once: drafts with a proxy route, and a proxy route added once to what exists', async () => {
    const applied = await upload(CONFIG, { apply: true })
    expect(applied.statusCode, applied.body).toBe(200)
    expect(applied.json()).toMatchObject({ applied: true, created: 1, updated: 1 })
    const jstor = await t.ctx.db
      .selectFrom('e_resources')
      .select(['id', 'status', 'url', 'initial'])
      .where('name_zh', '=', 'JSTOR')
      .executeTakeFirstOrThrow()
    expect(jstor).toMatchObject({ status: 'draft', url: 'https://www.jstor.org/', initial: 'J' })
    const routes = await t.ctx.db
      .selectFrom('e_resource_routes')
      .select('kind')
      .where('resource_id', '=', jstor.id)
      .execute()
    expect(routes).toEqual([{ kind: 'proxy' }])
    // Applying the same file again adds nothing: JSTOR is known now, ScienceDirect has its route.
    const again = (await upload(CONFIG, { apply: true })).json()
    expect(again).toMatchObject({ created: 0, updated: 2 })
    const sd = await t.ctx.db
      .selectFrom('e_resource_routes as x')
      .innerJoin('e_resources as r', 'r.id', 'x.resource_id')
      .select('x.kind')
      .where('r.name_zh', '=', 'ScienceDirect 电子期刊')
      .where('r.library_id', '=', t.world.libraries[0]!.id)
      .where('x.kind', '=', 'proxy')
      .execute()
    expect(sd).toHaveLength(1)
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'e_resource.ezproxy_imported')
      .execute()
    expect(audit).toHaveLength(2)
  })

  it('refuses to apply a file with errors, naming their lines, and imports nothing of it', async () => {
    const broken = `URL https://orphan.example.com/
Title Good Database
URL https://good.example.com/
Title No Address
Host noaddress.example.com
Title Script
URL javascript:alert(1)
`
    const preview = (await upload(broken)).json()
    expect(
      preview.problems
        .filter((p: { severity: string }) => p.severity === 'error')
        .map((p: { line: number; code: string }) => [p.line, p.code]),
    ).toEqual([
      [1, 'url_before_title'],
      [4, 'url_missing'],
      [7, 'url_unsafe'],
    ])
    const refused = await upload(broken, { apply: true })
    expect(refused.statusCode).toBe(422)
    expect(refused.headers['content-type']).toContain('application/problem+json')
    expect(refused.json()).toMatchObject({ code: 'import_has_errors' })
    expect(refused.json().problems).toHaveLength(3)
    const good = await t.ctx.db
      .selectFrom('e_resources')
      .select('id')
      .where('name_zh', '=', 'Good Database')
      .execute()
    expect(good).toEqual([])
  })

  it('reads a real library’s stanzas as they are (OCLC’s published Visible Body stanzas)', async () => {
    const real = readFileSync(new URL('./ezproxy/fixtures/VisibleBody.txt', import.meta.url))
    const body = (await upload(real, { name: 'VisibleBody.txt' })).json()
    expect(body.stanzas).toHaveLength(10)
    expect(body.stanzas.every((s: { action: string }) => s.action === 'create')).toBe(true)
  })

  it('is for staff of the library: readers are refused, and another library’s import touches only its own', async () => {
    expect((await upload(CONFIG, { cookie: await t.as('reader') })).statusCode).toBe(403)
    const fudan = (await upload(CONFIG, { cookie: await t.as('librarian', 'fudan') })).json()
    // Fudan has its own ScienceDirect; the JSTOR sjtu imported is not Fudan's.
    expect(fudan.stanzas.find((s: { title: string }) => s.title === 'JSTOR').action).toBe('create')
    const notMultipart = await t.request({
      method: 'POST',
      url: '/api/resources/ezproxy-imports',
      cookie: await t.as('librarian'),
      payload: { file: CONFIG },
    })
    expect(notMultipart.statusCode).toBe(415)
  })
})
