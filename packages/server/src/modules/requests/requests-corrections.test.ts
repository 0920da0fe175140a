import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

const thesis = { degree: 'master', title: '疫情期间高校图书馆服务研究', supervisor: '王教授' }

const submitThesis = async (cookie: string) =>
  (
    await t.request({
      method: 'POST',
      url: '/api/requests',
      cookie,
      payload: { type: 'thesis_submission', form: thesis },
    })
  ).json()

const step = (cookie: string, requestId: string, payload: object) =>
  t.request({ method: 'POST', url: `/api/requests/${requestId}/transitions`, cookie, payload })

/** A thesis submission of the tongji reader, returned for revision by the librarian. */
const returnedThesis = async () => {
  const reader = await t.as('reader', 'tongji')
  const created = await submitThesis(reader)
  const returned = await step(await t.as('librarian', 'tongji'), created.id, {
    action: 'return',
    note: '题目与授权书不一致',
  })
  expect(returned.json().status).toBe('needs_revision')
  return { reader, created }
}

const stored = (requestId: string) =>
  t.ctx.db
    .selectFrom('requests')
    .select(['form', 'status'])
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow()

describe('correcting the form on resubmission', () => {
  it('stores the corrected values, records what changed on the event, and audits it', async () => {
    const { reader, created } = await returnedThesis()
    const response = await step(reader, created.id, {
      action: 'resubmit',
      note: '已按要求修改题目',
      form: { ...thesis, title: '  疫情期间高校图书馆远程服务研究 ', supervisor: '王教授' },
    })
    expect(response.statusCode, response.body).toBe(200)
    const detail = response.json()
    expect(detail).toMatchObject({
      status: 'submitted',
      form: { degree: 'master', title: '疫情期间高校图书馆远程服务研究', supervisor: '王教授' },
    })
    const resubmitted = detail.events.at(-1)
    expect(resubmitted).toMatchObject({ kind: 'transition', action: 'resubmit', note: '已按要求修改题目' })
    expect(resubmitted.formChanges).toEqual([
      { field: 'title', before: thesis.title, after: '疫情期间高校图书馆远程服务研究' },
    ])
    // Earlier events changed no field.
    expect(
      detail.events.slice(0, -1).every((e: { formChanges: unknown[] }) => e.formChanges.length === 0),
    ).toBe(true)
    expect((await stored(created.id)).form).toMatchObject({ title: '疫情期间高校图书馆远程服务研究' })

    // Staff see the same differences on their view of the request.
    const staffView = await t.request({
      method: 'GET',
      url: `/api/requests/${created.id}`,
      cookie: await t.as('librarian', 'tongji'),
    })
    expect(staffView.json().events.at(-1).formChanges).toEqual(resubmitted.formChanges)

    // The librarian it is assigned to is told, in their inbox, that the reader resubmitted it.
    const assignee = staffView.json().assignee
    expect(assignee).not.toBeNull()
    const told = await t.ctx.db
      .selectFrom('notice_outbox')
      .select(['recipient_account_id', 'subject', 'body'])
      .where('event', '=', 'request.reader_acted')
      .where('channel', '=', 'inbox')
      .where('dedupe_key', '=', `request:${resubmitted.id}:assignee`)
      .execute()
    expect(told).toEqual([
      {
        recipient_account_id: assignee.id,
        subject: `学位论文提交申请 ${created.number}：读者${staffView.json().reader.name}“修改后重新提交”`,
        body: expect.stringContaining('已按要求修改题目'),
      },
    ])

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'request.form_corrected')
      .where('entity_id', '=', created.id)
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      entity_label: created.number,
      changed_fields: ['title'],
      before: { title: thesis.title },
      after: { title: '疫情期间高校图书馆远程服务研究' },
    })
  })

  it('records a cleared optional field and a resubmission without changes changes nothing', async () => {
    const reader = await t.as('reader', 'fudan')
    const librarian = await t.as('librarian', 'fudan')
    const form = {
      projectTitle: '基于深度学习的古籍版本识别',
      keywords: '古籍;版本;深度学习',
      innovationPoints: '以字形特征区分刻本与抄本',
      purpose: 'proposal',
      deadline: '2099-06-30',
    }
    const created = (
      await t.request({
        method: 'POST',
        url: '/api/requests',
        cookie: reader,
        payload: { type: 'novelty_search', form },
      })
    ).json()
    await step(librarian, created.id, { action: 'ask', note: '请写明与已有方法的区别' })
    const same = await step(reader, created.id, { action: 'resubmit', form })
    expect(same.statusCode).toBe(200)
    expect(same.json().events.at(-1).formChanges).toEqual([])
    await step(librarian, created.id, { action: 'ask', note: '报告用途请改为成果鉴定' })
    const changed = await step(reader, created.id, {
      action: 'resubmit',
      form: { ...form, purpose: 'appraisal', innovationPoints: '以字形与纸张特征区分刻本与抄本' },
    })
    expect(changed.json().events.at(-1).formChanges).toEqual([
      {
        field: 'innovationPoints',
        before: '以字形特征区分刻本与抄本',
        after: '以字形与纸张特征区分刻本与抄本',
      },
      { field: 'purpose', before: 'proposal', after: 'appraisal' },
    ])
    const audits = await t.ctx.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'request.form_corrected')
      .where('entity_id', '=', created.id)
      .execute()
    expect(audits).toHaveLength(1)
  })

  it('refuses invalid values field by field as submit does, and writes nothing', async () => {
    const { reader, created } = await returnedThesis()
    const before = await stored(created.id)
    const events = await t.ctx.db
      .selectFrom('request_events')
      .select('id')
      .where('request_id', '=', created.id)
      .execute()
    const response = await step(reader, created.id, {
      action: 'resubmit',
      form: { degree: 'professor', title: '<b>x</b>', extra: 1 },
    })
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json().code).toBe('validation_failed')
    const paths = response.json().errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(
      expect.arrayContaining(['body.form.degree', 'body.form.title', 'body.form.supervisor', 'body.form']),
    )
    expect(response.json().errors.find((e: { path: string }) => e.path === 'body.form.supervisor').code).toBe(
      'required',
    )
    expect(await stored(created.id)).toEqual(before)
    const after = await t.ctx.db
      .selectFrom('request_events')
      .select('id')
      .where('request_id', '=', created.id)
      .execute()
    expect(after).toEqual(events)
  })

  it('lets no one else correct the form, nor at another step or status', async () => {
    const { created } = await returnedThesis()
    const tongji = t.world.libraries.find((library) => library.code === 'tongji')!
    const other = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: await t.as('library_admin', 'tongji'),
      payload: {
        readerNumber: '2020777',
        name: '钱多',
        type: 'student',
        departmentId: tongji.departmentIds[1],
        password: 'shuqiao2020',
      },
    })
    expect(other.statusCode, other.body).toBe(201)
    const stranger = await t.signIn('2020777', 'tongji')
    const forged = { action: 'resubmit', form: { ...thesis, title: '别人的题目' } }
    expect((await step(stranger, created.id, forged)).statusCode).toBe(404)
    expect((await step(await t.as('reader', 'fudan'), created.id, forged)).statusCode).toBe(404)
    // Staff have no resubmit step, so they cannot use it to rewrite a reader's form.
    const staff = await step(await t.as('librarian', 'tongji'), created.id, forged)
    expect(staff.statusCode).toBe(409)

    // Another step of the reader's: cancelling takes no form.
    const reader = await t.as('reader', 'tongji')
    const cancel = await step(reader, created.id, { action: 'cancel', form: thesis })
    expect(cancel.statusCode).toBe(400)
    expect(cancel.json().errors[0]).toMatchObject({ path: 'body.form', code: 'not_allowed' })

    // Once resubmitted, the request is no longer returned: no second correction.
    expect((await step(reader, created.id, { action: 'resubmit' })).statusCode).toBe(200)
    const again = await step(reader, created.id, forged)
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'illegal_transition', currentStatus: 'submitted' })
    expect((await stored(created.id)).form).toEqual(thesis)
  })

  it('tells the assignee of a reader’s message, but not of staff’s own or internal notes', async () => {
    const { reader, created } = await returnedThesis()
    const librarian = await t.as('librarian', 'tongji')
    const comment = (cookie: string, payload: object) =>
      t.request({ method: 'POST', url: `/api/requests/${created.id}/comments`, cookie, payload })
    expect((await comment(reader, { body: '授权书原件明天补交' })).statusCode).toBe(201)
    expect((await comment(librarian, { body: '已核对', internal: true })).statusCode).toBe(201)
    expect((await comment(librarian, { body: '好的，收到' })).statusCode).toBe(201)
    const told = await t.ctx.db
      .selectFrom('notice_outbox')
      .select(['subject', 'body'])
      .where('event', '=', 'request.reader_acted')
      .where('channel', '=', 'inbox')
      .where('data', '@>', JSON.stringify({ number: created.number }) as never)
      .execute()
    expect(told).toHaveLength(1)
    expect(told[0]!.subject).toContain('“留言”')
    expect(told[0]!.body).toContain('授权书原件明天补交')
  })
})
