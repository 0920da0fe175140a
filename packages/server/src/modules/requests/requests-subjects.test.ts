import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

const library = (code: string) => t.world.libraries.find((candidate) => candidate.code === code)!

const novelty = {
  projectTitle: '城市地下管网渗漏的声学检测',
  keywords: '管网;渗漏;声学',
  innovationPoints: '以分布式光纤声学传感定位渗漏点',
  purpose: 'proposal',
  deadline: '2099-06-30',
}

const submit = (cookie: string, body: object) =>
  t.request({ method: 'POST', url: '/api/requests', cookie, payload: body })

/** A new subject librarian of a library serving the given departments. */
const subjectLibrarian = async (
  code: string,
  readerNumber: string,
  name: string,
  departmentIds: string[],
) => {
  const admin = await t.as('library_admin', code)
  const created = await t.request({
    method: 'POST',
    url: '/api/accounts',
    cookie: admin,
    payload: { readerNumber, name, type: 'staff', password: 'shuqiao2020', roles: ['subject_librarian'] },
  })
  expect(created.statusCode, created.body).toBe(201)
  const roles = await t.request({
    method: 'PUT',
    url: `/api/accounts/${created.json().id}/roles`,
    cookie: admin,
    payload: { roles: ['subject_librarian'], subjectDepartmentIds: departmentIds },
  })
  expect(roles.statusCode, roles.body).toBe(200)
  return created.json().id as string
}

describe('a chosen subject for assignment', () => {
  it('sends the request to the least busy librarian of the chosen subject, and the queue filters by it', async () => {
    const sjtu = library('sjtu')
    const chosen = sjtu.departmentIds[2]!
    const first = await subjectLibrarian('sjtu', 'S101', '林森', [chosen])
    const second = await subjectLibrarian('sjtu', 'S102', '高原', [chosen])
    const reader = await t.as('reader')
    const a = await submit(reader, { type: 'novelty_search', form: novelty, subjectId: chosen })
    expect(a.statusCode, a.body).toBe(201)
    expect(a.json()).toMatchObject({ subjectId: chosen, assignee: { id: first } })
    const b = (await submit(reader, { type: 'novelty_search', form: novelty, subjectId: chosen })).json()
    expect(b.assignee.id).toBe(second)
    // The reader's own department (served by S001) still has its own request.
    const own = (await submit(reader, { type: 'novelty_search', form: novelty })).json()
    expect(own).toMatchObject({ subjectId: sjtu.departmentIds[0], assignee: { readerNumber: 'S001' } })

    const readBack = await t.request({ method: 'GET', url: `/api/requests/${a.json().id}`, cookie: reader })
    expect(readBack.json().subjectId).toBe(chosen)
    const librarian = await t.as('librarian')
    const queue = await t.request({
      method: 'GET',
      url: `/api/requests?subject=${chosen}`,
      cookie: librarian,
    })
    expect(queue.statusCode).toBe(200)
    expect(
      queue
        .json()
        .items.map((item: { id: string }) => item.id)
        .sort(),
    ).toEqual([a.json().id, b.id].sort())
    const exported = await t.request({
      method: 'GET',
      url: `/api/requests/export?format=csv&subject=${chosen}`,
      cookie: librarian,
    })
    expect(exported.statusCode).toBe(200)
    expect(exported.body).toContain(a.json().number)
    expect(exported.body).not.toContain(own.number)
  })

  it('defaults to the reader’s department; a subject nobody serves falls back as before (the type’s team, none here)', async () => {
    const fudan = library('fudan')
    const reader = await t.as('reader', 'fudan')
    const delivery = {
      type: 'document_delivery',
      form: { citation: 'Li M. Remote reference. Libr Hi Tech. 2021;39(2):1-9' },
    }
    const byDefault = (await submit(reader, delivery)).json()
    expect(byDefault).toMatchObject({ subjectId: fudan.departmentIds[0], assignee: { readerNumber: 'S001' } })
    // Nobody serves the last department, and document delivery has no team at the demo library.
    const unserved = fudan.departmentIds[3]!
    const noLibrarian = (await submit(reader, { ...delivery, subjectId: unserved })).json()
    expect(noLibrarian).toMatchObject({ subjectId: unserved, assignee: null })
    // Types assigned by a team carry no subject.
    const loan = (
      await submit(reader, { type: 'interlibrary_loan', form: { title: '数据库系统概念', pickup: 'mail' } })
    ).json()
    expect(loan.subjectId).toBeNull()
  })

  it('refuses a subject of another library, an unknown one, or one for a type not assigned by subject, writing nothing', async () => {
    const reader = await t.as('reader', 'tongji')
    const count = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('requests')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await count()
    for (const subjectId of [library('sjtu').departmentIds[0], '01900000-0000-7000-8000-000000000000']) {
      const response = await submit(reader, { type: 'citation_verification', form: {}, subjectId })
      // The form is checked first; with a good form the subject is what is wrong.
      expect(response.statusCode).toBe(400)
      const good = await submit(reader, {
        type: 'citation_verification',
        form: { authors: '吴杰', papers: 'Paper A', databases: ['scie'], purpose: 'award' },
        subjectId,
      })
      expect(good.statusCode).toBe(400)
      expect(good.headers['content-type']).toContain('application/problem+json')
      expect(good.json()).toMatchObject({
        code: 'validation_failed',
        errors: [{ path: 'body.subjectId', code: 'unknown_subject' }],
      })
    }
    const thesis = await submit(reader, {
      type: 'thesis_submission',
      form: { degree: 'master', title: '题目', supervisor: '导师' },
      subjectId: library('tongji').departmentIds[1],
    })
    expect(thesis.statusCode).toBe(400)
    expect(thesis.json().errors[0]).toMatchObject({ path: 'body.subjectId', code: 'not_allowed' })
    expect(await count()).toBe(before)
    // Refused before numbering: the next request takes the first number.
    const next = await submit(reader, {
      type: 'citation_verification',
      form: { authors: '吴杰', papers: 'Paper A', databases: ['scie'], purpose: 'award' },
    })
    expect(next.json().number).toMatch(/^CV-\d{4}-000001$/)
  })
})
