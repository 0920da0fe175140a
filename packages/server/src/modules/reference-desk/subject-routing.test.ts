import { describe, expect, it } from 'vitest'
import { accountIdOf } from '../../test/accounts.ts'
import { useTestApp } from '../../test/test-app.ts'
import { act, addReader, queueId, setDuty, startChat } from './desk.fixtures.ts'

const t = useTestApp()

const setDisciplines = (cookie: string, account: string, disciplines: string[]) =>
  t.request({
    method: 'PUT',
    url: `/api/reference-desk/subject-librarians/${account}`,
    cookie,
    payload: { disciplines },
  })

describe('routing by subject', () => {
  it('lets library admins tie librarians to disciplines of the list', async () => {
    const admin = await t.as('library_admin')
    const librarian = await accountIdOf(t, 'L001')
    const set = await setDisciplines(admin, librarian, ['08', '07'])
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json().disciplines.map((d: { code: string }) => d.code)).toEqual(['07', '08'])
    const unknown = await setDisciplines(admin, librarian, ['08', 'zz'])
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors[0]).toMatchObject({ path: 'body.disciplines.1', code: 'unknown_discipline' })
    expect((await setDisciplines(await t.as('librarian'), librarian, [])).statusCode).toBe(403)
    expect((await setDisciplines(await t.as('library_admin', 'fudan'), librarian, [])).statusCode).toBe(404)
    expect((await setDisciplines(admin, await accountIdOf(t, '2020001'), ['08'])).statusCode).toBe(404)

    const list = await t.request({
      method: 'GET',
      url: '/api/reference-desk/subject-librarians',
      cookie: admin,
    })
    const byName = Object.fromEntries(
      list
        .json()
        .items.map(
          (item: {
            librarian: { name: string }
            disciplines: { code: string }[]
            departments: unknown[]
          }) => [item.librarian.name, [item.disciplines.map((d) => d.code), item.departments.length]],
        ),
    )
    expect(byName.王芳).toEqual([['07', '08'], 0])
    // The demo subject librarian is the subject librarian of two departments.
    expect(Object.values(byName)).toContainEqual([[], 2])
  })

  it('sends a chat first to a subject librarian on duty, then to the general queue', async () => {
    const reference = await queueId(t, 'reference')
    const librarianCookie = await t.as('librarian')
    const subjectCookie = await t.as('subject_librarian')
    const admin = await t.as('library_admin')
    const librarian = await accountIdOf(t, 'L001')
    const subjectLibrarian = await accountIdOf(t, 'S001')
    await setDuty(t, subjectCookie, reference, true)
    await setDuty(t, admin, reference, true)

    // 王芳 answers engineering (08) but is not on duty: the chat waits in the queue for everyone.
    const reader = await t.as('reader')
    const waiting = await startChat(t, reader, reference).then(async (response) => {
      expect(response.statusCode, response.body).toBe(201)
      return response.json()
    })
    // The demo reader's department has the subject librarian: routed there.
    expect(waiting).toMatchObject({ status: 'active', assignee: { id: subjectLibrarian } })
    expect((await act(t, reader, waiting.id, 'close')).statusCode).toBe(200)

    const engineer = await addReader(t, 'E2030001', '工科生')
    const byDiscipline = await t.request({
      method: 'POST',
      url: '/api/reference-desk/conversations',
      cookie: engineer,
      payload: { queueId: reference, subject: '08' },
    })
    expect(byDiscipline.statusCode, byDiscipline.body).toBe(201)
    // No subject librarian of 08 on duty: the general queue (claim) keeps it waiting.
    expect(byDiscipline.json()).toMatchObject({ status: 'waiting' })
    expect((await act(t, engineer, byDiscipline.json().id, 'close')).statusCode).toBe(200)

    await setDuty(t, librarianCookie, reference, true)
    const routed = await t.request({
      method: 'POST',
      url: '/api/reference-desk/conversations',
      cookie: engineer,
      payload: { queueId: reference, subject: '08' },
    })
    expect(routed.json()).toMatchObject({ status: 'active', assignee: { id: librarian } })
    const subjectRow = await t.ctx.db
      .selectFrom('reference_conversation_subjects')
      .selectAll()
      .where('conversation_id', '=', routed.json().id)
      .executeTakeFirstOrThrow()
    expect(subjectRow).toMatchObject({ discipline: '08', routed_to: librarian })
    expect((await act(t, engineer, routed.json().id, 'close')).statusCode).toBe(200)

    // At their limit, the subject librarian is passed over for the general queue.
    await t.request({
      method: 'PUT',
      url: `/api/reference-desk/librarians/${librarian}/chat-limit`,
      cookie: librarianCookie,
      payload: { chatLimit: 1 },
    })
    const first = await t.request({
      method: 'POST',
      url: '/api/reference-desk/conversations',
      cookie: engineer,
      payload: { queueId: reference, subject: '08' },
    })
    expect(first.json()).toMatchObject({ status: 'active', assignee: { id: librarian } })
    const other = await addReader(t, 'E2030002', '工科生二')
    const second = await t.request({
      method: 'POST',
      url: '/api/reference-desk/conversations',
      cookie: other,
      payload: { queueId: reference, subject: '08' },
    })
    expect(second.json()).toMatchObject({ status: 'waiting' })

    const unknown = await t.request({
      method: 'POST',
      url: '/api/reference-desk/conversations',
      cookie: await addReader(t, 'E2030003', '工科生三'),
      payload: { queueId: reference, subject: 'zz' },
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().errors[0]).toMatchObject({ path: 'body.subject', code: 'unknown_discipline' })
  })

  it('routes a guest’s chat by the subject they pick, and refuses a subject not on the list', async () => {
    const reference = await queueId(t, 'reference')
    const librarian = await accountIdOf(t, 'L001')
    // 王芳 answers 08 and is on duty from above; room for one more chat.
    await t.request({
      method: 'PUT',
      url: `/api/reference-desk/librarians/${librarian}/chat-limit`,
      cookie: await t.as('librarian'),
      payload: { chatLimit: 5 },
    })
    const guestChat = (payload: object) =>
      t.request({
        method: 'POST',
        url: '/api/reference-desk/guest-conversations',
        payload: { queueId: reference, nickname: '校友小王', ...payload },
      })
    const routed = await guestChat({ subject: '08' })
    expect(routed.statusCode, routed.body).toBe(201)
    expect(routed.json().conversation).toMatchObject({ status: 'active', assignee: { id: librarian } })
    const subjectRow = await t.ctx.db
      .selectFrom('reference_conversation_subjects')
      .selectAll()
      .where('conversation_id', '=', routed.json().conversation.id)
      .executeTakeFirstOrThrow()
    expect(subjectRow).toMatchObject({ discipline: '08', department_id: null, routed_to: librarian })

    // Without a subject a guest has no department to go by: the general line.
    expect((await guestChat({})).json().conversation).toMatchObject({ status: 'waiting' })

    const guestsBefore = await t.ctx.db.selectFrom('reference_guests').select('id').execute()
    const unknown = await guestChat({ subject: 'zz' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.headers['content-type']).toContain('application/problem+json')
    expect(unknown.json().errors[0]).toMatchObject({ path: 'body.subject', code: 'unknown_discipline' })
    // Refused before anything was written.
    expect(await t.ctx.db.selectFrom('reference_guests').select('id').execute()).toHaveLength(
      guestsBefore.length,
    )
  })
})
