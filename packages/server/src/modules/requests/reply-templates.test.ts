import { v7 as uuidv7 } from 'uuid'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

const RETURN_TEMPLATE = {
  type: 'thesis_submission',
  action: 'return',
  titleZh: '缺少签名授权书（测试）',
  titleEn: 'Signed authorisation missing (test)',
  bodyZh: '{读者姓名}同学：您提交的论文（{编号}）PDF 未包含签名授权书，请补充后重新提交。{{注}} {馆员姓名}',
  bodyEn: 'Dear {reader_name}, the PDF of {number} ({type}) lacks the signed form. Due {due_date}. {library}',
}

const create = async (cookie: string, body: object) =>
  t.request({ method: 'POST', url: '/api/reply-templates', cookie, payload: body })

const list = async (cookie: string, query = '') =>
  t.request({ method: 'GET', url: `/api/reply-templates${query}`, cookie })

const titles = (response: { json(): { items: { titleZh: string }[] } }) =>
  response.json().items.map((item) => item.titleZh)

const submitThesis = async (cookie: string) =>
  (
    await t.request({
      method: 'POST',
      url: '/api/requests',
      cookie,
      payload: {
        type: 'thesis_submission',
        form: { degree: 'master', title: '闭馆期间的文献保障研究', supervisor: '王教授' },
      },
    })
  ).json()

