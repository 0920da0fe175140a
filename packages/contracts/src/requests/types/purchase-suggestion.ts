import { defineRequestType } from '../request-type.ts'

/** 图书荐购 (S7): a reader suggests a book; the suggester hears of each step. */
export const purchaseSuggestion = defineRequestType({
  code: 'purchase_suggestion',
  prefix: 'PS',
  name: { zh: '图书荐购', en: 'Purchase suggestion' },
  description: {
    zh: '推荐图书馆购买您需要的图书或电子书，采购的每一步都会通知您。',
    en: 'Suggest a book or e-book for the library to buy; you are told of each step.',
  },
  fields: [
    { name: 'title', kind: 'text', max: 300, required: true, label: { zh: '书名', en: 'Title' } },
    { name: 'author', kind: 'text', max: 200, required: false, label: { zh: '著者', en: 'Author' } },
    { name: 'isbn', kind: 'isbn', required: false, label: { zh: 'ISBN', en: 'ISBN' } },
    { name: 'publisher', kind: 'text', max: 200, required: false, label: { zh: '出版社', en: 'Publisher' } },
    {
      name: 'reason',
      kind: 'textarea',
      max: 1000,
      required: false,
      label: { zh: '推荐理由', en: 'Why the library should buy it' },
    },
  ],
  statuses: {
    suggested: { label: { zh: '已推荐', en: 'Suggested' } },
    accepted: { label: { zh: '已采纳', en: 'Accepted' } },
    ordered: { label: { zh: '已订购', en: 'Ordered' } },
    available: { label: { zh: '可借阅', en: 'Available' }, final: true },
    rejected: { label: { zh: '未采纳', en: 'Not accepted' }, final: true },
    cancelled: { label: { zh: '已撤销', en: 'Cancelled' }, final: true },
  },
  initial: 'suggested',
  transitions: [
    {
      action: 'accept',
      from: ['suggested'],
      to: 'accepted',
      by: 'staff',
      label: { zh: '采纳', en: 'Accept' },
    },
    {
      action: 'reject',
      from: ['suggested', 'accepted'],
      to: 'rejected',
      by: 'staff',
      needsReason: true,
      label: { zh: '不采纳', en: 'Decline' },
    },
    {
      action: 'order',
      from: ['accepted'],
      to: 'ordered',
      by: 'staff',
      label: { zh: '已订购', en: 'Ordered' },
    },
    {
      action: 'shelve',
      from: ['ordered'],
      to: 'available',
      by: 'staff',
      label: { zh: '已上架可借', en: 'Available to borrow' },
    },
    {
      action: 'cancel',
      from: ['suggested'],
      to: 'cancelled',
      by: 'reader',
      label: { zh: '撤销推荐', en: 'Withdraw' },
    },
  ],
  targetWorkingDays: 20,
  assignment: 'subject_librarian',
  attachments: { allowed: false, maxFiles: 0 },
  feeFen: 0,
})
