import { defineRequestType } from '../request-type.ts'

/** 文献传递 (S1): an article or chapter the library does not hold, obtained from a supplier. */
export const documentDelivery = defineRequestType({
  code: 'document_delivery',
  prefix: 'DD',
  name: { zh: '文献传递', en: 'Document delivery' },
  description: {
    zh: '本馆没有的期刊论文、会议论文或图书章节，由馆员从 CALIS、NSTL、CASHL 等获取电子全文。',
    en: 'Articles, papers or book chapters the library lacks, obtained as files from CALIS, NSTL, CASHL and others.',
  },
  fields: [
    {
      name: 'citation',
      kind: 'textarea',
      max: 2000,
      required: true,
      label: { zh: '文献信息', en: 'Citation' },
      help: {
        zh: '作者、题名、刊名、年卷期、页码',
        en: 'Authors, title, journal, year, volume, issue, pages',
      },
    },
    { name: 'doi', kind: 'doi', required: false, label: { zh: 'DOI', en: 'DOI' } },
    { name: 'neededBy', kind: 'date', required: false, label: { zh: '最晚需要日期', en: 'Needed by' } },
  ],
  statuses: {
    submitted: { label: { zh: '已提交', en: 'Submitted' } },
    processing: { label: { zh: '处理中', en: 'Processing' } },
    ordered: { label: { zh: '已向供应方申请', en: 'Ordered from supplier' } },
    delivered: { label: { zh: '已送达', en: 'Delivered' }, final: true },
    unfillable: { label: { zh: '无法获取', en: 'Could not be supplied' }, final: true },
    cancelled: { label: { zh: '已撤销', en: 'Cancelled' }, final: true },
  },
  initial: 'submitted',
  transitions: [
    {
      action: 'accept',
      from: ['submitted'],
      to: 'processing',
      by: 'staff',
      label: { zh: '受理', en: 'Accept' },
    },
    {
      action: 'order',
      from: ['processing'],
      to: 'ordered',
      by: 'staff',
      label: { zh: '向供应方申请', en: 'Order from supplier' },
    },
    {
      action: 'deliver',
      from: ['processing', 'ordered'],
      to: 'delivered',
      by: 'staff',
      needsFile: true,
      label: { zh: '送达全文', en: 'Deliver the file' },
    },
    {
      action: 'decline',
      from: ['submitted', 'processing', 'ordered'],
      to: 'unfillable',
      by: 'staff',
      needsReason: true,
      label: { zh: '无法获取', en: 'Cannot supply' },
    },
    {
      action: 'cancel',
      from: ['submitted', 'processing'],
      to: 'cancelled',
      by: 'reader',
      label: { zh: '撤销申请', en: 'Cancel' },
    },
  ],
  targetWorkingDays: 3,
  assignment: 'subject_librarian',
  attachments: { allowed: true, maxFiles: 5 },
  feeFen: 500,
})