describe('reply templates', () => {
  it('lets a librarian write a library-wide template that colleagues see and the audit log records', async () => {
    const librarian = await t.as('librarian')
    const created = await create(librarian, RETURN_TEMPLATE)
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({
      personal: false,
      owner: null,
      type: 'thesis_submission',
      action: 'return',
      titleEn: 'Signed authorisation missing (test)',
      updatedBy: { readerNumber: 'L001' },
    })
    const id = created.json().id

    const colleague = await list(await t.as('subject_librarian'), '?type=thesis_submission&action=return')
    expect(titles(colleague)).toContain(RETURN_TEMPLATE.titleZh)
    // Templates for every type and any step apply too; another type's or step's do not.
    expect(titles(colleague)).toContain('闭馆期间电子送达说明')
    expect(titles(colleague)).not.toContain('无法获取全文')
    expect(titles(colleague)).not.toContain('请补充创新点')
    const otherStep = await list(librarian, '?type=thesis_submission&action=approve')
    expect(titles(otherStep)).not.toContain(RETURN_TEMPLATE.titleZh)

    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ action: 'request.reply_template.create', entity_type: 'reply_template' })
    expect(audit.changed_fields).toEqual(expect.arrayContaining(['bodyZh', 'requestType', 'titleZh']))
  })

  it('keeps a personal template to its owner, and lets them share it later', async () => {
    const librarian = await t.as('librarian', 'fudan')
    const mine = (
      await create(librarian, {
        personal: true,
        titleZh: '我的结束语',
        bodyZh: '有问题请留言。—— {馆员姓名}',
      })
    ).json()
    expect(mine).toMatchObject({
      personal: true,
      owner: { readerNumber: 'L001' },
      titleEn: null,
      bodyEn: null,
    })
    expect(titles(await list(librarian, '?owner=mine'))).toEqual(expect.arrayContaining(['我的结束语']))
    expect(titles(await list(librarian, '?owner=library'))).not.toContain('我的结束语')

    const admin = await t.as('library_admin', 'fudan')
    expect(titles(await list(admin))).not.toContain('我的结束语')
    const foreignEdit = await t.request({
      method: 'PATCH',
      url: `/api/reply-templates/${mine.id}`,
      cookie: admin,
      payload: { titleZh: '改掉' },
    })
    expect(foreignEdit.statusCode).toBe(404)
    const foreignDelete = await t.request({
      method: 'DELETE',
      url: `/api/reply-templates/${mine.id}`,
      cookie: admin,
    })
    expect(foreignDelete.statusCode).toBe(404)

    const shared = await t.request({
      method: 'PATCH',
      url: `/api/reply-templates/${mine.id}`,
      cookie: librarian,
      payload: { personal: false, bodyEn: 'Reply here with any question. — {staff_name}' },
    })
    expect(shared.statusCode).toBe(200)
    expect(shared.json()).toMatchObject({
      personal: false,
      owner: null,
      bodyZh: '有问题请留言。—— {馆员姓名}',
    })
    expect(titles(await list(admin))).toContain('我的结束语')
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_id', '=', mine.id)
      .where('action', '=', 'request.reply_template.update')
      .executeTakeFirstOrThrow()
    expect(audit.changed_fields).toEqual(['bodyEn', 'personal'])

    const removed = await t.request({
      method: 'DELETE',
      url: `/api/reply-templates/${mine.id}`,
      cookie: admin,
    })
    expect(removed.statusCode).toBe(204)
    expect(titles(await list(librarian))).not.toContain('我的结束语')
    const deletedAudit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', mine.id)
      .orderBy('id')
      .execute()
    expect(deletedAudit.map((row) => row.action).at(-1)).toBe('request.reply_template.delete')
  })

  it('refuses unknown placeholders, full-width braces, bodies too long and steps the type lacks', async () => {
    const librarian = await t.as('librarian')
    const before = await t.ctx.db
      .selectFrom('reply_templates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()

    const unknown = await create(librarian, {
      titleZh: '错的',
      bodyZh: '{读者姓名}，请带 {学号} 来',
      bodyEn: '{name}',
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().code).toBe('validation_failed')
    const [zh, en] = unknown.json().errors
    expect(zh).toMatchObject({ path: 'body.bodyZh', code: 'unknown_placeholder' })
    expect(zh.message).toContain('{学号}')
    expect(zh.message).toContain('{读者姓名}')
    expect(en).toMatchObject({ path: 'body.bodyEn', code: 'unknown_placeholder' })

    const english = await t.request({
      method: 'POST',
      url: '/api/reply-templates',
      cookie: await t.as('consortium_admin'),
      payload: { libraryId: t.world.libraries[0]!.id, titleZh: '错的', bodyZh: '{学号}' },
      headers: { 'accept-language': 'en' },
    })
    expect(english.statusCode).toBe(400)

    const fullWidth = await create(librarian, { titleZh: '全角', bodyZh: '｛读者姓名｝您好' })
    expect(fullWidth.json().errors[0]).toMatchObject({ path: 'body.bodyZh', code: 'full_width_braces' })

    const tooLong = await create(librarian, { titleZh: '太长', bodyZh: '字'.repeat(2001) })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().errors[0]).toMatchObject({ path: 'body.bodyZh', code: 'too_big' })

    const titleTooLong = await create(librarian, { titleZh: '题'.repeat(61), bodyZh: '好' })
    expect(titleTooLong.json().errors[0]).toMatchObject({ path: 'body.titleZh', code: 'too_big' })

    const wrongStep = await create(librarian, {
      type: 'document_delivery',
      action: 'approve',
      titleZh: '步骤不对',
      bodyZh: '好',
    })
    expect(wrongStep.json().errors[0]).toMatchObject({ path: 'body.action', code: 'invalid_value' })
    const readerStep = await create(librarian, { action: 'resubmit', titleZh: '读者的步骤', bodyZh: '好' })
    expect(readerStep.json().errors[0]).toMatchObject({ path: 'body.action', code: 'invalid_value' })

    const badType = await create(librarian, { type: 'haircut', titleZh: '类型不对', bodyZh: '好' })
    expect(badType.json().errors[0]).toMatchObject({ path: 'body.type' })

    const after = await t.ctx.db
      .selectFrom('reply_templates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))

    const edit = (await list(librarian, '?owner=library')).json().items[0]
    const badEdit = await t.request({
      method: 'PATCH',
      url: `/api/reply-templates/${edit.id}`,
      cookie: librarian,
      payload: { bodyEn: 'Hello {studentId}' },
    })
    expect(badEdit.json().errors[0]).toMatchObject({ path: 'body.bodyEn', code: 'unknown_placeholder' })
  })

  it('never shows or changes another library’s templates, and refuses readers', async () => {
    const tongji = await t.as('librarian', 'tongji')
    const theirs = (await create(tongji, { titleZh: '同济专用', bodyZh: '同济图书馆' })).json()
    const sjtu = await t.as('library_admin')
    expect(titles(await list(sjtu))).not.toContain('同济专用')
    for (const [method, payload] of [
      ['PATCH', { titleZh: '改' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await t.request({
        method,
        url: `/api/reply-templates/${theirs.id}`,
        cookie: sjtu,
        ...(payload ? { payload } : {}),
      })
      expect(response.statusCode).toBe(404)
    }
    const otherLibrary = await list(sjtu, `?libraryId=${t.world.libraries[2]!.id}`)
    expect(otherLibrary.statusCode).toBe(404)
    const intoOtherLibrary = await create(sjtu, {
      libraryId: t.world.libraries[2]!.id,
      titleZh: '越界',
      bodyZh: '好',
    })
    expect(intoOtherLibrary.statusCode).toBe(404)

    const reader = await t.as('reader', 'tongji')
    expect((await list(reader)).statusCode).toBe(403)
    expect((await create(reader, { titleZh: '读者', bodyZh: '好' })).statusCode).toBe(403)
    const readerDelete = await t.request({
      method: 'DELETE',
      url: `/api/reply-templates/${theirs.id}`,
      cookie: reader,
    })
    expect(readerDelete.statusCode).toBe(403)

    // The consortium admin manages any member library's, naming which.
    const admin = await t.as('consortium_admin')
    const unnamed = await create(admin, { titleZh: '联盟', bodyZh: '好' })
    expect(unnamed.json().errors[0]).toMatchObject({ path: 'body.libraryId', code: 'required' })
    expect(titles(await list(admin, `?libraryId=${t.world.libraries[2]!.id}`))).toContain('同济专用')
  })

  it('stops at the most templates a library may keep', async () => {
    const library = t.world.libraries[1]!
    const admin = library.accounts.library_admin!
    const existing = await t.ctx.db
      .selectFrom('reply_templates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('library_id', '=', library.id)
      .executeTakeFirstOrThrow()
    await t.ctx.db
      .insertInto('reply_templates')
      .values(
        Array.from({ length: 500 - Number(existing.n) }, (_, index) => ({
          id: uuidv7(),
          library_id: library.id,
          owner_id: null,
          type: null,
          action: null,
          title_zh: `填充 ${index}`,
          title_en: null,
          body_zh: '好',
          body_en: null,
          created_by: admin,
          updated_by: admin,
        })),
      )
      .execute()
    const full = await create(await t.as('librarian', 'fudan'), { titleZh: '第 501 个', bodyZh: '好' })
    expect(full.statusCode).toBe(409)
    expect(full.json().code).toBe('reply_templates_full')
    await t.ctx.db.deleteFrom('reply_templates').where('title_zh', 'like', '填充 %').execute()
  })

  it('fills templates in for a request in its reader’s language, and the reader gets the text sent', async () => {
    const reader = await t.as('reader')
    const librarian = await t.as('librarian')
    const template = (await list(librarian, '?type=thesis_submission&action=return&owner=library'))
      .json()
      .items.find((item: { titleZh: string }) => item.titleZh === RETURN_TEMPLATE.titleZh)
    expect(template).toBeDefined()
    const zhOnly = (
      await create(librarian, {
        type: 'thesis_submission',
        action: 'return',
        personal: true,
        titleZh: '只有中文',
        bodyZh: '{读者姓名}：请补交附件。',
      })
    ).json()
    const thesis = await submitThesis(reader)

    const forReturn = await t.request({
      method: 'GET',
      url: `/api/requests/${thesis.id}/reply-templates?action=return`,
      cookie: librarian,
    })
    expect(forReturn.statusCode).toBe(200)
    expect(forReturn.json().language).toBe('zh-CN')
    const items: { id: string; text: string; untranslated: boolean; action: string | null }[] =
      forReturn.json().items
    // Those for this very step first, then the general ones.
    expect(items[0]!.action).toBe('return')
    expect(items.findIndex((item) => item.action === null)).toBeGreaterThan(
      items.findLastIndex((item) => item.action === 'return'),
    )
    const filled = items.find((item) => item.id === template.id)!
    expect(filled.text).toBe(
      `李明同学：您提交的论文（${thesis.number}）PDF 未包含签名授权书，请补充后重新提交。{注} 王芳`,
    )
    expect(items.map((item) => item.id)).not.toContain(
      (await list(librarian)).json().items.find((item: { titleZh: string }) => item.titleZh === '已受理').id,
    )

    // Comments get the templates for no particular step.
    const forComment = await t.request({
      method: 'GET',
      url: `/api/requests/${thesis.id}/reply-templates`,
      cookie: librarian,
    })
    expect(forComment.json().items.every((item: { action: string | null }) => item.action === null)).toBe(
      true,
    )

    // A reader who reads English gets English, or the Chinese where no English was written.
    await t.request({ method: 'PATCH', url: '/api/me', cookie: reader, payload: { language: 'en' } })
    const english = await t.request({
      method: 'GET',
      url: `/api/requests/${thesis.id}/reply-templates?action=return`,
      cookie: librarian,
    })
    expect(english.json().language).toBe('en')
    const englishItems: { id: string; text: string; untranslated: boolean }[] = english.json().items
    const englishText = englishItems.find((item) => item.id === template.id)!
    expect(englishText).toMatchObject({
      untranslated: false,
      text: `Dear 李明, the PDF of ${thesis.number} (Thesis submission) lacks the signed form. Due ${thesis.dueDate}. Shanghai Jiao Tong University Library`,
    })
    expect(englishItems.find((item) => item.id === zhOnly.id)).toMatchObject({
      untranslated: true,
      text: '李明：请补交附件。',
    })

    // The librarian sends it (edited a little); the reader sees exactly that.
    const note = `${englishText.text} Thank you.`
    const returned = await t.request({
      method: 'POST',
      url: `/api/requests/${thesis.id}/transitions`,
      cookie: librarian,
      payload: { action: 'return', note },
    })
    expect(returned.statusCode).toBe(200)
    const seen = await t.request({ method: 'GET', url: `/api/requests/${thesis.id}`, cookie: reader })
    expect(seen.json().events.map((event: { note: string | null }) => event.note)).toContain(note)
    await t.request({ method: 'PATCH', url: '/api/me', cookie: reader, payload: { language: 'zh-CN' } })

    // Readers may not ask for templates; other libraries' staff do not find the request.
    const asReader = await t.request({
      method: 'GET',
      url: `/api/requests/${thesis.id}/reply-templates`,
      cookie: reader,
    })
    expect(asReader.statusCode).toBe(403)
    const elsewhere = await t.request({
      method: 'GET',
      url: `/api/requests/${thesis.id}/reply-templates`,
      cookie: await t.as('librarian', 'fudan'),
    })
    expect(elsewhere.statusCode).toBe(404)
  })
})
