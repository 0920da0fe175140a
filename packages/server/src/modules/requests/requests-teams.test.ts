import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

const libraryId = (code: string) => t.world.libraries.find((library) => library.code === code)!.id
const accountId = (code: string, role: string) =>
  t.world.libraries.find((library) => library.code === code)!.accounts[role]!

const loan = async (cookie: string, title: string) =>
  (
    await t.request({
      method: 'POST',
      url: '/api/requests',
      cookie,
      payload: { type: 'interlibrary_loan', form: { title, pickup: 'desk' } },
    })
  ).json()

describe('request teams', () => {
  it('lists the library’s staff with their open requests for assignment', async () => {
    const response = await t.request({
      method: 'GET',
      url: `/api/libraries/${libraryId('tongji')}/request-staff`,
      cookie: await t.as('librarian', 'tongji'),
    })
    expect(response.statusCode).toBe(200)
    const numbers = response.json().items.map((member: { readerNumber: string }) => member.readerNumber)
    expect(numbers.sort()).toEqual(['A001', 'L001', 'S001'])
    const foreign = await t.request({
      method: 'GET',
      url: `/api/libraries/${libraryId('sjtu')}/request-staff`,
      cookie: await t.as('librarian', 'tongji'),
    })
    expect(foreign.statusCode).toBe(404)
  })

  it('gives a type’s new requests to its team in turn, and audits the team', async () => {
    const admin = await t.as('library_admin', 'tongji')
    const team = [accountId('tongji', 'librarian'), accountId('tongji', 'library_admin')]
    const set = await t.request({
      method: 'PUT',
      url: `/api/libraries/${libraryId('tongji')}/request-teams/interlibrary_loan`,
      cookie: admin,
      payload: { accountIds: team },
    })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json().members.map((m: { readerNumber: string }) => m.readerNumber)).toEqual(['L001', 'A001'])

    const reader = await t.as('reader', 'tongji')
    const assignees: string[] = []
    for (const title of ['城市规划原理', '建筑空间组合论', '外国建筑史', '中国建筑史']) {
      assignees.push((await loan(reader, title)).assignee.readerNumber)
    }
    expect(assignees).toEqual(['L001', 'A001', 'L001', 'A001'])

    const teams = await t.request({
      method: 'GET',
      url: `/api/libraries/${libraryId('tongji')}/request-teams`,
      cookie: await t.as('librarian', 'tongji'),
    })
    const loans = teams.json().items.find((item: { type: string }) => item.type === 'interlibrary_loan')
    expect(loans.members.map((m: { openRequests: number }) => m.openRequests)).toEqual([2, 2])

    const audit = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=request.team.set',
      cookie: admin,
    })
    expect(audit.json().items[0]).toMatchObject({
      entityLabel: '馆际互借',
      after: { members: ['郑丽', '何雪'] },
    })
  })

  it('refuses readers and other libraries’ staff as members, and other libraries’ teams', async () => {
    const admin = await t.as('library_admin', 'tongji')
    const url = `/api/libraries/${libraryId('tongji')}/request-teams/thesis_submission`
    for (const id of [accountId('tongji', 'reader'), accountId('sjtu', 'librarian')]) {
      const response = await t.request({ method: 'PUT', url, cookie: admin, payload: { accountIds: [id] } })
      expect(response.statusCode).toBe(400)
      expect(response.json().errors[0]).toMatchObject({ path: 'body.accountIds', code: 'not_staff' })
    }
    const foreign = await t.request({
      method: 'PUT',
      url: `/api/libraries/${libraryId('sjtu')}/request-teams/thesis_submission`,
      cookie: admin,
      payload: { accountIds: [] },
    })
    expect(foreign.statusCode).toBe(404)
  })
})
