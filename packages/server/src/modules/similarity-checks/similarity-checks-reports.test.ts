import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { formDataFiles, listFiles, makeFilesDir, PDF, PNG } from '../../platform/files/files.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'
import { matchName, matchNames, type ReportTarget, targetIndex } from './similarity-checks.reports.ts'

const filesDir = makeFilesDir()
const MAX_BYTES = 4096
// An hourly limit of 2 uploads, which bulk uploads (bounded per request) neither meet nor use up.
const t = useTestApp({
  SHUQIAO_FILES_DIR: filesDir,
  FILE_MAX_BYTES: String(MAX_BYTES),
  FILE_UPLOADS_PER_HOUR: '2',
})
afterAll(() => rmSync(filesDir, { recursive: true, force: true }))

const BATCHES = '/api/similarity-checks/batches'

/** A PDF with bytes of its own, so each report is a blob of its own. */
const pdf = (tag: string, size?: number) => {
  const bytes = Buffer.concat([PDF, Buffer.from(`%${tag}\n`)])
  return size ? Buffer.concat([bytes, Buffer.alloc(size - bytes.length, 0x20)]) : bytes
}

const target = (readerNumber: string, overrides: Partial<ReportTarget> = {}): ReportTarget => ({
  id: `id-${readerNumber}`,
  readerNumber,
  authorName: `作者${readerNumber}`,
  title: '题目',
  status: 'checked',
  hasReport: false,
  ...overrides,
})

describe('matching report files by the reader number their names start with', () => {
  const theses = targetIndex([
    target('2019123456'),
    target('R0002'),
    target('R0002_1'),
    target('r0005'),
    target('2020003', { status: 'submitted' }),
  ])
  const judged = (name: string) => {
    const match = matchName(name, theses)
    return [match.outcome, match.readerNumber]
  }

  it('takes the number alone, or followed by anything but a letter or digit', () => {
    expect(judged('2019123456.pdf')).toEqual(['matched', '2019123456'])
    expect(judged('2019123456_张三.pdf')).toEqual(['matched', '2019123456'])
    expect(judged('2019123456-张三-检测报告.PDF')).toEqual(['matched', '2019123456'])
    expect(judged(' 2019123456 张三.pdf')).toEqual(['matched', '2019123456'])
    expect(judged('２０１９１２３４５６（张三）.pdf')).toEqual(['matched', '2019123456'])
    expect(judged('报告/2019123456.pdf')).toEqual(['matched', '2019123456'])
    expect(judged('R0005.pdf')).toEqual(['matched', 'r0005'])
  })

  it('says why a name matches no thesis, or more than one', () => {
    expect(judged('20191234567.pdf')).toEqual(['not_in_batch', '20191234567'])
    expect(judged('2019123456a.pdf')).toEqual(['not_in_batch', '2019123456a'])
    expect(judged('张三-2019123456.pdf')).toEqual(['not_in_batch', null])
    expect(judged('2099000001_李四.pdf')).toEqual(['not_in_batch', '2099000001'])
    expect(matchName('R0002_1_王五.pdf', theses)).toMatchObject({
      outcome: 'ambiguous',
      candidates: ['R0002', 'R0002_1'],
    })
    expect(judged('R0002_王五.pdf')).toEqual(['matched', 'R0002'])
    expect(judged('2019123456.docx')).toEqual(['not_pdf', '2019123456'])
    expect(judged('2020003.pdf')).toEqual(['not_checked', '2020003'])
  })

  it('leaves out every file of a thesis that has several, and files over the size limit', () => {
    const matches = matchNames(
      [
        { name: '2019123456.pdf' },
        { name: 'R0002.pdf', size: 5000 },
        { name: '2019123456_张三.pdf' },
        { name: 'R0005.pdf', size: 4096 },
      ],
      theses,
      4096,
    )
    expect(matches.map((match) => match.outcome)).toEqual(['duplicate', 'too_large', 'duplicate', 'matched'])
  })
})

