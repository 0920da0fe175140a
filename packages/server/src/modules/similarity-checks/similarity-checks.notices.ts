import { similarityChecks } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { defineNoticeTemplate, enqueueNotice } from '../../platform/notifications/notices.ts'

const { SERVICE_LABELS, THESIS_STATUS_LABELS } = similarityChecks

// What graduates are told about their thesis checks, in their own language.

defineNoticeTemplate('similarity_check.result', {
  label: { zh: '学位论文检测结果已出', en: 'A thesis similarity check result is in' },
  zh: {
    subject: '您的学位论文检测结果：{{verdictZh}}（{{percent}}%）',
    body: [
      '{{name}}，您好：',
      '',
      '您的学位论文《{{title}}》已完成第 {{attempt}} 次检测（{{serviceZh}}），总文字复制比为 {{percent}}%。本批次的合格线为不超过 {{threshold}}%，检测结果：{{verdictZh}}。{{note}}',
      '',
      '检测报告可在{{library}}读者门户的“论文查重”中查看和下载。',
    ].join('\n'),
  },
  en: {
    subject: 'Your thesis similarity check: {{verdictEn}} ({{percent}}%)',
    body: [
      'Dear {{name}},',
      '',
      'Check {{attempt}} of your thesis “{{title}}” ({{serviceEn}}) found a similarity of {{percent}}%. This batch passes theses at or below {{threshold}}%, so the result is: {{verdictEn}}. {{note}}',
      '',
      'Read and download the report under “Thesis checks” in the {{library}} reader portal.',
    ].join('\n'),
  },
})

defineNoticeTemplate('similarity_check.status_changed', {
  label: { zh: '学位论文检测被退回或撤销', en: 'A thesis similarity check was returned or withdrawn' },
  zh: {
    subject: '您的学位论文检测：{{statusZh}}',
    body: [
      '{{name}}，您好：',
      '',
      '您的学位论文《{{title}}》的检测现为“{{statusZh}}”。原因：{{note}}',
      '',
      '如有疑问，请联系{{library}}或您所在院系的研究生秘书。',
    ].join('\n'),
  },
  en: {
    subject: 'Your thesis similarity check: {{statusEn}}',
    body: [
      'Dear {{name}},',
      '',
      'The similarity check of your thesis “{{title}}” is now “{{statusEn}}”. Reason: {{note}}',
      '',
      'If you have questions, contact {{library}} or your department’s graduate secretary.',
    ].join('\n'),
  },
})

interface Announced {
  libraryId: string
  eventId: string
  accountId: string
  authorName: string
  title: string
}

/** Tells the graduate their result, in the transaction that records it. */
export const announceResult = (
  trx: Kysely<DB>,
  thesis: Announced & {
    attempt: number
    similarityPercent: number
    thresholdPercent: number
    passed: boolean
    service: similarityChecks.Service
    serviceNote: string | null
    note: string | null
  },
) => {
  const service = SERVICE_LABELS[thesis.service]
  const other = thesis.service === 'other' && thesis.serviceNote
  return enqueueNotice(trx, {
    libraryId: thesis.libraryId,
    event: 'similarity_check.result',
    recipientAccountId: thesis.accountId,
    dedupeKey: `similarity:${thesis.eventId}`,
    data: {
      name: thesis.authorName,
      title: thesis.title,
      attempt: thesis.attempt,
      percent: thesis.similarityPercent,
      threshold: thesis.thresholdPercent,
      verdictZh: thesis.passed ? '通过' : '未通过',
      verdictEn: thesis.passed ? 'passed' : 'not passed',
      serviceZh: other ? thesis.serviceNote : service.zh,
      serviceEn: other ? thesis.serviceNote : service.en,
      note: thesis.note ?? '',
    },
  })
}

/** Tells the graduate their check was returned or withdrawn, and why. */
export const announceStatus = (
  trx: Kysely<DB>,
  thesis: Announced & { status: similarityChecks.ThesisStatus; note: string },
) => {
  const status = THESIS_STATUS_LABELS[thesis.status]
  return enqueueNotice(trx, {
    libraryId: thesis.libraryId,
    event: 'similarity_check.status_changed',
    recipientAccountId: thesis.accountId,
    dedupeKey: `similarity:${thesis.eventId}`,
    data: {
      name: thesis.authorName,
      title: thesis.title,
      statusZh: status.zh,
      statusEn: status.en,
      note: thesis.note,
    },
  })
}

defineNoticeTemplate('similarity_check.report', {
  label: { zh: '学位论文检测报告可下载', en: 'A thesis similarity report can be downloaded' },
  zh: {
    subject: '您的学位论文检测报告已可下载',
    body: [
      '{{name}}，您好：',
      '',
      '您的学位论文《{{title}}》的检测报告已上传，可在{{library}}读者门户的“论文查重”中下载。',
    ].join('\n'),
  },
  en: {
    subject: 'Your thesis similarity report is ready',
    body: [
      'Dear {{name}},',
      '',
      'The similarity report of your thesis “{{title}}” is ready to download under “Thesis checks” in the {{library}} reader portal.',
    ].join('\n'),
  },
})

/** Tells the graduate their report can now be downloaded. */
export const announceReport = (trx: Kysely<DB>, thesis: Announced) =>
  enqueueNotice(trx, {
    libraryId: thesis.libraryId,
    event: 'similarity_check.report',
    recipientAccountId: thesis.accountId,
    dedupeKey: `similarity:${thesis.eventId}`,
    data: { name: thesis.authorName, title: thesis.title },
  })
