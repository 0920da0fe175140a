import { describe, expect, it } from 'vitest'
import { useTestApp } from '../test/test-app.ts'

const t = useTestApp({ BODY_LIMIT_BYTES: '4096' })

const countRows = async () => {
  const accounts = await t.ctx.db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const audit = await t.ctx.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const libraries = await t.ctx.db
    .selectFrom('libraries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return { accounts: Number(accounts.n), audit: Number(audit.n), libraries: Number(libraries.n) }
}

const expectProblem = (
  response: { statusCode: number; headers: Record<string, unknown>; json(): Record<string, unknown> },
  status: number,
  code: string,
) => {
  expect(response.statusCode).toBe(status)
  expect(String(response.headers['content-type'])).toContain('application/problem+json')
  expect(response.json()).toMatchObject({ status, code })
  expect(typeof response.json().detail).toBe('string')
}

const validAccount = { readerNumber: '2029001', name: '新读者', type: 'student', password: 'good-password' }

describe('bad input to account and library routes', () => {
  it('answers each kind of bad account input with a 4xx problem and writes nothing', async () => {
    const admin = await t.as('library_admin')
    const before = await countRows()
    const cases: [payload: unknown, field: string, code: string][] = [
      [{ ...validAccount, readerNumber: '' }, 'body.readerNumber', 'too_small'],
      [{ ...validAccount, readerNumber: '学号 1' }, 'body.readerNumber', 'invalid_format'],
      [{ ...validAccount, readerNumber: 'x'.repeat(41) }, 'body.readerNumber', 'too_big'],
      [{ ...validAccount, name: '<script>alert(1)</script>' }, 'body.name', 'unsafe_characters'],
      [{ ...validAccount, name: 'a\u0000b' }, 'body.name', 'unsafe_characters'],
      [{ ...validAccount, name: '名'.repeat(61) }, 'body.name', 'too_big'],
      [{ ...validAccount, type: 'alumnus' }, 'body.type', 'invalid_value'],
      [{ ...validAccount, email: 'not-an-email' }, 'body.email', 'invalid_format'],
      [{ ...validAccount, phone: 'call me' }, 'body.phone', 'invalid_format'],
      [{ ...validAccount, password: 'short' }, 'body.password', 'too_small'],
      [{ ...validAccount, roles: ['consortium_admin'] }, 'body.roles.0', 'invalid_value'],
      [{ ...validAccount, departmentId: 'not-a-uuid' }, 'body.departmentId', 'invalid_format'],
      [{ ...validAccount, isAdmin: true }, 'body', 'unrecognized_keys'],
      [{ name: '缺学号', type: 'student', password: 'good-password' }, 'body.readerNumber', 'required'],
      [[1, 2, 3], 'body', 'invalid_type'],
    ]
    for (const [payload, field, code] of cases) {
      const response = await t.request({
        method: 'POST',
        url: '/api/accounts',
        cookie: admin,
        payload: payload as object,
      })
      expectProblem(response, 400, 'validation_failed')
      expect(response.json().errors, JSON.stringify(payload).slice(0, 80)).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: field, code })]),
      )
    }
    expect(await countRows()).toEqual(before)
  })

  it('gives field messages in the caller’s language', async () => {
    const admin = await t.as('library_admin', 'fudan')
    const zh = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: admin,
      payload: { ...validAccount, password: 'x' },
    })
    expect(zh.json().detail).toBe('提交的内容有误，请检查标出的字段。')
    expect(zh.json().errors[0].message).toBe('太短或太小')
    await t.request({ method: 'PATCH', url: '/api/me', cookie: admin, payload: { language: 'en' } })
    const en = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: admin,
      payload: { ...validAccount, password: 'x' },
    })
    expect(en.json().detail).toBe('Some fields are not valid.')
    expect(en.json().errors[0].message).toBe('Too short or too small')
    const foreignDepartment = await t.request({
      method: 'PATCH',
      url: `/api/accounts/${t.world.libraries[1]!.accounts.reader}`,
      cookie: admin,
      payload: { departmentId: t.world.libraries[0]!.departmentIds[0] },
    })
    expect(foreignDepartment.json().errors).toEqual([
      { path: 'body.departmentId', code: 'invalid_value', message: 'The department is not in this library' },
    ])
  })

  it('rejects malformed JSON, wrong content types and oversized bodies', async () => {
    const admin = await t.as('library_admin')
    const before = await countRows()
    const malformed = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"readerNumber": "2029002",',
    })
    expectProblem(malformed, 400, 'malformed_json')
    const xml = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: admin,
      headers: { 'content-type': 'application/xml' },
      payload: '<account/>',
    })
    expectProblem(xml, 415, 'unsupported_media_type')
    const huge = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: admin,
      payload: { ...validAccount, name: 'x'.repeat(10_000) },
    })
    expectProblem(huge, 413, 'body_too_large')
    expect(await countRows()).toEqual(before)
  })

  it('rejects bad ids, cursors and filters in paths and queries', async () => {
    const admin = await t.as('library_admin')
    expectProblem(
      await t.request({ method: 'GET', url: '/api/accounts/123', cookie: admin }),
      400,
      'validation_failed',
    )
    expectProblem(
      await t.request({ method: 'GET', url: '/api/accounts?cursor=abc', cookie: admin }),
      400,
      'validation_failed',
    )
    expectProblem(
      await t.request({ method: 'GET', url: '/api/accounts?limit=100000', cookie: admin }),
      400,
      'validation_failed',
    )
    expectProblem(
      await t.request({ method: 'GET', url: '/api/accounts?role=root', cookie: admin }),
      400,
      'validation_failed',
    )
    expectProblem(
      await t.request({
        method: 'GET',
        url: '/api/accounts/01a21467-0000-7000-8000-000000000000',
        cookie: admin,
      }),
      404,
      'not_found',
    )
    expectProblem(
      await t.request({ method: 'GET', url: '/api/audit-events?from=2026-13-40', cookie: admin }),
      400,
      'validation_failed',
    )
    expectProblem(
      await t.request({ method: 'GET', url: '/api/audit-events?action=DROP%20TABLE', cookie: admin }),
      400,
      'validation_failed',
    )
  })

  it('answers bad library and calendar input with problems and writes nothing', async () => {
    const admin = await t.as('library_admin')
    const consortiumAdmin = await t.as('consortium_admin')
    const sjtu = t.world.libraries[0]!.id
    const before = await countRows()
    const badLibraries: [string, object, string][] = [
      ['POST', { code: 'X', nameZh: '短', nameEn: 'Short' }, 'body.code'],
      ['POST', { code: 'new-lib', nameZh: '', nameEn: 'Empty' }, 'body.nameZh'],
      ['POST', { code: 'new-lib', nameZh: '新馆', nameEn: 'New', timeZone: 'Mars/Olympus' }, 'body.timeZone'],
      [
        'POST',
        { code: 'new-lib', nameZh: '新馆', nameEn: 'New', openWeekdays: [0, 8] },
        'body.openWeekdays.0',
      ],
    ]
    for (const [method, payload, field] of badLibraries) {
      const response = await t.request({
        method: method as 'POST',
        url: '/api/libraries',
        cookie: consortiumAdmin,
        payload,
      })
      expectProblem(response, 400, 'validation_failed')
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(field)
    }
    const badUpdate = await t.request({
      method: 'PATCH',
      url: `/api/libraries/${sjtu}`,
      cookie: admin,
      payload: { code: 'renamed' },
    })
    expectProblem(badUpdate, 400, 'validation_failed')
    const backwards = await t.request({
      method: 'PUT',
      url: `/api/libraries/${sjtu}/calendar`,
      cookie: admin,
      payload: { from: '2026-12-10', to: '2026-12-01', open: false },
    })
    expectProblem(backwards, 400, 'validation_failed')
    const tooLong = await t.request({
      method: 'GET',
      url: `/api/libraries/${sjtu}/calendar?from=2026-01-01&to=2028-01-01`,
      cookie: admin,
    })
    expectProblem(tooLong, 400, 'validation_failed')
    const notADate = await t.request({
      method: 'PUT',
      url: `/api/libraries/${sjtu}/calendar`,
      cookie: admin,
      payload: { from: '2026-02-30', to: '2026-03-01', open: false },
    })
    expectProblem(notADate, 400, 'validation_failed')
    const badDepartment = await t.request({
      method: 'POST',
      url: `/api/libraries/${sjtu}/departments`,
      cookie: admin,
      payload: { code: 'SEIEE', nameZh: '重复的院系', nameEn: 'Duplicate' },
    })
    expectProblem(badDepartment, 400, 'validation_failed')
    expect(await countRows()).toEqual(before)
  })

  it('stores SQL and HTML typed into text fields as plain text', async () => {
    const admin = await t.as('library_admin')
    const sqlName = "Robert'); DROP TABLE accounts;--"
    const created = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: admin,
      payload: { ...validAccount, readerNumber: '2029100', name: sqlName },
    })
    expect(created.statusCode).toBe(201)
    expect(created.json().name).toBe(sqlName)
    const found = await t.request({
      method: 'GET',
      url: `/api/accounts?q=${encodeURIComponent("'); DROP")}`,
      cookie: admin,
    })
    expect(found.json().items.map((a: { name: string }) => a.name)).toEqual([sqlName])
    const wildcard = await t.request({ method: 'GET', url: '/api/accounts?q=%25', cookie: admin })
    expect(wildcard.json().items).toEqual([])
    const html = await t.request({
      method: 'PATCH',
      url: `/api/accounts/${created.json().id}`,
      cookie: admin,
      payload: { name: '<img src=x onerror=alert(1)>' },
    })
    expectProblem(html, 400, 'validation_failed')
  })

  it('does not reach another library’s rows through ids', async () => {
    const admin = await t.as('library_admin')
    const before = await countRows()
    const fudan = t.world.libraries[1]!
    const calls = [
      t.request({ method: 'GET', url: `/api/accounts/${fudan.accounts.reader}`, cookie: admin }),
      t.request({
        method: 'PUT',
        url: `/api/accounts/${fudan.accounts.reader}/password`,
        cookie: admin,
        payload: { password: 'taken-over' },
      }),
      t.request({
        method: 'PUT',
        url: `/api/accounts/${fudan.accounts.librarian}/roles`,
        cookie: admin,
        payload: { roles: ['library_admin'] },
      }),
      t.request({
        method: 'PATCH',
        url: `/api/libraries/${fudan.id}`,
        cookie: admin,
        payload: { nameEn: 'Mine now' },
      }),
      t.request({
        method: 'PUT',
        url: `/api/libraries/${fudan.id}/calendar`,
        cookie: admin,
        payload: { from: '2026-12-01', to: '2026-12-01', open: false },
      }),
      t.request({ method: 'GET', url: `/api/libraries/${fudan.id}/oidc-providers`, cookie: admin }),
    ]
    for (const response of await Promise.all(calls)) expectProblem(response, 404, 'not_found')
    const moveDepartment = await t.request({
      method: 'PATCH',
      url: `/api/accounts/${t.world.libraries[0]!.accounts.reader}`,
      cookie: admin,
      payload: { departmentId: fudan.departmentIds[0] },
    })
    expectProblem(moveDepartment, 400, 'validation_failed')
    expect(await countRows()).toEqual(before)
  })

  it('treats forged, expired and signed-out session cookies as signed out', async () => {
    const forged = await t.request({ method: 'GET', url: '/api/me', cookie: 'shuqiao_session=forged-token' })
    expectProblem(forged, 401, 'unauthenticated')
    expect(forged.cookies.find((c) => c.name === 'shuqiao_session')?.value).toBe('')
    const cookie = await t.signIn('L001', 'fudan')
    await t.request({ method: 'DELETE', url: '/api/session', cookie })
    expectProblem(await t.request({ method: 'GET', url: '/api/me', cookie }), 401, 'unauthenticated')
    const expiring = await t.signIn('S001', 'fudan')
    await t.ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1) })
      .execute()
    t.forgetSessions()
    expectProblem(
      await t.request({ method: 'GET', url: '/api/me', cookie: expiring }),
      401,
      'unauthenticated',
    )
  })

  it('refuses a cross-site POST even with a valid session', async () => {
    const admin = await t.signIn('A001', 'tongji')
    const before = await countRows()
    const response = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: admin,
      headers: { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
      payload: { ...validAccount, readerNumber: '2029200' },
    })
    expectProblem(response, 403, 'origin_mismatch')
    const noOrigin = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: admin,
      headers: { 'sec-fetch-site': 'cross-site' },
      payload: { ...validAccount, readerNumber: '2029201' },
    })
    expectProblem(noOrigin, 403, 'origin_mismatch')
    expect(await countRows()).toEqual(before)
  })

  it('answers unknown routes with a 404 problem', async () => {
    const response = await t.request({ method: 'GET', url: '/api/no-such-thing' })
    expectProblem(response, 404, 'route_not_found')
  })
})
