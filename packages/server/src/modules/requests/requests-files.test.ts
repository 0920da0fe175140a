import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { formData, makeFilesDir, PDF } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'

const filesDir = makeFilesDir()
const t = useTestApp({ SHUQIAO_FILES_DIR: filesDir })
afterAll(() => rmSync(filesDir, { recursive: true, force: true }))

const uploadPdf = async (cookie: string, name: string) => {
  const body = await formData(PDF, name, 'application/pdf')
  const response = await t.request({ method: 'POST', url: '/api/files', cookie, ...body })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id as string
}

describe('files on requests', () => {
  it('carries a reader’s attachment and the librarian’s report, readable only by those allowed', async () => {
    const reader = await t.as('reader')
    const subjectLibrarian = await t.as('subject_librarian')
    const proposal = await uploadPdf(reader, '项目申请书.pdf')
    const submitted = await t.request({
      method: 'POST',
      url: '/api/requests',
      cookie: reader,
      payload: {
        type: 'novelty_search',
        form: {
          projectTitle: '闭馆期间的远程文献服务',
          keywords: '远程访问; remote access',
          innovationPoints: '一站式远程访问',
          purpose: 'proposal',
          deadline: '2027-03-01',
        },
        fileIds: [proposal],
      },
    })
    expect(submitted.statusCode, submitted.body).toBe(201)
    const id = submitted.json().id
    expect(submitted.json().events[0].fileIds).toEqual([proposal])

    // The same file cannot be attached twice.
    const again = await t.request({
      method: 'POST',
      url: `/api/requests/${id}/comments`,
      cookie: reader,
      payload: { body: '再附一次', fileIds: [proposal] },
    })
    expect(again.statusCode).toBe(400)
    expect(again.json().errors[0].path).toBe('body.fileIds')

    for (const action of ['accept', 'search']) {
      await t.request({
        method: 'POST',
        url: `/api/requests/${id}/transitions`,
        cookie: subjectLibrarian,
        payload: { action },
      })
    }
    const withoutReport = await t.request({
      method: 'POST',
      url: `/api/requests/${id}/transitions`,
      cookie: subjectLibrarian,
      payload: { action: 'issue' },
    })
    expect(withoutReport.json().errors[0]).toMatchObject({ path: 'body.fileIds', code: 'required' })
    const report = await uploadPdf(subjectLibrarian, '查新报告.pdf')
    const issued = await t.request({
      method: 'POST',
      url: `/api/requests/${id}/transitions`,
      cookie: subjectLibrarian,
      payload: { action: 'issue', note: '报告已出具', fileIds: [report] },
    })
    expect(issued.json().status).toBe('report_issued')

    expect((await t.request({ method: 'GET', url: `/api/files/${report}`, cookie: reader })).statusCode).toBe(
      200,
    )
    expect(
      (await t.request({ method: 'GET', url: `/api/files/${proposal}`, cookie: subjectLibrarian }))
        .statusCode,
    ).toBe(200)
    const stranger = await t.as('reader', 'fudan')
    expect(
      (await t.request({ method: 'GET', url: `/api/files/${report}`, cookie: stranger })).statusCode,
    ).toBe(404)
    const colleagueReader = await t.signIn('L001', 'sjtu')
    expect(
      (await t.request({ method: 'GET', url: `/api/files/${report}`, cookie: colleagueReader })).statusCode,
    ).toBe(200)
  })

  it('refuses attachments on a type that takes none, writing nothing', async () => {
    const reader = await t.as('reader', 'tongji')
    const file = await uploadPdf(reader, 'list.pdf')
    const before = await t.ctx.db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const response = await t.request({
      method: 'POST',
      url: '/api/requests',
      cookie: reader,
      payload: { type: 'purchase_suggestion', form: { title: '图书馆学' }, fileIds: [file] },
    })
    expect(response.statusCode).toBe(400)
    const after = await t.ctx.db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })
})
