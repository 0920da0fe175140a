import { defineRequestType } from '../request-type.ts'

/** 馆际互借 (S2): a printed book borrowed from another library for the reader. */
export const interlibraryLoan = defineRequestType({
  code: 'interlibrary_loan',
  prefix: 'IL',
  name: { zh: '馆际互借', en: 'Interlibrary loan' },
  description: {
    zh: '从其他图书馆借入本馆没有的纸本图书，到馆后通知您取书。',
    en: 'Borrow a printed book from another library; you are told when it arrives.',
  },
  fields: [
    { name: 'title', kind: 'text', max: 300, required: true, label: { zh: '书名', en: 'Title' } },
    { name: 'author', kind: 'text', max: 200, required: false, label: { zh: '著者', en: 'Author' } },
    { name: 'isbn', kind: 'isbn', required: false, label: { zh: 'ISBN', en: 'ISBN' } },
    {
      name: 'lendingLibrary',
      kind: 'text',
      max: 200,
      required: false,
      label: { zh: '建议借出馆', en: 'Suggested lending library' },
    },
    {
      name: 'pickup',
      kind: 'select',
      required: true,
      label: { zh: '取书方式', en: 'Pickup' },
      options: [
        { value: 'desk', label: { zh: '总馆服务台', en: 'Main library desk' } },
        { value: 'locker', label: { zh: '自助取书柜', en: 'Self-service locker' } },
        { value: 'mail', label: { zh: '邮寄（疫期）', en: 'By post (during closure)' } },
      ],
    },
  ],
  statuses: {
    submitted: { label: { zh: '已提交', en: 'Submitted' } },
    requested: { label: { zh: '已向借出馆申请', en: 'Requested from lender' } },
    ready: { label: { zh: '已到馆待取', en: 'Ready for pickup' } },
    borrowed: { label: { zh: '已借出', en: 'Borrowed' } },
    returned: { label: { zh: '已归还', en: 'Returned' }, final: true },
    unfillable: { label: { zh: '无法借到', en: 'Could not be borrowed' }, final: true },
    cancelled: { label: { zh: '已撤销', en: 'Cancelled' }, final: true },
  },
  initial: 'submitted',
  transitions: [
    {
      action: 'request',
      from: ['submitted'],
      to: 'requested',
      by: 'staff',
      label: { zh: '向借出馆申请', en: 'Request from lender' },
    },
    {
      action: 'arrive',
      from: ['requested'],
      to: 'ready',
      by: 'staff',
      label: { zh: '已到馆', en: 'Arrived' },
    },
    {
      action: 'lend',
      from: ['ready'],
      to: 'borrowed',
      by: 'staff',
      label: { zh: '借给读者', en: 'Lend to reader' },
    },
    {
      action: 'return',
      from: ['borrowed'],
      to: 'returned',
      by: 'staff',
      label: { zh: '已归还', en: 'Returned' },
    },
    {
      action: 'decline',
      from: ['submitted', 'requested'],
      to: 'unfillable',
      by: 'staff',
      needsReason: true,
      label: { zh: '无法借到', en: 'Cannot borrow' },
    },
    {
      action: 'cancel',
      from: ['submitted'],
      to: 'cancelled',
      by: 'reader',
      label: { zh: '撤销申请', en: 'Cancel' },
    },
  ],
  targetWorkingDays: 10,
  assignment: 'team',
  attachments: { allowed: false, maxFiles: 0 },
  feeFen: 0,
})
