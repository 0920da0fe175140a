import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { maskUrl } from './notifications.presenter.ts'

const t = useTestApp()

const WECOM = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7a0b-4bc4-97a0-0ec2sifa5aaa'
const valid = { name: '流通部群', kind: 'wecom', url: WECOM, events: ['account.password_reset'] }
const channelsUrl = (libraryIndex = 0) =>
  `/api/libraries/${t.world.libraries[libraryIndex]!.id}/notice-channels`

const create = async (payload: object, cookie?: string, libraryIndex = 0) =>
  t.request({
    method: 'POST',
    url: channelsUrl(libraryIndex),
    cookie: cookie ?? (await t.as('library_admin')),
    payload,
  })

const countChannels = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('notice_channels')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('a library’s notice channels', () => {
  it('lists the events a channel can subscribe to, with their names in both languages', async () => {
    const response = await t.request({
      method: 'GET',
      url: '/api/notice-events',
      cookie: await t.as('library_admin'),
    })
    expect(response.json().items).toContainEqual({
      event: 'account.password_reset',
      label: { zh: '管理员重置了账号密码', en: 'An administrator reset an account’s password' },
    })
  })

  it('creates, lists, changes and removes a channel, keeping secrets and tokens to the server, audited', async () => {
    const created = await create({
      name: '馆员钉钉群',
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=3b0b7f2c5d6e4a1b9c8d7e6f5a4b3c2d',
      secret: 'SECa1b2c3d4e5f6a7b8c9d0',
      events: ['account.password_reset', 'account.password_reset'],
    })
    expect(created.statusCode).toBe(201)
    const channel = created.json()
    expect(channel).toMatchObject({
      name: '馆员钉钉群',
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=••••3c2d',
      hasSecret: true,
      events: ['account.password_reset'],
      enabled: true,
    })
    expect(created.body).not.toContain('SECa1b2c3d4e5f6a7b8c9d0')
    expect(created.body).not.toContain('3b0b7f2c5d6e4a1b9c8d7e6f5a4b3c2d')

    const changed = await t.request({
      method: 'PATCH',
      url: `${channelsUrl()}/${channel.id}`,
      cookie: await t.as('library_admin'),
      payload: { enabled: false, secret: null },
    })
    expect(changed.json()).toMatchObject({ enabled: false, hasSecret: false, name: '馆员钉钉群' })
    const listed = await t.request({ method: 'GET', url: channelsUrl(), cookie: await t.as('library_admin') })
    expect(listed.json().items).toEqual([changed.json()])
    expect(listed.body).not.toMatch(/secret"\s*:/)

    const removed = await t.request({
      method: 'DELETE',
      url: `${channelsUrl()}/${channel.id}`,
      cookie: await t.as('library_admin'),
    })
    expect(removed.statusCode).toBe(204)
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', channel.id)
      .orderBy('id')
      .execute()
    expect(audit.map((event) => event.action)).toEqual([
      'notice.channel.create',
      'notice.channel.update',
      'notice.channel.delete',
    ])
    expect(audit[1]!.changed_fields).toEqual(['enabled', 'hasSecret', 'secretChanged', 'updatedAt'])
    expect(JSON.stringify(audit)).not.toContain('SECa1b2c3d4e5f6a7b8c9d0')
  })

  it('refuses bad input with field problems and stores nothing', async () => {
    const before = await countChannels()
    const cases: [payload: object, path: string, code: string][] = [
      [{ ...valid, url: 'ftp://example.edu.cn/hook' }, 'body.url', 'invalid_format'],
      [{ ...valid, url: 'javascript:alert(1)' }, 'body.url', 'invalid_format'],
      [{ ...valid, url: 'file:///etc/passwd' }, 'body.url', 'invalid_format'],
      [{ ...valid, url: `https://example.edu.cn/${'a'.repeat(500)}` }, 'body.url', 'too_big'],
      [{ ...valid, name: '群'.repeat(61) }, 'body.name', 'too_big'],
      [{ ...valid, name: '<b>群</b>' }, 'body.name', 'unsafe_characters'],
      [{ ...valid, secret: 's'.repeat(201) }, 'body.secret', 'too_big'],
      [{ ...valid, kind: 'feishu' }, 'body.kind', 'invalid_value'],
      [{ ...valid, events: [] }, 'body.events', 'too_small'],
      [{ ...valid, events: ['Not An Event'] }, 'body.events.0', 'invalid_format'],
      [{ ...valid, events: ['e'.repeat(40) + '.x'.repeat(20)] }, 'body.events.0', 'too_big'],
      [
        { ...valid, events: Array.from({ length: 51 }, () => 'account.password_reset') },
        'body.events',
        'too_big',
      ],
      [{ ...valid, events: ['request.no_such_thing'] }, 'body.events', 'invalid_value'],
      [{ ...valid, kind: 'webhook', url: 'https://hooks.example.edu.cn/shuqiao' }, 'body.secret', 'required'],
      [{ ...valid, token: 'x' }, 'body', 'unrecognized_keys'],
    ]
    for (const [payload, path, code] of cases) {
      const response = await create(payload)
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400)
      expect(response.json().errors, JSON.stringify(payload).slice(0, 80)).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, code })]),
      )
    }
    const created = await create(valid)
    const kindChange = await t.request({
      method: 'PATCH',
      url: `${channelsUrl()}/${created.json().id}`,
      cookie: await t.as('library_admin'),
      payload: { kind: 'webhook' },
    })
    expect(kindChange.statusCode).toBe(400)
    expect(await countChannels()).toBe(before + 1)
  })

  it('keeps each library’s channels to itself; the consortium admin reaches all', async () => {
    const sjtuChannel = (await create({ ...valid, name: '交大群' })).json().id as string
    const fudanAdmin = await t.as('library_admin', 'fudan')
    // Another library's path: not found, whatever the id.
    for (const [method, suffix] of [
      ['GET', ''],
      ['PATCH', `/${sjtuChannel}`],
      ['DELETE', `/${sjtuChannel}`],
      ['POST', `/${sjtuChannel}/test`],
    ] as const) {
      const response = await t.request({
        method,
        url: `${channelsUrl(0)}${suffix}`,
        cookie: fudanAdmin,
        ...(method === 'PATCH' ? { payload: { name: '改名' } } : {}),
      })
      expect(response.statusCode, `${method} ${suffix}`).toBe(404)
    }
    // Their own library's path with our channel's id: not found either.
    const crossId = await t.request({
      method: 'PATCH',
      url: `${channelsUrl(1)}/${sjtuChannel}`,
      cookie: fudanAdmin,
      payload: { name: '改名' },
    })
    expect(crossId.statusCode).toBe(404)
    const deliveries = await t.request({
      method: 'GET',
      url: `/api/libraries/${t.world.libraries[0]!.id}/notice-deliveries`,
      cookie: fudanAdmin,
    })
    expect(deliveries.statusCode).toBe(404)
    const fudanList = await t.request({ method: 'GET', url: channelsUrl(1), cookie: fudanAdmin })
    expect(fudanList.json().items).toEqual([])

    const consortium = await t.as('consortium_admin')
    const inFudan = await create({ ...valid, name: '复旦群' }, consortium, 1)
    expect(inFudan.statusCode).toBe(201)
    expect(inFudan.json().libraryId).toBe(t.world.libraries[1]!.id)
    const sjtuList = await t.request({ method: 'GET', url: channelsUrl(0), cookie: consortium })
    expect(sjtuList.json().items.map((c: { id: string }) => c.id)).toContain(sjtuChannel)
    const unchanged = await t.ctx.db
      .selectFrom('notice_channels')
      .select('name')
      .where('id', '=', sjtuChannel)
      .executeTakeFirstOrThrow()
    expect(unchanged.name).toBe('交大群')
  })

  it('hides tokens in addresses wherever they sit', () => {
    expect(
      maskUrl('https://u:p@hooks.example.edu.cn/services/T0AB12CD3/B0XYZ9876/abcdefghijklmnop1234'),
    ).toBe('https://hooks.example.edu.cn/services/T0AB12CD3/B0XYZ9876/••••1234')
    expect(maskUrl('https://open.feishu.cn/open-apis/bot/v2/hook/5a1c2b3d-4e5f-6789-abcd-ef0123456789')).toBe(
      'https://open.feishu.cn/open-apis/bot/v2/hook/••••6789',
    )
    expect(maskUrl('https://example.edu.cn/hook?sig=ab')).toBe('https://example.edu.cn/hook?sig=••••')
  })
})
