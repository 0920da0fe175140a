import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { formData, makeFilesDir, PDF, PNG, XLSX } from '../../platform/files/files.fixtures.ts'
import { gbk } from '../../platform/spreadsheets/gbk.fixtures.ts'
import { useTestApp } from '../../test/test-app.ts'

const filesDir = makeFilesDir()
const t = useTestApp({ SHUQIAO_FILES_DIR: filesDir })
afterAll(() => rmSync(filesDir, { recursive: true, force: true }))

const BATCHES = '/api/similarity-checks/batches'

const upload = async (cookie: string, content: Buffer, name: string) => {
  const body = await formData(content, name)
  const response = await t.request({ method: 'POST', url: '/api/files', cookie, ...body })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id as string
}

const newBatch = async (cookie: string, name: string, degree = 'master') => {
  const response = await t.request({
    method: 'POST',
    url: BATCHES,
    cookie,
    payload: { name, degree, origin: 'received', service: 'cnki_tmlc', thresholdPercent: 15 },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().id as string
}

const importFile = (
  cookie: string,
  batchId: string,
  kind: 'imports' | 'results',
  fileId: string,
  dryRun: boolean,
) => t.request({ method: 'POST', url: `${BATCHES}/${batchId}/${kind}`, cookie, payload: { fileId, dryRun } })

const theses = async (cookie: string, batchId: string) =>
  (await t.request({ method: 'GET', url: `${BATCHES}/${batchId}/theses?limit=500`, cookie })).json()
    .items as {
    id: string
    readerNumber: string
    status: string
    similarityPercent: number | null
    account: unknown
  }[]

const LIST = [
  '学号,姓名,论文题目,导师,院系,专业,学位',
  '2020001,李明,基于深度学习的电网故障诊断方法研究,张建国,电子信息与电气工程学院,电气工程,硕士',
  '118037920002,王晓燕,面向5G网络的边缘计算资源调度研究,刘洪涛,SEIEE,信息与通信工程,硕士',
  '118037920003,陈浩,,吴志强,ME,机械工程,硕士',
  '118037920002,王晓燕,重复,刘洪涛,SEIEE,,硕士',
  '118037920005,周杰,疫情冲击下中小企业融资约束研究,沈卫东,经管学院,金融学,博士研究生',
]

describe('importing a list of theses', () => {
  it('previews every row’s problems by line, refuses to apply them, then applies a fixed file all at once', async () => {
    const librarian = await t.as('librarian')
    const batchId = await newBatch(librarian, '导入测试批次')
    const bad = await upload(librarian, Buffer.from(`\uFEFF${LIST.join('\r\n')}\r\n`), '名单.csv')

    const preview = await importFile(librarian, batchId, 'imports', bad, true)
    expect(preview.statusCode, preview.body).toBe(200)
    const body = preview.json()
    expect(body).toMatchObject({ dryRun: true, fileName: '名单.csv', rows: 5, valid: 2, created: 0 })
    const errors = body.problems.filter((p: { severity: string }) => p.severity === 'error')
    expect(
      errors.map((p: { line: number; code: string; column: string }) => [p.line, p.code, p.column]),
    ).toEqual([
      [4, 'required', '论文题目'],
      [5, 'duplicate_in_file', '学号'],
      [6, 'degree_mismatch', '学位'],
    ])
    expect(errors[1].message).toBe('学号 118037920002 与第 3 行重复。')
    const warnings = body.problems.filter((p: { severity: string }) => p.severity === 'warning')
    expect(warnings.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [3, 'no_account'],
      [6, 'department_not_found'],
    ])
    expect(body.items[0]).toMatchObject({ line: 2, accountFound: true, department: '电子信息与电气工程学院' })
    expect(await theses(librarian, batchId)).toEqual([])

    const refused = await importFile(librarian, batchId, 'imports', bad, false)
    expect(refused.statusCode).toBe(400)
    expect(refused.json().code).toBe('import_has_problems')
    expect(refused.json().problems).toHaveLength(body.problems.length)
    expect(await theses(librarian, batchId)).toEqual([])

    const fixed = LIST.slice(0, 3).concat('118037920003,陈浩,高速列车转向架疲劳寿命预测,吴志强,ME,机械工程,')
    const good = await upload(librarian, Buffer.from(`\uFEFF${fixed.join('\r\n')}\r\n`), '名单-修正.csv')
    const applied = await importFile(librarian, batchId, 'imports', good, false)
    expect(applied.statusCode, applied.body).toBe(200)
    expect(applied.json()).toMatchObject({ dryRun: false, rows: 3, valid: 3, created: 3 })
    const added = await theses(librarian, batchId)
    expect(added.map((x) => [x.readerNumber, x.status, x.account !== null])).toEqual([
      ['2020001', 'waiting', true],
      ['118037920002', 'waiting', false],
      ['118037920003', 'waiting', false],
    ])
    // Importing the same file again changes nothing: the file now belongs to the batch.
    const twice = await importFile(librarian, batchId, 'imports', good, false)
    expect(twice.statusCode).toBe(400)
    expect(twice.json().errors[0]).toMatchObject({ path: 'body.fileId', code: 'file_not_attachable' })

    const audit = await t.request({
      method: 'GET',
      url: '/api/audit-events?action=similarity_batch.import',
      cookie: await t.as('library_admin'),
    })
    expect(audit.json().items[0]).toMatchObject({
      entityLabel: '导入测试批次',
      after: { theses: 3, file: '名单-修正.csv' },
    })
  })

  it('imports an Excel list, reading numbers as reader numbers', async () => {
    const librarian = await t.as('librarian')
    const batchId = await newBatch(librarian, 'Excel 导入', 'doctor')
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('博士名单')
    sheet.addRow(['Reader number', 'Author', 'Title', 'Supervisor', 'Department', 'Degree'])
    sheet.addRow([16037910011, '郭宁', '复杂电网暂态稳定的数据驱动评估方法', '张建国', 'SEIEE', 'PhD'])
    sheet.addRow([
      16037910012,
      '马骁',
      '肿瘤微环境中巨噬细胞极化的调控机制',
      '黄丽华',
      'School of Medicine',
      '博士',
    ])
    const file = await upload(librarian, Buffer.from(await workbook.xlsx.writeBuffer()), 'doctoral.xlsx')
    const applied = await importFile(librarian, batchId, 'imports', file, false)
    expect(applied.statusCode, applied.body).toBe(200)
    expect(applied.json().created).toBe(2)
    expect((await theses(librarian, batchId)).map((x) => x.readerNumber)).toEqual([
      '16037910011',
      '16037910012',
    ])
  })

  it('imports a GBK list, as Excel on a Chinese Windows saves “CSV”', async () => {
    const librarian = await t.as('librarian')
    const batchId = await newBatch(librarian, 'GBK 名单')
    const list = [
      '学号,姓名,论文题目,导师,院系,专业,学位',
      '2020001,李明,基于深度学习的电网故障诊断方法研究,张建国,电子信息与电气工程学院,电气工程,硕士',
      '118037920003,陈浩,"高速列车转向架疲劳寿命预测（含""附录""）",吴志强,ME,机械工程,',
    ]
    const bytes = gbk(`${list.join('\r\n')}\r\n`)
    expect(bytes.equals(Buffer.from(`${list.join('\r\n')}\r\n`))).toBe(false)
    const file = await upload(librarian, bytes, '名单-GBK.csv')

    const preview = await importFile(librarian, batchId, 'imports', file, true)
    expect(preview.statusCode, preview.body).toBe(200)
    expect(preview.json()).toMatchObject({ rows: 2, valid: 2, columns: { ignored: [] } })
    expect(preview.json().items[1]).toMatchObject({
      line: 3,
      authorName: '陈浩',
      title: '高速列车转向架疲劳寿命预测（含"附录"）',
      department: '机械与动力工程学院',
    })
    const applied = await importFile(librarian, batchId, 'imports', file, false)
    expect(applied.json()).toMatchObject({ created: 2, problems: [{ line: 3, code: 'no_account' }] })
    expect((await theses(librarian, batchId)).map((x) => x.readerNumber)).toEqual(['2020001', '118037920003'])
  })

  it('refuses files that are not lists, and names where a CSV breaks', async () => {
    const librarian = await t.as('librarian')
    const batchId = await newBatch(librarian, '坏文件')
    const pdf = await upload(librarian, PDF, 'list.pdf')
    const wrongType = await importFile(librarian, batchId, 'imports', pdf, true)
    expect(wrongType.statusCode).toBe(400)
    expect(wrongType.json().errors[0]).toMatchObject({ path: 'body.fileId', code: 'file_type_not_allowed' })

    // An Office package that says it is a workbook but holds no sheets.
    const damaged = await upload(librarian, XLSX, 'broken.xlsx')
    const damagedAnswer = await importFile(librarian, batchId, 'imports', damaged, true)
    expect(damagedAnswer.statusCode).toBe(422)
    expect(damagedAnswer.json()).toMatchObject({
      code: 'import_unreadable',
      detail: '无法打开这个 Excel 文件，它可能已损坏。',
    })

    const empty = await upload(librarian, Buffer.from('\uFEFF\r\n'), 'empty.csv')
    const emptyAnswer = await importFile(librarian, batchId, 'imports', empty, true)
    expect(emptyAnswer.statusCode).toBe(422)
    expect(emptyAnswer.json()).toMatchObject({ code: 'import_unreadable', detail: '文件是空的。' })

    const quote = await upload(
      librarian,
      Buffer.from('学号,姓名,论文题目\n2020001,李明,"未闭合的引号\n2020002,王芳,题目\n'),
      'quote.csv',
    )
    const quoteAnswer = await importFile(librarian, batchId, 'imports', quote, true)
    expect(quoteAnswer.statusCode).toBe(200)
    expect(quoteAnswer.json().problems).toEqual([
      expect.objectContaining({ line: 2, code: 'malformed', severity: 'error' }),
    ])
    expect((await importFile(librarian, batchId, 'imports', quote, false)).json().code).toBe(
      'import_has_problems',
    )

    const missing = await upload(librarian, Buffer.from('学号,姓名\n2020001,李明\n'), 'missing.csv')
    const missingAnswer = (await importFile(librarian, batchId, 'imports', missing, true)).json()
    expect(missingAnswer.problems[0]).toMatchObject({ line: 1, code: 'missing_column', column: '论文题目' })

    const someoneElses = await upload(await t.as('subject_librarian'), Buffer.from(LIST.join('\n')), 'x.csv')
    const notMine = await importFile(librarian, batchId, 'imports', someoneElses, true)
    expect(notMine.json().errors[0]).toMatchObject({ path: 'body.fileId', code: 'file_not_attachable' })

    const otherLibrary = await importFile(await t.as('librarian', 'fudan'), batchId, 'imports', pdf, true)
    expect(otherLibrary.statusCode).toBe(404)
  })
})

describe('the sample files in docs/', () => {
  const docs = join(import.meta.dirname, '../../../../../docs')

  it('import cleanly into a demo library: the list, then the results', async () => {
    const librarian = await t.as('librarian')
    const batchId = await newBatch(librarian, '样例文件')
    const list = await upload(
      librarian,
      readFileSync(join(docs, 'similarity-checks-theses-sample.csv')),
      'list.csv',
    )
    const listPreview = (await importFile(librarian, batchId, 'imports', list, true)).json()
    expect(listPreview.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([])
    expect(listPreview.items.map((item: { department: string }) => item.department)).toEqual([
      '电子信息与电气工程学院',
      '电子信息与电气工程学院',
      '机械与动力工程学院',
      '医学院',
      '安泰经济与管理学院',
    ])
    expect((await importFile(librarian, batchId, 'imports', list, false)).json().created).toBe(5)
    const results = await upload(
      librarian,
      readFileSync(join(docs, 'similarity-checks-results-sample.csv')),
      'results.csv',
    )
    const recorded = (await importFile(librarian, batchId, 'results', results, false)).json()
    expect(recorded).toMatchObject({ recorded: 3, problems: [] })
  })
})

describe('recording results', () => {
  it('records a results file after a dry run, tells each graduate, and keeps rows that change nothing out', async () => {
    const librarian = await t.as('librarian')
    const batchId = await newBatch(librarian, '结果导入批次')
    const list = await upload(
      librarian,
      Buffer.from(
        [
          '学号,姓名,论文题目',
          '2020001,李明,论文甲',
          'R0002,王芳,论文乙',
          'R0003,张伟,论文丙',
          'R0004,赵六,论文丁',
        ].join('\n'),
      ),
      'list.csv',
    )
    expect((await importFile(librarian, batchId, 'imports', list, false)).statusCode).toBe(200)
    const [li, , zhang, zhao] = await theses(librarian, batchId)
    await t.request({
      method: 'POST',
      url: `/api/similarity-checks/theses/${zhang!.id}/transitions`,
      cookie: librarian,
      payload: { action: 'record', similarityPercent: 7 },
    })
    await t.request({
      method: 'POST',
      url: `/api/similarity-checks/theses/${zhao!.id}/transitions`,
      cookie: librarian,
      payload: { action: 'withdraw', note: '延期答辩' },
    })

    const bad = await upload(
      librarian,
      Buffer.from(
        ['学号,总文字复制比,备注', '2020001,8.6%,', 'R0002,二十,', 'R0003,7,', 'R0004,3,', 'R9999,3,'].join(
          '\n',
        ),
      ),
      'results.csv',
    )
    const preview = (await importFile(librarian, batchId, 'results', bad, true)).json()
    expect(preview.problems.map((p: { line: number; code: string }) => [p.line, p.code])).toEqual([
      [3, 'bad_percent'],
      [4, 'same_result'],
      [5, 'not_recordable'],
      [6, 'not_in_batch'],
    ])
    expect(preview.items[0]).toMatchObject({
      authorName: '李明',
      similarityPercent: 8.6,
      passed: true,
      ok: true,
    })
    expect(preview.unchanged).toBe(1)
    expect((await importFile(librarian, batchId, 'results', bad, false)).statusCode).toBe(400)
    expect((await theses(librarian, batchId))[0]!.status).toBe('waiting')

    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('结果')
    sheet.addRow(['学号', '复制比', '备注'])
    sheet.addRow(['2020001', 0.086, '以全文对照报告为准'])
    sheet.addRow(['R0002', 0.201, null])
    sheet.addRow(['R0003', 0.07, null])
    sheet.getColumn(2).numFmt = '0.0%'
    const good = await upload(librarian, Buffer.from(await workbook.xlsx.writeBuffer()), 'results.xlsx')
    const applied = await importFile(librarian, batchId, 'results', good, false)
    expect(applied.statusCode, applied.body).toBe(200)
    expect(applied.json()).toMatchObject({ recorded: 2, unchanged: 1 })
    const after = await theses(librarian, batchId)
    expect(after.map((x) => [x.readerNumber, x.status, x.similarityPercent])).toEqual([
      ['2020001', 'checked', 8.6],
      ['R0002', 'checked', 20.1],
      ['R0003', 'checked', 7],
      ['R0004', 'withdrawn', null],
    ])
    const inbox = await t.request({ method: 'GET', url: '/api/me/notices', cookie: await t.as('reader') })
    const notice = inbox.json().items.find((n: { subject: string }) => n.subject.includes('8.6%'))
    expect(notice.body).toContain('以全文对照报告为准')
    expect(li).toBeDefined()
  })
})

describe('reports and thesis files', () => {
  it('attaches PDFs only; the graduate downloads their own report, nobody else’s', async () => {
    const librarian = await t.as('librarian')
    const batchId = await newBatch(librarian, '报告批次')
    const add = async (readerNumber: string, authorName: string) =>
      (
        await t.request({
          method: 'POST',
          url: `${BATCHES}/${batchId}/theses`,
          cookie: librarian,
          payload: { readerNumber, authorName, title: `${authorName}的论文` },
        })
      ).json()
    const mine = await add('2020001', '李明')
    const other = await add('R0100', '王芳')

    const png = await upload(librarian, PNG, 'report.png')
    const wrong = await t.request({
      method: 'POST',
      url: `/api/similarity-checks/theses/${mine.id}/transitions`,
      cookie: librarian,
      payload: { action: 'record', similarityPercent: 5, reportFileId: png },
    })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().errors[0]).toMatchObject({ path: 'body.reportFileId', code: 'file_type_not_allowed' })

    const early = await upload(librarian, PDF, 'early.pdf')
    const tooEarly = await t.request({
      method: 'PUT',
      url: `/api/similarity-checks/theses/${mine.id}/report`,
      cookie: librarian,
      payload: { fileId: early },
    })
    expect(tooEarly.statusCode).toBe(409)

    const report = await upload(librarian, PDF, '李明-检测报告单.pdf')
    const recorded = await t.request({
      method: 'POST',
      url: `/api/similarity-checks/theses/${mine.id}/transitions`,
      cookie: librarian,
      payload: { action: 'record', similarityPercent: 5, reportFileId: report },
    })
    expect(recorded.statusCode, recorded.body).toBe(200)
    expect(recorded.json().reportFile).toMatchObject({ id: report, name: '李明-检测报告单.pdf' })

    const thesisPdf = await upload(librarian, PDF, '学位论文.pdf')
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/similarity-checks/theses/${other.id}`,
      cookie: librarian,
      payload: { thesisFileId: thesisPdf, title: '王芳的论文（终稿）' },
    })
    expect(patched.json()).toMatchObject({
      title: '王芳的论文（终稿）',
      thesisFile: { name: '学位论文.pdf' },
    })
    await t.request({
      method: 'POST',
      url: `/api/similarity-checks/theses/${other.id}/transitions`,
      cookie: librarian,
      payload: { action: 'record', similarityPercent: 11 },
    })
    const otherReport = await upload(librarian, PDF, '王芳-检测报告单.pdf')
    const attached = await t.request({
      method: 'PUT',
      url: `/api/similarity-checks/theses/${other.id}/report`,
      cookie: librarian,
      payload: { fileId: otherReport },
    })
    expect(attached.json().reportFile.name).toBe('王芳-检测报告单.pdf')

    const reader = await t.as('reader')
    expect((await t.request({ method: 'GET', url: `/api/files/${report}`, cookie: reader })).statusCode).toBe(
      200,
    )
    expect(
      (await t.request({ method: 'GET', url: `/api/files/${otherReport}`, cookie: reader })).statusCode,
    ).toBe(404)
    expect(
      (await t.request({ method: 'GET', url: `/api/files/${thesisPdf}`, cookie: reader })).statusCode,
    ).toBe(404)
    const fudan = await t.as('librarian', 'fudan')
    expect((await t.request({ method: 'GET', url: `/api/files/${report}`, cookie: fudan })).statusCode).toBe(
      404,
    )
    const office = await t.as('consortium_admin')
    expect((await t.request({ method: 'GET', url: `/api/files/${report}`, cookie: office })).statusCode).toBe(
      200,
    )
  })
})
