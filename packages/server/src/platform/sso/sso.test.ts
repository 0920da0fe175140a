import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'

const PUBLIC_URL = 'http://shuqiao.test'
const t = useTestApp({ PUBLIC_URL })

// A real OpenID Connect provider, as a campus identity system would run it.
const people: Record<string, Record<string, string>> = {
  'campus-uid-1': { name: '钱学森', employeeNumber: '2020999', email: 'qian@sjtu.example.edu.cn' },
  'campus-uid-2': { name: '李明（统一认证）', employeeNumber: '2020001' },
  'campus-uid-3': { name: '停用者', employeeNumber: 'L001' },
}

let server: Server
let issuer: string
let providerId: string

/** A browser stand-in: follows the provider's redirects and forms, keeping its cookies. */
const signInAtProvider = async (authorizationUrl: string, login: string) => {
  const jar = new Map<string, string>()
  const send = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    })
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';')
      const [name, ...value] = pair!.split('=')
      jar.set(name!, value.join('='))
    }
    return response
  }
  let url = authorizationUrl
  let body: URLSearchParams | undefined
  for (let step = 0; step < 12; step++) {
    const response = await send(url, body ? { method: 'POST', body } : {})
    body = undefined
    const location = response.headers.get('location')
    if (location) {
      const next = new URL(location, url)
      if (next.origin === PUBLIC_URL) return next
      url = next.toString()
      continue
    }
    const html = await response.text()
    const action = /action="([^"]+)"/.exec(html)?.[1]
    if (!action) throw new Error(`provider page without a form: ${html.slice(0, 200)}`)
    url = new URL(action, url).toString()
    body = html.includes('name="login"')
      ? new URLSearchParams({ prompt: 'login', login, password: 'any' })
      : new URLSearchParams({ prompt: 'consent' })
  }
  throw new Error('provider did not redirect back')
}

const signInThroughCampus = async (login: string) => {
  const start = await t.request({ method: 'GET', url: `/api/sso/${providerId}/start?returnTo=/account` })
  expect(start.statusCode).toBe(302)
  const callback = await signInAtProvider(start.headers.location as string, login)
  return t.request({ method: 'GET', url: `${callback.pathname}${callback.search}` })
}

describe('OpenID Connect campus sign-in', () => {
  beforeAll(async () => {
    server = createServer()
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const libraryId = t.world.libraries[0]!.id
    const admin = await t.as('library_admin')
    const created = await t.request({
      method: 'POST',
      url: `/api/libraries/${libraryId}/oidc-providers`,
      cookie: admin,
      payload: {
        label: '交大统一身份认证 jAccount',
        issuer,
        clientId: 'shuqiao',
        clientSecret: 'a-long-client-secret-for-tests-0123456789',
        readerNumberClaim: 'employeeNumber',
      },
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).not.toHaveProperty('clientSecret')
    providerId = created.json().id
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'shuqiao',
          client_secret: 'a-long-client-secret-for-tests-0123456789',
          redirect_uris: [`${PUBLIC_URL}/api/sso/${providerId}/callback`],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], profile: ['name', 'employeeNumber'], email: ['email'] },
      findAccount: async (_ctx, sub) => ({
        accountId: sub,
        claims: async () => ({ sub, ...people[sub] }),
      }),
      cookies: { keys: ['test-cookie-key'] },
    })
    server.on('request', provider.callback())
  })

  afterAll(() => server?.close())

  it('lists the campus sign-in for the library without secrets', async () => {
    const response = await t.request({
      method: 'GET',
      url: `/api/sso/providers?libraryId=${t.world.libraries[0]!.id}`,
    })
    expect(response.json().items).toEqual([
      { id: providerId, libraryId: t.world.libraries[0]!.id, label: '交大统一身份认证 jAccount' },
    ])
  })

  it('creates a reader account from the campus claims on first sign-in', async () => {
    const callback = await signInThroughCampus('campus-uid-1')
    expect(callback.statusCode).toBe(302)
    expect(callback.headers.location).toBe('/account')
    const cookie = callback.cookies.find((c) => c.name === 'shuqiao_session')!
    const me = await t.request({ method: 'GET', url: '/api/me', cookie: `shuqiao_session=${cookie.value}` })
    expect(me.json()).toMatchObject({
      readerNumber: '2020999',
      name: '钱学森',
      email: 'qian@sjtu.example.edu.cn',
      roles: ['reader'],
      library: { code: 'sjtu' },
      signedInVia: 'oidc',
    })
  })

  it('matches an existing account by reader number and links it', async () => {
    const callback = await signInThroughCampus('campus-uid-2')
    const cookie = callback.cookies.find((c) => c.name === 'shuqiao_session')!
    const me = await t.request({ method: 'GET', url: '/api/me', cookie: `shuqiao_session=${cookie.value}` })
    expect(me.json()).toMatchObject({ id: t.world.libraries[0]!.accounts.reader, name: '李明' })
    const links = await t.ctx.db
      .selectFrom('account_identities')
      .selectAll()
      .where('subject', '=', 'campus-uid-2')
      .execute()
    expect(links).toHaveLength(1)
  })

  it('sends a disabled account back to the sign-in page with a reason', async () => {
    await t.ctx.db
      .updateTable('accounts')
      .set({ status: 'disabled' })
      .where('id', '=', t.world.libraries[0]!.accounts.librarian!)
      .execute()
    const callback = await signInThroughCampus('campus-uid-3')
    expect(callback.headers.location).toBe('/sign-in?sso_error=account_disabled')
    expect(callback.cookies.find((c) => c.name === 'shuqiao_session' && c.value)).toBeUndefined()
  })

  it('refuses a callback with a forged or replayed state', async () => {
    const forged = await t.request({
      method: 'GET',
      url: `/api/sso/${providerId}/callback?code=abc&state=forged`,
    })
    expect(forged.headers.location).toBe('/sign-in?sso_error=sso_failed')
  })

  it('says when a library has no campus sign-in', async () => {
    const response = await t.request({
      method: 'GET',
      url: '/api/sso/01a21467-0000-7000-8000-000000000000/start',
    })
    expect(response.statusCode).toBe(404)
    expect(response.json().code).toBe('sso_not_configured')
  })
})
