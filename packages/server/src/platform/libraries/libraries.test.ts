import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

describe('libraries and their calendars', () => {
  it('lists member libraries for the sign-in page', async () => {
    const response = await t.request({ method: 'GET', url: '/api/libraries' })
    expect(response.json().consortium.nameZh).toBe('上海市高校图书馆')
    expect(response.json().items.map((l: { code: string }) => l.code)).toEqual(['fudan', 'sjtu', 'tongji'])
  })

  it('marks a closure, shows it to readers, and restores the usual week', async () => {
    const sjtu = t.world.libraries[0]!
    const admin = await t.as('library_admin')
    const closed = await t.request({
      method: 'PUT',
      url: `/api/libraries/${sjtu.id}/calendar`,
      cookie: admin,
      payload: { from: '2026-12-07', to: '2026-12-09', open: false, note: '疫情防控闭馆' },
    })
    expect(closed.json()).toEqual({ changed: 3 })
    const reader = await t.as('reader')
    const days = await t.request({
      method: 'GET',
      url: `/api/libraries/${sjtu.id}/calendar?from=2026-12-06&to=2026-12-10`,
      cookie: reader,
    })
    expect(days.json().days.map((d: { open: boolean }) => d.open)).toEqual([true, false, false, false, true])
    expect(days.json().days[1]).toMatchObject({ note: '疫情防控闭馆', exception: true })
    await t.request({
      method: 'PUT',
      url: `/api/libraries/${sjtu.id}/calendar`,
      cookie: admin,
      payload: { from: '2026-12-08', to: '2026-12-08', open: null },
    })
    const after = await t.request({
      method: 'GET',
      url: `/api/libraries/${sjtu.id}/calendar?from=2026-12-08&to=2026-12-08`,
      cookie: reader,
    })
    expect(after.json().days[0]).toMatchObject({ open: true, exception: false })
    const log = await t.request({
      method: 'GET',
      url: '/api/audit-events?entityType=library_calendar',
      cookie: admin,
    })
    const [restored, closure] = log.json().items
    expect(closure).toMatchObject({
      changedFields: ['exceptions'],
      entityLabel: '上海交通大学图书馆 2026-12-07 – 2026-12-09',
    })
    expect(closure.after.exceptions).toHaveLength(3)
    expect(restored.after.exceptions).toEqual([])
  })

  it('changes usual open weekdays and time zone, audited', async () => {
    const fudan = t.world.libraries[1]!
    const admin = await t.as('library_admin', 'fudan')
    const response = await t.request({
      method: 'PATCH',
      url: `/api/libraries/${fudan.id}`,
      cookie: admin,
      payload: { openWeekdays: [1, 2, 3, 4, 5] },
    })
    expect(response.json()).toMatchObject({ openWeekdays: [1, 2, 3, 4, 5], timeZone: 'Asia/Shanghai' })
    const log = await t.request({ method: 'GET', url: '/api/audit-events?entityType=library', cookie: admin })
    expect(log.json().items[0]).toMatchObject({ action: 'library.update', changedFields: ['openWeekdays'] })
  })

  it('lets a library admin change only their own library', async () => {
    const response = await t.request({
      method: 'PATCH',
      url: `/api/libraries/${t.world.libraries[2]!.id}`,
      cookie: await t.as('library_admin', 'fudan'),
      payload: { nameEn: 'Not mine' },
    })
    expect(response.statusCode).toBe(404)
  })

  it('lets the consortium admin add a member library and its departments', async () => {
    const admin = await t.as('consortium_admin')
    const created = await t.request({
      method: 'POST',
      url: '/api/libraries',
      cookie: admin,
      payload: { code: 'ecnu', nameZh: '华东师范大学图书馆', nameEn: 'East China Normal University Library' },
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ timeZone: 'Asia/Shanghai', openWeekdays: [1, 2, 3, 4, 5, 6, 7] })
    const department = await t.request({
      method: 'POST',
      url: `/api/libraries/${created.json().id}/departments`,
      cookie: admin,
      payload: { code: 'EDU', nameZh: '教育学部', nameEn: 'Faculty of Education' },
    })
    expect(department.statusCode).toBe(201)
    const duplicate = await t.request({
      method: 'POST',
      url: '/api/libraries',
      cookie: admin,
      payload: { code: 'ecnu', nameZh: '重复', nameEn: 'Duplicate' },
    })
    expect(duplicate.json().code).toBe('library_code_taken')
  })
})
