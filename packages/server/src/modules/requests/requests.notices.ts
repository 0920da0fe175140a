import type { RequestType } from '@shuqiao/contracts'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.ts'
import { defineNoticeTemplate, enqueueNotice } from '../../platform/notifications/notices.ts'

// What readers are told about their requests, in their own language.

defineNoticeTemplate('request.submitted', {
  label: { zh: '读者提交了服务申请', en: 'A reader submitted a service request' },
  zh: {
    subject: '已收到您的{{typeZh}}申请 {{number}}',
    body: '{{name}}，您好：\n\n{{library}}已收到您的{{typeZh}}申请（编号 {{number}}），预计在 {{dueDate}} 前办结。您可以在“我的申请”中随时查看进度。',
  },
  en: {
    subject: 'We have your {{typeEn}} request {{number}}',
    body: 'Dear {{name}},\n\n{{library}} has received your {{typeEn}} request ({{number}}) and aims to complete it by {{dueDate}}. Follow it under “My requests”.',
  },
})

defineNoticeTemplate('request.status_changed', {
  label: { zh: '服务申请状态变化', en: 'A service request changed status' },
  zh: {
    subject: '您的{{typeZh}}申请 {{number}}：{{statusZh}}',
    body: '{{name}}，您好：\n\n您的{{typeZh}}申请（编号 {{number}}）现在的状态是“{{statusZh}}”。{{note}}\n\n详情请见{{library}}读者门户的“我的申请”。',
  },
  en: {
    subject: 'Your {{typeEn}} request {{number}}: {{statusEn}}',
    body: 'Dear {{name}},\n\nYour {{typeEn}} request ({{number}}) is now “{{statusEn}}”. {{note}}\n\nSee “My requests” in the {{library}} reader portal for details.',
  },
})

interface Announced {
  libraryId: string
  requestId: string
  eventId: string
  number: string
  readerId: string
  readerName: string
  type: RequestType
}

/** Tells the reader their request arrived; written in the submitting transaction. */
export const announceSubmitted = (trx: Kysely<DB>, request: Announced & { dueDate: string }) =>
  enqueueNotice(trx, {
    libraryId: request.libraryId,
    event: 'request.submitted',
    recipientAccountId: request.readerId,
    dedupeKey: `request:${request.eventId}`,
    data: {
      name: request.readerName,
      number: request.number,
      typeZh: request.type.name.zh,
      typeEn: request.type.name.en,
      dueDate: request.dueDate,
    },
  })

/** Tells the reader their request moved on, with the librarian's note; in the same transaction. */
export const announceStatus = (
  trx: Kysely<DB>,
  request: Announced & { status: string; note: string | null },
) => {
  const status = request.type.statuses[request.status]?.label ?? { zh: request.status, en: request.status }
  return enqueueNotice(trx, {
    libraryId: request.libraryId,
    event: 'request.status_changed',
    recipientAccountId: request.readerId,
    dedupeKey: `request:${request.eventId}`,
    data: {
      name: request.readerName,
      number: request.number,
      typeZh: request.type.name.zh,
      typeEn: request.type.name.en,
      statusZh: status.zh,
      statusEn: status.en,
      note: request.note ?? '',
    },
  })
}

defineNoticeTemplate('request.reader_acted', {
  label: { zh: '读者更新了分配给我的申请', en: 'A reader updated a request assigned to me' },
  zh: {
    subject: '{{typeZh}}申请 {{number}}：读者{{reader}}“{{actionZh}}”',
    body: '{{name}}，您好：\n\n分配给您的{{typeZh}}申请（编号 {{number}}）有新动态：读者{{reader}}“{{actionZh}}”。{{note}}\n\n请到{{library}}馆员工作台的“服务申请”中查看。',
  },
  en: {
    subject: '{{typeEn}} request {{number}}: {{reader}} chose “{{actionEn}}”',
    body: 'Dear {{name}},\n\nThe {{typeEn}} request {{number}} assigned to you has news: the reader {{reader}} chose “{{actionEn}}”. {{note}}\n\nSee it under “Service requests” in the {{library}} staff console.',
  },
})

/**
 * Tells the librarian a request is assigned to that its reader did something they should see:
 * resubmitted it after it was returned, answered, or withdrew it. Same transaction as the change.
 */
export const announceReaderAction = (
  trx: Kysely<DB>,
  request: Omit<Announced, 'readerId'> & {
    assigneeId: string
    assigneeName: string
    action: { zh: string; en: string }
    note: string | null
  },
) =>
  enqueueNotice(trx, {
    libraryId: request.libraryId,
    event: 'request.reader_acted',
    recipientAccountId: request.assigneeId,
    dedupeKey: `request:${request.eventId}:assignee`,
    data: {
      name: request.assigneeName,
      reader: request.readerName,
      number: request.number,
      typeZh: request.type.name.zh,
      typeEn: request.type.name.en,
      actionZh: request.action.zh,
      actionEn: request.action.en,
      note: request.note ?? '',
    },
  })