describe('uploading reports in bulk', () => {
  const newBatch = async (cookie: string, name: string) => {
    const response = await t.request({
      method: 'POST',
      url: BATCHES,
      cookie,
      payload: { name, degree: 'master', origin: 'received', service: 'cnki_tmlc', thresholdPercent: 15 },
    })
    expect(response.statusCode, response.body).toBe(201)
    return response.json().id as string
  }

  const addThesis = async (cookie: string, batchId: string, readerNumber: string, authorName: string) => {
    const response = await t.request({
      method: 'POST',
      url: `${BATCHES}/${batchId}/theses`,
      cookie,
      payload: { readerNumber, authorName, title: `${authorName}的论文` },
    })
    expect(response.statusCode, response.body).toBe(201)
    return response.json().id as string
  }

  const record = async (cookie: string, thesisId: string, similarityPercent: number) => {
    const response = await t.request({
      method: 'POST',
      url: `/api/similarity-checks/theses/${thesisId}/transitions`,
      cookie,
      payload: { action: 'record', similarityPercent },
    })
    expect(response.statusCode, response.body).toBe(200)
  }

  const send = async (cookie: string, batchId: string, files: { content: Buffer; name: string }[]) =>
    t.request({
      method: 'POST',
      url: `${BATCHES}/${batchId}/reports`,
      cookie,
      ...(await formDataFiles(files)),
    })

  const preview = (cookie: string, batchId: string, files: { name: string; size?: number }[]) =>
    t.request({ method: 'POST', url: `${BATCHES}/${batchId}/reports/preview`, cookie, payload: { files } })

  const blobs = () => listFiles(filesDir).filter((path) => !path.startsWith('tmp')).length

  const fileRows = async () => (await t.ctx.db.selectFrom('files').select('id').execute()).length

  const thesis = async (cookie: string, thesisId: string) =>
    (await t.request({ method: 'GET', url: `/api/similarity-checks/theses/${thesisId}`, cookie })).json()

  /** A batch with checked theses by the demo reader and by strangers, one with a report already, one waiting. */
  const setUp = async (name: string) => {
    const librarian = await t.as('librarian')
    const batchId = await newBatch(librarian, name)
    const li = await addThesis(librarian, batchId, '2020001', '李明')
    const zhang = await addThesis(librarian, batchId, '2019123456', '张三')
    const wang = await addThesis(librarian, batchId, 'R0002', '王五')
    const zhao = await addThesis(librarian, batchId, 'R0003', '赵六')
    const sun = await addThesis(librarian, batchId, 'R0004', '孙七')
    await record(librarian, li, 8.6)
    await record(librarian, sun, 3)
    await record(librarian, zhang, 12)
    await record(librarian, wang, 20)
    expect(
      (await send(librarian, batchId, [{ content: pdf('old'), name: 'R0002-初检.pdf' }])).json(),
    ).toMatchObject({ attached: 1 })
    return { librarian, batchId, li, zhang, wang, zhao }
  }

  it('previews how each name matches, storing nothing', async () => {
    const { librarian, batchId, zhang } = await setUp('预览批次')
    const before = await fileRows()
    const response = await preview(librarian, batchId, [
      { name: '2019123456_张三.pdf', size: 2000 },
      { name: 'R0002.pdf' },
      { name: 'R0003.pdf' },
      { name: '2099000001.pdf' },
      { name: '2020001.docx' },
      { name: '2020001_李明.pdf', size: MAX_BYTES + 1 },
    ])
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({ dryRun: true, matched: 2, attached: 0 })
    expect(body.files.map((file: { outcome: string }) => file.outcome)).toEqual([
      'matched',
      'matched',
      'not_checked',
      'not_in_batch',
      'not_pdf',
      'too_large',
    ])
    expect(body.files[0]).toMatchObject({
      readerNumber: '2019123456',
      thesis: { id: zhang, authorName: '张三', status: 'checked' },
      replaces: false,
      message: '将作为张三（2019123456）的检测报告。',
      file: null,
    })
    expect(body.files[1]).toMatchObject({ replaces: true, message: '将替换王五（R0002）现有的检测报告。' })
    expect(body.files[2].message).toBe(
      '赵六（R0003）的论文还没有检测结果（当前：待送检），出结果后才能上传检测报告。',
    )
    expect(body.files[3].message).toBe('本批次没有学号为 2099000001 的论文。')
    expect(await fileRows()).toBe(before)

    const invalid = await preview(librarian, batchId, [])
    expect(invalid.statusCode).toBe(400)
    expect(invalid.json().code).toBe('validation_failed')
  })

  it('attaches every matched PDF as its thesis’s report, audited, and stores none of the others', async () => {
    const { librarian, batchId, li, zhang, wang, zhao } = await setUp('报告批量上传')
    const rowsBefore = await fileRows()
    const blobsBefore = blobs()
    const response = await send(librarian, batchId, [
      { content: pdf('zhang'), name: '2019123456_张三.pdf' },
      { content: pdf('big', MAX_BYTES + 10), name: 'R0004_孙七.pdf' },
      { content: pdf('wang'), name: 'R0002.pdf' },
      { content: pdf('zhao'), name: 'R0003_赵六.pdf' },
      { content: pdf('nobody'), name: '2099000001.pdf' },
      { content: PNG, name: '2020001.pdf' },
      { content: pdf('docx'), name: '2020001.docx' },
    ])
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({ dryRun: false, matched: 2, attached: 2 })
    expect(body.files.map((file: { name: string; outcome: string }) => [file.name, file.outcome])).toEqual([
      ['2019123456_张三.pdf', 'attached'],
      ['R0004_孙七.pdf', 'too_large'],
      ['R0002.pdf', 'attached'],
      ['R0003_赵六.pdf', 'not_checked'],
      ['2099000001.pdf', 'not_in_batch'],
      ['2020001.pdf', 'not_pdf'],
      ['2020001.docx', 'not_pdf'],
    ])
    expect(body.files[0]).toMatchObject({
      message: '已作为张三（2019123456）的检测报告。',
      file: { name: '2019123456_张三.pdf', mediaType: 'application/pdf' },
    })
    expect(body.files[1].message).toBe('文件过大，上限为 4096 字节。')

    // Two rows and two blobs more: the PNG, the misnamed and the oversized files left nothing.
    expect(await fileRows()).toBe(rowsBefore + 2)
    expect(blobs()).toBe(blobsBefore + 2)

    const zhangNow = await thesis(librarian, zhang)
    expect(zhangNow.reportFile).toMatchObject({ id: body.files[0].file.id, name: '2019123456_张三.pdf' })
    expect(zhangNow.events.at(-1)).toMatchObject({
      action: 'report',
      reportFile: { name: '2019123456_张三.pdf' },
    })
    expect((await thesis(librarian, wang)).reportFile.name).toBe('R0002.pdf')
    expect((await thesis(librarian, zhao)).reportFile).toBeNull()
    expect((await thesis(librarian, li)).reportFile).toBeNull()

    const admin = await t.as('library_admin')
    const perThesis = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=similarity_thesis.report',
      cookie: admin,
    })
    expect(perThesis.json().items[0]).toMatchObject({
      entityId: wang,
      after: { reportFileId: body.files[2].file.id },
    })
    expect(perThesis.json().items[0].before.reportFileId).not.toBeNull()
    const summary = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=similarity_batch.reports',
      cookie: admin,
    })
    expect(summary.json().items[0]).toMatchObject({
      entityId: batchId,
      entityLabel: '报告批量上传',
      after: { attached: 2, files: 7, names: ['2019123456_张三.pdf', 'R0002.pdf'] },
    })

    // The graduate downloads their own report.
    const reportOfLi = await send(librarian, batchId, [{ content: pdf('li'), name: '2020001_李明.pdf' }])
    const fileId = reportOfLi.json().files[0].file.id
    const reader = await t.as('reader')
    expect((await t.request({ method: 'GET', url: `/api/files/${fileId}`, cookie: reader })).statusCode).toBe(
      200,
    )
  })

  it('attaches neither of two files for one thesis, keeping no bytes of either', async () => {
    const { librarian, batchId, zhang } = await setUp('重复文件')
    const rowsBefore = await fileRows()
    const blobsBefore = blobs()
    const response = await send(librarian, batchId, [
      { content: pdf('first'), name: '2019123456.pdf' },
      { content: pdf('wang-2'), name: 'R0002_复检.pdf' },
      { content: pdf('second'), name: '2019123456_张三_全文.pdf' },
    ])
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().files.map((file: { outcome: string }) => file.outcome)).toEqual([
      'duplicate',
      'attached',
      'duplicate',
    ])
    expect(response.json().files[0].message).toBe(
      '还有其他文件也是张三（2019123456）的报告，都未上传；请只保留一个。',
    )
    expect(await fileRows()).toBe(rowsBefore + 1)
    expect(blobs()).toBe(blobsBefore + 1)
    expect((await thesis(librarian, zhang)).reportFile).toBeNull()
  })

  it('answers in the caller’s language', async () => {
    const { batchId } = await setUp('英文')
    const colleague = await t.as('subject_librarian')
    await t.request({ method: 'PATCH', url: '/api/me', cookie: colleague, payload: { language: 'en' } })
    const response = await preview(colleague, batchId, [{ name: 'R0002.pdf' }, { name: '报告.pdf' }])
    expect(response.json().files.map((file: { message: string }) => file.message)).toEqual([
      'Will replace the report of 王五 (R0002).',
      'The name does not start with a reader number (e.g. 2019123456_张三.pdf).',
    ])
  })

  it('refuses bad requests whole, leaving nothing behind', async () => {
    const { librarian, batchId } = await setUp('坏请求')
    const rowsBefore = await fileRows()
    const blobsBefore = blobs()

    const json = await t.request({
      method: 'POST',
      url: `${BATCHES}/${batchId}/reports`,
      cookie: librarian,
      payload: { files: [] },
    })
    expect(json.statusCode).toBe(415)
    expect(json.json().code).toBe('unsupported_media_type')

    const form = new FormData()
    form.append('note', 'no files')
    const encoded = new Response(form)
    const empty = await t.request({
      method: 'POST',
      url: `${BATCHES}/${batchId}/reports`,
      cookie: librarian,
      payload: Buffer.from(await encoded.arrayBuffer()),
      headers: { 'content-type': encoded.headers.get('content-type')! },
    })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().code).toBe('file_missing')

    // The first file matches and is stored before the 201st arrives; it goes again.
    const tooMany = await send(librarian, batchId, [
      { content: pdf('kept-then-dropped'), name: '2019123456.pdf' },
      ...Array.from({ length: 200 }, (_, index) => ({ content: Buffer.from('x'), name: `x${index}.pdf` })),
    ])
    expect(tooMany.statusCode).toBe(413)
    expect(tooMany.json()).toMatchObject({
      code: 'too_many_files',
      detail: '一次最多上传 200 个文件，请分几次上传。',
    })
    expect(await fileRows()).toBe(rowsBefore)
    expect(blobs()).toBe(blobsBefore)
  })

  it('is for the batch’s own library’s staff only', async () => {
    const { batchId } = await setUp('他馆不可用')
    const rowsBefore = await fileRows()
    const fudan = await t.as('librarian', 'fudan')
    const theirs = await send(fudan, batchId, [{ content: pdf('fudan'), name: '2019123456.pdf' }])
    expect(theirs.statusCode).toBe(404)
    expect(theirs.json().code).toBe('not_found')
    expect((await preview(fudan, batchId, [{ name: '2019123456.pdf' }])).statusCode).toBe(404)
    for (const who of ['consortium_admin', 'reader'] as const) {
      const cookie = await t.as(who)
      expect((await send(cookie, batchId, [{ content: pdf(who), name: '2019123456.pdf' }])).statusCode).toBe(
        403,
      )
      expect((await preview(cookie, batchId, [{ name: '2019123456.pdf' }])).statusCode).toBe(403)
    }
    expect(await fileRows()).toBe(rowsBefore)
  })
})
