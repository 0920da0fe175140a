import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

describe('accounts and roles', () => {
  it('lets a library admin create an account, who can then sign in', async () => {
    const admin = await t.as('library_admin')
    const sjtu = t.world.libraries[0]!
    const response = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: admin,
      payload: {
        readerNumber: '2021100',
        name: '周新',
        type: 'teacher',
        departmentId: sjtu.departmentIds[1],
        email: 'zhou@sjtu.example.edu.cn',
        password: 'first-password',
        roles: ['reader'],
      },
    })
    expect(response.statusCode).toBe(201)
    expect(response.json()).toMatchObject({
      libraryId: sjtu.id,
      readerNumber: '2021100',
      type: 'teacher',
      roles: ['reader'],
    })
    expect(response.json()).not.toHaveProperty('passwordHash')
    await expect(t.signIn('2021100', 'sjtu', 'first-password')).resolves.toContain('shuqiao_session=')
  })

  it('refuses a reader number already used in the library, case-insensitively', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: await t.as('library_admin'),
      payload: { readerNumber: 'l001', name: '重复', type: 'staff', password: 'first-password' },
    })
    expect(response.statusCode).toBe(409)
    expect(response.json().code).toBe('reader_number_taken')
  })

  it('keeps each library’s accounts to itself', async () => {
    const fudanAdmin = await t.as('library_admin', 'fudan')
    const sjtuReader = t.world.libraries[0]!.accounts.reader
    const read = await t.request({ method: 'GET', url: `/api/accounts/${sjtuReader}`, cookie: fudanAdmin })
    expect(read.statusCode).toBe(404)
    const change = await t.request({
      method: 'PATCH',
      url: `/api/accounts/${sjtuReader}`,
      cookie: fudanAdmin,
      payload: { status: 'disabled' },
    })
    expect(change.statusCode).toBe(404)
    const list = await t.request({ method: 'GET', url: '/api/accounts?limit=200', cookie: fudanAdmin })
    const libraries = new Set(list.json().items.map((a: { libraryId: string }) => a.libraryId))
    expect([...libraries]).toEqual([t.world.libraries[1]!.id])
    const intoOther = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: fudanAdmin,
      payload: {
        libraryId: t.world.libraries[0]!.id,
        readerNumber: 'X1',
        name: '越权',
        type: 'staff',
        password: 'first-password',
      },
    })
    expect(intoOther.statusCode).toBe(403)
  })

  it('lets the consortium admin see every member library', async () => {
    const response = await t.request({
      method: 'GET',
      url: '/api/accounts?role=library_admin',
      cookie: await t.as('consortium_admin'),
    })
    expect(response.json().items).toHaveLength(3)
  })

  it('pages through accounts with a cursor and filters by name', async () => {
    const admin = await t.as('consortium_admin')
    const first = await t.request({ method: 'GET', url: '/api/accounts?limit=5', cookie: admin })
    expect(first.json().items).toHaveLength(5)
    const second = await t.request({
      method: 'GET',
      url: `/api/accounts?limit=5&cursor=${first.json().nextCursor}`,
      cookie: admin,
    })
    const ids = [...first.json().items, ...second.json().items].map((a: { id: string }) => a.id)
    expect(new Set(ids).size).toBe(ids.length)
    const byName = await t.request({
      method: 'GET',
      url: `/api/accounts?q=${encodeURIComponent('孙')}`,
      cookie: admin,
    })
    expect(byName.json().items.map((a: { name: string }) => a.name)).toEqual(['孙磊'])
  })

  it('makes a subject librarian serve departments of their own library only', async () => {
    const admin = await t.as('library_admin')
    const sjtu = t.world.libraries[0]!
    const librarian = sjtu.accounts.librarian
    const ok = await t.request({
      method: 'PUT',
      url: `/api/accounts/${librarian}/roles`,
      cookie: admin,
      payload: { roles: ['reader', 'subject_librarian'], subjectDepartmentIds: [sjtu.departmentIds[2]] },
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({
      roles: ['reader', 'subject_librarian'],
      subjectDepartmentIds: [sjtu.departmentIds[2]],
    })
    const foreign = await t.request({
      method: 'PUT',
      url: `/api/accounts/${librarian}/roles`,
      cookie: admin,
      payload: {
        roles: ['subject_librarian'],
        subjectDepartmentIds: [t.world.libraries[1]!.departmentIds[0]],
      },
    })
    expect(foreign.statusCode).toBe(400)
    expect(foreign.json().errors[0].path).toBe('body.subjectDepartmentIds')
  })

  it('never removes the last administrator of a library', async () => {
    const admin = await t.as('library_admin', 'tongji')
    const self = t.world.libraries[2]!.accounts.library_admin
    const response = await t.request({
      method: 'PUT',
      url: `/api/accounts/${self}/roles`,
      cookie: admin,
      payload: { roles: ['reader'] },
    })
    expect(response.statusCode).toBe(409)
    expect(response.json().code).toBe('last_admin')
  })

  it('signs a disabled account out everywhere and keeps it out', async () => {
    const readerCookie = await t.signIn('2020001', 'tongji')
    const response = await t.request({
      method: 'PATCH',
      url: `/api/accounts/${t.world.libraries[2]!.accounts.reader}`,
      cookie: await t.as('library_admin', 'tongji'),
      payload: { status: 'disabled' },
    })
    expect(response.json().status).toBe('disabled')
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: readerCookie })).statusCode).toBe(401)
    const again = await t.request({
      method: 'POST',
      url: '/api/session',
      payload: { libraryId: t.world.libraries[2]!.id, readerNumber: '2020001', password: 'shuqiao2020' },
    })
    expect(again.json().code).toBe('account_disabled')
  })

  it('records every staff change in the audit log with before and after', async () => {
    const admin = await t.as('library_admin', 'fudan')
    const target = t.world.libraries[1]!.accounts.reader
    await t.request({
      method: 'PATCH',
      url: `/api/accounts/${target}`,
      cookie: admin,
      payload: { phone: '+86 21 6564 0000' },
    })
    await t.request({
      method: 'PUT',
      url: `/api/accounts/${target}/password`,
      cookie: admin,
      payload: { password: 'reset-by-admin' },
    })
    const log = await t.request({ method: 'GET', url: '/api/audit-events?entityType=account', cookie: admin })
    const [reset, update] = log.json().items
    expect(reset).toMatchObject({
      action: 'account.password.reset',
      entityId: target,
      actor: { readerNumber: 'A001' },
    })
    expect(JSON.stringify(reset)).not.toContain('argon2')
    expect(update).toMatchObject({
      action: 'account.update',
      changedFields: ['phone'],
      before: { phone: null },
      after: { phone: '+86 21 6564 0000' },
    })
    const sjtuAdmin = await t.as('library_admin')
    const foreign = await t.request({
      method: 'GET',
      url: '/api/audit-events?entityType=account',
      cookie: sjtuAdmin,
    })
    expect(foreign.json().items.find((e: { entityId: string }) => e.entityId === target)).toBeUndefined()
  })
})
