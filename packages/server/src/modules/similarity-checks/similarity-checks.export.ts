import { type Language, similarityChecks } from '@shuqiao/contracts'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { AppContext } from '../../context.ts'
import type { Caller } from '../../http/caller.ts'
import { CSV_MEDIA_TYPE, CSV_OPTIONS } from '../../platform/spreadsheets/write-csv.ts'
import { findBatch, readScope } from './similarity-checks.access.ts'
import { percent, presentBatch } from './similarity-checks.presenter.ts'
import * as repo from './similarity-checks.repository.ts'

const { DEGREE_LABELS, SERVICE_LABELS, THESIS_STATUS_LABELS } = similarityChecks

// A batch's theses with their results, to send back to the graduate school. The sheet's
// reader-number and similarity columns are named so the file can be imported again as results.

const COLUMNS = [
  { key: 'no', zh: '序号', en: 'No.', width: 6 },
  { key: 'readerNumber', zh: '学号', en: 'Reader number', width: 14 },
  { key: 'authorName', zh: '姓名', en: 'Author', width: 10 },
  { key: 'title', zh: '论文题目', en: 'Title', width: 48 },
  { key: 'supervisor', zh: '导师', en: 'Supervisor', width: 10 },
  { key: 'department', zh: '院系', en: 'Department', width: 24 },
  { key: 'major', zh: '专业', en: 'Major', width: 16 },
  { key: 'degree', zh: '学位', en: 'Degree', width: 8 },
  { key: 'status', zh: '状态', en: 'Status', width: 10 },
  { key: 'attempt', zh: '检测次数', en: 'Checks', width: 8 },
  { key: 'similarity', zh: '总文字复制比(%)', en: 'Similarity (%)', width: 14 },
  { key: 'verdict', zh: '结果', en: 'Result', width: 10 },
  { key: 'submittedAt', zh: '送检时间', en: 'Submitted', width: 17 },
  { key: 'checkedAt', zh: '出结果时间', en: 'Result on', width: 17 },
  { key: 'reason', zh: '退回/撤销原因', en: 'Reason returned or withdrawn', width: 24 },
  { key: 'report', zh: '检测报告', en: 'Report', width: 28 },
] as const

type Cell = string | number | null

const dateTimeIn = (timeZone: string) => {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
  return (date: Date | null) => (date ? format.format(date) : null)
}

/** File names people can save on any system: no path or reserved characters. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').slice(0, 80)

export const exportBatch = async (
  ctx: AppContext,
  caller: Caller,
  batchId: string,
  format: 'csv' | 'xlsx',
  language: Language,
) => {
  const scope = readScope(caller)
  const batchRow = await findBatch(ctx.db, scope, batchId)
  const timeZone = batchRow.time_zone
  const batch = presentBatch(batchRow, '')
  const theses = await repo
    .thesesInScope(ctx.db, scope)
    .where('t.batch_id', '=', batchId)
    .orderBy('t.id')
    .execute()
  const en = language === 'en'
  const text = (label: { zh: string; en: string }) => (en ? label.en : label.zh)
  const at = dateTimeIn(timeZone)
  const rows: Cell[][] = theses.map((thesis, index) => [
    index + 1,
    thesis.reader_number,
    thesis.author_name,
    thesis.title,
    thesis.supervisor,
    thesis.department_name,
    thesis.major,
    text(DEGREE_LABELS[thesis.degree]),
    text(THESIS_STATUS_LABELS[thesis.status]),
    thesis.attempt,
    thesis.similarity_bp === null ? null : percent(thesis.similarity_bp),
    thesis.similarity_bp === null
      ? null
      : thesis.similarity_bp <= thesis.threshold_bp
        ? en
          ? 'Passed'
          : '通过'
        : en
          ? 'Not passed'
          : '未通过',
    at(thesis.submitted_at),
    at(thesis.checked_at),
    thesis.reason,
    thesis.rf_name,
  ])
  const header = COLUMNS.map((column) => (en ? column.en : column.zh))
  const day = new Intl.DateTimeFormat('en-CA', { timeZone }).format(ctx.now())
  const fileName = `${safeName(batch.name)}-${day}.${format}`

  if (format === 'csv') {
    const csv = stringify([header, ...rows], CSV_OPTIONS)
    return { fileName, mediaType: CSV_MEDIA_TYPE, body: Buffer.from(csv, 'utf8') }
  }

  const workbook = new ExcelJS.Workbook()
  workbook.creator = '书桥 Shuqiao'
  workbook.created = ctx.now()
  const sheet = workbook.addWorksheet(en ? 'Theses' : '论文', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = COLUMNS.map((column) => ({
    header: en ? column.en : column.zh,
    key: column.key,
    width: column.width,
  }))
  sheet.getRow(1).font = { bold: true }
  for (const row of rows) sheet.addRow(row)
  sheet.getColumn('similarity').numFmt = '0.0#'
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } }
  rows.forEach((row, index) => {
    const verdictCell = sheet.getRow(index + 2).getCell('verdict')
    if (row[11] !== null)
      verdictCell.font = {
        color: { argb: thesisPassed(theses[index]!) ? 'FF237804' : 'FFCF1322' },
        bold: true,
      }
  })

  const about = workbook.addWorksheet(en ? 'Batch' : '批次')
  about.columns = [{ width: 20 }, { width: 60 }]
  const service =
    batch.service === 'other' && batch.serviceNote ? batch.serviceNote : text(SERVICE_LABELS[batch.service])
  const facts: [string, string | number | null][] = [
    [en ? 'Batch' : '批次名称', batch.name],
    [en ? 'Degree' : '学位', text(DEGREE_LABELS[batch.degree])],
    [en ? 'Service' : '检测系统', service],
    [en ? 'Pass line (%)' : '合格线(%)', batch.thresholdPercent],
    [en ? 'Sent by' : '送检单位', batch.source],
    [en ? 'Due' : '截止日期', batch.dueDate],
    [en ? 'Theses' : '论文总数', batch.counts.total],
    [text(THESIS_STATUS_LABELS.waiting), batch.counts.waiting],
    [text(THESIS_STATUS_LABELS.submitted), batch.counts.submitted],
    [text(THESIS_STATUS_LABELS.checked), batch.counts.checked],
    [en ? 'Passed' : '通过', batch.counts.passed],
    [en ? 'Not passed' : '未通过', batch.counts.failed],
    [text(THESIS_STATUS_LABELS.returned), batch.counts.returned],
    [text(THESIS_STATUS_LABELS.withdrawn), batch.counts.withdrawn],
    [en ? 'Exported' : '导出时间', at(ctx.now())],
  ]
  for (const fact of facts) about.addRow(fact)
  about.getColumn(1).font = { bold: true }
  const body = Buffer.from(await workbook.xlsx.writeBuffer())
  return {
    fileName,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body,
  }
}

const thesisPassed = (thesis: { similarity_bp: number | null; threshold_bp: number }) =>
  thesis.similarity_bp !== null && thesis.similarity_bp <= thesis.threshold_bp
