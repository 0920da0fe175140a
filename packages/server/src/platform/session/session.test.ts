import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

describe('sign-in and sessions', () => {
  it('signs a reader in with a session cookie and shows who they are', async () => {
    const libraryId = t.world.libraries[0]!.id
    const response = await t.request({
      method: 'POST',
      url: '/api/session',
      payload: { libraryId, readerNumber: '2020001', password: 'shuqiao2020' },
    })
    expect(response.statusCode).toBe(200)
    const cookie = response.cookies.find((c) => c.name === 'shuqiao_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Lax')
    expect(cookie.secure).toBeFalsy()
    const me = await t.request({ method: 'GET', url: '/api/me', cookie: `shuqiao_session=${cookie.value}` })
    expect(me.json()).toMatchObject({
      readerNumber: '2020001',
      name: '李明',
      roles: ['reader'],
      library: { code: 'sjtu' },
    })
    expect(me.json().department.nameZh).toBe('电子信息与电气工程学院')
  })

  it('sets Secure on the cookie when served over TLS behind a trusted proxy', async () => {
    const { createTestApp } = await import('../../test/test-app.ts')
    const tls = await createTestApp({ TRUST_PROXY: 'true' })
    try {
      const response = await tls.request({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { libraryId: tls.world.libraries[0]!.id, readerNumber: '2020001', password: 'shuqiao2020' },
      })
      expect(response.cookies.find((c) => c.name === 'shuqiao_session')!.secure).toBe(true)
    } finally {
      await tls.close()
    }
  })

  it('refuses a wrong password in the reader’s language without saying which part was wrong', async () => {
    const libraryId = t.world.libraries[0]!.id
    const zh = await t.request({
      method: 'POST',
      url: '/api/session',
      payload: { libraryId, readerNumber: 'L001', password: 'wrong-password' },
    })
    expect(zh.statusCode).toBe(401)
    expect(zh.headers['content-type']).toContain('application/problem+json')
    expect(zh.json()).toMatchObject({ code: 'invalid_credentials', detail: '学工号或密码不正确。' })
    const en = await t.request({
      method: 'POST',
      url: '/api/session',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload: { libraryId, readerNumber: 'nobody', password: 'wrong-password' },
    })
    expect(en.json()).toMatchObject({
      code: 'invalid_credentials',
      detail: 'Reader number or password is incorrect.',
    })
  })

  it('throttles an account after five failures, even with the right password', async () => {
    const libraryId = t.world.libraries[1]!.id
    const attempt = (password: string) =>
      t.request({
        method: 'POST',
        url: '/api/session',
        payload: { libraryId, readerNumber: 'S001', password },
      })
    for (let i = 0; i < 5; i++) expect((await attempt('not-it')).statusCode).toBe(401)
    const blocked = await attempt('shuqiao2020')
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json().code).toBe('too_many_attempts')
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('throttles one address trying many accounts', async () => {
    const libraryId = t.world.libraries[2]!.id
    const from = { 'x-forwarded-for': '203.0.113.9' }
    const { createTestApp } = await import('../../test/test-app.ts')
    const proxied = await createTestApp({ TRUST_PROXY: 'true' })
    try {
      for (let i = 0; i < 30; i++) {
        const response = await proxied.request({
          method: 'POST',
          url: '/api/session',
          headers: from,
          payload: { libraryId: proxied.world.libraries[2]!.id, readerNumber: `guess${i}`, password: 'x' },
        })
        expect(response.statusCode).toBe(401)
      }
      const blocked = await proxied.request({
        method: 'POST',
        url: '/api/session',
        headers: from,
        payload: {
          libraryId: proxied.world.libraries[2]!.id,
          readerNumber: '2020001',
          password: 'shuqiao2020',
        },
      })
      expect(blocked.statusCode).toBe(429)
      const otherAddress = await proxied.request({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-forwarded-for': '203.0.113.10' },
        payload: {
          libraryId: proxied.world.libraries[2]!.id,
          readerNumber: '2020001',
          password: 'shuqiao2020',
        },
      })
      expect(otherAddress.statusCode).toBe(200)
    } finally {
      await proxied.close()
    }
    expect(libraryId).toBeTruthy()
  })

  it('signs out this browser only, or every device', async () => {
    const first = await t.signIn('2020001', 'fudan')
    const second = await t.signIn('2020001', 'fudan')
    const out = await t.request({ method: 'DELETE', url: '/api/session', cookie: first })
    expect(out.statusCode).toBe(204)
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: first })).statusCode).toBe(401)
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: second })).statusCode).toBe(200)
    const third = await t.signIn('2020001', 'fudan')
    expect((await t.request({ method: 'DELETE', url: '/api/sessions', cookie: third })).statusCode).toBe(204)
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: second })).statusCode).toBe(401)
  })

  it('changes a password, keeping this session and ending the others', async () => {
    const here = await t.signIn('L001', 'tongji')
    const elsewhere = await t.signIn('L001', 'tongji')
    const wrong = await t.request({
      method: 'PUT',
      url: '/api/me/password',
      cookie: here,
      payload: { currentPassword: 'nope', newPassword: 'a-new-password' },
    })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().code).toBe('wrong_password')
    expect(wrong.json().errors).toEqual([
      { path: 'body.currentPassword', code: 'wrong_password', message: '当前密码不正确' },
    ])
    const changed = await t.request({
      method: 'PUT',
      url: '/api/me/password',
      cookie: here,
      payload: { currentPassword: 'shuqiao2020', newPassword: 'a-new-password' },
    })
    expect(changed.statusCode).toBe(204)
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: here })).statusCode).toBe(200)
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: elsewhere })).statusCode).toBe(401)
    await expect(t.signIn('L001', 'tongji')).rejects.toThrow()
    await expect(t.signIn('L001', 'tongji', 'a-new-password')).resolves.toContain('shuqiao_session=')
  })

  it('expires an idle session', async () => {
    const cookie = await t.signIn('A001', 'tongji')
    await t.ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute()
    const response = await t.request({ method: 'GET', url: '/api/me', cookie })
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('unauthenticated')
  })

  it('remembers the interface language on the account', async () => {
    const cookie = await t.signIn('2020001', 'tongji')
    const response = await t.request({ method: 'PATCH', url: '/api/me', cookie, payload: { language: 'en' } })
    expect(response.json().language).toBe('en')
    const problem = await t.request({ method: 'GET', url: '/api/accounts', cookie })
    expect(problem.json()).toMatchObject({ code: 'forbidden', detail: 'You are not allowed to do this.' })
  })

  it('refuses state-changing requests from another site', async () => {
    const cookie = await t.signIn('2020001', 'sjtu')
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      cookie,
      headers: { origin: 'https://evil.example.com' },
      payload: { language: 'en' },
    })
    expect(response.statusCode).toBe(403)
    expect(response.json().code).toBe('origin_mismatch')
    const sameSite = await t.request({
      method: 'PATCH',
      url: '/api/me',
      cookie,
      headers: { origin: 'http://localhost:80', host: 'localhost:80' },
      payload: { language: 'zh-CN' },
    })
    expect(sameSite.statusCode).toBe(200)
  })
})
