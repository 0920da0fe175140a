import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'
import { switchPhase } from '../operations/phases.fixtures.ts'

const t = useTestApp()

// Fees as in normal service: 有限开放, where the demo libraries are, makes delivery free.
beforeAll(async () => {
  await switchPhase(t, 'sjtu', '正常开放')
  await switchPhase(t, 'fudan', '正常开放')
})

const deliveryForm = {
  citation: 'Zhang W. Library services during closure. J Acad Librariansh. 2020;46(5):102',
  doi: 'https://doi.org/10.1016/j.acalib.2020.102',
}

const submit = async (cookie: string, body: object, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: '/api/requests', cookie, payload: body, headers })

describe('service requests', () => {
  it('takes a document delivery request, numbers it, sets a working-day target and assigns the subject librarian', async () => {
    const reader = await t.as('reader')
    const response = await submit(reader, { type: 'document_delivery', form: deliveryForm })
    expect(response.statusCode).toBe(201)
    const request = response.json()
    expect(request).toMatchObject({
      type: 'document_delivery',
      status: 'submitted',
      feeFen: 500,
      form: { doi: '10.1016/j.acalib.2020.102' },
      assignee: { readerNumber: 'S001' },
      overdue: false,
    })
    expect(request.number).toMatch(/^DD-\d{4}-000001$/)
    expect(request.dueDate > new Date().toISOString().slice(0, 10)).toBe(true)
    expect(request.allowedActions.map((a: { action: string }) => a.action)).toEqual(['cancel'])
    expect(request.events).toHaveLength(1)
    // The answer to the submit is what reading the request back gives, to its reader and to staff.
    const readBack = await t.request({ method: 'GET', url: `/api/requests/${request.id}`, cookie: reader })
    expect(readBack.json()).toEqual(request)
    const librarian = await t.as('librarian')
    const staffSubmit = (await submit(librarian, { type: 'document_delivery', form: deliveryForm })).json()
    const staffReadBack = await t.request({
      method: 'GET',
      url: `/api/requests/${staffSubmit.id}`,
      cookie: librarian,
    })
    expect(staffReadBack.json()).toEqual(staffSubmit)
    expect(staffSubmit.allowedActions.map((a: { action: string }) => a.action)).toContain('accept')
  })

  it('creates one request for a double-clicked submit with the same Idempotency-Key', async () => {
    const reader = await t.as('reader', 'fudan')
    const headers = { 'idempotency-key': 'double-click-0001' }
    const body = { type: 'purchase_suggestion', form: { title: '图书馆学基础', isbn: '7-111-54493-5' } }
    const [first, second] = await Promise.all([submit(reader, body, headers), submit(reader, body, headers)])
    expect(first.json().id).toBe(second.json().id)
    const mine = await t.request({
      method: 'GET',
      url: '/api/requests/mine?type=purchase_suggestion',
      cookie: reader,
    })
    expect(mine.json().items).toHaveLength(1)
    expect(mine.json().items[0].form.isbn).toBe('9787111544937')
  })

  it('validates each form field and names it', async () => {
    const reader = await t.as('reader')
    const response = await submit(reader, {
      type: 'novelty_search',
      form: {
        projectTitle: '<b>x</b>',
        keywords: 'AI',
        innovationPoints: ' ',
        purpose: 'fun',
        deadline: '2026-02-30',
        extra: 1,
      },
    })
    expect(response.statusCode).toBe(400)
    const paths = response.json().errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.form.projectTitle',
        'body.form.innovationPoints',
        'body.form.purpose',
        'body.form.deadline',
        'body.form',
      ]),
    )
  })

  it('moves a request through its workflow, refusing illegal steps with the allowed ones', async () => {
    const reader = await t.as('reader', 'tongji')
    const librarian = await t.as('librarian', 'tongji')
    const created = (
      await submit(reader, {
        type: 'thesis_submission',
        form: { degree: 'master', title: '疫情期间高校图书馆服务研究', supervisor: '王教授' },
      })
    ).json()
    const illegal = await t.request({
      method: 'POST',
      url: `/api/requests/${created.id}/transitions`,
      cookie: reader,
      payload: { action: 'approve' },
    })
    expect(illegal.statusCode).toBe(409)
    expect(illegal.json()).toMatchObject({ code: 'illegal_transition', currentStatus: 'submitted' })
    expect(illegal.json().allowed.map((a: { action: string }) => a.action)).toEqual(['cancel'])

    const noReason = await t.request({
      method: 'POST',
      url: `/api/requests/${created.id}/transitions`,
      cookie: librarian,
      payload: { action: 'return' },
    })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().errors[0].path).toBe('body.note')

    const returned = await t.request({
      method: 'POST',
      url: `/api/requests/${created.id}/transitions`,
      cookie: librarian,
      payload: { action: 'return', note: '授权书缺少导师签字', internalNote: '第二次退回' },
    })
    expect(returned.json().status).toBe('needs_revision')
    const readerView = await t.request({ method: 'GET', url: `/api/requests/${created.id}`, cookie: reader })
    expect(readerView.json().events.map((e: { note: string | null }) => e.note)).toContain(
      '授权书缺少导师签字',
    )
    expect(JSON.stringify(readerView.json())).not.toContain('第二次退回')
    expect(readerView.json().allowedActions.map((a: { action: string }) => a.action)).toEqual([
      'resubmit',
      'cancel',
    ])
    const inbox = await t.request({ method: 'GET', url: '/api/me/notices', cookie: reader })
    const subjects: string[] = inbox.json().items.map((n: { subject: string }) => n.subject)
    expect(subjects.some((subject) => subject.includes('退回修改') && subject.includes(created.number))).toBe(
      true,
    )
    expect(subjects.some((subject) => subject.includes('已收到'))).toBe(true)
    expect(JSON.stringify(inbox.json())).toContain('授权书缺少导师签字')

    await t.request({
      method: 'POST',
      url: `/api/requests/${created.id}/transitions`,
      cookie: reader,
      payload: { action: 'resubmit' },
    })
    const approved = await t.request({
      method: 'POST',
      url: `/api/requests/${created.id}/transitions`,
      cookie: librarian,
      payload: { action: 'approve' },
    })
    expect(approved.json()).toMatchObject({ status: 'approved', allowedActions: [] })
    expect(approved.json().closedAt).not.toBeNull()
  })

  it('never shows a reader another reader’s request, nor one library another’s', async () => {
    const owner = await t.as('reader')
    const created = (await submit(owner, { type: 'document_delivery', form: deliveryForm })).json()
    const otherReader = await t.signIn('S001', 'sjtu')
    const hidden = await t.request({
      method: 'GET',
      url: `/api/requests/${created.id}`,
      cookie: await t.as('reader', 'fudan'),
    })
    expect(hidden.statusCode).toBe(404)
    const otherLibraryStaff = await t.request({
      method: 'GET',
      url: `/api/requests/${created.id}`,
      cookie: await t.as('librarian', 'fudan'),
    })
    expect(otherLibraryStaff.statusCode).toBe(404)
    const queue = await t.request({
      method: 'GET',
      url: '/api/requests',
      cookie: await t.as('librarian', 'fudan'),
    })
    expect(queue.json().items.find((r: { id: string }) => r.id === created.id)).toBeUndefined()
    const sameLibraryStaff = await t.request({
      method: 'GET',
      url: `/api/requests/${created.id}`,
      cookie: otherReader,
    })
    expect(sameLibraryStaff.statusCode).toBe(200)
  })

  it('filters the staff queue, assigns in bulk and counts figures', async () => {
    const librarian = await t.as('librarian')
    const reader = await t.as('reader')
    // Without a team, interlibrary loans wait unassigned in the queue.
    const sjtu = t.world.libraries.find((library) => library.code === 'sjtu')!.id
    const noTeam = await t.request({
      method: 'PUT',
      url: `/api/libraries/${sjtu}/request-teams/interlibrary_loan`,
      cookie: await t.as('library_admin'),
      payload: { accountIds: [] },
    })
    expect(noTeam.statusCode).toBe(200)
    const a = (
      await submit(reader, {
        type: 'citation_verification',
        form: {
          authors: '李明 Li Ming',
          papers: 'Paper A\nPaper B',
          databases: ['scie', 'cssci'],
          purpose: 'award',
        },
      })
    ).json()
    const b = (
      await submit(reader, { type: 'interlibrary_loan', form: { title: '中国图书馆分类法', pickup: 'mail' } })
    ).json()
    expect(b.assignee).toBeNull()
    const unassigned = await t.request({
      method: 'GET',
      url: '/api/requests?assignee=unassigned&open=true',
      cookie: librarian,
    })
    expect(unassigned.json().items.map((r: { id: string }) => r.id)).toContain(b.id)
    const me = await t.request({ method: 'GET', url: '/api/me', cookie: librarian })
    const assigned = await t.request({
      method: 'POST',
      url: '/api/requests/assign',
      cookie: librarian,
      payload: { requestIds: [a.id, b.id], assigneeId: me.json().id },
    })
    expect(assigned.json()).toEqual({ assigned: 2 })
    const mine = await t.request({ method: 'GET', url: '/api/requests?assignee=me', cookie: librarian })
    expect(
      mine
        .json()
        .items.map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual([a.id, b.id].sort())
    const foreign = await t.request({
      method: 'POST',
      url: '/api/requests/assign',
      cookie: librarian,
      payload: { requestIds: [a.id], assigneeId: t.world.libraries[1]!.accounts.librarian },
    })
    expect(foreign.statusCode).toBe(400)

    await t.ctx.db.updateTable('requests').set({ due_date: '2020-01-01' }).where('id', '=', b.id).execute()
    const overdue = await t.request({ method: 'GET', url: '/api/requests?overdue=true', cookie: librarian })
    expect(overdue.json().items.map((r: { id: string }) => r.id)).toEqual([b.id])
    expect(overdue.json().items[0].overdue).toBe(true)

    const figures = await t.request({
      method: 'GET',
      url: '/api/requests/figures?from=2020-01-01&to=2099-12-31',
      cookie: librarian,
    })
    const ill = figures.json().items.find((f: { type: string }) => f.type === 'interlibrary_loan')
    expect(ill).toMatchObject({ received: 1, completed: 0, open: 1, overdue: 1 })
  })

  it('searches the staff queue by request number, reader name and reader number', async () => {
    const reader = await t.as('reader', 'tongji')
    const delivery = (await submit(reader, { type: 'document_delivery', form: deliveryForm })).json()
    const loan = (
      await submit(reader, { type: 'interlibrary_loan', form: { title: '建筑十书', pickup: 'mail' } })
    ).json()
    const search = async (q: string, library = 'tongji') => {
      const response = await t.request({
        method: 'GET',
        url: `/api/requests?q=${encodeURIComponent(q)}`,
        cookie: await t.as('librarian', library),
      })
      expect(response.statusCode).toBe(200)
      return response
        .json()
        .items.map((item: { id: string }) => item.id)
        .sort()
    }
    // The reader's requests, this test's and any earlier ones.
    const mine = await t.request({ method: 'GET', url: '/api/requests/mine', cookie: reader })
    const all = mine
      .json()
      .items.map((item: { id: string }) => item.id)
      .sort()
    expect(all).toEqual(expect.arrayContaining([delivery.id, loan.id]))
    expect(await search(delivery.number)).toEqual([delivery.id])
    expect(await search(delivery.number.toLowerCase())).toEqual([delivery.id])
    expect(await search('吴杰')).toEqual(all)
    expect(await search('杰')).toEqual(all)
    expect(await search('2020')).toEqual(all)
    expect(await search('无此人')).toEqual([])
    expect(await search('%')).toEqual([])
    expect(await search('吴杰', 'fudan')).toEqual([])
  })

  it('lets a library make a type free for a period', async () => {
    const admin = await t.as('library_admin', 'fudan')
    const day = new Date().toISOString().slice(0, 10)
    const waived = await t.request({
      method: 'PUT',
      url: `/api/libraries/${t.world.libraries[1]!.id}/request-fees/document_delivery`,
      cookie: admin,
      payload: { freeFrom: '2020-01-01', freeUntil: '2099-12-31', note: '疫期文献传递免费' },
    })
    expect(waived.statusCode).toBe(200)
    const reader = await t.as('reader', 'fudan')
    const types = await t.request({ method: 'GET', url: '/api/request-types', cookie: reader })
    expect(types.json().items.find((x: { code: string }) => x.code === 'document_delivery')).toMatchObject({
      feeFen: 0,
      feeWaivedUntil: '2099-12-31',
    })
    const created = await submit(reader, { type: 'document_delivery', form: deliveryForm })
    expect(created.json().feeFen).toBe(0)
    const otherLibrary = await t.request({
      method: 'GET',
      url: '/api/request-types',
      cookie: await t.as('reader'),
    })
    expect(
      otherLibrary.json().items.find((x: { code: string }) => x.code === 'document_delivery').feeFen,
    ).toBe(500)
    expect(day).toBeTruthy()
  })
})
