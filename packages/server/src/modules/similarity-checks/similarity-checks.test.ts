import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readTable } from '../../platform/spreadsheets/read-table.ts'
import { useTestApp } from '../../test/test-app.ts'

const t = useTestApp()

const BATCHES = '/api/similarity-checks/batches'

const newBatch = async (cookie: string, overrides: Record<string, unknown> = {}) => {
  const response = await t.request({
    method: 'POST',
    url: BATCHES,
    cookie,
    payload: {
      name: '2020届硕士学位论文检测（第二批）',
      degree: 'master',
      origin: 'received',
      source: '研究生院培养办公室',
      service: 'cnki_tmlc',
      thresholdPercent: 15,
      dueDate: '2030-05-20',
      ...overrides,
    },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

const addThesis = async (cookie: string, batchId: string, body: Record<string, unknown>) => {
  const response = await t.request({
    method: 'POST',
    url: `${BATCHES}/${batchId}/theses`,
    cookie,
    payload: body,
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

const move = (cookie: string, thesisId: string, payload: Record<string, unknown>) =>
  t.request({ method: 'POST', url: `/api/similarity-checks/theses/${thesisId}/transitions`, cookie, payload })

describe('similarity check batches', () => {
  it('opens a batch for the librarian’s library, audited, with counts that start at zero', async () => {
    const librarian = await t.as('librarian')
    const batch = await newBatch(librarian)
    expect(batch).toMatchObject({
      libraryId: t.world.libraries[0]!.id,
      degree: 'master',
      thresholdPercent: 15,
      createdBy: { name: '王芳' },
      counts: { total: 0, waiting: 0, checked: 0 },
      overdue: false,
      departments: [],
    })
    const audit = await t.request({
      method: 'GET',
      url: '/api/audit-events?entityType=similarity_batch',
      cookie: await t.as('library_admin'),
    })
    expect(audit.json().items[0]).toMatchObject({
      action: 'similarity_batch.create',
      entityLabel: '2020届硕士学位论文检测（第二批）',
      after: { thresholdPercent: 15, service: 'cnki_tmlc' },
    })
  })

  it('validates what a batch is made of', async () => {
    const response = await t.request({
      method: 'POST',
      url: BATCHES,
      cookie: await t.as('librarian'),
      payload: { name: ' ', degree: 'phd', origin: 'received', service: 'turnitin', thresholdPercent: 120 },
    })
    expect(response.statusCode).toBe(400)
    expect(
      response
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
    ).toEqual(['body.degree', 'body.name', 'body.service', 'body.thresholdPercent'])
  })

  it('moves a thesis through its steps, refusing illegal ones with the steps allowed now', async () => {
    const librarian = await t.as('librarian')
    const batch = await newBatch(librarian, { name: '流转测试批次', thresholdPercent: 10 })
    const thesis = await addThesis(librarian, batch.id, {
      readerNumber: '2020001',
      authorName: '李明',
      title: '基于深度学习的电网故障诊断方法研究',
      supervisor: '张建国',
      department: 'SEIEE',
    })
    expect(thesis).toMatchObject({
      status: 'waiting',
      account: { name: '李明' },
      department: '电子信息与电气工程学院',
      degree: 'master',
      attempt: 1,
    })
    expect(thesis.allowedActions.map((a: { action: string }) => a.action)).toEqual([
      'submit',
      'record',
      'return',
      'withdraw',
    ])

    const illegal = await move(librarian, thesis.id, { action: 'recheck' })
    expect(illegal.statusCode).toBe(409)
    expect(illegal.json()).toMatchObject({ code: 'illegal_transition', currentStatus: 'waiting' })
    expect(illegal.json().allowed.map((a: { action: string }) => a.action)).toContain('submit')

    const unknown = await move(librarian, thesis.id, { action: 'approve' })
    expect(unknown.statusCode).toBe(400)

    expect((await move(librarian, thesis.id, { action: 'submit' })).json().status).toBe('submitted')

    const noPercent = await move(librarian, thesis.id, { action: 'record' })
    expect(noPercent.statusCode).toBe(400)
    expect(noPercent.json().errors[0].path).toBe('body.similarityPercent')
    const badPercent = await move(librarian, thesis.id, { action: 'record', similarityPercent: 101 })
    expect(badPercent.statusCode).toBe(400)
    const percentOnSubmit = await move(librarian, thesis.id, {
      action: 'return',
      note: 'x',
      similarityPercent: 3,
    })
    expect(percentOnSubmit.statusCode).toBe(400)

    const recorded = await move(librarian, thesis.id, { action: 'record', similarityPercent: 12.345 })
    expect(recorded.statusCode, recorded.body).toBe(200)
    expect(recorded.json()).toMatchObject({ status: 'checked', similarityPercent: 12.35, passed: false })

    const noReason = await move(librarian, thesis.id, { action: 'correct', similarityPercent: 9.8 })
    expect(noReason.json().errors[0]).toMatchObject({ path: 'body.note', code: 'required' })
    const corrected = await move(librarian, thesis.id, {
      action: 'correct',
      similarityPercent: 9.8,
      note: '录入有误，以检测报告为准',
    })
    expect(corrected.json()).toMatchObject({ status: 'checked', similarityPercent: 9.8, passed: true })

    const rechecked = (
      await move(librarian, thesis.id, { action: 'recheck', note: '导师要求修改后复检' })
    ).json()
    expect(rechecked).toMatchObject({ status: 'waiting', attempt: 2, similarityPercent: null, passed: null })
    // Earlier results stay in the history.
    expect(
      rechecked.events.map((e: { action: string; similarityPercent: number | null }) => [
        e.action,
        e.similarityPercent,
      ]),
    ).toEqual([
      ['create', null],
      ['submit', null],
      ['record', 12.35],
      ['correct', 9.8],
      ['recheck', null],
    ])

    const detail = await t.request({ method: 'GET', url: `${BATCHES}/${batch.id}`, cookie: librarian })
    expect(detail.json().counts).toMatchObject({ total: 1, waiting: 1, checked: 0 })

    const audit = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=similarity_thesis',
      cookie: await t.as('library_admin'),
    })
    const actions = audit.json().items.map((e: { action: string }) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'similarity_thesis.create',
        'similarity_thesis.submit',
        'similarity_thesis.record',
        'similarity_thesis.correct',
        'similarity_thesis.recheck',
      ]),
    )
  })

  it('tells the graduate the result in their inbox, and shows them only their own thesis', async () => {
    const librarian = await t.as('librarian')
    const batch = await newBatch(librarian, { name: '通知测试批次', thresholdPercent: 15 })
    const mine = await addThesis(librarian, batch.id, {
      readerNumber: '2020001',
      authorName: '李明',
      title: '疫情期间远程文献服务研究',
    })
    const someoneElse = await addThesis(librarian, batch.id, {
      readerNumber: '118037919999',
      authorName: '无账户的同学',
      title: '另一篇论文',
    })
    expect(someoneElse.account).toBeNull()
    await move(librarian, mine.id, { action: 'record', similarityPercent: 8.6, note: '请在答辩前提交最终稿' })

    const reader = await t.as('reader')
    const inbox = await t.request({ method: 'GET', url: '/api/me/notices', cookie: reader })
    const notice = inbox.json().items.find((n: { subject: string }) => n.subject.includes('学位论文检测结果'))
    expect(notice.subject).toBe('您的学位论文检测结果：通过（8.6%）')
    expect(notice.body).toContain('《疫情期间远程文献服务研究》')
    expect(notice.body).toContain('不超过 15%')
    expect(notice.body).toContain('请在答辩前提交最终稿')

    const list = await t.request({ method: 'GET', url: '/api/similarity-checks/mine', cookie: reader })
    expect(list.statusCode).toBe(200)
    const own = list.json().items.find((item: { id: string }) => item.id === mine.id)
    expect(own).toMatchObject({
      status: 'checked',
      similarityPercent: 8.6,
      passed: true,
      allowedActions: [],
      batch: { name: '通知测试批次', thresholdPercent: 15 },
    })
    expect(list.json().items.find((item: { id: string }) => item.id === someoneElse.id)).toBeUndefined()

    expect(
      (await t.request({ method: 'GET', url: `/api/similarity-checks/theses/${mine.id}`, cookie: reader }))
        .statusCode,
    ).toBe(200)
    const other = await t.request({
      method: 'GET',
      url: `/api/similarity-checks/theses/${someoneElse.id}`,
      cookie: reader,
    })
    expect(other.statusCode).toBe(404)
    const otherLibraryReader = await t.request({
      method: 'GET',
      url: `/api/similarity-checks/theses/${mine.id}`,
      cookie: await t.as('reader', 'fudan'),
    })
    expect(otherLibraryReader.statusCode).toBe(404)
    // A reader cannot move their own thesis either.
    expect((await move(reader, mine.id, { action: 'recheck' })).statusCode).toBe(403)
  })

  it('links a thesis to a reader account opened after the import, and finds it for that reader', async () => {
    const librarian = await t.as('librarian')
    const batch = await newBatch(librarian, { name: '后开账户批次' })
    const thesis = await addThesis(librarian, batch.id, {
      readerNumber: '118037910777',
      authorName: '钱七',
      title: '后来开通账户的同学的论文',
    })
    expect(thesis.account).toBeNull()
    const created = await t.request({
      method: 'POST',
      url: '/api/accounts',
      cookie: await t.as('library_admin'),
      payload: {
        readerNumber: '118037910777',
        name: '钱七',
        type: 'student',
        roles: ['reader'],
        password: 'graduate2020',
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const graduate = await t.signIn('118037910777', 'sjtu', 'graduate2020')
    const before = await t.request({ method: 'GET', url: '/api/similarity-checks/mine', cookie: graduate })
    expect(before.json().items.map((item: { id: string }) => item.id)).toEqual([thesis.id])

    const recorded = (await move(librarian, thesis.id, { action: 'record', similarityPercent: 30 })).json()
    expect(recorded.account).toMatchObject({ name: '钱七' })
    const inbox = await t.request({ method: 'GET', url: '/api/me/notices', cookie: graduate })
    expect(inbox.json().items[0].subject).toBe('您的学位论文检测结果：未通过（30%）')
  })

  it('keeps each library to its own batches; the consortium office reads all and changes none', async () => {
    const sjtu = await t.as('librarian')
    const batch = await newBatch(sjtu, { name: '交大的批次' })
    const thesis = await addThesis(sjtu, batch.id, {
      readerNumber: '2020001',
      authorName: '李明',
      title: '论文',
    })
    const fudan = await t.as('librarian', 'fudan')
    for (const [method, url] of [
      ['GET', `${BATCHES}/${batch.id}`],
      ['GET', `${BATCHES}/${batch.id}/theses`],
      ['GET', `${BATCHES}/${batch.id}/export`],
      ['GET', `/api/similarity-checks/theses/${thesis.id}`],
    ] as const)
      expect((await t.request({ method, url, cookie: fudan })).statusCode, url).toBe(404)
    const write = await t.request({
      method: 'PATCH',
      url: `${BATCHES}/${batch.id}`,
      cookie: fudan,
      payload: { name: '改名' },
    })
    expect(write.statusCode).toBe(404)
    expect((await move(fudan, thesis.id, { action: 'submit' })).statusCode).toBe(404)
    const fudanList = await t.request({ method: 'GET', url: BATCHES, cookie: fudan })
    expect(fudanList.json().items.find((b: { id: string }) => b.id === batch.id)).toBeUndefined()

    const office = await t.as('consortium_admin')
    const all = await t.request({ method: 'GET', url: `${BATCHES}?limit=200`, cookie: office })
    expect(all.json().items.map((b: { id: string }) => b.id)).toContain(batch.id)
    const onlySjtu = await t.request({
      method: 'GET',
      url: `${BATCHES}?libraryId=${t.world.libraries[1]!.id}`,
      cookie: office,
    })
    expect(onlySjtu.json().items.find((b: { id: string }) => b.id === batch.id)).toBeUndefined()
    expect(
      (await t.request({ method: 'GET', url: `/api/similarity-checks/theses/${thesis.id}`, cookie: office }))
        .statusCode,
    ).toBe(200)
    expect((await move(office, thesis.id, { action: 'submit' })).statusCode).toBe(403)
  })

  it('lists batches with filters, and theses by status, verdict, department and search', async () => {
    const librarian = await t.as('subject_librarian')
    const batch = await newBatch(librarian, {
      name: '筛选测试 doctoral',
      degree: 'doctor',
      thresholdPercent: 10,
    })
    const rows = [
      ['D001', '甲', '电网', 'SEIEE', 5],
      ['D002', '乙', '机械', 'ME', 20],
      ['D003', '丙', '医学', '医学院', null],
    ] as const
    const ids: string[] = []
    for (const [readerNumber, authorName, title, department, percent] of rows) {
      const thesis = await addThesis(librarian, batch.id, { readerNumber, authorName, title, department })
      ids.push(thesis.id)
      if (percent !== null) await move(librarian, thesis.id, { action: 'record', similarityPercent: percent })
    }
    const get = async (query: string) =>
      (
        await t.request({ method: 'GET', url: `${BATCHES}/${batch.id}/theses?${query}`, cookie: librarian })
      ).json()
    expect((await get('verdict=passed')).items.map((x: { readerNumber: string }) => x.readerNumber)).toEqual([
      'D001',
    ])
    expect((await get('verdict=failed')).items.map((x: { readerNumber: string }) => x.readerNumber)).toEqual([
      'D002',
    ])
    expect((await get('status=waiting')).items.map((x: { readerNumber: string }) => x.readerNumber)).toEqual([
      'D003',
    ])
    expect(
      (await get(`department=${encodeURIComponent('机械与动力工程学院')}`)).items.map(
        (x: { readerNumber: string }) => x.readerNumber,
      ),
    ).toEqual(['D002'])
    expect((await get('q=d00&limit=2')).nextCursor).not.toBeNull()

    const detail = (
      await t.request({ method: 'GET', url: `${BATCHES}/${batch.id}`, cookie: librarian })
    ).json()
    expect(detail.counts).toMatchObject({ total: 3, checked: 2, passed: 1, failed: 1, waiting: 1 })
    expect(detail.departments).toEqual(['医学院', '机械与动力工程学院', '电子信息与电气工程学院'].sort())

    const list = async (query: string) =>
      (await t.request({ method: 'GET', url: `${BATCHES}?${query}`, cookie: librarian })).json()
    expect((await list('degree=doctor&q=筛选')).items.map((b: { id: string }) => b.id)).toEqual([batch.id])
    expect((await list('state=open&q=筛选')).items).toHaveLength(1)
    expect((await list('state=done&q=筛选')).items).toHaveLength(0)
    await t.request({
      method: 'POST',
      url: `${BATCHES}/${batch.id}/transitions`,
      cookie: librarian,
      payload: { action: 'withdraw', thesisIds: [ids[2]], note: '延期毕业' },
    })
    expect((await list('state=done&q=筛选')).items).toHaveLength(1)
    // The demo batches are there for everyone opening the console.
    expect((await list('q=2020届')).items.length).toBeGreaterThanOrEqual(2)
  })

  it('marks every waiting thesis as submitted at once, leaving others as they are', async () => {
    const librarian = await t.as('librarian')
    const batch = await newBatch(librarian, { name: '批量送检' })
    const theses = []
    for (const number of ['B001', 'B002', 'B003'])
      theses.push(
        await addThesis(librarian, batch.id, { readerNumber: number, authorName: '某', title: '题' }),
      )
    await move(librarian, theses[2].id, { action: 'withdraw', note: '本人申请撤销' })
    const noReason = await t.request({
      method: 'POST',
      url: `${BATCHES}/${batch.id}/transitions`,
      cookie: librarian,
      payload: { action: 'return', thesisIds: 'all' },
    })
    expect(noReason.statusCode).toBe(400)
    const notBulk = await t.request({
      method: 'POST',
      url: `${BATCHES}/${batch.id}/transitions`,
      cookie: librarian,
      payload: { action: 'record', thesisIds: 'all' },
    })
    expect(notBulk.statusCode).toBe(400)
    const all = await t.request({
      method: 'POST',
      url: `${BATCHES}/${batch.id}/transitions`,
      cookie: librarian,
      payload: { action: 'submit', thesisIds: 'all' },
    })
    expect(all.json()).toEqual({ changed: 2, skipped: 0 })
    const again = await t.request({
      method: 'POST',
      url: `${BATCHES}/${batch.id}/transitions`,
      cookie: librarian,
      payload: { action: 'submit', thesisIds: theses.map((x) => x.id) },
    })
    expect(again.json()).toEqual({ changed: 0, skipped: 3 })
    const detail = (
      await t.request({ method: 'GET', url: `${BATCHES}/${batch.id}`, cookie: librarian })
    ).json()
    expect(detail.counts).toMatchObject({ submitted: 2, withdrawn: 1 })
  })

  it('changes a batch, but not its degree once it has theses; deletes it only while nothing was submitted', async () => {
    const librarian = await t.as('librarian')
    const batch = await newBatch(librarian, { name: '将要删除' })
    await addThesis(librarian, batch.id, { readerNumber: 'X001', authorName: '某', title: '题' })
    const degree = await t.request({
      method: 'PATCH',
      url: `${BATCHES}/${batch.id}`,
      cookie: librarian,
      payload: { degree: 'doctor' },
    })
    expect(degree.json().errors[0]).toMatchObject({ path: 'body.degree', code: 'locked' })
    const changed = await t.request({
      method: 'PATCH',
      url: `${BATCHES}/${batch.id}`,
      cookie: librarian,
      payload: { thresholdPercent: 20, dueDate: null, notes: '改为 20%' },
    })
    expect(changed.json()).toMatchObject({ thresholdPercent: 20, dueDate: null, notes: '改为 20%' })
    expect(
      (await t.request({ method: 'DELETE', url: `${BATCHES}/${batch.id}`, cookie: librarian })).statusCode,
    ).toBe(204)
    expect(
      (await t.request({ method: 'GET', url: `${BATCHES}/${batch.id}`, cookie: librarian })).statusCode,
    ).toBe(404)

    const used = await newBatch(librarian, { name: '已送检的批次' })
    const thesis = await addThesis(librarian, used.id, {
      readerNumber: 'X002',
      authorName: '某',
      title: '题',
    })
    await move(librarian, thesis.id, { action: 'submit' })
    const refused = await t.request({ method: 'DELETE', url: `${BATCHES}/${used.id}`, cookie: librarian })
    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('batch_in_use')
  })

  it('refuses a second thesis by the same reader number in a batch, and a thesis of another degree', async () => {
    const librarian = await t.as('librarian')
    const batch = await newBatch(librarian, { name: '重复检查' })
    await addThesis(librarian, batch.id, { readerNumber: 'R001', authorName: '某', title: '题' })
    const twice = await t.request({
      method: 'POST',
      url: `${BATCHES}/${batch.id}/theses`,
      cookie: librarian,
      payload: { readerNumber: 'R001', authorName: '某', title: '另一题' },
    })
    expect(twice.json().errors[0]).toMatchObject({ path: 'body.readerNumber', code: 'already_in_batch' })
    const doctor = await t.request({
      method: 'POST',
      url: `${BATCHES}/${batch.id}/theses`,
      cookie: librarian,
      payload: { readerNumber: 'R002', authorName: '某', title: '题', degree: 'doctor' },
    })
    expect(doctor.json().errors[0]).toMatchObject({ path: 'body.degree', code: 'degree_mismatch' })
  })

  it('exports the batch with results as Excel and as CSV, in the caller’s language', async () => {
    const librarian = await t.as('librarian')
    const batch = await newBatch(librarian, { name: '导出/测试', thresholdPercent: 15 })
    const a = await addThesis(librarian, batch.id, {
      readerNumber: 'E001',
      authorName: '甲',
      title: '=HYPERLINK("x")',
    })
    await addThesis(librarian, batch.id, { readerNumber: 'E002', authorName: '乙', title: '第二篇, 含逗号' })
    await move(librarian, a.id, { action: 'record', similarityPercent: 16.5 })

    const xlsx = await t.request({ method: 'GET', url: `${BATCHES}/${batch.id}/export`, cookie: librarian })
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    expect(xlsx.headers['content-disposition']).toContain("filename*=UTF-8''")
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    expect(sheet.name).toBe('论文')
    expect(sheet.getRow(1).getCell(2).value).toBe('学号')
    expect(sheet.getRow(2).getCell(4).value).toBe('=HYPERLINK("x")')
    expect(sheet.getRow(2).getCell(11).value).toBe(16.5)
    expect(sheet.getRow(2).getCell(12).value).toBe('未通过')
    expect(sheet.getRow(3).getCell(9).value).toBe('待送检')
    expect(workbook.worksheets[1]!.getRow(1).getCell(2).value).toBe('导出/测试')

    const colleague = await t.as('subject_librarian')
    const english = await t.request({
      method: 'PATCH',
      url: '/api/me',
      cookie: colleague,
      payload: { language: 'en' },
    })
    expect(english.statusCode, english.body).toBe(200)
    const csv = await t.request({
      method: 'GET',
      url: `${BATCHES}/${batch.id}/export?format=csv`,
      cookie: colleague,
    })
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    const text = csv.body
    expect(text.startsWith('\uFEFFNo.,Reader number,Author,Title')).toBe(true)
    // Formulas are defused; commas are quoted.
    expect(text).toContain(`"'=HYPERLINK(""x"")"`)
    expect(text).toContain('"第二篇, 含逗号"')
    expect(text).toContain('16.5,Not passed')
    // CRLF line ends, and the file reads back as the rows it was written from.
    expect(text.split('\r\n')).toHaveLength(4)
    const table = await readTable(csv.rawPayload)
    expect(table.rows.map((row) => row.cells.slice(1, 4))).toEqual([
      ['E001', '甲', `'=HYPERLINK("x")`],
      ['E002', '乙', '第二篇, 含逗号'],
    ])
  })
})
